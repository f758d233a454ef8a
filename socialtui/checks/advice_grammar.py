"""Advice grammar: a treatment told to the reader, and the reader told what they have.

Shared by the advice rules (ADV001–ADV003). Built on the medical lexicon rather
than on lists of products, so "grab some clotrimazole", "pop two Tylenol" and
"that's ringworm" are found for any drug or condition the lexicon knows:

* an **imperative** (a clause that opens with a verb addressed to the reader:
  "take", "grab", "pop", "start", "quit", "rinse with", "try", "use") whose clause
  names a specific medicine, or — when the post speaks to someone with a
  condition or symptom ("Plantar fasciitis?", "if your knee hurts") — gives an
  amount, a strength, a frequency or a duration;
* a **modal directive** ("he must continue the insulin", "make sure she finishes
  the amoxicillin", "your kiddo will need amoxicillin") naming a medicine;
* a **diagnosis of the reader**: a condition after "that's", "it's probably",
  "sounds like", "looks like", "you have", or "symptoms = condition".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks import lexicon

GENERIC_MEDICINE = frozenset("""
    medication medications medicine medicines meds drug drugs prescription prescriptions dose doses
    dosage vaccine vaccines pill pills tablet tablets capsule capsules otc over-the-counter
    supplement supplements vitamin vitamins sunscreen cream creams ointment gummy gummies antibiotic
    antibiotics antiviral antivirals steroid steroids inhaler inhalers probiotic probiotics antacid antacids
    laxative laxatives painkiller painkillers decongestant decongestants antihistamine antihistamines
    statin statins opioid opioids antidepressant antidepressants ssri ssris multivitamin
