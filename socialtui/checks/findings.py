"""What a check reports: a :class:`Finding` pointing at a span of the text it checked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding stops a post.

    ``error`` blocks approval and dispatch; ``warning`` needs an override with a
    written reason; ``info`` only advises.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sorts the worst first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Span:
    """Where a finding is: ``[start, end)`` offsets in the text that was checked.

    ``variant`` is None for the base text, or the platform name when the text
    was that platform's override. Post-level findings (consent, staff, media)
    use an empty span at 0.
    """

    start: int
    end: int
    variant: str | None = None


@dataclass(frozen=True)
class Finding:
    """One problem a rule found, in words an office manager can act on.

    ``message`` and ``hint`` never repeat the sensitive text that was found;
    they point at the span instead.
    """

    code: str
    slug: str
    severity: Severity
    span: Span
    message: str
    hint: str = ""

    @property
    def start(self) -> int:
        """Start offset of the span."""
        return self.span.start

    @property
    def end(self) -> int:
        """End offset of the span."""
        return self.span.end

    @property
    def variant(self) -> str | None:
        """The platform whose override text was checked, or None for the base text."""
        return self.span.variant

    @property
    def blocks(self) -> bool:
        """Whether this finding stops approval and dispatch."""
        return self.severity is Severity.ERROR


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` in ``text``; offsets past the end clamp to it."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def describe_span(start: int, end: int) -> str:
    """Plain words for where a span is, e.g. ``characters 10–22``."""
    if end - start <= 1:
        return f"character {start + 1}"
    return f"characters {start + 1}–{end}"


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block approval and dispatch (severity error)."""
    return [f for f in findings if f.severity is Severity.ERROR]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that need an override with a written reason."""
    return [f for f in findings if f.severity is Severity.WARNING]


def sort_key(finding: Finding) -> tuple[str, int, int, int, str]:
    """Order findings by variant (base text first), start, severity, code."""
    variant = "" if finding.variant is None else "\x01" + finding.variant
    return (variant, finding.start, finding.severity.rank, finding.end, finding.code)
