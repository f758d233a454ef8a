"""A claimed batch: prepared in one transaction, sent in parallel, its outcomes recorded in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, update

import socialtui.dispatch.sending as sending
from socialtui.audit import verify
from socialtui.context import Practice
from socialtui.dispatch.claims import claim_due
from socialtui.dispatch.publisher import Publisher
from socialtui.dispatch.verdicts import CheckVerdicts, preflight
from socialtui.practice_time import now_utc
from socialtui.services.consents import add_consent
from socialtui.store.models import Account, AuditEvent, Consent, Post

from .loopback import Answer, LoopbackPlatform
from .scheduling import APPROVER, approved_post, approved_posts, clean_text, post_row, publication

GRACE = timedelta(minutes=30)


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    """The send threads a service would lend its publisher."""
    with ThreadPoolExecutor(max_workers=4) as executor:
        yield executor


def claim_all(practice: Practice, worker: str = "w1") -> list[int]:
    with practice.store.session() as session:
        return claim_due(session, worker, now_utc(), limit=100, grace=GRACE)


def due_posts(practice: Practice, count: int, **kwargs: Any) -> list[int]:
    return approved_posts(practice, [clean_text(n) for n in range(count)], now_utc() - timedelta(seconds=1), **kwargs)


def test_a_batch_holds_the_post_changed_after_approval_and_sends_the_others(
        staffed: Practice, platform: LoopbackPlatform, pool: ThreadPoolExecutor) -> None:
    first, changed, last = due_posts(staffed, 3)
    with staffed.store.session() as session:
        session.execute(update(Post).where(Post.id == changed).values(text="Something nobody approved."))
    outcomes = Publisher(staffed, "w1", pool=pool).publish_batch(claim_all(staffed))
    assert outcomes == ["published", "skipped", "published"]
    assert sorted(platform.post_ids()) == [first, last]
    assert (post_row(staffed, changed).status, publication(staffed, changed).status) == ("held", "held")
    assert {post_row(staffed, p).status for p in (first, last)} == {"published"}


def test_each_publication_of_a_batch_gets_its_own_outcome_and_audit_event(
        staffed: Practice, platform: LoopbackPlatform) -> None:
    post_ids = due_posts(staffed, 3)
    platform.answer_next(Answer.ok(), Answer.error(403, "duplicate"), Answer.ok())  # no pool: sent in claim order
    pub_ids = claim_all(staffed)
    assert Publisher(staffed, "w1").publish_batch(pub_ids) == ["published", "failed", "published"]
    assert [publication(staffed, p).status for p in post_ids] == ["published", "failed", "published"]
    with staffed.store.session() as session:
        events = session.execute(select(AuditEvent.subject_id, AuditEvent.action)
                                 .where(AuditEvent.action.like("publication.%"))).all()
        assert verify(session).ok
    assert sorted(events) == sorted([(str(pub_ids[0]), "publication.published"), (str(pub_ids[1]), "publication.failed"),
                                     (str(pub_ids[2]), "publication.published")])


def test_a_batch_builds_one_adapter_per_account(staffed: Practice, platform: LoopbackPlatform,
                                                pool: ThreadPoolExecutor, monkeypatch: pytest.MonkeyPatch) -> None:
    with staffed.store.session() as session:
        session.add(Account(name="hook-2", platform="webhook", handle=platform.url))
    due_posts(staffed, 5, targets=("hook", "hook-2"))
    built: list[str] = []

    def counting(practice: Practice, account: Account, **kwargs: Any) -> Any:
        built.append(account.name)
        return build_adapter(practice, account, **kwargs)

    build_adapter = sending.build_adapter
    monkeypatch.setattr(sending, "build_adapter", counting)
    assert Publisher(staffed, "w1", pool=pool).publish_batch(claim_all(staffed)) == ["published"] * 10
    assert sorted(built) == ["hook", "hook-2"]
    assert platform.count() == 10


def test_markers_are_committed_just_ahead_of_their_sends_never_for_the_whole_batch(
        staffed: Practice, platform: LoopbackPlatform, monkeypatch: pytest.MonkeyPatch) -> None:
    post_ids = due_posts(staffed, 20)
    begun_at_send: list[int] = []

    def checking(practice: Practice, account: Account, **kwargs: Any) -> Any:
        adapter = build_adapter(practice, account, **kwargs)
        publish = adapter.publish

        def publish_after_looking(post: Any) -> Any:
            # What a crash right now would leave for reconcile: publications with a marker and no outcome.
            begun_at_send.append(sum(1 for p in post_ids if publication(staffed, p).marker is not None)
                                 - platform.count())
            return publish(post)

        adapter.publish = publish_after_looking
        return adapter

    build_adapter = sending.build_adapter
    monkeypatch.setattr(sending, "build_adapter", checking)
    Publisher(staffed, "w1").publish_batch(claim_all(staffed))  # no pool: sent one after another
    assert begun_at_send[0] == 1  # the first send per account goes alone
    assert 1 <= max(begun_at_send) <= sending.SEND_WAVE
    assert platform.count() == 20


def test_a_crash_after_preparing_sends_nothing_and_leaves_every_publication_to_schedule_again(
        staffed: Practice, platform: LoopbackPlatform) -> None:
    from socialtui.dispatch.reconcile import reconcile

    post_ids = due_posts(staffed, 4)
    batch = Publisher(staffed, "w1").prepare(claim_all(staffed))
    assert len(batch.ready) == 4  # ... and then the worker is killed
    assert reconcile(staffed, "w2", dry_run=False) == {"rescheduled": 4, "published": 0, "needs_attention": 0}
    assert [publication(staffed, p).status for p in post_ids] == ["scheduled"] * 4
    assert platform.count() == 0


def test_recording_a_batch_locks_the_audit_head_once(staffed: Practice, platform: LoopbackPlatform,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    due_posts(staffed, 5)
    pub_ids = claim_all(staffed)
    publisher = Publisher(staffed, "w1")
    batch = publisher.prepare(pub_ids)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(staffed.store.engine, "before_cursor_execute", listener)
    try:
        assert publisher.deliver(batch) == ["published"] * 5
    finally:
        event.remove(staffed.store.engine, "before_cursor_execute", listener)
    head_reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "audit_head" in s]
    assert len(head_reads) == 1
    with staffed.store.session() as session:
        assert verify(session).ok
        assert len(session.scalars(select(AuditEvent).where(AuditEvent.action == "publication.published")).all()) == 5


def test_a_preflight_verdict_is_reused_at_dispatch_when_nothing_changed(staffed: Practice, platform: LoopbackPlatform) -> None:
    due_posts(staffed, 3)
    verdicts = CheckVerdicts(staffed.config)
    assert preflight(staffed, verdicts, now_utc()) == 3
    assert preflight(staffed, verdicts, now_utc()) == 0  # nothing new to check
    assert Publisher(staffed, "w1", verdicts=verdicts).publish_batch(claim_all(staffed)) == ["published"] * 3
    assert verdicts.reused == 3


def test_a_consent_revoked_after_the_preflight_still_holds_the_post(staffed: Practice, platform: LoopbackPlatform,
                                                                     tmp_path: Path) -> None:
    form = tmp_path / "consent-form.pdf"
    form.write_bytes(b"signed form")
    with staffed.store.session() as session:
        consent_id = add_consent(session, subject_ref="C-2026-014", scope=["webhook", "quote"],
                                 signed_on=date.today() - timedelta(days=10), expires_on=None,
                                 document=str(form), actor=APPROVER).id
    post_id = approved_post(staffed, "Thank you to the team for the kind care this winter. Book online any time.",
                            now_utc() - timedelta(seconds=1), kind="testimonial", consent_ids=[consent_id])
    verdicts = CheckVerdicts(staffed.config)
    assert preflight(staffed, verdicts, now_utc()) == 1  # passes while the consent holds
    with staffed.store.session() as session:
        session.execute(update(Consent).where(Consent.id == consent_id).values(revoked_on=date.today()))
    assert Publisher(staffed, "w1", verdicts=verdicts).publish_batch(claim_all(staffed)) == ["skipped"]
    assert verdicts.reused == 0
    post = post_row(staffed, post_id)
    assert post.status == "held" and "checks failed at dispatch" in (post.status_reason or "")
    assert platform.count() == 0


def test_a_preflight_verdict_from_another_day_is_not_reused(staffed: Practice, platform: LoopbackPlatform,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    due_posts(staffed, 1)
    verdicts = CheckVerdicts(staffed.config)
    preflight(staffed, verdicts, now_utc())

    class Tomorrow(date):
        @classmethod
        def today(cls) -> date:
            return date.fromordinal(date.today().toordinal() + 1)

    monkeypatch.setattr("socialtui.dispatch.publisher.date", Tomorrow)
    assert Publisher(staffed, "w1", verdicts=verdicts).publish_batch(claim_all(staffed)) == ["published"]
    assert verdicts.reused == 0


def test_publications_another_worker_owns_are_skipped_untouched(staffed: Practice, platform: LoopbackPlatform) -> None:
    (post_id,) = due_posts(staffed, 1)
    pub_ids = claim_all(staffed, worker="w2")
    assert Publisher(staffed, "w1").publish_batch(pub_ids) == ["skipped"]
    pub = publication(staffed, post_id)
    assert (pub.status, pub.claimed_by, pub.marker, pub.attempts) == ("publishing", "w2", None, 0)
    assert platform.count() == 0


def test_a_tick_publishes_batch_after_batch_until_nothing_is_due(staffed: Practice, platform: LoopbackPlatform,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from socialtui.dispatch import service

    monkeypatch.setattr(service, "CLAIM_BATCH", 2)
    post_ids = due_posts(staffed, 5)
    scheduler = service.SchedulerService(staffed, worker_id="w1")
    try:
        assert scheduler.tick() == 5
    finally:
        scheduler.stop()
    assert sorted(platform.post_ids()) == sorted(post_ids)
    assert {post_row(staffed, p).status for p in post_ids} == {"published"}
