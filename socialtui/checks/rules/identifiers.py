"""Patterns that find Safe Harbor identifiers; shared by the PRV rules.

Functions return ``(start, end)`` spans. They are cheap to call on text
without digits: each checks for the characters it needs before matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks.rule import CheckContext
from socialtui.checks import lexicon
from socialtui.checks.vocabulary import PERSONAL, before, sentence_around

Spans = Iterator[tuple[int, int]]

EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "msn.com",
    "icloud.com", "me.com", "aol.com", "comcast.net", "verizon.net", "att.net", "protonmail.com",
    "proton.me", "ymail.com", "gmx.com", "mail.com",
})
"""Personal mailbox providers: an address there is a person's, not the practice's."""
SPELLED_EMAIL = re.compile(
    r"\b[a-z][\w.-]{2,}\s*(?:\bat\b|\[at\]|\(at\))\s*(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|"
    r"protonmail|proton|comcast|verizon|live|msn)\b(?:\s*(?:\.|dot|\[dot\]|\(dot\))\s*(?:com|net|me))?",
    re.IGNORECASE,
)
"""An address spelled out to dodge filters: "kbrennan77 at yahoo", "jo.smith [at] gmail dot com"."""
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
IPV4 = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)"
)
IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
DIGIT_RUN = re.compile(r"\d[\d\s().\-/]{5,}\d")

SSN = re.compile(
    r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])|"
    r"\b(?:SSN|SS#|social security(?: number| no\.?| #)?)\s*(?:#|:|is|was)?\s*(\d{3}[ -]?\d{2}[ -]?\d{4})\b",
    re.IGNORECASE,
)

_RECORD_LABEL = (
    r"(?:MRN|medical record|chart|patient|record|member|subscriber|policy|group|health plan|"
    r"insurance|account|acct|claim|medicare|medicaid|beneficiary|case|visit|encounter|"
    r"card|reference|confirmation|aetna|cigna|bcbs|blue cross|blue shield|humana|united ?healthcare|uhc|kaiser|"
    r"tricare|anthem|molina|medi-cal|ambetter|oscar|wellcare|highmark|routing|iban|bank account|sort code|state ID|ID card|identification)"
)
RECORD = re.compile(
    r"\b" + _RECORD_LABEL + r"\.?\s*(?:(?:number|no\.?|num|ID|#|identifier)\s*)?"
    r"(?:#|:|is|was|ending in|ends in)?\s*#?\s*(?P<id>(?=[A-Z0-9-]*\d{3})[A-Z0-9][A-Z0-9-]{3,}"
    r"(?:\s(?=[A-Z0-9-]*\d)[A-Z0-9-]{2,}\b){0,3})\b",
    re.IGNORECASE,
)
_RECORD_SELF_LABELLED = re.compile(r"^(?:MRN|acct|iban|routing|sort code)\b", re.IGNORECASE)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b")
"""An International Bank Account Number; checked with its mod-97 check digits."""
CARD_LIKE = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")

STREET_TYPES = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|"
    r"Way|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Loop|Row|Pike)"
)
ADDRESS = re.compile(
    r"\b\d{1,6}[A-Z]?\s+(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?"
    r"(?:[A-Z0-9][A-Za-z0-9'’]*\.?\s+){1,3}" + STREET_TYPES + r"\b\.?"
    r"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*[A-Z0-9-]+)?"
)
LIVES_ON = re.compile(
    r"\b(?:lives?|living|lived|resides?|home|house)\s+(?:is\s+)?(?:on|at|off)\s+"
    r"(?:[A-Z][A-Za-z'’]*\s+){1,3}" + STREET_TYPES + r"\b"
)
MILITARY = re.compile(
    r"\b(?:(?:Unit|PSC|CMR)\s+\d{3,5},?\s+Box\s+\d{1,5}|(?:APO|FPO|DPO)\s+(?:AE|AP|AA)(?:\s+\d{5}(?:-\d{4})?)?)\b"
)
"""US military mail: "Unit 2050 Box 4190", "APO AP 96278", "FPO AE 09501"."""
FOREIGN_STREET = re.compile(
    r"\b\d{1,5}[a-z]?,?\s+(?:Rue|Calle|Avenida|Av\.|Via|Viale|Rua|Carrera|Chemin|Boulevard|Bd)\s+"
    r"(?:(?:de|del|la|le|du|des|da|do|dos)\s+)*[A-ZÀ-Ý][\w'’-]+|"
    r"\b(?:Rue|Calle|Avenida|Via|Rua|Carrera)\s+(?:(?:de|del|la|le|du|des|da|do)\s+)*[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?,?\s+\d{1,5}\b|"
    r"\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|weg|gasse|platz|laan|straat|gade|vej)\s+\d{1,4}[a-z]?\b|"
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Crescent|Close|Gardens|Mews|Grove|Rise|Quay)\b"
)
"""Street addresses written the way other countries write them."""
POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}|[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d)\b"
)
"""UK and Canadian postcodes ("SW1A 1AA", "M5V 2T6")."""
ROOM = re.compile(
    r"\b(?:(?:exam |hospital |patient |treatment )?room|rm\.?|bed|bay|suite)\s*#?\s*\d{1,4}[A-Z]?\b|"
    r"\b(?:patient|friend|lady|gentleman|man|woman|guy|kid|kiddo|boy|girl|someone)\s+in\s+(?:#\s*)?\d{2,4}[A-Z]?\b",
    re.IGNORECASE,
)
"""A room or bed that places a person; an identifier together with a day."""
DAY = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening|week)|yesterday|last night|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)
PERSON_HINT = re.compile(r"\b(?:patient|she|he|her|his|him|who|someone|lady|gentleman|kid|kiddo|boy|girl|friend|"
                         r"your|you|cookies|brave)\b", re.IGNORECASE)
PO_BOX = re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d+", re.IGNORECASE)
_STATES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR"
).split()
ZIP = re.compile(
    r"\b(?:(?:" + "|".join(_STATES) + r")|zip(?:\s*code)?:?)\s+(\d{5}(?:-\d{4})?)(?!\d)",
)
ZIP_LABEL = re.compile(r"\bzip(?:\s*code)?\s*(?:is|:)?\s*(\d{5}(?:-\d{4})?)(?!\d)", re.IGNORECASE)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE = re.compile(
    r"\b(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+\d{4})?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d/])"
)
_STRONG_DATE_WORDS = re.compile(
    r"\b(?:born|birth|birthday|DOB|D\.O\.B|date of birth|admitted|admission|discharged|"
    r"discharge|passed away|died|death|deceased|delivered|welcomed (?:baby|a baby))\b",
    re.IGNORECASE,
)
_CARE_DATE_WORDS = re.compile(
    r"\b(?:visit(?:ed)?|seen|saw|appointment|surgery|operation|procedure|treated|"
    r"diagnosed|came in|checkup|check-up|fell|injured|accident|transplant|delivery)\b",
    re.IGNORECASE,
)

AGE = re.compile(
    r"\b(?P<n>9\d|1[0-2]\d)\s?(?:-|\s)?\s?(?:years?[- ]old|yrs?[- ]old|yo\b|y/o|year-old)|"
    r"\b(?:aged?|turn(?:ed|s|ing)?|is now|at)\s+(?P<m>9\d|1[0-2]\d)(?!\d|%|\s*(?:percent|minutes|"
    r"days|weeks|months|am|pm|mg|patients|people))\b|"
    r"\b(?P<o>9\d|1[0-2]\d)(?:st|nd|rd|th)\s+birthday|"
    r"(?<=[A-Za-z]),\s+(?P<p>9\d|1[0-2]\d)(?=,)|(?<=[A-Za-z])\s+\((?P<q>9\d|1[0-2]\d)\)",
    re.IGNORECASE,
)
_NOT_A_PERSON = re.compile(
    r"\b(?:practice|clinic|hospital|building|office|company|organi[sz]ation|tradition|"
    r"anniversary|program|institution|center|centre|it|vaccine|study)\b", re.IGNORECASE,
)

LICENCE = re.compile(
    r"\b(?:driver'?s?\s+licen[cs]e|licen[cs]e|DL|passport|certificate|state ID|ID card|permit)\s*"
    r"(?:number|no\.?|num|#|ID)?\s*(?:#|:|is)?\s*(?:(?-i:[A-Z]{2})\s+)?"
    r"(?P<id>(?=[A-Z0-9 -]*\d)[A-Z0-9][A-Z0-9-]{2,}(?:\s(?=[A-Z0-9-]*\d)[A-Z0-9-]{2,}\b){0,3})\b|"
    r"\b(?:serial|S/N|SN|device|implant|pacemaker|pump|hearing aid|UDI|IMEI)\s*"
    r"(?:number|no\.?|num|#|ID)?\s*(?:#|:|is)?\s*(?P<dev>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,})\b|"
    r"\b(?:licen[cs]e\s+plate|plate|tag)\s*(?:number|no\.?|#)?\s*(?:#|:|is)?\s*"
    r"(?P<plate>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}[- ]?[A-Z0-9]{1,4})\b",
    re.IGNORECASE,
)
PLATE_BEFORE = re.compile(
    r"\b(?P<plate>(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{2,8}(?:-[A-Z0-9]{1,4})?)\s+"
    r"(?i:(?:vanity\s+)?(?:licen[cs]e\s+)?(?:plates?|tags?))\b"
)
"""A plate written before the word: "the RUN4FUN license plate"."""
VIN = re.compile(r"\b(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b")
_PROVIDER = re.compile(r"\b(?:Dr\.?|medical|nursing|physician|state|board|NPI|DEA|our)\s*$", re.IGNORECASE)


def normalise(value: str) -> str:
    """A contact detail reduced for comparison: digits only for numbers, else lowercase words."""
    digits = re.sub(r"\D", "", value)
    if "@" not in value and len(digits) >= 7:
        return digits[-10:]
    return re.sub(r"\s+", " ", value.strip().lower()).removeprefix("mailto:")


INTERNATIONAL_PHONE = re.compile(
    r"(?<![\w+/])(?:00[1-9]\d{0,2}|\(0\)|0\d{1,4})(?:[\s.-]\(?\d{1,6}\)?){1,5}(?![\w/])"
)
"""Numbers dialled with "00" or a national trunk "0" ("0044 20 7946 0958", "07700 900123")."""


def phone_spans(text: str) -> Spans:
    """Phone and fax numbers: 10+ digits, or 7+ digits written with separators, any country."""
    if not DIGIT_RUN.search(text):
        return
    found: list[tuple[int, int]] = []
    for start, end in _us_and_plus_phones(text):
        found.append((start, end))
        yield start, end
    for m in INTERNATIONAL_PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group())
        if 9 <= digits <= 15 and not any(s < m.end() and m.start() < e for s, e in found):
            yield m.span()


US_SHAPED = re.compile(r"(?<![\w+(])(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?![\w-])")
"""A number written the usual US way, "(407) 555-0134" or "312.867.5309": libphonenumber's answer is known."""


