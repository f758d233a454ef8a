"""DIS001–DIS002: sponsorships and affiliations must be disclosed clearly and early."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks.findings import Finding, Severity, describe_span, line_col
from socialtui.checks.rule import CheckContext, Rule, register

CLEAR_DISCLOSURE = re.compile(
    r"(?<!\w)#(?:ad|advertisement|sponsored|paid|paidpartnership|paidpartner)\b|"
    r"\b(?:sponsored(?: by| post| content)?|paid partnership|paid (?:post|promotion|advertisement)|"
    r"advertisement|ad:|disclosure:|we (?:receive|received|get|are paid|were paid|earn)\s+"
    r"(?:compensation|payment|a fee|funding|money|commission)|"
    r"(?:compensated|paid|funded) by|(?:has|have) (?:a )?financial (?:relationship|ties)|"
    r"(?:is|are) (?:a )?paid (?:partner|sponsor)|in paid partnership)\b",
    re.IGNORECASE,
)
WEAK_DISCLOSURE = re.compile(
    r"(?<!\w)#(?:sp|spon|partner|partners|collab|ambassador|gifted|thanks|brandpartner)\b|"
    r"\b(?:thanks|thank you|shout[- ]?out) to (?:our friends at |our partners at )?[A-Z]\w+|"
    r"\b(?:in partnership with|partnered with|brought to you by|powered by|our partners? at)\b",
)


def disclosure_window(text: str, lines: int) -> int:
    """Offset where the "first lines" of a text end: ``lines`` non-empty lines, at most 280 characters."""
    seen = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        if line.strip():
            seen += 1
            if seen >= lines:
                break
    return min(offset, 280)


def early_disclosure(ctx: CheckContext) -> bool:
    """Whether a clear disclosure starts within the first lines of the text."""
    m = CLEAR_DISCLOSURE.search(ctx.text)
    return m is not None and m.start() < disclosure_window(ctx.text, ctx.settings.disclosure_window_lines)


@register
class MissingDisclosure(Rule):
    """Sponsored or affiliated post without a clear, early disclosure.

    What it does:
        When the post has a sponsor or affiliations, requires a clear
        disclosure ("#ad", "Sponsored", "Paid partnership", "We receive
        compensation from ...") in its first lines. Weak tags ("#sp",
        "#partner", a bare "thanks to BRAND") do not count; neither does a
        disclosure buried at the end.

    Why:
        The FTC requires material connections to be disclosed clearly and
        conspicuously, and the guidance asks for transparency about every
        sponsorship and financial relationship.

    Example:
        "Love these new glucose monitors from GlucoCo! #sp"
    """

    code = "DIS001"
    slug = "missing-disclosure"
    severity = Severity.ERROR
    hint = "Start the post with \"Sponsored:\" or \"#ad\", or say \"We receive compensation from ...\"."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        subject = ctx.subject
        if not subject.sponsor and not subject.affiliations:
            return
        if early_disclosure(ctx):
            return
        text = ctx.text
        clear = CLEAR_DISCLOSURE.search(text)
        if clear:
            line, _ = line_col(text, clear.start())
            yield self.finding(ctx, clear.start(), clear.end(),
                               f"The disclosure on line {line} comes too late; readers must see it first.")
            return
        weak = WEAK_DISCLOSURE.search(text)
        if weak:
            yield self.finding(ctx, weak.start(), weak.end(),
                               f"The wording at {describe_span(*weak.span())} is not a clear disclosure.")
            return
        who = "sponsored" if subject.sponsor else "affiliated"
        yield self.finding(ctx, 0, 0, f"This {who} post has no disclosure.")


@register
class UndisclosedBrand(Rule):
    """Affiliated brand mentioned without disclosure.

    What it does:
        Finds mentions of the brands listed in ``checks.affiliated_brands``
        (the practice's financial relationships) in a post that carries no
        clear disclosure in its first lines.

    Why:
        A mention of a brand the practice is paid by is an endorsement, even
        when the post itself is not marked sponsored.

    Example:
        With ``affiliated_brands = ["BrightSmile"]``: "We love BrightSmile
        whitening strips for a quick touch-up!"
    """

    code = "DIS002"
    slug = "undisclosed-brand"
    severity = Severity.WARNING
    hint = "Add \"#ad\" or \"We receive compensation from <brand>\" at the start, or set the sponsor field."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        subject = ctx.subject
        brands = [b for b in ctx.settings.affiliated_brands if b.strip()]
        if not brands or subject.sponsor or subject.affiliations or early_disclosure(ctx):
            return
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(b) for b in brands) + r")(?!\w)", re.IGNORECASE)
        m = pattern.search(ctx.text)
        if m:
            yield self.finding(ctx, m.start(), m.end(),
                               f"An affiliated brand is mentioned at {describe_span(*m.span())} without a disclosure.")
