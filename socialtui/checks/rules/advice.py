"""ADV001–ADV004: specific medical advice, and the invitation to book instead."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks import advice_grammar, lexicon
from socialtui.checks.findings import Finding, Severity, describe_span
from socialtui.checks.rule import CheckContext, Lifecycle, Rule, casefree_finditer, casefree_search, register
from socialtui.checks.vocabulary import BOOKING, DIGIT, mentions_condition, mentions_medicine

DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s?-\s?\d+(?:[.,]\d+)?)?\s?(?:mg|mcg|µg|μg|IU|milligrams?|micrograms?|"
    r"units? of \w+)\b|"
    r"\b\d+(?:\s?-\s?\d+)?\s+(?:[a-z]+\s+)?(?:tablets?|pills?|capsules?|puffs?|tabs?|caps?|sprays?|gummies)\b|"
    r"\b(?:one|two|three|four|half an?|a half|a)\s+(?:[A-Za-z]+\s+)?(?:tablets?|pills?|capsules?|puffs?|sprays?)\b"
    r"(?=[^.!?\n]{0,40}\b(?:every|daily|a day|per day|twice|times|before|after|at bedtime|hours?|"
    r"first sign|morning|night|each)\b)",
    re.IGNORECASE,
)
DOSE_WITH_MEDICINE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:ml|mL|cc|drops?|teaspoons?|tsp|tablespoons?|tbsp)\b", re.IGNORECASE
)
"""Amounts that are a dose only when a medicine is named nearby."""
FREQUENCY_CODE = re.compile(
    r"\b(?:q\.?\s?\d{1,2}\s?h(?:rs?)?|b\.?i\.?d\.?|t\.?i\.?d\.?|q\.?i\.?d\.?|q\.?d\.?|q\.?h\.?s\.?|"
    r"p\.?r\.?n\.?)(?![\w.])",
    re.IGNORECASE,
)
FREQUENCY_WORDS = re.compile(
    r"\b(?:once|twice|three times|four times|\d+\s*(?:x|times))\s+(?:a|per|each|every)\s+"
    r"(?:day|night|week)\b|\b(?:twice|once) daily\b|\bevery \d+(?:\s?(?:-|to)\s?\d+)?\s*hours?\b|"
    r"\bat bedtime\b|\bon an empty stomach\b|\bdouble (?:up )?(?:your|the) dose\b",
    re.IGNORECASE,
)
DIRECTIVE = re.compile(
    r"\b(?:you|u)\s+(?:should|must|need to|have to|ought to|can|could|may want to|might want to)\s+"
    r"(?:just\s+|definitely\s+|probably\s+|also\s+)?(?:stop|start|take|double|increase|decrease|"
    r"lower|raise|skip|switch|quit|cut back on|come off|go off|get off|try|ask for|avoid)\b|"
    r"\b(?:stop|start|keep|quit|avoid)\s+(?:taking|using|your)\b|"
    r"\b(?:don't|do not|never)\s+(?:take|use|give)\s+(?:your|any|the|more)\b|"
    r"\b(?:increase|decrease|double|halve|lower|raise|adjust|change|skip)\s+(?:your|the)\s+"
    r"(?:dose|dosage|medication|meds|insulin|prescription)\b|"
    r"\bswitch(?:ing)?\s+(?:from|to)\b|\b(?:ask|tell) your (?:doctor|pharmacist) (?:for|to prescribe)\b|"
    r"\bjust take\b|"
    r"(?:^|[.!?:]\s+|,\s+(?:so\s+|and\s+)?)(?:take|give|skip)\s+(?:an?\s+|some\s+|your\s+|the\s+)?(?=\w+)",
    re.IGNORECASE,
)
DIAGNOSIS = re.compile(
    r"\b(?:you|u)(?:'ve| have)?\s+(?:probably|likely|definitely|most likely|almost certainly|clearly)\s+"
    r"(?:have|has|got|are)\b|"
    r"\b(?:you|u)(?:'re| are)\s+(?:probably|likely|definitely|most likely|almost certainly)\s+\w+|"
    r"\bsounds? (?:like|to me like)\b|"
    r"\b(?:this|that|it)(?:'s| is)\s+(?:probably|likely|definitely|most likely|almost certainly)"
    r"\s+(?:just\s+)?(?:an?\s+)?(?!going\b|\w+ing\b)\w+|"
    r"\byou (?:have|'ve got) (?:an?\s+)?(?:\w+\s+)?(?=\w*(?:itis|osis|infection|syndrome|disorder|"
    r"deficiency|allergy|flu|strep|virus|migraine))",
    re.IGNORECASE,
)
HEALTH_TOPIC = re.compile(
    r"\b(?:symptoms?|health|healthy|vaccin\w*|flu|screening|blood pressure|cholesterol|diabetes|"
    r"heart|cancer|allerg\w*|asthma|infection|pain|sleep|diet|nutrition|mental health|anxiety|"
    r"depression|pregnan\w*|skin|sunscreen|checkups?|exams?|immuni\w*|virus|covid|rsv|"
    r"medication|doctor|treatment|therapy|injur\w*|wellness|weight|teeth|dental|vision)\b",
    re.IGNORECASE,
)


_COUNTED = ("tablet", "pill", "capsule", "puff", "spray", "tab", "cap")
_DIRECTIVE_WORDS = ("taking", "dose", "dosage", "insulin")


DOSING_VERB = re.compile(
    r"\b(?:take|taking|give|giving)\s+(?:\w+\s+)?\d+(?:[.,]\d+)?\s?(?:ml|cc|drops?|teaspoons?|tsp|"
    r"tablespoons?|tbsp|mg|g)\b",
    re.IGNORECASE,
)
""""Take 10 ml": an amount to take marks the text as about a medicine even when it is not named."""


def advice_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of dosage, medicine-frequency, directive and diagnosis phrases."""
    low = text.lower()
    has_medicine = (lexicon.mentions(text, lexicon.DRUG) or mentions_medicine(text)
                    or casefree_search(DOSING_VERB, text))
    if DIGIT.search(text) or any(map(low.__contains__, _COUNTED)):
        for m in casefree_finditer(DOSE, text, low):
            yield m.start(), m.end(), "dose"
    if has_medicine:
        for m in casefree_finditer(DOSE_WITH_MEDICINE, text, low):
            yield m.start(), m.end(), "dose"
    for m in casefree_finditer(FREQUENCY_CODE, text, low):
        if has_medicine or casefree_search(DOSE, text):
            yield m.start(), m.end(), "dose"
    if has_medicine:
        for m in casefree_finditer(FREQUENCY_WORDS, text, low):
            yield m.start(), m.end(), "dose"
    if not has_medicine and not any(map(low.__contains__, _DIRECTIVE_WORDS)):
        directives: Iterator[re.Match[str]] = iter(())
    else:
        directives = casefree_finditer(DIRECTIVE, text)
    for m in directives:
        window = text[max(0, m.start() - 60):m.end() + 60]
        if advice_grammar.sends_to_clinician(text, m.start(), m.end()):
            continue
        if mentions_medicine(window) or re.search(r"taking|dose|dosage|insulin", m.group(), re.I):
            yield m.start(), m.end(), "directive"
    for start, end in advice_grammar.treatment_directives(text):
        yield start, end, "directive"
    for start, end in advice_grammar.strengths(text):
        yield start, end, "dose"
    for start, end in advice_grammar.diagnoses(text):
        yield start, end, "diagnosis"
    if not mentions_condition(text):
        return
    for m in casefree_finditer(DIAGNOSIS, text):
        if mentions_condition(text[m.start():m.end() + 50]):
            yield m.start(), m.end(), "diagnosis"


