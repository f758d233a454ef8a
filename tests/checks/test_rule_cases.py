"""Every rule against its case file: realistic posts that must, and must not, trigger it.

One file per code in ``cases/`` (``PRV001.toml`` ...), each with ``[[fail]]`` and
``[[pass]]`` tables: a post text plus any context (kind, sponsor, consents,
citations, targets, media, staff, settings). A failing case expects a finding of
that code at the rule's severity (or the case's ``severity``); a passing case
expects none at error or warning (none at all for info rules).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from socialtui.checks import Severity, all_rules, registry, run_checks

from .harness import build

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        code = path.stem
        for outcome in ("fail", "pass"):
            for index, case in enumerate(data.get(outcome, []), 1):
                params.append(pytest.param(code, outcome, case, id=f"{code}-{outcome}-{index}"))
    return params


CASES = load_cases()


def test_every_rule_has_five_failing_and_five_passing_cases() -> None:
    counts: dict[tuple[str, str], int] = {}
    for param in CASES:
        code, outcome, _ = param.values
        counts[code, outcome] = counts.get((code, outcome), 0) + 1
    short = [f"{r.code} {o}" for r in all_rules() for o in ("fail", "pass") if counts.get((r.code, o), 0) < 5]
    assert short == []


@pytest.mark.parametrize(("code", "outcome", "case"), CASES)
def test_rule_case(code: str, outcome: str, case: dict[str, Any], tmp_path: Path) -> None:
    rule = registry.get(code) if code in registry else next(r for r in all_rules() if r.code == code)
    subject, settings = build(case, tmp_path)
    found = [f for f in run_checks(subject, settings) if f.code == code]
    assert not [f for f in run_checks(subject, settings) if "could not run" in f.message]
    if outcome == "fail":
        expected = Severity(case.get("severity", rule.severity.value))
        assert any(f.severity is expected for f in found), f"expected {code} {expected.value}, got {found}"
        for f in found:
            text = subject.text if f.variant is None else subject.variants[f.variant]
            assert 0 <= f.start <= f.end <= len(text)
    elif rule.severity is Severity.INFO:
        assert found == []
    else:
        assert [f for f in found if f.severity is not Severity.INFO] == []