def _us_and_plus_phones(text: str) -> Spans:
    # libphonenumber's matcher costs more than all the other identifier passes together;
    # when every run of digits is a plainly US-shaped number, its spans are those.
    shaped = [m.span() for m in US_SHAPED.finditer(text)]
    runs = [m.span() for m in DIGIT_RUN.finditer(text)]
    if shaped and all(any(s in (start, start - 1) and e == end for s, e in shaped) for start, end in runs):
        yield from shaped
        return
    from phonenumbers import Leniency, PhoneNumberMatcher

    for match in PhoneNumberMatcher(text, "US", leniency=Leniency.POSSIBLE):
        raw = match.raw_string
        digits = sum(ch.isdigit() for ch in raw)
        if digits >= 10 or (digits >= 7 and re.search(r"\d[\s.\-]\d", raw)):
            yield match.start, match.end


_FOUR_DIGITS = re.compile(r"\d{4}")
_THREE_DIGITS = re.compile(r"\d{3}")
_OLD_AGE = re.compile(r"(?<!\d)(?:9\d|1[0-2]\d)(?!\d)")
_ANY_DIGIT = re.compile(r"\d")
_LIVES = ("live", "living", "resid", "home", "house")


LAST_FOUR = re.compile(
    r"\blast (?:four|4)(?: digits)?\b[^.!?\n]{0,40}?\(?\b(\d{4})\b\)?|\b(?:ending|ends) in (\d{4})\b",
    re.IGNORECASE,
)
"""The last four digits of a Social Security number, counted only when the sentence says whose."""
_SSN_WORDS = re.compile(r"\b(?:SSN|social security|social)\b", re.IGNORECASE)


