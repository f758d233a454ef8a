"""Publishing one claimed publication through the real webhook adapter, against a loopback platform."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from socialtui.context import Practice
from socialtui.dispatch.claims import claim_due
from socialtui.dispatch.publisher import Publisher
from socialtui.practice_time import now_utc
from socialtui.services.checking import check_post
from socialtui.services.consents import add_consent
from socialtui.services.posts import get_post
from socialtui.store.models import Account, AuditEvent, Consent, OutboxEntry, Post

from .loopback import Answer, LoopbackPlatform
from .scheduling import APPROVER, approved_post, clean_text, post_row, publication

RETRY_BASE = timedelta(seconds=20)  # [dispatch] retry_base_seconds in the dispatch config


def dispatch(practice: Practice, *, worker: str = "w1", dry_run: bool = False, at: timedelta = timedelta(0)) -> list[str]:
    """Claim what is due (``at`` from now) and publish it; the outcomes."""
    with practice.store.session() as session:
        claimed = claim_due(session, worker, now_utc() + at, grace=timedelta(minutes=practice.config.dispatch.grace_minutes))
    publisher = Publisher(practice, worker, dry_run=dry_run)
    return [publisher.publish(pub_id) for pub_id in claimed]


def due_now(practice: Practice, n: int = 1, **kwargs: object) -> int:
    return approved_post(practice, clean_text(n), now_utc() - timedelta(seconds=1), **kwargs)  # type: ignore[arg-type]


def error_codes(practice: Practice, post_id: int) -> list[str]:
    with practice.store.session() as session:
        findings = check_post(session, get_post(session, post_id), practice.config)
    return [f.code for f in findings if str(f.severity) == "error"]


def test_success_stores_the_remote_id_and_url_and_marks_published(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    assert dispatch(staffed) == ["published"]
    pub = publication(staffed, post_id)
    assert (pub.status, pub.remote_id, pub.remote_url) == ("published", "remote-1", "https://intranet.example/posts/1")
    assert pub.published_at is not None and pub.last_error is None
    assert post_row(staffed, post_id).status == "published"
    (sent,) = platform.received
    assert (sent.post_id, sent.text, sent.marker) == (post_id, clean_text(1), pub.marker)


def test_success_is_audited_and_recorded_on_the_account(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    dispatch(staffed)
    with staffed.store.session() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.actor == "w1")).all()
        account = session.scalar(select(Account).where(Account.name == "hook"))
    assert "publication.published" in actions
    assert account is not None and account.last_success_at is not None
    assert post_id


def test_server_error_retries_with_backoff_inside_the_grace_window(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    platform.answer_next(Answer.error(500), Answer.error(502))
    before = now_utc()
    assert dispatch(staffed) == ["retrying"]
    first = publication(staffed, post_id)
    assert first.status == "scheduled" and first.attempts == 1
    assert first.next_attempt_at is not None and first.next_attempt_at >= before + RETRY_BASE
    assert post_row(staffed, post_id).status == "scheduled"

    assert dispatch(staffed) == []  # not before next_attempt_at
    assert dispatch(staffed, at=RETRY_BASE + timedelta(seconds=1)) == ["retrying"]
    second = publication(staffed, post_id)
    assert second.next_attempt_at is not None and second.next_attempt_at >= before + 2 * RETRY_BASE  # doubled

    assert dispatch(staffed, at=3 * RETRY_BASE + timedelta(seconds=1)) == ["published"]
    assert publication(staffed, post_id).status == "published"
    assert platform.post_ids() == [post_id] * 3


def test_retries_that_run_out_of_grace_need_attention(staffed: Practice, platform: LoopbackPlatform) -> None:
    grace = timedelta(minutes=staffed.config.dispatch.grace_minutes)
    post_id = approved_post(staffed, clean_text(1), now_utc() - grace + timedelta(seconds=10))
    platform.default = Answer.error(503)
    assert dispatch(staffed) == ["needs_attention"]
    pub = publication(staffed, post_id)
    assert pub.status == "needs_attention"
    assert "Retries ran out" in (pub.last_error or "") and "HTTP 503" in (pub.last_error or "")
    assert post_row(staffed, post_id).status == "needs_attention"
    assert platform.count() == 1


def test_rate_limit_waits_for_the_platforms_retry_after(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    platform.answer_next(Answer.error(429, "slow down", Retry_After="300"))
    before = now_utc()
    assert dispatch(staffed) == ["retrying"]
    pub = publication(staffed, post_id)
    assert pub.next_attempt_at is not None and pub.next_attempt_at >= before + timedelta(seconds=300)
    assert dispatch(staffed, at=timedelta(seconds=200)) == []


@pytest.mark.parametrize("answer", [Answer.slow(2.0), Answer.malformed()], ids=["timeout", "malformed"])
def test_a_retry_after_an_unclear_answer_finds_the_post_instead_of_sending_it_again(
        staffed: Practice, platform: LoopbackPlatform, answer: Answer) -> None:
    post_id = due_now(staffed)
    platform.answer_next(answer)
    assert dispatch(staffed) == ["retrying"]
    assert dispatch(staffed, at=RETRY_BASE + timedelta(seconds=1)) == ["published"]
    pub = publication(staffed, post_id)
    assert pub.status == "published" and pub.remote_id == "remote-1"
    assert platform.count() == 1
    assert [query["marker"] for query in platform.gets] == [[pub.marker]]


def test_permanent_refusal_fails_with_the_platforms_message(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    platform.answer_next(Answer.error(403, "duplicate"))
    assert dispatch(staffed) == ["failed"]
    pub = publication(staffed, post_id)
    assert pub.status == "failed" and "HTTP 403" in (pub.last_error or "")
    post = post_row(staffed, post_id)
    assert post.status == "failed" and "HTTP 403" in (post.status_reason or "")
    assert dispatch(staffed, at=timedelta(minutes=1)) == []


def test_validation_error_fails_without_retry(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    platform.answer_next(Answer.error(422, "text too long"))
    assert dispatch(staffed) == ["failed"]
    assert "HTTP 422" in (publication(staffed, post_id).last_error or "")
    assert platform.count() == 1


def test_auth_failure_pauses_the_account_and_sends_nothing_more_to_it(staffed: Practice, platform: LoopbackPlatform) -> None:
    first = due_now(staffed, 1)
    second = due_now(staffed, 2)
    platform.default = Answer.error(401)
    outcomes = Publisher(staffed, "w1").publish
    with staffed.store.session() as session:
        (pub_id,) = claim_due(session, "w1", now_utc(), limit=1, grace=timedelta(minutes=30))
    assert outcomes(pub_id) == "paused"
    with staffed.store.session() as session:
        account = session.scalar(select(Account).where(Account.name == "hook"))
    assert account is not None and account.paused_at is not None
    assert "socialtui accounts add webhook hook" in (account.paused_reason or "")
    assert dispatch(staffed, at=timedelta(minutes=1)) == []
    assert platform.count() == 1
    assert {publication(staffed, first).status, publication(staffed, second).status} == {"scheduled"}


def test_text_edited_in_the_database_after_approval_is_held_not_sent(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    with staffed.store.session() as session:
        session.execute(update(Post).where(Post.id == post_id).values(text="Something nobody approved."))
    assert dispatch(staffed) == ["skipped"]
    assert post_row(staffed, post_id).status == "held"
    assert "changed after approval" in (post_row(staffed, post_id).status_reason or "")
    assert publication(staffed, post_id).status == "held"
    assert platform.count() == 0


def test_consent_revoked_after_approval_holds_the_post_at_dispatch(staffed: Practice, platform: LoopbackPlatform,
                                                                  tmp_path: Path) -> None:
    form = tmp_path / "consent-form.pdf"
    form.write_bytes(b"signed form")
    with staffed.store.session() as session:
        consent_id = add_consent(session, subject_ref="C-2026-014", scope=["webhook", "quote"],
                                 signed_on=date.today() - timedelta(days=10), expires_on=None,
                                 document=str(form), actor=APPROVER).id
    post_id = approved_post(staffed, "Thank you to the team for the kind care this winter. Book online any time.",
                            now_utc() - timedelta(seconds=1), kind="testimonial", consent_ids=[consent_id])
    assert error_codes(staffed, post_id) == []  # the consent covers it until revoked
    with staffed.store.session() as session:  # behind the service layer's back: only dispatch can notice
        session.execute(update(Consent).where(Consent.id == consent_id).values(revoked_on=date.today()))
    assert dispatch(staffed) == ["skipped"]
    post = post_row(staffed, post_id)
    assert post.status == "held" and "checks failed at dispatch" in (post.status_reason or "")
    assert platform.count() == 0


def test_dry_run_writes_the_exact_request_to_the_outbox_and_sends_nothing(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    assert dispatch(staffed, dry_run=True) == ["dry_run"]
    assert platform.count() == 0
    with staffed.store.session() as session:
        (entry,) = session.scalars(select(OutboxEntry)).all()
    (request,) = entry.request["requests"]
    pub = publication(staffed, post_id)
    assert (entry.post_id, entry.account_name, entry.platform) == (post_id, "hook", "webhook")
    assert (request["method"], request["endpoint"]) == ("POST", platform.url)
    assert request["fields"] == {"post_id": post_id, "marker": pub.marker, "text": clean_text(1), "media": []}
    assert pub.status == "dry_run" and pub.published_at is None
    assert post_row(staffed, post_id).status != "published"


def test_a_dry_run_account_never_sends_even_when_the_service_is_live(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed, targets=("rehearsal",))
    assert dispatch(staffed) == ["dry_run"]
    assert platform.count() == 0
    assert publication(staffed, post_id).status == "dry_run"


def test_a_post_to_two_accounts_is_published_when_both_are(staffed: Practice, platform: LoopbackPlatform) -> None:
    with staffed.store.session() as session:
        session.add(Account(name="hook-2", platform="webhook", handle=platform.url))
    post_id = due_now(staffed, targets=("hook", "hook-2"))
    assert sorted(dispatch(staffed)) == ["published", "published"]
    assert post_row(staffed, post_id).status == "published"
    assert platform.post_ids() == [post_id, post_id]


def test_after_an_auth_refusal_the_rest_of_the_accounts_batch_is_not_sent(staffed: Practice, platform: LoopbackPlatform) -> None:
    posts = [due_now(staffed, n) for n in range(1, 5)]
    platform.default = Answer.error(401)
    with staffed.store.session() as session:
        claimed = claim_due(session, "w1", now_utc(), grace=timedelta(minutes=30))
    outcomes = Publisher(staffed, "w1").publish_batch(claimed)
    assert platform.count() == 1
    assert set(outcomes) == {"paused"}
    assert {publication(staffed, post_id).status for post_id in posts} == {"scheduled"}


def test_rate_limit_honours_a_retry_after_given_as_an_http_date(staffed: Practice, platform: LoopbackPlatform) -> None:
    from email.utils import format_datetime

    post_id = due_now(staffed)
    before = now_utc()
    platform.answer_next(Answer.error(429, "slow down", Retry_After=format_datetime(before + timedelta(seconds=300), usegmt=True)))
    assert dispatch(staffed) == ["retrying"]
    pub = publication(staffed, post_id)
    assert pub.next_attempt_at is not None and pub.next_attempt_at >= before + timedelta(seconds=298)


def test_retries_that_run_out_never_say_they_will_retry(staffed: Practice, platform: LoopbackPlatform) -> None:
    grace = timedelta(minutes=staffed.config.dispatch.grace_minutes)
    post_id = approved_post(staffed, clean_text(1), now_utc() - grace + timedelta(seconds=10))
    platform.default = Answer.error(503)
    assert dispatch(staffed) == ["needs_attention"]
    assert "will retry" not in (publication(staffed, post_id).last_error or "").lower()


def test_a_refusal_reconnecting_cannot_fix_does_not_suggest_reconnecting(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    platform.answer_next(Answer.error(403, "not allowed"))
    assert dispatch(staffed) == ["failed"]
    assert "reconnect" not in (publication(staffed, post_id).last_error or "").lower()
