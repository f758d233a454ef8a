"""People in a post: names, initials, honorifics, roles, nicknames, kinship and ages.

A person in the same sentence as a health term, a celebration, a visit detail, a
place or a date is a *patient mention* (PRV011). The practice's own people
(``practice_names``: staff and the practice's name) and clinicians ("Dr. ...")
are never patients.

Sources and licences: ``data/first_names.txt`` and ``data/surnames.txt`` are the
1990 US Census first-name and surname frequency lists (public domain), as shipped
by the ``names`` package (MIT); ``scripts/build_check_data.py`` rebuilds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from socialtui.checks import lexicon
from socialtui.checks.rule import casefree_finditer, casefree_search

HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Mister|Master)\.?"
CAP_WORD = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?(?![A-Za-z])"
"""A capitalised word; "VitaCore" and "SunShield" (capitals inside) are brands, not names."""
INITIALS = re.compile(r"(?=[A-Z]\.)(?:(?<![\w.])(?:[A-Z]\.\s?){2,3}(?![\w])|(?<![\w.])[A-Z]\.\s?[A-Z][a-z]+\b)")
NAMED = re.compile(rf"\b(?:{HONORIFIC}\s+)?{CAP_WORD}(?:\s+(?:[A-Z]\.\s*)?{CAP_WORD})?")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)?")
HONORIFIC_NAME = re.compile(rf"\b{HONORIFIC}\s+{CAP_WORD}(?:\s+{CAP_WORD})?")
ROLE = re.compile(
    r"\b(?:[Tt]he|[Oo]ur|[Aa]|[Yy]our|[Tt]hat|[Tt]his)\s+(?:local\s+|beloved\s+|favou?rite\s+|new\s+|retired\s+|former\s+)?"
    r"(?:coach|principal|pastor|priest|rabbi|imam|mayor|sheriff|teacher|librarian|firefighter|fire ?chief|"
    r"police chief|officer|mail ?carrier|mailman|crossing guard|barista|bus driver|quarterback|"
    r"pitcher|goalie|captain|star player|valedictorian|news ?anchor|weatherman|councilman|councilwoman|"
    r"owner of [A-Z]\w+|(?:lady|gentleman|guy|man|woman|kid|boy|girl) (?:from|at|who runs|who owns) [A-Z]\w+)"
    r"(?:\s+(?:from|at|of)\s+(?:the\s+)?[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){0,2})?",
)
"""Someone identified by a role in the community: in a small town, as good as a name."""
KIN = re.compile(
    r"\b(?:little|baby|sweet|brave|young)\s+[A-Z][a-z]+\b|"
    r"\b(?:the\s+)?[A-Z][a-z]+\s+(?:family|twins|kids|boys|girls)\b",
)
FAMILY_NAME = re.compile(r"\b[Tt]he\s+(?P<stem>[A-Z][a-z]+?)(?:e?s)\b(?!\s+(?:Street|Road|Avenue))")
"""A family by its surname: "the Hendersons"."""
AGE = re.compile(
    r"\b\d{1,3}[- ](?:year|yr|month|week|day)s?[- ]old\b|\b(?:aged|turn(?:ed|s|ing)?)\s+\d{1,3}\b|"
    r"(?<=[A-Za-z.]),\s+\d{1,2}(?=\s*,)|\b\d{1,2}\s?(?:yo|y/o|mo)\b",
    re.IGNORECASE,
)

NOT_NAMES = frozenset("""
    the our we this that she he they it today yesterday tomorrow tonight everyone anyone someone nobody
    dr doctor nurse team staff happy thank thanks please patient patients every each many most some
    your you mom dad mommy daddy baby grandma grandpa flu covid january february march april may june
    july august september october november december monday tuesday wednesday thursday friday saturday
    sunday who what when where why how after before since if once last next one another also just
    little big sweet brave young everybody family families kids children parents teens seniors adults
    people folks mr mrs ms miss mx and or but so then now here there finally great good hope joy faith
    grace will bill pat sunny summer autumn winter spring dawn rose lily ivy iris daisy holly amber
    ginger candy crystal destiny honey precious heaven star ruby pearl jade jasmine ebony angel
    christian king prince major chase hunter mason carter tanner cooper porter parker baker gene
    art mark rich lee park don ray guy max jack frank earl chance wade rusty buddy sky bright
    shout congrats congratulations welcome wishing sending prayers praying get well proud cheers
    love hugs hey hi hello dear reminder note update news join meet come call book visit check
    new first big all no yes not don't can't it's let's we're you're i'm i'd i'll thank thankful
    blessed grateful cheer go keep stay wash drink eat take try use ask see talk learn read
    merry christmas easter thanksgiving halloween valentine independence labor memorial
    north south east west central main high school elementary middle university college church
    hospital clinic medical center health family medicine pediatrics dental dentistry
    wellness care urgent street avenue road lane drive
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    an in as at by to do go me my us is be of on up
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
    vermont virginia washington wisconsin wyoming carolina dakota jersey york america
