"""Words and patterns several rules share: medicine, conditions, care, practice contacts.

Kept in one place so the advice, engagement and accuracy rules agree on what
counts as "a medicine" or "a condition".
"""

from __future__ import annotations

import re
from functools import lru_cache

from socialtui.checks.rule import casefree_search

MEDICINE_WORDS = frozenset("""
    medication medications medicine medicines meds drug drugs pill pills tablet tablets capsule capsules
    dose doses dosage prescription prescriptions antibiotic antibiotics antiviral antivirals steroid
    steroids insulin inhaler inhalers vitamin vitamins supplement supplements ibuprofen acetaminophen
    paracetamol tylenol advil motrin aleve naproxen aspirin benadryl zyrtec claritin allegra melatonin
    tamiflu paxlovid ozempic wegovy mounjaro warfarin eliquis xarelto prednisone epinephrine epipen
    antacid antacids excedrin flonase robitussin antihistamine antihistamines decongestant decongestants
    painkiller painkillers opioid opioids statin statins
""".split())
"""Words that mean "a medicine", and common medicine names (see also MEDICINE_SUFFIXES)."""

MEDICINE_PHRASES = ("birth control",)

MEDICINE_SUFFIXES = (
    "cillin", "mycin", "cycline", "floxacin", "pril", "sartan", "statin", "olol", "dipine",
    "prazole", "formin", "gliptin", "azepam", "zolam", "oxetine", "aline", "triptan", "dronate",
    "tidine", "profen", "codone", "morphone", "semide", "thiazide", "mab", "vir", "adine",
)
"""Generic-name endings (amoxicillin, lisinopril, metformin, ...)."""

CONDITION_WORDS = frozenset("""
    infection infections syndrome disorder disorders deficiency allergy allergies flu influenza strep
    reflux gout covid virus migraine migraines diabetes prediabetes asthma pneumonia bronchitis
    sinusitis concussion fracture sprain sprained hernia ulcer anemia hypertension depression anxiety
    adhd cancer tumor tumour shingles eczema psoriasis rash cyst arthritis tendinitis appendicitis
    headache headaches dehydrated dehydration nerve withdrawal tmj sciatica vertigo strain uti
""".split())
"""Conditions a reader could be told they have (see also CONDITION_SUFFIXES)."""

CONDITION_PHRASES = ("kidney stone", "sleep apnea", "pink eye", "cold sore", "ear infection")

CONDITION_SUFFIXES = ("itis", "osis", "emia", "algia", "pathy")

_WORD = re.compile(r"[a-z]+")


def _mentions(text: str, words: frozenset[str], phrases: tuple[str, ...], endings: re.Pattern[str]) -> bool:
    low = text.lower()
    if not words.isdisjoint(_WORD.findall(low)):
        return True
    if any(map(low.__contains__, phrases)):
        return True
    return endings.search(low) is not None


def _ending_pattern(endings: tuple[str, ...]) -> re.Pattern[str]:
    """A word of more than four letters ending in one of ``endings``."""
    return re.compile(r"\b(?=[a-z]{5})[a-z]*(?:" + "|".join(endings) + r")\b")


_MEDICINE_ENDING = _ending_pattern(MEDICINE_SUFFIXES)
_CONDITION_ENDING = _ending_pattern(CONDITION_SUFFIXES)


@lru_cache(maxsize=4096)
def mentions_medicine(text: str) -> bool:
    """Whether the text names a medicine or says "medicine", "dose", "pill"..."""
    return _mentions(text, MEDICINE_WORDS, MEDICINE_PHRASES, _MEDICINE_ENDING)


@lru_cache(maxsize=4096)
def mentions_condition(text: str) -> bool:
    """Whether the text names a condition a reader could be diagnosed with."""
    return _mentions(text, CONDITION_WORDS, CONDITION_PHRASES, _CONDITION_ENDING)

