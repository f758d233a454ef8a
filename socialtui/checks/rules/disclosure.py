"""DIS001–DIS002: sponsorships and affiliations must be disclosed clearly and early."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks.findings import Finding, Severity, describe_span, line_col
from socialtui.checks.rule import CheckContext, Rule, register

CLEAR_DISCLOSURE = re.compile(
    r"(?<!\w)#(?:ad|advertisement|sponsored|paid|paidpartnership|paidpartner)\b|"
    r"\b(?:(?:full|affiliate|sponsor(?:ship)?|partner(?:ship)?)\s+)?disclosure\s*:|\bad\s*:|"
    r"\b(?:we\s+)?(?:may\s+|do\s+)?(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?commissions?\b|"
    r"\baffiliate links?\b|\b(?:have|has)\s+a\s+(?:business|financial|paid)\s+relationship\b|"
    r"\b(?:sponsored(?: by| post| content)?|paid partnership|paid (?:post|promotion|advertisement)|"
    r"advertisement|we (?:receive|received|get|are paid|were paid|earn)\s+"
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


DISCLOSURE_CHARS = 125
"""Where feeds cut a post with "... more": a disclosure must start before it to be seen."""
TRAILING_TAGS = re.compile(r"(?:\s*(?:#\w+|[^\w\s#]+))*\s*$")
"""Hashtags and emoji to the end of the text: a disclosure among them is not conspicuous."""
IMPLIED_SPONSORSHIP = re.compile(
    r"\b(?:use|with|enter|apply|using)\s+(?:the\s+|our\s+|my\s+)?(?:promo\s+|discount\s+|coupon\s+)?code\s+(?-i:[A-Z][A-Z0-9]{3,})\b|"
    r"\b(?:through|with|via|using|at)\s+(?:the\s+|our\s+)(?:affiliate\s+)?link\b|"
    r"\b(?:thanks?|thank you|shout[- ]?out|grateful)\b[^.!?\n]{0,30}?\b(?:to|at)\s+(?:our\s+\w+\s+at\s+|the\s+\w+\s+at\s+)?"
    r"(?-i:[A-Z][\w&'’-]+)[^.!?\n]{0,30}?\bfor\s+(?:the\s+|our\s+|these\s+|those\s+|all\s+the\s+)?"
    r"(?:free\b|stocking|sending|donating|gifting|providing|(?:[\w-]+\s+){0,3}(?:samples?|goodie bags?|swag|"
    r"treats|lunch|supplies|donation|gifts?)\b)",
    re.IGNORECASE,
)
"""A promo code, "our link", or a brand thanked for free goods: a sponsorship nobody declared."""


def disclosure_window(text: str, lines: int) -> int:
    """Offset where the "first lines" of a text end: ``lines`` non-empty lines, at most 125 characters."""
    seen = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        if line.strip():
            seen += 1
            if seen >= lines:
                break
    return min(offset, DISCLOSURE_CHARS)


def early_disclosure(ctx: CheckContext) -> bool:
    """Whether a clear disclosure starts within the first lines (and 125 characters) of the text.

    A hashtag among the trailing hashtags does not count, however short the post:
    readers skip that block.
    """
    window = disclosure_window(ctx.text, ctx.settings.disclosure_window_lines)
    for m in ctx.finditer(CLEAR_DISCLOSURE):
        if m.start() >= window:
            return False
        trailing = m.group().startswith("#") and m.start() > 0 and TRAILING_TAGS.fullmatch(ctx.text, m.end()) is not None
        if not trailing:
            return True
    return False


@register
class MissingDisclosure(Rule):
    """Sponsored or affiliated post without a clear, early disclosure.

    What it does:
        When the post has a sponsor or affiliations, requires a clear
        disclosure ("#ad", "Sponsored", "Paid partnership", "We receive
        compensation from ...") in its first lines and first 125 characters.
        Weak tags ("#sp", "#partner", a bare "thanks to BRAND") do not count;
        neither does a disclosure buried at the end or among trailing hashtags.
        Without a sponsor set, a promo code, "our link" or a brand thanked for
        free goods is a warning when nothing discloses it.

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
            yield from self._implied(ctx)
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

    def _implied(self, ctx: CheckContext) -> Iterator[Finding]:
        """A warning for a post that reads as sponsored though no sponsor is set."""
        m = ctx.search(IMPLIED_SPONSORSHIP)
        if m is None or early_disclosure(ctx):
            return
        yield self.finding(ctx, m.start(), m.end(),
                           f"The wording at {describe_span(*m.span())} suggests a sponsor or a commission, "
                           "and the post has no disclosure.", severity=Severity.WARNING)


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
        if not brands or subject.sponsor or subject.affiliations:
            return
        low = ctx.lower
        if not any(b.lower() in low for b in brands):
            return
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(b) for b in brands) + r")(?!\w)", re.IGNORECASE)
        m = pattern.search(ctx.text)
        if m and not early_disclosure(ctx):
            yield self.finding(ctx, m.start(), m.end(),
                               f"An affiliated brand is mentioned at {describe_span(*m.span())} without a disclosure.")