def ssn_spans(text: str) -> Spans:
    """SSN-shaped numbers, labelled nine-digit numbers, and an SSN's last four digits."""
    if not _FOUR_DIGITS.search(text):
        return
    for m in SSN.finditer(text):
        yield m.span(1) if m.group(1) else m.span()
    for m in LAST_FOUR.finditer(text):
        if _SSN_WORDS.search(sentence_around(text, m.start(), m.end())):
            yield m.span(1) if m.group(1) else m.span(2)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _iban_valid(value: str) -> bool:
    compact = value.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def record_spans(text: str) -> Spans:
    """Labelled record/member/account numbers and Luhn-valid card-like numbers."""
    if not _THREE_DIGITS.search(text):
        return
    for m in RECORD.finditer(text):
        label = m.group()
        if not _RECORD_SELF_LABELLED.match(label) and not re.search(
            r"(?:number|\bno\b|\bnum\b|\bID\b|#|identifier|ending|ends)",
            label[: m.start("id") - m.start()], re.IGNORECASE,
        ):
            continue
        yield m.span("id")
    for m in IBAN.finditer(text):
        if _iban_valid(m.group()):
            yield m.span()
    for m in CARD_LIKE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            yield m.span()


def address_spans(text: str) -> Spans:
    """Street addresses, "lives on ... Street", PO boxes and ZIP codes."""
    has_digit = _ANY_DIGIT.search(text) is not None
    low = text.lower()
    patterns = [p for p, wanted in ((ADDRESS, has_digit), (LIVES_ON, any(map(low.__contains__, _LIVES))),
                                    (PO_BOX, has_digit and "box" in low)) if wanted]
    for pattern in patterns:
        for m in pattern.finditer(text):
            yield m.span()
    if has_digit:
        # Cheap gates: military mail says "Box" or "APO/FPO/DPO"; a room matters only with a day.
        gated = ((MILITARY, "box" in low or "PO " in text), (FOREIGN_STREET, True), (POSTCODE, True))
        for pattern, wanted in gated:
            for m in pattern.finditer(text) if wanted else ():
                yield m.span()
        for m in ROOM.finditer(text) if DAY.search(text) else ():
            sentence = sentence_around(text, m.start(), m.end())
            if DAY.search(sentence) and PERSON_HINT.search(sentence):
                yield m.span()
    elif "PO " in text:
        for m in MILITARY.finditer(text):
            yield m.span()
    if not has_digit:
        return
    seen: set[int] = set()
    for pattern in (ZIP, ZIP_LABEL):
        for m in pattern.finditer(text):
            if m.start(1) not in seen:
                seen.add(m.start(1))
                yield m.span(1)


