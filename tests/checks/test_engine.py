"""The engine, the registry and the findings: behaviour every rule relies on."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from socialtui.checks import (
    CheckSettings,
    CheckSubject,
    CitationInfo,
    DuplicateRuleError,
    Finding,
    Severity,
    Span,
    TargetInfo,
    all_rules,
    blocking,
    line_col,
    registry,
    run_checks,
    warnings,
)
from socialtui.checks import docs
from socialtui.checks.rule import DOC_SECTIONS, InvalidRuleError, Rule, RuleRegistry, doc_sections

from .harness import build

CASES_DIR = Path(__file__).parent / "cases"
LEAKY = "Our patient Maria Lopez (312-867-5309) came in for her knee."


def _rule_class(code: str, slug: str = "example-rule") -> type[Rule]:
    class Example(Rule):
        """Example rule.

        What it does:
            Nothing.

        Why:
            Tests.

        Example:
            "text"
        """

    Example.code = code
    Example.slug = slug
    Example.severity = Severity.INFO
    return Example


def test_registry_refuses_a_duplicate_code() -> None:
    table = RuleRegistry()
    table.register(_rule_class("PRV901"))
    with pytest.raises(DuplicateRuleError, match="PRV901"):
        table.register(_rule_class("PRV901", "another-slug"))


def test_registry_refuses_a_code_already_used_by_a_built_in_rule() -> None:
    all_rules()
    with pytest.raises(DuplicateRuleError):
        registry.register(_rule_class("PRV001", "a-new-slug"))


def test_registry_refuses_a_code_outside_the_families() -> None:
    with pytest.raises(InvalidRuleError):
        RuleRegistry().register(_rule_class("XYZ001"))


def test_every_rule_docstring_has_what_why_and_example() -> None:
    for rule in all_rules():
        sections = doc_sections(type(rule))
        assert [s for s in DOC_SECTIONS if not sections.get(s)] == [], rule.code


def test_every_family_has_a_rule() -> None:
    assert {r.family for r in all_rules()} == {"PRV", "ACC", "ADV", "DIS", "PRO", "TON", "ENG", "RDB", "PLT", "STF"}


def test_docs_checks_md_is_up_to_date() -> None:
    assert docs.main(["--check"]) == 0, "run: python -m socialtui.checks.docs"


def test_findings_never_repeat_the_sensitive_text_they_flagged(tmp_path: Path) -> None:
    for path in sorted(CASES_DIR.glob("PRV*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get("fail", []):
            subject, settings = build(case, tmp_path)
            for f in run_checks(subject, settings):
                flagged = subject.text[f.start:f.end] if f.variant is None else subject.variants[f.variant][f.start:f.end]
                if f.code.startswith("PRV") and len(flagged) >= 3:
                    assert flagged not in f.message and flagged not in f.hint, (path.name, f.code)


def test_findings_are_sorted_by_variant_then_start() -> None:
    subject = CheckSubject(text=LEAKY, variants={"x": "Call Maria at 312-867-5309. " + LEAKY, "facebook": LEAKY})
    findings = run_checks(subject)
    keys = [("" if f.variant is None else f.variant, f.start) for f in findings]
    assert keys == sorted(keys)


def test_each_differing_variant_is_checked_and_named_in_the_span() -> None:
    subject = CheckSubject(text="Flu shots are in.", variants={"x": "Email jane.doe84@gmail.com about her results"})
    found = [f for f in run_checks(subject) if f.code == "PRV002"]
    assert [(f.variant, f.start) for f in found] == [("x", 6)]


def test_a_variant_equal_to_the_base_text_is_not_reported_twice() -> None:
    subject = CheckSubject(text=LEAKY, variants={"facebook": LEAKY})
    assert all(f.variant is None for f in run_checks(subject))


def test_disabled_codes_do_not_run() -> None:
    findings = run_checks(CheckSubject(text=LEAKY), CheckSettings(disabled=["PRV001"], disabled_reasons={"PRV001": "test"}))
    assert "PRV001" not in {f.code for f in findings}
    assert "PRV011" in {f.code for f in findings}


def test_blocking_and_warnings_select_by_severity() -> None:
    def make(severity: Severity) -> Finding:
        return Finding("PRV001", "phone-number", severity, Span(0, 1), "m")

    findings = [make(Severity.ERROR), make(Severity.WARNING), make(Severity.INFO)]
    assert [f.severity for f in blocking(findings)] == [Severity.ERROR]
    assert [f.severity for f in warnings(findings)] == [Severity.WARNING]


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [("abc", 0, (1, 1)), ("abc", 2, (1, 3)), ("ab\ncd", 3, (2, 1)), ("ab\ncd", 4, (2, 2)), ("ab", 99, (1, 3))],
)
def test_line_col_is_one_based(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert line_col(text, offset) == expected


def test_a_rule_that_raises_blocks_instead_of_crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = registry.get("TON001")

    def broken(ctx: Any) -> list[Finding]:
        raise RuntimeError("boom")

    monkeypatch.setattr(rule, "check", broken)
    found = [f for f in run_checks(CheckSubject(text="hello")) if f.code == "TON001"]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "could not run" in found[0].message


def test_subject_repr_holds_no_post_text() -> None:
    assert "Maria" not in repr(CheckSubject(text=LEAKY, targets=(TargetInfo("@us", "x"),)))


def test_nothing_is_downloaded(no_network: list[object], tmp_path: Path) -> None:
    from socialtui.checks.citations import _extractor
    from socialtui.checks.rules.readability import grader

    grader.cache_clear()
    _extractor.cache_clear()
    subject = CheckSubject(
        text=LEAKY + " Studies show this breakthrough cures 90% of cases. " * 3
        + "Hypercholesterolemia necessitates comprehensive pharmacological interventions. " * 5,
        kind="testimonial",
        citations=(CitationInfo("https://blog.example.com/x"),),
        targets=(TargetInfo("@us", "x"), TargetInfo("@us", "facebook")),
    )
    findings = run_checks(subject)
    assert {"ACC002", "RDB001", "PLT001"} <= {f.code for f in findings}
    assert no_network == []


def test_importing_the_engine_loads_no_heavy_or_tui_library() -> None:
    code = (
        "import sys, socialtui.checks; "
        "heavy = {'textual', 'phonenumbers', 'textstat', 'nltk', 'tldextract', 'PIL', 'pydantic', 'sqlalchemy'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_run_checks_never_imports_the_tui() -> None:
    code = (
        "import sys; from socialtui.checks import run_checks, CheckSubject; "
        "run_checks(CheckSubject('Call 312-867-5309 ' * 20)); print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_registry_lists_the_built_in_rules_on_first_read() -> None:
    code = "from socialtui.checks import registry; print(len(registry.rules()) > 30, 'PRV001' in registry)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_subjects_with_variants_are_hashable() -> None:
    one = CheckSubject(text="a", variants={"x": "b"})
    assert hash(one) == hash(CheckSubject(text="a", variants={"x": "b"}))
