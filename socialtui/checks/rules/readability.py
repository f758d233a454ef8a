"""RDB001–RDB002: reading grade of patient-facing text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from socialtui.checks.findings import Finding, Severity
from socialtui.checks.rule import CheckContext, Rule, register

WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
STRIP = re.compile(r"(?:https?://|www\.)\S+|[#@]\w+|\S+@\S+")
"""Links, hashtags, mentions and addresses: not prose, not graded."""


@lru_cache(maxsize=1)
def grader() -> Callable[[str], float]:
    """The Flesch-Kincaid grade, offline, with Pyphen syllables.

    textstat computes the same formula, but importing it imports NLTK (a quarter
    of a second) and it calls ``nltk.download`` when the CMU dictionary is missing.
    We use the same formula and the Pyphen hyphenation patterns textstat itself
    ships, memoised per word (words repeat across posts); the tests hold the two
    within half a grade of each other.
    """
    return _flesch_kincaid_grade


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    from pyphen import Pyphen  # type: ignore[import-untyped]

    return Pyphen(lang="en_US")


@lru_cache(maxsize=50_000)
def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


def _flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade with Pyphen syllables."""
    words = WORDS.findall(text)
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    if not words:
        return 0.0
    syllables = sum(_syllables(w.lower()) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
ESTIMATE_MARGIN = 1.5
"""Grades by which the vowel-group estimate may fall below Pyphen's (it mostly runs above:
it counts "-ed" and some diphthongs as syllables), so a text estimated this far under the
target is under it."""


@lru_cache(maxsize=50_000)
def _estimated_syllables(word: str) -> int:
    groups = len(_VOWEL_GROUPS.findall(word))
    if groups > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        groups -= 1  # a silent final e ("dose", "shape")
    return max(1, groups)


def estimated_grade(text: str) -> float:
    """The Flesch-Kincaid grade with syllables estimated from vowel groups, without Pyphen."""
    words = WORDS.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    syllables = sum(_estimated_syllables(w.lower()) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


class PyphenSyllables(dict[str, list[list[str]]]):
    """A CMU-dictionary look-alike: ``d[word]`` is one pronunciation with a stressed
    vowel per syllable, the syllables counted by Pyphen hyphenation."""

    MAX_WORDS = 100_000

    def __init__(self, hyphenator: Any) -> None:
        super().__init__()
        self._hyphenator = hyphenator

    def __missing__(self, word: str) -> list[list[str]]:
        if len(self) >= self.MAX_WORDS:
            self.clear()
        phones = [["AH0"] * (len(self._hyphenator.positions(word)) + 1)]
        self[word] = phones
        return phones


def prose(text: str) -> str:
    """The text without links, hashtags, mentions and e-mail addresses."""
    return STRIP.sub(" ", text)


def prose_and_words(ctx: CheckContext) -> tuple[str, int]:
    """The context's prose and its word count, computed once per text."""
    cached = ctx.memo.get("rdb-prose")
    if isinstance(cached, tuple):
        return cached
    text = prose(ctx.text)
    result = (text, len(WORDS.findall(text)))
    ctx.memo["rdb-prose"] = result
    return result


@register
class ReadingGradeTooHigh(Rule):
    """Reading grade above the target.

    What it does:
        Computes the Flesch-Kincaid grade of the text (links, hashtags and
        mentions left out) and notes when it is above
        ``checks.reading_grade_target`` (default 8).

    Why:
        Health information only helps if patients understand it; about half
        of US adults read below a 9th-grade level. Info only: a style matter.

    Example:
        "Hypercholesterolemia necessitates comprehensive pharmacological and
        lifestyle interventions to mitigate atherosclerotic cardiovascular risk."
    """

    code = "RDB001"
    slug = "reading-grade-too-high"
    severity = Severity.INFO
    hint = "Use shorter sentences and everyday words (\"high cholesterol\", \"heart disease\")."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        text, words = prose_and_words(ctx)
        if words < ctx.settings.reading_min_words:
            return
        target = ctx.settings.reading_grade_target
        # Pyphen takes ~60 ms to load: a text clearly under the target is settled by an estimate.
        if estimated_grade(text) < target - ESTIMATE_MARGIN:
            return
        grade = grader()(text)
        if grade > target:
            yield self.finding(ctx, 0, len(ctx.text),
                               f"The text reads at grade {grade:.1f}; the target is {target:g}.")


@register
class TooShortToGrade(Rule):
    """Text too short to grade.

    What it does:
        Notes that a text with fewer than ``checks.reading_min_words`` words
        (default 30) was not graded for reading level.

    Why:
        Reading formulas are unreliable on a sentence or two; saying so is
        better than a misleading grade.

    Example:
        "Happy Nurses Week to our amazing team!"
    """

    code = "RDB002"
    slug = "too-short-to-grade"
    severity = Severity.INFO
    hint = "Nothing to do; short posts are not graded."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        _, words = prose_and_words(ctx)
        if 0 < words < ctx.settings.reading_min_words and ctx.is_base:
            yield self.finding(ctx, 0, 0, f"Not graded for reading level: {words} words "
                               f"(fewer than {ctx.settings.reading_min_words}).")
