"""The medical lexicon: conditions, symptoms, procedures, body parts and drugs, in one matcher.

Sources and licences (see ``scripts/build_check_data.py``, which rebuilds the data):

* ``data/drugs.txt``: generic and brand drug names from the ``drug-named-entity-recognition``
  package (MIT), itself built from MedlinePlus, NHS and MeSH.
* ``data/conditions_icd.txt``: short condition titles from the ICD-10-CM tabular list
  (public domain, CDC/NCHS), via the ``simple-icd-10-cm`` package (MIT).
* :mod:`socialtui.checks.lexicon_terms`: consumer words written here ("pink eye", "cast").

Everything is loaded into one hash table of one- to four-word entries on first use
(about 20 ms), so importing the checks stays cheap; a lookup then costs one pass over
the text's words. (An Aho-Corasick automaton over the same 54,000 entries took 130 ms
to build at start-up, half the import-plus-first-check budget, for no gain on
texts of a few hundred characters.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
import re

from socialtui.checks import lexicon_terms as terms

CONDITION = "condition"
SYMPTOM = "symptom"
PROCEDURE = "procedure"
BODY = "body"
DRUG = "drug"
"""A medicine: a product name, a generic name, or a word such as "antibiotic"."""
KINDS = (CONDITION, SYMPTOM, PROCEDURE, BODY, DRUG)
HEALTH = frozenset({CONDITION, SYMPTOM, PROCEDURE, DRUG})
"""Kinds that make a sentence about someone's health (body parts alone do not)."""


@dataclass(frozen=True)
class Term:
    """One lexicon entry found in a text: where, what kinds, and its words (lowercase)."""

    start: int
    end: int
    kinds: frozenset[str]
    words: str


def data_lines(name: str) -> list[str]:
    """The entries of a shipped data file, without comments and blank lines."""
    text = files("socialtui.checks").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("#")]


TOKEN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
"""A word as the lexicon sees it: "x-ray", "alzheimer's" and "covid-19" are one word each."""
MAX_WORDS = 4


def _key(entry: str) -> str:
    return " ".join(TOKEN.findall(entry.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    """Every entry (its words joined by one space) with its kinds; loaded on first use."""
    sources: list[tuple[str, list[str] | tuple[str, ...]]] = [
        (CONDITION, data_lines("conditions_icd.txt")), (CONDITION, terms.CONDITIONS),
        (SYMPTOM, terms.SYMPTOMS), (PROCEDURE, terms.PROCEDURES), (BODY, terms.BODY_PARTS),
        (DRUG, terms.MEDICINE_WORDS),
    ]
    entries: dict[str, set[str]] = {}
    for kind, words in sources:
        for word in words:
            key = _key(word)
            if key:
                entries.setdefault(key, set()).add(kind)
    single = frozenset({DRUG})
    out: dict[str, frozenset[str]] = dict.fromkeys(data_lines("drugs.txt"), single)
    out.update((key, frozenset(kinds | out.get(key, frozenset()))) for key, kinds in entries.items())
    return out


@lru_cache(maxsize=1)
def phrase_lengths() -> dict[str, int]:
    """For each word that starts a multi-word entry, the most words such an entry has."""
    out: dict[str, int] = {}
    for key in vocabulary():
        if " " in key:
            first, _, rest = key.partition(" ")
            n = min(MAX_WORDS, rest.count(" ") + 2)
            if n > out.get(first, 1):
                out[first] = n
    return out


_DRUG_ONLY = frozenset({DRUG})
_CONDITION_ONLY = frozenset({CONDITION})


@lru_cache(maxsize=4096)
def find_terms(text: str) -> tuple[Term, ...]:
    """Lexicon entries in ``text``, longest first where they overlap, in text order.

    Matching is case-insensitive and on whole words: each run of one to four
    words is looked up in one hash table (the n-gram equivalent of an
    Aho-Corasick automaton, without its build time at start-up). Words ending
    in a drug or condition suffix ("-cillin", "-itis") count even when no list
    has them.
    """
    low = text.lower().replace("’", "'")
    spans = [m.span() for m in TOKEN.finditer(low)]
    words = [low[s:e] for s, e in spans]
    vocab = vocabulary()
    longest = phrase_lengths()
    found: list[Term] = []
    i = 0
    count = len(words)
    while i < count:
        word = words[i]
        longest_here = longest.get(word)
        if longest_here is not None:
            # Only words that start a phrase in the lexicon are tried with the words after them.
            n = min(longest_here, count - i)
            while n > 1:
                key = " ".join(words[i:i + n])
                kinds = vocab.get(key)
                if kinds is not None:
                    found.append(Term(spans[i][0], spans[i + n - 1][1], kinds, key))
                    break
                n -= 1
            if n > 1:
                i += n
                continue
        kinds = vocab.get(word)
        if kinds is not None:
            found.append(Term(spans[i][0], spans[i][1], kinds, word))
        elif len(word) > 6:
            if word.endswith(terms.SUFFIX_DRUGS):
                found.append(Term(spans[i][0], spans[i][1], _DRUG_ONLY, word))
            elif word.endswith(terms.SUFFIX_CONDITIONS) and word not in _NOT_CONDITIONS:
                found.append(Term(spans[i][0], spans[i][1], _CONDITION_ONLY, word))
        i += 1
    return tuple(found)


_NOT_CONDITIONS = frozenset({"diagnosis", "prognosis", "hypnosis", "aroma", "diploma", "idioms", "symptoma",
                             "sympathy", "empathy", "telepathy", "homeopathy", "osteopathy", "naturopathy",
                             "academia", "bohemia", "stoma", "chromosoma"})


def kinds_in(text: str) -> frozenset[str]:
    """Every kind of lexicon entry the text contains."""
    out: set[str] = set()
    for term in find_terms(text):
        out |= term.kinds
    return frozenset(out)


def mentions(text: str, *kinds: str) -> bool:
    """Whether the text has an entry of any of ``kinds``."""
    wanted = set(kinds)
    return any(not wanted.isdisjoint(term.kinds) for term in find_terms(text))


def terms_of(text: str, *kinds: str) -> list[Term]:
    """The entries of any of ``kinds`` in the text."""
    wanted = set(kinds)
    return [term for term in find_terms(text) if not wanted.isdisjoint(term.kinds)]
