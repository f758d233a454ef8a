"""The shared foundations of the rules: the medical lexicon, the people gazetteer, the claim grammar."""

from __future__ import annotations

import pytest

from socialtui.checks import advice_grammar, claims, lexicon, people

STAFF = ("Dana Reyes", "Sam Ortiz", "Dr. Priya Shah", "Dr. Tom Becker", "Lee Park", "Maple Family Medicine")


@pytest.mark.parametrize(("text", "kind"), [
    ("pink eye", lexicon.CONDITION), ("shingles", lexicon.CONDITION), ("migraine", lexicon.CONDITION),
    ("plantar fasciitis", lexicon.CONDITION), ("cast off", lexicon.PROCEDURE), ("root canal", lexicon.PROCEDURE),
    ("colonoscopy", lexicon.PROCEDURE), ("sore throat", lexicon.SYMPTOM), ("knee", lexicon.BODY),
    ("Zyrtec", lexicon.DRUG), ("ibuprofen", lexicon.DRUG), ("Valtrex", lexicon.DRUG), ("semaglutide", lexicon.DRUG),
    ("Pepto-Bismol", lexicon.DRUG), ("amoxicillin", lexicon.DRUG),
])
def test_the_lexicon_knows_clinical_and_consumer_words(text: str, kind: str) -> None:
    assert kind in lexicon.kinds_in(f"Heard about {text} today?")


def test_the_lexicon_matches_whole_words_only() -> None:
    assert lexicon.find_terms("castle kneeling") == ()


def test_the_lexicon_prefers_the_longest_entry() -> None:
    assert [t.words for t in lexicon.find_terms("Got strep throat again")] == ["strep throat"]


def test_an_unlisted_generic_drug_is_found_by_its_ending() -> None:
    assert lexicon.DRUG in lexicon.kinds_in("She switched to zorbacillin last week")


@pytest.mark.parametrize("word", ["Maria", "Kevin", "Okafor", "Nguyen"])
def test_the_gazetteer_knows_census_names(word: str) -> None:
    assert people.is_known_name(word)


@pytest.mark.parametrize("word", ["Today", "Monday", "Flu", "Thanks"])
def test_the_gazetteer_ignores_everyday_capitalised_words(word: str) -> None:
    assert not people.is_known_name(word)


def test_staff_are_never_patients() -> None:
    text = "Dr. Priya Shah and Sam Ortiz gave flu shots to the whole team today."
    assert people.patient_mentions(text, STAFF) == []


def test_a_first_name_with_a_procedure_is_a_patient() -> None:
    text = "Reminder for Sam Okafor: your scan results are in."
    assert [text[p.start:p.end] for p in people.patient_mentions(text, STAFF)] == ["Sam Okafor"]


@pytest.mark.parametrize(("text", "found"), [
    ("So proud of Dev — cast off today!", "Dev"),
    ("J.R., 34, is doing great after the lupus flare.", "J.R."),
    ("The coach from Central High came in for his knee.", "The coach from Central High"),
])
def test_people_are_found_without_the_word_patient(text: str, found: str) -> None:
    spans = [text[p.start:p.end] for p in people.patient_mentions(text, STAFF)]
    assert found in spans or found.lower() in [s.lower() for s in spans]


def test_a_speaker_is_not_a_patient() -> None:
    assert people.patient_mentions("Join nutritionist Maria Lopez for a talk on diabetes.", STAFF) == []


@pytest.mark.parametrize("text", [
    "Works every single time!", "Zero risk, zero downtime.", "The only treatment that actually works.",
    "Breastfed babies never get ear infections.",
])
def test_absolute_outcomes_are_claims(text: str) -> None:
    assert claims.ABSOLUTE_OUTCOME.search(text)


def test_a_fear_appeal_is_found_beside_a_call_to_action() -> None:
    from socialtui.checks import CheckSubject, run_checks

    found = run_checks(CheckSubject("Your child's car seat could be a death trap. Book a check today."))
    assert any(f.code == "TON001" for f in found)


@pytest.mark.parametrize("text", [
    "Athlete's foot? Grab some clotrimazole.", "Headache? Pop two naproxen and lie down.",
    "Quit the benzoyl peroxide for a week.", "If it itches, rinse with chlorhexidine twice a day.",
])
def test_the_advice_grammar_finds_an_imperative_with_any_lexicon_drug(text: str) -> None:
    assert list(advice_grammar.treatment_directives(text))


def test_the_advice_grammar_needs_a_sufferer_for_a_regimen_without_a_drug() -> None:
    assert list(advice_grammar.treatment_directives("Knee pain? Ice it for 15 minutes three times a day."))
    assert not list(advice_grammar.treatment_directives("Brush for two minutes twice a day."))


@pytest.mark.parametrize(("text", "diagnosed"), [
    ("Ring-shaped rash? That's ringworm.", True), ("It's probably a migraine.", True),
    ("Sounds like strep to me.", True), ("If you have diabetes, get your eyes checked.", False),
    ("It's flu season!", False), ("Do you have asthma?", False),
])
def test_the_advice_grammar_finds_a_diagnosis_of_the_reader(text: str, diagnosed: bool) -> None:
    assert bool(list(advice_grammar.diagnoses(text))) is diagnosed


def test_a_lowercased_pattern_finds_what_the_case_insensitive_one_finds() -> None:
    import json
    from pathlib import Path

    from socialtui.checks.rule import lowercase_pattern
    from socialtui.checks.rules import advice, conduct

    corpus = Path(__file__).resolve().parents[2] / "bench" / "corpus" / "dev" / "d2.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["STOP ASKING FOR ANTIBIOTICS. That's PURE BS, you're WRONG.", "Take 2 TABLETS BID. Sounds Like Strep!"]
    for pattern in (claims.FEAR, claims.UNSUPPORTED_CLAIM, claims.ABSOLUTE_OUTCOME, conduct.ARGUMENT,
                    conduct.SARCASM, advice.DIRECTIVE, advice.DIAGNOSIS, people.VISIT, people.EVENT_ROLE):
        lowered = lowercase_pattern(pattern)
        for text in texts:
            assert [m.span() for m in lowered.finditer(text.lower())] == [m.span() for m in pattern.finditer(text)]


def test_a_pattern_with_case_sensitive_parts_runs_on_the_original_text() -> None:
    import re

    from socialtui.checks.rule import casefree_finditer

    pattern = re.compile(r"code (?-i:[A-Z]{3,})", re.IGNORECASE)
    assert [m.group() for m in casefree_finditer(pattern, "Use CODE MAPLE today")] == ["CODE MAPLE"]


@pytest.mark.parametrize("text", [
    "Call (407) 555-0134.", "call 407-555-0134 or 407.555.0135", "+1 (407) 555-0134", "1-800-555-0199",
    "(407)555-0134 today", "407 555 0134 now", "Fax 312-555-0100, or call +44 20 7946 0958",
])
def test_the_us_shaped_fast_path_agrees_with_libphonenumber(text: str) -> None:
    import re

    from phonenumbers import Leniency, PhoneNumberMatcher

    from socialtui.checks.rules.identifiers import _us_and_plus_phones

    expected = [(m.start, m.end) for m in PhoneNumberMatcher(text, "US", leniency=Leniency.POSSIBLE)
                if sum(ch.isdigit() for ch in m.raw_string) >= 10 or re.search(r"\d[\s.\-]\d", m.raw_string)]
    assert list(_us_and_plus_phones(text)) == expected