""".split()) | {"the pill", "birth control", "over-the-counter", "pain reliever", "pain relievers", "fever reducer",
                "sleep aid", "eye drops", "ear drops", "nasal spray", "cough syrup", "cough drops"}
"""Medicine words and classes that name no particular product: "take your medication as prescribed",
"stop asking for antibiotics for a cold" and "try our gummies" are not advice."""

_OPENER = r"(?:^|[.!?;:\n(—–]|\s-\s|,|\b(?:and|then|or|so|but|just)\b)"
_FILLER = (r"(?:[^\w\s,.!?;:]{1,6}\s*)*(?:(?:just|simply|then|and|also|definitely|please|first|now|instead|so|"
           r"after that|afterwards|after|next|later)\s+)*")
TREATMENT_VERB = (
    r"take|pop|grab|get|use|apply|rub|dab|slather|put|start|stop|quit|switch|try|rinse|swish|gargle|"
    r"mix|treat|repeat|ice|heat|roll|wear|skip|avoid|ditch|cut out|cut|double|finish|keep|continue|give|"
    r"ask for|reapply|brush|soak|spray|massage|rest|stick to|load up on|stock up on|add|drink|chew|"
    r"swap|replace|pick up|spread|layer|put on"
)
IMPERATIVE = re.compile(_OPENER + r"\s*" + _FILLER + r"(?P<verb>" + TREATMENT_VERB + r")\b(?!\s+(?:us|in touch|a look|care)\b)",
                        re.IGNORECASE | re.MULTILINE)
"""A clause opening with a verb addressed to the reader."""

_CAREFUL = re.compile(r"\bas (?:prescribed|directed)\b|\bper (?:the )?(?-i:[A-Z]{2,})|\baccording to\b|\b(?:talk|speak|check) (?:to|with) your\b|\bask (?:us|your)\b|"
                      r"\bwithout (?:talking|checking|asking)\b|\bunless your\b", re.IGNORECASE)
"""A clause that sends the reader to their clinician is not advice."""

AMOUNT = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:%|mg|mcg|ml|iu|units?|drops?|teaspoons?|tsp|tablespoons?|tbsp|puffs?|"
    r"tablets?|pills?|capsules?|minutes?|mins?|hours?|hrs?|days?|weeks?|x\b)|"
    r"\b(?:once|twice|three times|\d+\s?x|\d+ times|a few times|several times)\s+(?:a|per|each|every)\s+\w+|"
    r"\b(?:twice|once|three times) daily\b|\bdaily\b|"
    r"\bevery (?:\d+\s+)?(?:day|night|morning|evening|hour|hours|change|nap|meal|loose stool|time|single)\b|"
    r"\b(?:at|before) (?:bed|bedtime|night)\b|\btonight\b|\ball day\b|"
    r"\bfor (?:a|one|two|three|four|five|six|ten|a few|a couple of|\d+)\s+(?:\w+\s+)?(?:days?|weeks?|months?|hours?|minutes?)\b|"
    r"\buntil (?:the|it|things|they|after|you|your)\b|\bcompletely\b|\bentirely\b",
    re.IGNORECASE,
)
"""An amount, strength, frequency or duration: what turns a tip into a regimen."""

SPEAKS_TO_SUFFERER = re.compile(
    r"\b(?:if|when|whenever|for|got|have|having|has|dealing with|suffering|struggling with|with)\b[^.!?\n]{0,50}$",
    re.IGNORECASE,
)
"""Words before a condition that address someone who has it ("if your knee hurts", "for a fever")."""

MODAL = re.compile(
    r"\b(?:you|u|he|she|they|your \w+|(?:his|her|their) \w+)\s+(?:must|should|need to|needs to|has to|have to|"
    r"will need|can|could|ought to|might want to|may want to)\s+(?:\w+\s+)?(?:continue|take|use|keep|finish|"
    r"do|try|start|stop|skip|get|give|have|go on|stay on|come off)\b|"
    r"\b(?:you|u|he|she|they|your \w+)\s+(?:will |would )?needs?\b|"
    r"\bmake sure (?:you|he|she|they|your \w+)\s+(?:\w+\s+)?(?:finish|finishes|take|takes|use|uses|keep|keeps|"
    r"gets?|continue|continues)\b",
    re.IGNORECASE,
)
"""A directive with a subject: "she must continue", "make sure he finishes", "you'll need"."""

APPROVAL = re.compile(r"^\s*(?:is|are)\s+(?:totally |perfectly |completely |usually )?(?:fine|safe|ok|okay)\b",
                      re.IGNORECASE)
"""A medicine cleared for the reader: "Tylenol is fine"."""

DIAGNOSIS_LEAD = re.compile(
    r"(?:\b(?:that|this|it|which|these|those)(?:['’]s|['’]re| is| are| was| sounds| looks)|\b(?:thats|its)|"
    r"\bsounds? (?:to me )?like|\blooks? (?:to me )?like|\b(?:it['’]?s|is) called|=|\bequals|"
    r"\b(?:you|u|he|she|they|your \w+)(?:['’]ve| have| has)? (?:got|have|has)|"
    r"\b(?:is|are|it['’]s|that['’]s|this is) (?:probably|likely|definitely|most likely|almost certainly))"
    r"\s+(?:not\s+[\w\s]{1,20}?\s*[—–-]+\s*)?"
    r"(?:(?:classic|probably|likely|definitely|just|most likely|almost certainly|clearly|a|an|the|typical|"
    r"textbook|simply|mild|a case of|some|not|only|actually|totally|def|prob)\s+){0,4}"
    r"(?:(?!(?:how|why|what|when|where|who|zero|no|less|fewer|more|because|also|part|one|the|what)\b)[a-z]+\s+)?$",
    re.IGNORECASE,
)
"""Words that, just before a condition, tell the reader they have it."""

NOT_A_DIAGNOSIS = re.compile(
    r"\b(?:if|when|whether|who|unless|because|since|in case|once|whenever|anyone|people|many|most|some|"
    r"do|does|did|can|could|might|may)\b[^.!?\n]*$",
    re.IGNORECASE,
)
"""Before the lead: a condition ("if you have diabetes") or a question is not a diagnosis."""

_MODIFIED_BY = re.compile(
    r"^\s*(?:season|awareness|month|week|day|prevention|risk|shots?|vaccines?|clinics?|tests?|testing|"
    r"screenings?|symptoms?|care|treatment|patients?|research|cases?|numbers|rates?|outbreaks?|"
    r"is (?:going|spreading|back|here|everywhere|on the rise))\b",
    re.IGNORECASE,
)
"""Words after a condition that make it a topic ("flu season", "it's cancer awareness month")."""


def _clause_end(text: str, start: int) -> int:
    m = re.compile(r"[.!?;\n]|,\s+(?:and|then|but|so)\b|\s[—–]\s").search(text, start)
    return m.start() if m else len(text)


def sends_to_clinician(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``[start, end)`` defers to a clinician or cites a source."""
    sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    return _CAREFUL.search(text[sentence_start:_clause_end(text, end + 1) if end < len(text) else end]) is not None