BOOKING = re.compile(
    r"\b(?:book(?:ing)?|schedul(?:e|ing)|appointments?|call (?:us|our|the office)|"
    r"give us a call|contact (?:us|our|your)|visit us|stop by|walk[- ]?ins?|"
    r"talk (?:to|with) (?:your|a|our)|ask (?:your|us|our)|see (?:your|a|our) "
    r"(?:doctor|provider|dentist|clinician|physician|pediatrician|nurse)|"
    r"make an? (?:appointment|visit)|request an? (?:appointment|visit)|sign up|register|"
    r"rsvp|link in (?:our )?bio|portal|message us|dm us|reach out)\b",
    re.IGNORECASE,
)
"""An invitation to get personal care from a clinician."""

PRACTICE_CONTACT = re.compile(
    r"(?:\b(?:call|text|phone|fax|email|e-mail|write|contact|reach|visit|find|join|meet|see)"
    r"(?:\s+\w+)?\s+(?:us|our\s+(?:\w+\s+)?(?:office|team|clinic|practice|desk|line|staff|"
    r"department|location)s?)\b|"
    r"\bour\s+(?:\w+\s+){0,2}(?:number|line|phone|fax|e-?mail|address|office|clinic|location|"
    r"practice|desk|hours)\b|"
    r"\b(?:located|we(?:'re|’re| are) (?:located )?at|moved to|relocat\w+ to|held at|hosted at|"
    r"takes place at|venue|location|address|phone|tel|fax|e-?mail)\s*(?:is|:|at|now)?\s*(?:at\s*)?$|"
    r"(?:^\s*|[.!?:;(,]\s*|\n|\b(?:please|or|and|to book,?|questions\?)\s+)(?:call|text|fax|phone|dial|"
    r"e-?mail)(?:\s+(?:us|now|today|anytime))?\s*(?::|at)?\s*$|"
    r"(?:^\s*|[.!?:;(,]\s*|\n)(?:please\s+)?(?:fax|send|mail|e-?mail|text|return|submit)\b[^.!?\n]{0,40}"
    r"\bto\s*$)",
    re.IGNORECASE,
)
"""Words just before a contact detail that mark it as the practice's own."""

DIGIT = re.compile(r"\d")
SENTENCE_END = re.compile(r"[.!?\n]")


def before(text: str, start: int, width: int = 60) -> str:
    """Up to ``width`` characters before ``start``, cut at the previous sentence end."""
    window = text[max(0, start - width):start]
    cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "), window.rfind("\n"))
    while cut >= 0 and window[cut] == "." and _TITLE_BEFORE.search(window, 0, cut):
        # "Mrs. Diaz, please call": a title's full stop does not end the sentence.
        cut = max(window.rfind(". ", 0, cut), window.rfind("! ", 0, cut), window.rfind("? ", 0, cut),
                  window.rfind("\n", 0, cut))
    return window[cut + 1:] if cut >= 0 else window


_TITLE_BEFORE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|St|Drs|Mx)$")


_BOUNDARY = re.compile(r"(?=[.!?])(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)(?<!\bDrs)[.!?](?=\s)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) containing ``[start, end)``; "Dr." and similar do not end one."""
    left = 0
    right = len(text)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.end()
            break
    return text[left:right]


PERSONAL = re.compile(
    r"\b(?:patients?|patient's|client|mr|mrs|ms|miss|his|her|hers|their|she|he|him|family|daughter|son|"
    r"husband|wife|mom|dad|mother|father|grandm\w*|grandp\w*|caregiver|home|lives|born)\b",
    re.IGNORECASE,
)
"""Words that tie a nearby detail to a person rather than to the practice."""


def looks_like_practice_contact(text: str, start: int) -> bool:
    """Whether the words just before ``start`` mark a contact detail as the practice's.

    A person word in the same stretch ("her phone", "the family at") wins: the
    detail is then treated as someone's, not the practice's.
    """
    window = before(text, start, 48)
    return casefree_search(PRACTICE_CONTACT, window) and PERSONAL.search(window) is None
