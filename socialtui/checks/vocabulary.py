"""Words and patterns several rules share: medicine, conditions, care, practice contacts.

Kept in one place so the advice, engagement and accuracy rules agree on what
counts as "a medicine" or "a condition".
"""

from __future__ import annotations

import re

MEDICINE = re.compile(
    r"\b(?:medications?|medicines?|meds|drugs?|pills?|tablets?|capsules?|doses?|dosage|"
    r"prescriptions?|antibiotics?|antivirals?|steroids?|insulin|inhalers?|vitamins?|"
    r"supplements?|ibuprofen|acetaminophen|paracetamol|tylenol|advil|motrin|aleve|naproxen|"
    r"aspirin|benadryl|zyrtec|claritin|allegra|melatonin|tamiflu|paxlovid|ozempic|wegovy|"
    r"mounjaro|warfarin|eliquis|xarelto|prednisone|epinephrine|epipen|antacids?|"
    r"antihistamines?|decongestants?|painkillers?|opioids?|birth control|"
    r"[a-z]+(?:cillin|mycin|cycline|floxacin|pril|sartan|statin|olol|dipine|prazole|"
    r"formin|gliptin|azepam|zolam|oxetine|aline|triptan|dronate|tidine|profen|"
    r"codone|morphone|semide|thiazide|mab|vir))\b",
    re.IGNORECASE,
)
"""Names of medicines and words that mean "a medicine"."""

CONDITION = re.compile(
    r"\b(?:infections?|syndrome|disorders?|deficiency|allerg(?:y|ies)|flu|influenza|strep|"
    r"covid|virus|migraines?|diabetes|prediabetes|asthma|pneumonia|bronchitis|sinusitis|"
    r"concussion|fracture|sprain|hernia|ulcer|anemia|hypertension|depression|anxiety|"
    r"adhd|cancer|tumou?r|gout|shingles|eczema|psoriasis|rash|cyst|kidney stones?|"
    r"sleep apnea|arthritis|tendinitis|appendicitis|"
    r"[a-z]+(?:itis|osis|emia|algia|pathy))\b",
    re.IGNORECASE,
)
"""Conditions a reader could be told they have."""

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
    r"\b(?:located|we(?:'re|’re| are) at|moved to|relocat\w+ to|held at|hosted at|"
    r"takes place at|venue|location|address|phone|tel|fax|call|e-?mail|text)\s*(?:is|:|at|now)?"
    r"\s*(?:at\s*)?$)",
    re.IGNORECASE,
)
"""Words just before a contact detail that mark it as the practice's own."""

SENTENCE_END = re.compile(r"[.!?\n]")


def before(text: str, start: int, width: int = 60) -> str:
    """Up to ``width`` characters before ``start``, cut at the previous sentence end."""
    window = text[max(0, start - width):start]
    cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "), window.rfind("\n"))
    return window[cut + 1:] if cut >= 0 else window


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) containing ``[start, end)``."""
    left = max(text.rfind(". ", 0, start), text.rfind("! ", 0, start),
               text.rfind("? ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("! ", end),
                                    text.find("? ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1:right + 1]


PERSONAL = re.compile(
    r"\b(?:patients?|patient's|client|mr|mrs|ms|miss|his|her|hers|their|family|daughter|son|"
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
    return PRACTICE_CONTACT.search(window) is not None and PERSONAL.search(window) is None
