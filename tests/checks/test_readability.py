"""The reading grade: textstat's Flesch-Kincaid, offline, with a fallback that agrees with it."""

from __future__ import annotations

import pytest

from socialtui.checks.rules.readability import _flesch_kincaid_grade, grader

SAMPLES = [
    "Flu season is here. The flu shot is the best way to stay well. It takes five minutes.",
    "Hypercholesterolemia necessitates comprehensive pharmacological and lifestyle interventions. "
    "Individualized therapeutic regimens demonstrate considerable efficacy.",
    "Wash your hands often! Use soap and warm water. Scrub for twenty seconds.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_fallback_grade_matches_textstat(text: str) -> None:
    assert _flesch_kincaid_grade(text) == pytest.approx(grader()(text), abs=0.5)


def test_grading_needs_no_cmu_dictionary_download(no_network: list[object]) -> None:
    grader.cache_clear()
    assert grader()(SAMPLES[1]) > 8
    assert no_network == []


def test_the_estimate_never_falls_more_than_its_margin_below_the_pyphen_grade() -> None:
    import json
    from pathlib import Path

    from socialtui.checks.rules.readability import ESTIMATE_MARGIN, estimated_grade

    corpus = Path(__file__).resolve().parents[2] / "bench" / "corpus" / "dev" / "d1.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    lowest = min(estimated_grade(t) - _flesch_kincaid_grade(t) for t in texts if len(t.split()) >= 30)
    assert lowest > -ESTIMATE_MARGIN
