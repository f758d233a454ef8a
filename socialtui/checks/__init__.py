"""Safeguard checks: the practice's social-media rulebook as code.

``run_checks(subject)`` runs every enabled rule over a post's base text, each
platform override and the post's context (consents, citations, media, staff,
targets) and returns :class:`Finding` objects. Nothing here imports the TUI,
the store or the network; heavy libraries load only in the rules that need them.
"""

from typing import TYPE_CHECKING, Any

from socialtui.checks.engine import all_rules, run_checks
from socialtui.checks.findings import Finding, Severity, Span, blocking, line_col, warnings
from socialtui.checks.rule import FAMILIES, DuplicateRuleError, Lifecycle, Rule, registry
from socialtui.checks.subject import (
    CheckSubject,
    CitationInfo,
    ConsentInfo,
    MediaInfo,
    PolicyNoteInfo,
    StaffInfo,
    TargetInfo,
)

__all__ = [
    "FAMILIES",
    "CheckSettings",
    "CheckSubject",
    "CitationInfo",
    "ConsentInfo",
    "DuplicateRuleError",
    "Finding",
    "Lifecycle",
    "MediaInfo",
    "PolicyNoteInfo",
    "Rule",
    "Severity",
    "Span",
    "StaffInfo",
    "TargetInfo",
    "all_rules",
    "blocking",
    "line_col",
    "registry",
    "run_checks",
    "warnings",
]

if TYPE_CHECKING:
    from socialtui.checks.settings import CheckSettings


def __getattr__(name: str) -> Any:
    # CheckSettings needs pydantic (~60 ms to import): load it only when asked for.
    if name == "CheckSettings":
        from socialtui.checks.settings import CheckSettings

        return CheckSettings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
