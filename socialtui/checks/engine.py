"""Run every enabled rule over a post's base text, its platform overrides and its context."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from socialtui.checks.findings import Finding, Severity, sort_key
from socialtui.checks.rule import CheckContext, Rule, registry
from socialtui.checks.subject import CheckSubject

if TYPE_CHECKING:
    from socialtui.checks.settings import CheckSettings

log = logging.getLogger(__name__)

def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code (the built-in ones load on first call)."""
    return registry.rules()


def texts_to_check(subject: CheckSubject) -> list[tuple[str | None, str]]:
    """(variant, text) pairs: the base text, then each override that differs from it."""
    texts: list[tuple[str | None, str]] = [(None, subject.text)]
    for platform in sorted(subject.variants):
        text = subject.variants[platform]
        if text != subject.text:
            texts.append((platform, text))
    return texts


def _run_rule(rule: Rule, ctx: CheckContext) -> list[Finding]:
    try:
        return list(rule.check(ctx))
    except Exception as exc:  # a broken rule must block, not crash the composer
        log.exception("check %s failed", rule.code)
        return [
            rule.finding(
                ctx, 0, 0,
                f"The {rule.code} check could not run ({type(exc).__name__}).",
                "Report this to practice IT; the post cannot be approved until it runs.",
                Severity.ERROR,
            )
        ]


def run_checks(subject: CheckSubject, settings: CheckSettings | None = None) -> list[Finding]:
    """Every finding for ``subject``, sorted by variant (base first) then position.

    Text rules run on the base text and each differing platform override;
    post-level rules (consent, media, platform limits, staff) run once.
    Codes listed in ``settings.disabled`` are skipped. Nothing is downloaded.
    """
    if settings is None:
        # pydantic is imported on first use, keeping `import socialtui.checks` light.
        from socialtui.checks.settings import CheckSettings

        settings = CheckSettings()
    disabled = set(settings.disabled)
    rules = [r for r in all_rules() if r.code not in disabled]
    contexts = [CheckContext(text, variant, subject, settings) for variant, text in texts_to_check(subject)]
    findings: list[Finding] = []
    for rule in rules:
        if rule.per_text:
            for ctx in contexts:
                findings.extend(_run_rule(rule, ctx))
        else:
            findings.extend(_run_rule(rule, contexts[0]))
    findings.sort(key=sort_key)
    return findings
