"""The checks read the limits the installed adapters really declare."""

from __future__ import annotations

import pytest

from socialtui.checks import CheckSubject, MediaInfo, TargetInfo, run_checks


@pytest.mark.parametrize("platform", ["x", "facebook"])
def test_a_video_is_flagged_while_composing_because_the_adapter_cannot_send_it(platform: str) -> None:
    subject = CheckSubject(
        text="Watch our new clinic tour. Book a visit online.",
        targets=(TargetInfo(account="clinic", platform=platform),),
        media=(MediaInfo(path="/nonexistent/tour.mp4", media_type="video", mime="video/mp4", size=1_000_000),),
    )
    findings = [f for f in run_checks(subject) if f.code == "PLT002"]
    assert findings and "cannot send videos" in findings[0].message
    assert findings[0].blocks


def test_x_counts_a_long_post_against_its_declared_280() -> None:
    subject = CheckSubject(text="Book a visit. " * 25, targets=(TargetInfo(account="clinic-x", platform="x"),))
    assert any(f.code == "PLT001" for f in run_checks(subject))
