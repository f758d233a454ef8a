"""What a rule is, the context it runs in, and the one registry that holds them.

A rule has a code (family letters and three digits, e.g. ``PRV001``), a slug,
a severity, a lifecycle and a docstring with *What it does*, *Why* and
*Example* sections, from which ``docs/checks.md`` is generated. Codes are fixed
once and never reused; the registry refuses a duplicate at registration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, ClassVar, TypeVar

from socialtui.checks.findings import Finding, Severity, Span
from socialtui.checks.subject import CheckSubject

if TYPE_CHECKING:
    from socialtui.checks.settings import CheckSettings

FAMILIES: dict[str, str] = {
    "PRV": "Privacy",
    "ACC": "Accuracy",
    "ADV": "Medical advice",
    "DIS": "Disclosure",
    "PRO": "Professionalism",
    "TON": "Tone",
    "ENG": "Engagement (replies)",
    "RDB": "Readability",
    "PLT": "Platform",
    "STF": "Staff",
}
"""Family prefix -> the name the docs and the TUI show."""

CODE_PATTERN = re.compile(r"^(?P<family>[A-Z]{3})\d{3}$")
SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DOC_SECTIONS = ("What it does", "Why", "Example")


_LITERAL_OR_ESCAPE = re.compile(r"\\.|\(\?P[<=]\w+|[A-Z]")


@lru_cache(maxsize=256)
def lowercase_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive pattern rewritten for lowercase text: literals lowered, IGNORECASE off.

    Escapes (``\\W``, ``\\S``) and group names keep their case. A pattern with
    case-sensitive parts (``(?-i:...)``) is returned unchanged.
    """
    if "(?-i" in pattern.pattern:
        return pattern
    source = _LITERAL_OR_ESCAPE.sub(lambda m: m.group() if len(m.group()) > 1 else m.group().lower(), pattern.pattern)
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


class Lifecycle(StrEnum):
    """Whether a rule is settled (``stable``) or still being tuned (``preview``)."""

    STABLE = "stable"
    PREVIEW = "preview"


@dataclass
class CheckContext:
    """One text to check (the base text or a platform's override) and its post.

    ``variant`` is None for the base text. ``memo`` lets rules of one run share
    work done on the same text (e.g. the spans of identifiers already claimed).
    """

    text: str
    variant: str | None
    subject: CheckSubject
    settings: CheckSettings
    memo: dict[str, object] = field(default_factory=dict)

    @cached_property
    def lower(self) -> str:
        """The text in lowercase, computed once for every rule's keyword prefilters."""
        return self.text.lower()

    def mentions(self, *stems: str) -> bool:
        """Whether the lowercase text contains any of ``stems``: a cheap test before a regex."""
        return any(map(self.lower.__contains__, stems))

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer(self.text)``, faster for a case-insensitive pattern.

        Python's IGNORECASE folds case at every comparison; the same pattern with
        lowercase literals, run on the lowercase text, finds the same spans several
        times faster. The matches' groups are then lowercase. When lowercasing
        changes the text's length (a few Unicode letters), the original pattern runs.
        """
        return casefree_finditer(pattern, self.text, self.lower)

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first match of ``pattern`` in the text, found as :meth:`finditer` finds them."""
        return next(self.finditer(pattern), None)

    @property
    def is_base(self) -> bool:
        """Whether this is the base text (post-level rules run only here)."""
        return self.variant is None


_IGNORECASE = int(re.IGNORECASE)
_LOWERED: dict[re.Pattern[str], re.Pattern[str]] = {}
"""Each pattern's lowercase twin, or the pattern itself when it has none (case-sensitive parts)."""