class AdviceRule(Rule):
    """Shared shape of ADV001–ADV003: report the advice spans of one kind."""

    kind: str = ""
    label: str = ""

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spans = ctx.memo.get("advice")
        if not isinstance(spans, list):
            spans = list(advice_spans(ctx.text))
            ctx.memo["advice"] = spans
        last_end = -1
        for start, end, kind in sorted(spans):
            if kind == self.kind and start >= last_end:
                last_end = end
                yield self.finding(ctx, start, end, f"{self.label} at {describe_span(start, end)}.")


@register
class DosageOrFrequency(AdviceRule):
    """Dosage or dosing frequency.

    What it does:
        Finds amounts of medicine ("500 mg", "2 puffs", "10 units of insulin")
        and dosing frequencies ("twice daily", "every 6 hours", "q6h", "bid")
        said about a medicine.

    Why:
        A dose is specific medical advice: it depends on the person's weight,
        age, kidneys and other medicines, and cannot be given without an
        evaluation. Public-health amounts (e.g. a vitamin D recommendation)
        can be approved with a written reason and a citation.

    Example:
        "For fever, take 1000 mg of acetaminophen every 6 hours."
    """

    code = "ADV001"
    slug = "dosage-or-frequency"
    severity = Severity.ERROR
    kind = "dose"
    label = "A dose or dosing frequency"
    hint = "Remove the dose and invite readers to ask their clinician or book a visit."


@register
class TreatmentDirective(AdviceRule):
    """Directive to start, stop or change a treatment.

    What it does:
        Finds instructions to start, stop or change a medicine or treatment:
        "you should stop taking", "double your dose", "switch to", "don't take your".

    Why:
        Changing a treatment without the prescriber can harm; a post cannot
        know the reader's situation.

    Example:
        "If your blood pressure pills make you dizzy, you should stop taking them."
    """

    code = "ADV002"
    slug = "treatment-directive"
    severity = Severity.WARNING
    kind = "directive"
    label = "An instruction to change a treatment"
    hint = "Say \"talk to your clinician before changing any medicine\" instead."


@register
class DiagnosingTheReader(AdviceRule):
    """Diagnosing the reader.

    What it does:
        Finds phrases that tell the reader what they have: "you probably have
        strep", "sounds like a sinus infection", "it's likely just a migraine".

    Why:
        A diagnosis needs an evaluation; an online guess can delay real care
        or cause needless worry.

    Example:
        "Itchy eyes and a sore throat? You probably have allergies."
    """

    code = "ADV003"
    slug = "diagnosing-the-reader"
    severity = Severity.WARNING
    lifecycle = Lifecycle.PREVIEW
    kind = "diagnosis"
    label = "A diagnosis of the reader"
    hint = "Describe the signs in general terms and invite readers to book a visit."


@register
class NoAppointmentInvitation(Rule):
    """Health-topic post without an invitation to book.

    What it does:
        Advises adding a call to action ("book a visit", "call our office",
        "talk to your doctor") to posts about a health topic that have none.

    Why:
        The guidance asks practices to point followers to a consultation for
        personal advice rather than leaving them to act on a post.

    Example:
        "Spring allergies are here. Pollen counts are high this week."
    """

    code = "ADV004"
    slug = "no-appointment-invitation"
    severity = Severity.INFO
    hint = "End with e.g. \"Questions? Book a visit online or call our office.\""

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.subject.kind == "reply" or ctx.subject.link:
            return
        text = ctx.text
        if casefree_search(HEALTH_TOPIC, text) and not casefree_search(BOOKING, text):
            yield self.finding(ctx, 0, 0, "This health post does not invite readers to book a visit.")