def _specific_drugs(text: str) -> list[lexicon.Term]:
    return [t for t in lexicon.terms_of(text, lexicon.DRUG) if t.words not in GENERIC_MEDICINE]


def speaks_to_sufferer(text: str, until: int) -> bool:
    """Whether the post, before ``until``, addresses someone who has a condition or symptom."""
    for term in lexicon.terms_of(text, lexicon.CONDITION, lexicon.SYMPTOM):
        if term.start >= until:
            break
        after = text[term.end:term.end + 40]
        lead = text[max(0, term.start - 60):term.start]
        if re.match(r"[^.!\n]{0,40}\?", after) or SPEAKS_TO_SUFFERER.search(lead):
            return True
    return False


def treatment_directives(text: str) -> Iterator[tuple[int, int]]:
    """Spans of imperatives and modal directives that prescribe a treatment."""
    drugs = _specific_drugs(text)
    # Cheap gates first: an imperative is advice only with a medicine or a regimen in it.
    imperatives = IMPERATIVE.finditer(text) if drugs or AMOUNT.search(text) else iter(())
    for m in imperatives:
        start = m.start("verb")
        end = _clause_end(text, m.end())
        clause = text[start:end]
        if sends_to_clinician(text, start, end):
            continue
        if any(start <= d.start < end for d in drugs):
            yield start, end
            continue
        if m.group("verb").lower() in ("get", "give", "keep", "wear", "put", "add", "drink", "pick up"):
            continue
        if AMOUNT.search(clause) and speaks_to_sufferer(text, end):
            yield start, end
    for m in MODAL.finditer(text) if drugs else ():
        end = _clause_end(text, m.end())
        if any(m.start() <= d.start < end for d in drugs) and not _CAREFUL.search(text[m.start():end]):
            yield m.start(), end
    for d in drugs:
        if APPROVAL.match(text[d.end:d.end + 30]):
            yield d.start, d.end


def diagnoses(text: str) -> Iterator[tuple[int, int]]:
    """Spans telling the reader (or their child) which condition they have."""
    for term in lexicon.terms_of(text, lexicon.CONDITION):
        sentence_start = max(text.rfind(c, 0, term.start) for c in ".!?\n")
        lead_text = text[max(sentence_start + 1, term.start - 60):term.start]
        m = DIAGNOSIS_LEAD.search(lead_text)
        if m is None or NOT_A_DIAGNOSIS.search(lead_text[:m.start()]):
            continue
        after = text[term.end:_clause_end(text, term.end) + 1]
        if _MODIFIED_BY.match(after) or after.endswith("?"):
            continue
        yield term.start - len(lead_text) + m.start(), term.end


COUNT_BEFORE = re.compile(
    r"(?:\b\d+(?:[.,]\d+)?\s?%|\b(?:\d+|one|two|three|four|a couple of)(?:\s+(?:chewable|children['’]s|kids['’]?|"
    r"extra[- ]strength|regular|adult|baby|infant|liquid|otc))?)\s+$",
    re.IGNORECASE,
)
"""Just before a medicine: a strength ("1% hydrocortisone") or a count ("2 Tylenol")."""


def strengths(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a specific medicine with its strength or a count of it."""
    for d in _specific_drugs(text):
        m = COUNT_BEFORE.search(text[max(0, d.start - 30):d.start])
        if m is not None:
            yield d.start - (min(30, d.start) - m.start()), d.end
