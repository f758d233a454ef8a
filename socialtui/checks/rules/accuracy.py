"""ACC001–ACC005: health claims, their citations, and health-fraud language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks.claims import ABSOLUTE_OUTCOME, MYTH, STATISTIC, UNSUPPORTED_CLAIM
from socialtui.checks.citations import INLINE_CITATION, is_reliable_url, parse_citation, registered_domain
from socialtui.checks.findings import Finding, Severity, describe_span
from socialtui.checks.rule import CheckContext, Rule, register
from socialtui.checks.vocabulary import DIGIT, before

HEALTH_CLAIM = re.compile(
    r"\b(?:reduc|lower|cut|increas|rais|doubl|tripl|halv|boost)(?:e|es|ed|ing|s)?\s+(?:your\s+|the\s+|a\s+)?"
    r"(?:\w+\s+)?(?:risk|chances?|odds|rates?|likelihood|mortality|deaths?)\b[^.!?\n]{0,40}?\d+(?:\.\d+)?\s*%|"
    r"\b\d+(?:\.\d+)?\s*%\s+(?:fewer|less|lower|more|higher|reduction|decrease|increase|drop|"
    r"of (?:people|adults|children|kids|women|men|patients|cases|deaths|americans|teens|seniors))\b|"
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out of)\s+(?:\d+|two|three|four|"
    r"five|six|seven|eight|nine|ten)\s+(?:dentists|doctors|physicians|experts|users|customers|parents|"
    r"people|adults|children|kids|women|men|americans|patients)\b|"
    r"\b(?:\d+|two|three|four|five|ten)\s*(?:x|times)\s+(?:more|less)\s+likely\b|"
    r"\b(?:studies|research|science|data|evidence|trials?)\s+(?:shows?|proves?|has shown|have shown|"
    r"confirms?|suggests?|finds?|found)\b|"
    r"\b(?:clinically|scientifically)\s+proven\b|\bproven to\b|"
    r"\b(?:boosts?|strengthens?|supercharges?) (?:your |the )?immun\w*|"
    r"\b(?:is|are) (?:\d+(?:\.\d+)?\s?%|up to \d+\s?%) effective\b|"
    r"\b(?:is|are) (?:strongly )?(?:linked|tied) to (?:a |an )?(?:higher|lower|greater|increased)\b",
    re.IGNORECASE,
)
FRAUD = re.compile(
    r"\bmiracle\w*\b|\bguarantee[ds]?\b(?!\s+(?:your (?:privacy|appointment|spot)|a spot))|"
    r"\b100\s?%\s+(?:effective|safe|natural|guaranteed|cure\w*|success\w*|results?)\b|"
    r"\bdetox\w*\b|\bcleanse\b|\bsecret (?:cure|remedy|formula)\b|\bmagic (?:pill|bullet|cure)\b|"
    r"\b(?:cures?|heals?|reverses?|eliminates?)\s+(?:\w+\s+){0,2}\w+,\s*(?:\w+\s+){0,2}\w+,?\s+"
    r"(?:and|&)\s+\w+|"
    r"\b(?:treats?|fixes)\s+(?:\w+\s+){0,2}\w+,\s*(?:\w+\s+){0,2}\w+,\s*"
    r"(?:\w+\s+){0,2}\w+,?\s+(?:and|&)\s+\w+|"
    r"\bno (?:need for|more) (?:surgery|medication|doctors?|insulin|prescriptions?)\b|"
    r"\bdoctors (?:hate|don't want you to know)\b|\bshrinks? tumou?rs?\b",
    re.IGNORECASE,
)
ABSOLUTE = re.compile(
    r"\bcure[ds]?\b|\bbreakthrough\b|\b(?:completely|totally|perfectly|absolutely) (?:safe|harmless|"
    r"painless|effective|risk[- ]free)\b|\bno side[- ]effects?\b|\brisk[- ]free\b|"
    r"\b(?:always|never) (?:works?|fails?)\b|\bpermanent(?:ly)? (?:cure|fix|results?)\b|"
    r"\beliminates?\s+(?:all|any|every)\b|\bpain[- ]free forever\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"(?:\bno|\bnot|n't|\bnever|\bwithout|\bisn't|\bnor|\bisn’t|n’t|\bno known)\s+(?:\w+\s+){0,2}$",
                      re.IGNORECASE)


_CLAIM_STEMS = (" in ten", " out of ", "one in", "two in", "three in", "four in", "five in",
                "times more", "times less", "stud", "research", "science", "data", "evidence", "trial",
                "proven", "immun", "effective", "linked", "tied to")
"""Every HEALTH_CLAIM alternative without a digit contains one of these."""


_FRAUD_STEMS = ("miracle", "guarantee", "100", "detox", "cleanse", "secret", "magic", "cure", "heal",
                "revers", "eliminat", "treat", "fixes", "no need", "no more", "doctors", "shrink")
"""Every FRAUD alternative contains one of these."""
_ABSOLUTE_STEMS = ("cure", "breakthrough", "safe", "harmless", "painless", "effective", "risk", "side",
                   "never", "always", "permanent", "eliminat", "pain")
"""Every ABSOLUTE alternative contains one of these."""


def has_citation(ctx: CheckContext) -> bool:
    """Whether the post carries a citation, attached or inside its text."""
    return bool(ctx.subject.citations) or ctx.search(INLINE_CITATION) is not None


@register
class ClaimWithoutCitation(Rule):
    """Health claim without a citation.

    What it does:
        Finds health statistics and appeals to evidence ("reduces the risk by
        40%", "1 in 3 adults", "studies show", "clinically proven", "boosts
        your immunity", "90% effective") in a post
        with no attached citation and no source named or linked in the text.

    Why:
        Health claims must be evidence-based; a citation lets readers and the
        approver check the claim. A warning, not an error: a well-known fact may
        be approved with a written reason.

    Example:
        "Regular screening lowers your risk of dying from colon cancer by 68%."
    """

    code = "ACC001"
    slug = "claim-without-citation"
    severity = Severity.WARNING
    hint = "Attach a citation (CDC, NIH, a journal DOI or a PMID), or soften the claim."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.subject.kind == "reply":
            return
        if has_citation(ctx):
            return
        m = ctx.search(STATISTIC)
        if m is None and (DIGIT.search(ctx.text) or ctx.mentions(*_CLAIM_STEMS)):
            m = ctx.search(HEALTH_CLAIM)
        if m:
            yield self.finding(ctx, m.start(), m.end(),
                               f"A health claim at {describe_span(*m.span())} has no citation.")


@register
class UnreliableSource(Rule):
    """Citation outside the reliable-source list.

    What it does:
        Checks each attached citation: URLs must be on a site in
        ``checks.reliable_sources`` (subdomains included); DOIs and PMIDs
        always count as reliable; anything else (a book title, "Dr. Oz") does not.

    Why:
        Citing a blog or a vendor's page lends false authority to a claim.
        Official health organizations and peer-reviewed journals are the
        sources the guidance asks for.

    Example:
        A flu-shot post citing https://naturalhealthsecrets.example.com/flu.
    """

    code = "ACC002"
    slug = "unreliable-source"
    severity = Severity.WARNING
    per_text = False
    hint = "Cite an official health organization or a peer-reviewed journal (DOI or PMID)."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for index, citation in enumerate(ctx.subject.citations, 1):
            parsed = parse_citation(citation.reference)
            if parsed.kind in ("doi", "pmid"):
                continue
            if parsed.kind == "unknown":
                yield self.post_finding(ctx, f"Citation {index} is not a link, DOI or PMID.")
            elif not is_reliable_url(parsed.value, ctx.settings.reliable_sources):
                site = registered_domain(parsed.value.split("//")[-1].split("/")[0].split(":")[0])
                yield self.post_finding(
                    ctx, f"Citation {index} is from {site}, which is not on the reliable-source list."
                )


@register
class MalformedCitation(Rule):
    """Malformed DOI or PMID.

    What it does:
        Checks that a citation that starts like a DOI (``10.``, ``doi:``,
        ``doi.org/``) or a PMID (``PMID:``) has the right form.

    Why:
        A mistyped identifier sends readers nowhere, and the approver cannot
        check the claim it supports.

    Example:
        ``doi:10.10/abc`` (registrant too short) or ``PMID: 12a45``.
    """

    code = "ACC003"
    slug = "malformed-citation"
    severity = Severity.ERROR
    per_text = False
    hint = "Copy the identifier again from PubMed or the journal's page."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for index, citation in enumerate(ctx.subject.citations, 1):
            parsed = parse_citation(citation.reference)
            if parsed.malformed:
                yield self.post_finding(
                    ctx, f"Citation {index} is not a valid {parsed.kind.upper()}: {parsed.malformed}."
                )


@register
class HealthFraudClaim(Rule):
    """Health-fraud language.

    What it does:
        Finds the phrases the FDA and FTC list as health-fraud signs:
        "miracle", "guaranteed", "100% effective", "detox", "secret cure",
        "no more insulin", one product that treats many unrelated diseases.

    Why:
        These claims are almost never true, erode trust in the practice, and
        can breach advertising law.

    Example:
        "Our detox IV drip is 100% effective and cures fatigue, migraines, and acne!"
    """

    code = "ACC004"
    slug = "health-fraud-claim"
    severity = Severity.ERROR
    hint = "Describe what the service does and for whom, without promises."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if not ctx.mentions(*_FRAUD_STEMS):
            return
        for m in ctx.finditer(FRAUD):
            if _NEGATED.search(before(ctx.text, m.start(), 30)):
                continue  # "there is no miracle diet"
            yield self.finding(ctx, m.start(), m.end(),
                               f"Health-fraud wording at {describe_span(*m.span())}.")


@register
class AbsoluteClaim(Rule):
    """Absolute claim: cure, breakthrough, completely safe, no side effects.

    What it does:
        Finds absolute wording ("cures", "breakthrough", "completely safe",
        "no side effects", "risk-free"), except when negated ("there is no cure").

    Why:
        Medicine rarely offers certainty; absolute claims mislead and set false
        expectations. Warning: a genuine cure (e.g. hepatitis C) may be approved
        with a written reason and a citation.

    Example:
        "This breakthrough laser treatment is completely safe with no side effects."
    """

    code = "ACC005"
    slug = "absolute-claim"
    severity = Severity.WARNING
    hint = "Say what the evidence shows (\"helps many patients\") and cite it."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        fraud = [m.span() for m in ctx.finditer(FRAUD)] if ctx.mentions(*_FRAUD_STEMS) else []
        found = list(ctx.finditer(ABSOLUTE)) if ctx.mentions(*_ABSOLUTE_STEMS) else []
        found += ctx.finditer(ABSOLUTE_OUTCOME)
        last_end = -1
        for m in sorted(found, key=lambda m: m.start()):
            if m.start() < last_end:
                continue
            last_end = m.end()
            if _NEGATED.search(before(ctx.text, m.start(), 30)):
                continue
            if any(s <= m.start() < e for s, e in fraud):
                continue
            yield self.finding(ctx, m.start(), m.end(),
                               f"Absolute claim at {describe_span(*m.span())}.")


@register
class UnsupportedHealthClaim(Rule):
    """Cause-and-effect health claim stated as fact.

    What it does:
        Finds remedies and causes stated as certain: "X heals Y", "carrots will
        fix your eyesight", "sugar makes kids hyperactive", "gum disease gives
        you heart attacks", "kept the whole family flu-free", "a safe base tan",
        unless negated.

    Why:
        Plain claims without buzzwords mislead as much as "miracle" does; the
        guidance asks for evidence-based information. A warning: a sourced,
        true claim can be approved with a reason.

    Example:
        "UTI? Cranberry juice clears it right up."
    """

    code = "ACC006"
    slug = "unsupported-health-claim"
    severity = Severity.WARNING
    hint = "Say what the evidence shows (\"may help\", \"is linked to\") and cite it."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.subject.kind == "reply":
            return
        for m in ctx.finditer(UNSUPPORTED_CLAIM):
            if _NEGATED.search(before(ctx.text, m.start(), 30)) or MYTH.search(before(ctx.text, m.start(), 120)):
                continue
            yield self.finding(ctx, m.start(), m.end(),
                               f"A health claim stated as fact at {describe_span(*m.span())}.")