""".split())
"""Capitalised words that start sentences or name things, not people."""

CLINICIAN = re.compile(r"\b(?:Dr|Doctor|Nurse|NP|PA|RN|MD|DDS|DMD|DPT|PT|Prof|Professor|Coach)\.?\s*$")
CREDENTIAL_AFTER = re.compile(r"^,?\s*(?:MD|DO|RN|NP|PA-C|PA|DDS|DMD|DPT|PhD|LCSW|RD|CNM|FNP|APRN)\b")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lowercase US first names (1990 Census)."""
    return frozenset(lexicon.data_lines("first_names.txt"))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Lowercase US surnames (1990 Census, top 40,000, minus everyday words)."""
    return frozenset(lexicon.data_lines("surnames.txt"))


def is_known_name(word: str) -> bool:
    """Whether a capitalised word is a first name or surname in the gazetteer."""
    low = re.sub(r"['’]s$", "", word.lower())
    return low not in NOT_NAMES and (low in first_names() or low in surnames())


@dataclass(frozen=True)
class Person:
    """A reference to someone: where it is and how it names them."""

    start: int
    end: int
    how: str
    """``name``, ``honorific``, ``initials``, ``role``, ``kin`` or ``age``."""


def practice_tokens(practice_names: Iterable[str]) -> frozenset[str]:
    """Lowercase words of the practice's own people and name (titles dropped)."""
    return _practice_tokens(tuple(practice_names))


@lru_cache(maxsize=64)
def _practice_tokens(practice_names: tuple[str, ...]) -> frozenset[str]:
    words: set[str] = set()
    for name in practice_names:
        words |= {w for w in re.findall(r"[a-z]+", name.lower()) if w not in {"dr", "md", "the", "of"}}
    return frozenset(words)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t\"'“‘(*-—–")
    return not before or before[-1] in ".!?\n:;" or before.endswith(("🎉", "❤️", "🎂"))


