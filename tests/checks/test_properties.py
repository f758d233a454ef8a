"""Properties over arbitrary text: no rule crashes, every span lies inside its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialtui.checks import CheckSubject, TargetInfo, run_checks

# Text that mixes arbitrary Unicode with the fragments rules look for, so the
# interesting code paths (phone matcher, names, URLs, doses) are exercised.
FRAGMENTS = st.sampled_from([
    "Our patient ", "Mrs. Chen came in ", "312-867-5309", "MRN 00482931", "born on March 3, 1950",
    "https://x.example.com/?mrn=1&email=a@b.co", "500 mg twice daily", "you should stop taking ",
    "#ad ", "f*ck", "DO NOT COME IN", "!!!", "deadly", "your appointment", "1 in 3 adults",
    "2001:db8::1", "4172 Willow Creek Lane", "IL 62704", "92-year-old", "plate 7KJX412", "\n", "😀", "健康",
])
TEXT = st.lists(st.one_of(st.text(max_size=40), FRAGMENTS), max_size=12).map("".join)
KINDS = st.sampled_from(["general", "patient_story", "testimonial", "promotion", "event", "reply"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, variant=st.one_of(st.none(), TEXT), kind=KINDS, sponsor=st.one_of(st.none(), st.text(max_size=10)))
def test_no_rule_crashes_and_spans_lie_inside_their_text(
    text: str, variant: str | None, kind: str, sponsor: str | None
) -> None:
    variants = {} if variant is None else {"x": variant}
    subject = CheckSubject(text=text, kind=kind, variants=variants, sponsor=sponsor,
                           targets=(TargetInfo("@us", "x"), TargetInfo("@us", "facebook")))
    for f in run_checks(subject):
        assert "could not run" not in f.message, f
        checked = text if f.variant is None else variants[f.variant]
        assert 0 <= f.start <= f.end <= len(checked), f
        assert f.message