DAY_OF_MONTH = re.compile(r"\b(?:on|for|from|since) the (\d{1,2}(?:st|nd|rd|th))\b")
"""A day of the month on its own ("your session on the 14th"): a date element when tied to someone's care."""
MONTH_DAY = re.compile(r"(?<![\d/.])(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?![\d/])")
"""Month and day without a year ("the 3/12 colposcopy")."""
_OWNED_CARE = re.compile(r"\b(?:your|his|her|their|[A-Z][a-z]+['’]s)\s+(?:[\w-]+\s+){0,2}$")
_INVITATION = re.compile(r"\b(?:book|schedule|get|by|before|until|starting|through|deadline|closed|open|hours|"
                         r"join|register|sign up|event|clinic day)\b", re.IGNORECASE)


def personal_date_spans(text: str) -> Spans:
    """Dates with a day near a word tying them to a person or to someone's care."""
    if not _ANY_DIGIT.search(text):
        return
    for m in DATE.finditer(text):
        lead = before(text, m.start(), 70)
        if _STRONG_DATE_WORDS.search(lead):
            yield m.span()
        elif _CARE_DATE_WORDS.search(lead) and PERSONAL.search(lead):
            yield m.span()
        elif _someones_care(text, m.start(), m.end()):
            yield m.span()
    for m in DAY_OF_MONTH.finditer(text):
        if _someones_care(text, m.start(), m.end()):
            yield m.span(1)
    for m in MONTH_DAY.finditer(text):
        if _someones_care(text, m.start(), m.end()):
            yield m.span()


def _someones_care(text: str, start: int, end: int) -> bool:
    """Whether a date's sentence ties it to someone's procedure, session or visit ("your 3/12 colposcopy")."""
    sentence = sentence_around(text, start, end)
    if _INVITATION.search(sentence):
        return False
    for term in lexicon.terms_of(sentence, lexicon.PROCEDURE, lexicon.CONDITION):
        if _OWNED_CARE.search(sentence, 0, term.start) or re.search(r"\b(?:session|claim|visit)\b", sentence[:term.start]):
            return True
    return re.search(r"\b(?:your|his|her|their)\s+(?:\w+\s+)?(?:session|claim|visit|appointment|surgery|procedure|"
                     r"results?|labs?|scan|panel|follow-?up)\b", sentence, re.IGNORECASE) is not None


def age_spans(text: str) -> Spans:
    """Ages of 90 and over said of a person."""
    if not _OLD_AGE.search(text):
        return
    for m in AGE.finditer(text):
        if _NOT_A_PERSON.search(before(text, m.start(), 30)):
            continue
        yield m.span()


def licence_spans(text: str) -> Spans:
    """Licence, device serial and plate numbers, and VINs."""
    if not _ANY_DIGIT.search(text):
        return
    for m in LICENCE.finditer(text):
        group = "id" if m.group("id") else "dev" if m.group("dev") else "plate"
        if group == "id" and (_PROVIDER.search(text[max(0, m.start() - 20):m.start()])
                              or sum(ch.isalnum() for ch in m.group("id")) < 5):
            continue
        yield m.span(group)
    for m in PLATE_BEFORE.finditer(text):
        yield m.span("plate")
    for m in VIN.finditer(text):
        yield m.span()


def claimed_spans(ctx: CheckContext) -> list[tuple[int, int]]:
    """Spans other identifier rules report, so a phone match does not repeat them."""
    cached = ctx.memo.get("prv-claimed")
    if isinstance(cached, list):
        return cached
    spans = [*ssn_spans(ctx.text), *record_spans(ctx.text), *personal_date_spans(ctx.text),
             *licence_spans(ctx.text)]
    ctx.memo["prv-claimed"] = spans
    return spans