def casefree_finditer(pattern: re.Pattern[str], text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` run as :meth:`CheckContext.finditer` does; ``lower`` is ``text.lower()``."""
    lowered = _LOWERED.get(pattern)
    if lowered is None:
        lowered = _LOWERED[pattern] = lowercase_pattern(pattern) if pattern.flags & _IGNORECASE else pattern
    if lowered is pattern:  # case-sensitive, or with case-sensitive parts: the original text
        return pattern.finditer(text)
    lower = text.lower() if lower is None else lower
    if len(lower) != len(text):
        return pattern.finditer(text)
    return lowered.finditer(lower)


def casefree_search(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a case-insensitive ``pattern`` matches anywhere in ``text`` (see :func:`casefree_finditer`)."""
    return next(casefree_finditer(pattern, text), None) is not None


class Rule:
    """Base of every rule. Subclasses set the class data and override :meth:`check`.

    ``per_text`` rules run on the base text and on every platform override;
    the others (consent, media, staff, platform limits) run once per post.
    """

    code: ClassVar[str]
    slug: ClassVar[str]
    severity: ClassVar[Severity]
    lifecycle: ClassVar[Lifecycle] = Lifecycle.STABLE
    per_text: ClassVar[bool] = True
    hint: ClassVar[str] = ""
    """The default hint for this rule's findings."""

    @property
    def family(self) -> str:
        """The three-letter family prefix of the code."""
        return self.code[:3]

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        """Yield the findings for one text (``per_text``) or one post."""
        raise NotImplementedError

    def finding(
        self,
        ctx: CheckContext,
        start: int,
        end: int,
        message: str,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule at ``[start, end)`` of the context's text."""
        return Finding(
            code=self.code,
            slug=self.slug,
            severity=severity or self.severity,
            span=Span(start, end, ctx.variant),
            message=message,
            hint=self.hint if hint is None else hint,
        )

    def post_finding(
        self, ctx: CheckContext, message: str, hint: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A post-level finding: an empty span at the start of the base text."""
        return self.finding(ctx, 0, 0, message, hint, severity)


class DuplicateRuleError(ValueError):
    """A rule was registered under a code (or slug) that is already taken."""


class InvalidRuleError(ValueError):
    """A rule class lacks a valid code, slug, severity or docstring section."""


R = TypeVar("R", bound=type[Rule])


class RuleRegistry:
    """The one table of rules, keyed by code, refusing duplicates.

    ``autoload`` names a module that registers rules when imported; it is
    imported the first time the registry is read, so ``registry.rules()`` is
    complete without importing every rule module up front.
    """

    def __init__(self, autoload: str | None = None) -> None:
        self._rules: dict[str, Rule] = {}
        self._autoload = autoload

    def _load(self) -> None:
        if self._autoload is not None:
            module, self._autoload = self._autoload, None
            import importlib

            importlib.import_module(module)

    def register(self, rule_class: R) -> R:
        """Add a rule class (usable as a decorator).

        Raises:
            DuplicateRuleError: the code or slug is already registered.
            InvalidRuleError: the code, slug, severity or docstring is malformed.
        """
        validate_rule_class(rule_class)
        self._load()
        code = rule_class.code
        if code in self._rules:
            raise DuplicateRuleError(
                f"Rule code {code} is already registered by "
                f"{type(self._rules[code]).__name__}; codes are never reused."
            )
        if any(r.slug == rule_class.slug for r in self._rules.values()):
            raise DuplicateRuleError(f"Rule slug {rule_class.slug!r} is already registered.")
        self._rules[code] = rule_class()
        return rule_class

    def get(self, code: str) -> Rule:
        """The rule registered as ``code``; KeyError when there is none."""
        self._load()
        return self._rules[code]

    def rules(self) -> list[Rule]:
        """Every rule, sorted by code."""
        self._load()
        return [self._rules[c] for c in sorted(self._rules)]

    def codes(self) -> list[str]:
        """Every registered code, sorted."""
        self._load()
        return sorted(self._rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules())

    def __len__(self) -> int:
        self._load()
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        self._load()
        return code in self._rules


def doc_sections(rule_class: type[Rule]) -> dict[str, str]:
    """The rule docstring's sections by heading (``What it does``, ``Why``, ``Example``)."""
    import inspect

    doc = inspect.getdoc(rule_class) or ""
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in doc.splitlines():
        heading = line.strip().rstrip(":")
        if heading in DOC_SECTIONS and line.strip().endswith(":"):
            if current is not None:
                sections[current] = "\n".join(lines).strip()
            current, lines = heading, []
        elif current is not None:
            lines.append(line)
    if current is not None:
        sections[current] = "\n".join(lines).strip()
    return sections


def validate_rule_class(rule_class: type[Rule]) -> None:
    """Raise InvalidRuleError unless the class is a well-formed rule."""
    code = getattr(rule_class, "code", "")
    match = CODE_PATTERN.match(code)
    if not match or match["family"] not in FAMILIES:
        raise InvalidRuleError(f"{rule_class.__name__}: code {code!r} is not FAMILY + 3 digits.")
    if not SLUG_PATTERN.match(getattr(rule_class, "slug", "")):
        raise InvalidRuleError(f"{code}: slug must be lowercase-with-dashes.")
    if not isinstance(getattr(rule_class, "severity", None), Severity):
        raise InvalidRuleError(f"{code}: severity must be a Severity.")
    sections = doc_sections(rule_class)
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    if missing:
        raise InvalidRuleError(f"{code}: docstring lacks section(s) {', '.join(missing)}.")


registry = RuleRegistry(autoload="socialtui.checks.rules")
"""The registry every built-in rule is registered in (loaded on first read)."""

register = registry.register
"""Decorator: ``@register`` on a rule class adds it to :data:`registry`."""
