"""Patterns that find Safe Harbor identifiers; shared by the PRV rules.

Functions return ``(start, end)`` spans. They are cheap to call on text
without digits: each checks for the characters it needs before matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks.rule import CheckContext
from socialtui.checks.vocabulary import PERSONAL, before

Spans = Iterator[tuple[int, int]]

EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "msn.com",
    "icloud.com", "me.com", "aol.com", "comcast.net", "verizon.net", "att.net", "protonmail.com",
    "proton.me", "ymail.com", "gmx.com", "mail.com",
})
"""Personal mailbox providers: an address there is a person's, not the practice's."""
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
    r"card|reference|confirmation)"
)
RECORD = re.compile(
    r"\b" + _RECORD_LABEL + r"\.?\s*(?:(?:number|no\.?|num|ID|#|identifier)\s*)?"
    r"(?:#|:|is|was|ending in|ends in)?\s*#?\s*(?P<id>(?=[A-Z0-9-]*\d{3})[A-Z0-9][A-Z0-9-]{3,})\b",
    re.IGNORECASE,
)
_RECORD_SELF_LABELLED = re.compile(r"^(?:MRN|acct)\b", re.IGNORECASE)
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
    r"\b(?:driver'?s?\s+licen[cs]e|licen[cs]e|DL|passport|certificate)\s*"
    r"(?:number|no\.?|num|#|ID)?\s*(?:#|:|is)?\s*(?P<id>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,})\b|"
    r"\b(?:serial|S/N|SN|device|implant|pacemaker|pump|hearing aid|UDI|IMEI)\s*"
    r"(?:number|no\.?|num|#|ID)?\s*(?:#|:|is)?\s*(?P<dev>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,})\b|"
    r"\b(?:licen[cs]e\s+plate|plate|tag)\s*(?:number|no\.?|#)?\s*(?:#|:|is)?\s*"
    r"(?P<plate>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}[- ]?[A-Z0-9]{1,4})\b",
    re.IGNORECASE,
)
VIN = re.compile(r"\b(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b")
_PROVIDER = re.compile(r"\b(?:Dr\.?|medical|nursing|physician|state|board|NPI|DEA|our)\s*$", re.IGNORECASE)


def normalise(value: str) -> str:
    """A contact detail reduced for comparison: digits only for numbers, else lowercase words."""
    digits = re.sub(r"\D", "", value)
    if "@" not in value and len(digits) >= 7:
        return digits[-10:]
    return re.sub(r"\s+", " ", value.strip().lower()).removeprefix("mailto:")


def phone_spans(text: str) -> Spans:
    """Phone and fax numbers: 10+ digits, or 7+ digits written with separators."""
    if not DIGIT_RUN.search(text):
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


def ssn_spans(text: str) -> Spans:
    """SSN-shaped numbers and labelled nine-digit numbers."""
    if not _FOUR_DIGITS.search(text):
        return
    for m in SSN.finditer(text):
        yield m.span(1) if m.group(1) else m.span()


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


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
    if not has_digit:
        return
    seen: set[int] = set()
    for pattern in (ZIP, ZIP_LABEL):
        for m in pattern.finditer(text):
            if m.start(1) not in seen:
                seen.add(m.start(1))
                yield m.span(1)


def personal_date_spans(text: str) -> Spans:
    """Dates with a day near a word tying them to a person."""
    if not _ANY_DIGIT.search(text):
        return
    for m in DATE.finditer(text):
        lead = before(text, m.start(), 70)
        if _STRONG_DATE_WORDS.search(lead):
            yield m.span()
        elif _CARE_DATE_WORDS.search(lead) and PERSONAL.search(lead):
            yield m.span()


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
        if group == "id" and _PROVIDER.search(text[max(0, m.start() - 20):m.start()]):
            continue
        yield m.span(group)
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