def people(text: str, practice_names: Iterable[str] = ()) -> Iterator[Person]:
    """Every reference to a person who is not one of the practice's own people."""
    own = practice_tokens(practice_names)
    for m in HONORIFIC_NAME.finditer(text):
        if not _is_own(m.group(), own):
            yield Person(m.start(), m.end(), "honorific")
    names = first_names()
    last_end = 0
    for cap in _CAPITALISED.finditer(text):
        # Most capitalised words are not first names: look them up before the full pattern.
        word = cap.group()
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if cap.start() < last_end or word.lower() not in names:
            continue
        named = NAMED.match(text, cap.start())
        if named is None:
            continue
        m = named
        last_end = m.end()
        words = m.group().split()
        if words[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Miss", "Mx", "Mister", "Master"):
            continue
        if CLINICIAN.search(text[max(0, m.start() - 10):m.start()]) or CREDENTIAL_AFTER.match(text[m.end():]):
            continue
        if _is_own(m.group(), own):
            continue
        first = re.sub(r"['’]s$", "", words[0]).lower()
        # The first word must be a first name: "Sam Okafor", "Linda"; never "Task Force" or "Walk-ins".
        if first in NOT_NAMES or first not in first_names() or in_organisation_name(text, m.start(), m.end()):
            continue
        yield Person(m.start(), m.end(), "name")
    for m in FAMILY_NAME.finditer(text):
        if m.group("stem").lower() in surnames() and not _is_own(m.group("stem"), own):
            yield Person(m.start(), m.end(), "name")
    for pattern, how in ((INITIALS, "initials"), (ROLE, "role"), (KIN, "kin"), (AGE, "age")):
        for m in casefree_finditer(pattern, text):
            if how == "kin" and _not_kin(text, m, own):
                continue
            if how == "initials" and re.fullmatch(r"(?:[AP]\.\s?M\.|U\.\s?S\.(?:\s?A\.)?|D\.\s?C\.|"
                                                  r"[A-Z]\.\s?(?:Dr|St|Mt))\s*", m.group()):
                continue
            yield Person(m.start(), m.end(), how)


ORGANISATION_WORDS = frozenset("""
    health center centre elementary high school academy university college therapy medicine medical
    pediatrics dental dentistry clinic clinics hospital pharmacy community county park day kids memorial
    church foundation institute station street avenue road lane drive boulevard plans plan insurance group
    associates partners labs inc llc fitness gym library market cafe club league store mall bank ymca
    council department dept services society association month week awareness fund shelter
""".split())
"""Words that, in a run of capitalised words, make it an organisation, a place or an event."""
_CAP_RUN_AFTER = re.compile(r"(?:\s+(?:of\s+|&\s+|and\s+)?(?:[A-Z][\w'’]*\.?))*")


def in_organisation_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a run of capitalised words naming an organisation or place.

    "Sunshine Health", "Lincoln Elementary", "Martin Luther King Jr. Day": a first
    name at the start of such a run is not a person.
    """
    after = _CAP_RUN_AFTER.match(text, end)
    run = text[start:end] + (after.group() if after else "")
    return any(re.sub(r"[^a-z]", "", w.lower()) in ORGANISATION_WORDS for w in run.split()[1:])


def _not_kin(text: str, m: re.Match[str], own: frozenset[str]) -> bool:
    """Whether a kinship match names no one: "a little Orajel", "SunShield Kids", a staff family."""
    last = m.group().split()[-1]
    if last.lower() in NOT_NAMES or _is_own(m.group(), own) or in_organisation_name(text, m.start(), m.end()):
        return True
    # "little X": X is the name, and a medicine or a condition is not one.
    return last[0].isupper() and bool(lexicon.find_terms(last))


def _is_own(name: str, own: frozenset[str]) -> bool:
    name = re.sub(r"['’]s\b", "", name)
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if w not in {"mr", "mrs", "ms", "miss", "mx"}]
    return bool(words) and all(w in own for w in words)


CUE_NAME = re.compile(
    r"\b(?:[Pp]roud of|[Cc]ongrat(?:ulation)?s(?: to)?|[Hh]appy (?:\d+\w*\s+)?[Bb]irthday(?: to)?|[Ss]hout[- ]?out to|"
    r"[Ww]elcome back|[Gg]et well soon|[Pp]rayers? (?:for|to)|[Pp]raying for|[Ww]ishing|[Hh]igh[- ]fives? (?:to|for)|"
    r"[Kk]udos to|[Gg]o|[Ll]ook at|[Mm]eet|[Ss]ay hi to|[Bb]ig day for|[Hh]uge day for|[Tt]hinking of)"
    r",?\s+(?:(?:little|sweet|brave|baby|our friend|our pal|buddy)\s+)?(?P<name>" + CAP_WORD + r")(?!\w)"
)
"""A capitalised word after a greeting or celebration: a person, gazetteer or not ("proud of Dev")."""
CELEBRATION = re.compile(
    r"\b(?:birthday|bday|b-day|congrat\w*|proud|milestone|graduat\w*|cast (?:is )?off|came off|rang the bell|"
    r"ring the bell|cancer[- ]free|in remission|last (?:day|round|session) of|first (?:steps?|tooth|haircut|visit)|"
    r"welcome back|welcomed|new baby|baby (?:boy|girl)|big day|huge day|shout[- ]?out|get well|speedy recovery|"
    r"recover\w*|prayers?|praying|before (?:and|&|/) after|before/after|back (?:on the field|at school|to work)|"
    r"cleared|discharged|home from|made it|survivor|fighter|warrior|brave|so strong|high[- ]five|"
    r"no more|all done|finished)\b",
    re.IGNORECASE,
)
VISIT = re.compile(
    r"\b(?:came in|come in|stopped by|dropped by|visited|in today|in this (?:morning|afternoon|week)|"
    r"appointment|visit|check-?up|exam|room \d+|exam room|waiting room|our office|the office|seen|saw|"
    r"treated|admitted|scheduled|booked|follow-?up|results?|chart|bed \d+)\b",
    re.IGNORECASE,
)
PLACE = re.compile(
    r"\b(?:on|from|at|of)\s+(?:the\s+)?[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){0,2}\s+(?:Street|St|Avenue|Ave|Road|Rd|"
    r"Lane|Ln|Drive|Dr|Court|Ct|Way|Blvd|High|Elementary|Middle|School|Academy|Church|Apartments|Farm)\b|"
    r"\b(?:lives?|living|moved)\s+(?:on|in|at|near|by)\b",
)
WHEN = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|this morning|last night|"
    r"last week|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b",
    re.IGNORECASE,
)
EVENT_ROLE = re.compile(
    r"\b(?:join|featuring|speaker|guest|hosted by|led by|with (?:guest|special guest|our friend)|"
    r"presented by|author|chef|instructor|nutritionist|dietitian|trainer|volunteer|welcome (?:our )?new|"
    r"meet (?:our )?new|joins? (?:our|the) team|joined (?:our|the) team|new (?:hygienist|nurse|provider|doctor|"
    r"physician|assistant|receptionist|team member)|happy retirement|retir\w+|work anniversary|"
    r"years with us|employee|staff|our (?:own|amazing|wonderful|fantastic) )",
    re.IGNORECASE,
)
"""Wording that introduces a speaker, a guest or a colleague: a person, but not a patient."""


_SENTENCE_END = re.compile(r"(?=[.!?])(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)(?<![A-Z])[.!?]+(?=\s|$)|\n")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence or line; "Dr." and "Mrs." do not end one."""
    start = 0
    # The look-ahead first: the look-behinds are then tried only at punctuation.
    for m in _SENTENCE_END.finditer(text):
        yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def patient_context(sentence: str, kinds: frozenset[str] | None = None) -> str | None:
    """What in a sentence makes a person in it a patient: ``health``, ``celebration``... or None.

    ``kinds`` are the sentence's lexicon kinds when the caller already has them.
    """
    if kinds is None:
        kinds = lexicon.kinds_in(sentence)
    if kinds & lexicon.HEALTH or lexicon.BODY in kinds:
        return "health"
    if casefree_search(CELEBRATION, sentence):
        return "celebration"
    if casefree_search(VISIT, sentence):
        return "visit"
    if PLACE.search(sentence):
        return "place"
    if casefree_search(WHEN, sentence):
        return "date"
    return None


def patient_mentions(text: str, practice_names: Iterable[str] = ()) -> list[Person]:
    """People in a sentence that also has a health term, a celebration, a visit, a place or a date."""
    names = tuple(practice_names)
    own = practice_tokens(names)
    found = list(people(text, names))
    for m in CUE_NAME.finditer(text):
        word = m.group("name")
        if (word.lower() not in NOT_NAMES and not _is_own(word, own)
                and not in_organisation_name(text, m.start("name"), m.end("name"))):
            found.append(Person(m.start("name"), m.end("name"), "name"))
    if not found:
        return []
    out: list[Person] = []
    spans = list(sentences(text))
    terms = lexicon.find_terms(text)
    for person in sorted(found, key=lambda p: (p.start, -p.end)):
        if out and person.start < out[-1].end:
            continue
        s, e = next(((s, e) for s, e in spans if s <= person.start < e), (0, len(text)))
        sentence = text[s:e]
        if casefree_search(EVENT_ROLE, sentence):
            continue
        # Ages and kinship alone are everywhere in health education ("a 5-year-old needs...").
        # The whole text's lexicon terms, shared with every other rule, give the sentence's kinds.
        kinds = frozenset().union(*(t.kinds for t in terms if s <= t.start < e))
        context = patient_context(sentence, kinds)
        if context is None:
            continue
        if person.how in ("age", "kin") and context not in ("health", "celebration"):
            continue
        if person.how == "age" and not any(p.how in ("name", "initials", "honorific") for p in found):
            continue
        out.append(person)
    return out
