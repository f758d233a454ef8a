"""Never strand, confuse or silently drop a post: same-text posts, stale claims, a long reconcile."""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

import socialtui.dispatch.reconcile as reconciling
from socialtui.context import Practice
from socialtui.dispatch.claims import claim_bound, claim_due
from socialtui.dispatch.connect import build_adapter
from socialtui.dispatch.publisher import Publisher
from socialtui.dispatch.reconcile import reconcile
from socialtui.dispatch.service import SchedulerService
from socialtui.practice_time import now_utc
from socialtui.store.models import Account, Heartbeat, Publication

from .cli import socialtui
from .loopback import Answer, LoopbackPlatform
from .scheduling import approved_posts, clean_text, post_row, publication
from .serving import wait_until

GRACE = timedelta(minutes=30)
SAME_TEXT = clean_text(7)


def claim_all(practice: Practice, worker: str = "w1") -> list[int]:
    with practice.store.session() as session:
        return claim_due(session, worker, now_utc(), limit=100, grace=GRACE)


def due_now(practice: Practice, *texts: str) -> list[int]:
    return approved_posts(practice, list(texts), now_utc() - timedelta(seconds=1))


def retry_now(practice: Practice, post_id: int) -> None:
    with practice.store.session() as session:
        session.execute(update(Publication).where(Publication.post_id == post_id).values(next_attempt_at=None))


def alive(practice: Practice, worker: str, at: datetime | None = None) -> None:
    """A heartbeat for ``worker`` at ``at`` (now), as a service in this very process would write."""
    at = at or now_utc()
    with practice.store.session() as session:
        session.merge(Heartbeat(worker_id=worker, host=socket.gethostname(), pid=os.getpid(), dry_run=False,
                                started_at=at, beat_at=at, state="running"))


@pytest.fixture
def text_only(platform: LoopbackPlatform) -> LoopbackPlatform:
    """The platform finds posts by their text alone, as X and Facebook do."""
    platform.match_text = True
    return platform


def test_a_retried_post_is_never_taken_for_an_earlier_post_of_the_same_text(
        staffed: Practice, text_only: LoopbackPlatform) -> None:
    first, second = due_now(staffed, SAME_TEXT, SAME_TEXT)
    text_only.answer_next(Answer.ok(), Answer.error(500))
    assert Publisher(staffed, "w1").publish_batch(claim_all(staffed)) == ["published", "retrying"]
    retry_now(staffed, second)
    assert Publisher(staffed, "w1").publish_batch(claim_all(staffed)) == ["published"]
    assert text_only.post_ids() == [first, second, second]  # the retry was really sent
    assert publication(staffed, first).remote_id != publication(staffed, second).remote_id


def test_a_crash_between_marker_and_send_never_claims_another_posts_publication(
        staffed: Practice, text_only: LoopbackPlatform) -> None:
    first, second = due_now(staffed, SAME_TEXT, SAME_TEXT)
    publisher = Publisher(staffed, "w1")
    first_pub, second_pub = claim_all(staffed)
    assert publisher.publish_batch([first_pub]) == ["published"]
    (ready,) = publisher.prepare([second_pub]).ready
    assert publisher.begin([ready])[ready.pub_id] is not None  # the marker is committed ... and the worker is killed
    assert reconcile(staffed, "w2", dry_run=False)["needs_attention"] == 1
    pub = publication(staffed, second)
    assert (pub.status, pub.remote_id) == ("needs_attention", None)
    assert text_only.post_ids() == [first]


def test_a_running_service_settles_the_claims_of_a_worker_that_died(
        staffed: Practice, platform: LoopbackPlatform) -> None:
    sent, unsent = due_now(staffed, clean_text(1), clean_text(2))
    publisher = Publisher(staffed, "dead-worker")
    sent_pub, _ = claim_all(staffed, "dead-worker")
    (ready,) = publisher.prepare([sent_pub]).ready
    publisher.begin([ready])
    with staffed.store.session() as session:  # the send reaches the platform; the worker dies before recording it
        account = session.get(Account, ready.account_id)
        assert account is not None
    build_adapter(staffed, account, dry_run=False).publish(ready.outgoing)
    survivor = SchedulerService(staffed, worker_id="survivor")
    try:
        survivor.reconcile_stale()
    finally:
        survivor.stop()
    assert (publication(staffed, sent).status, publication(staffed, unsent).status) == ("published", "scheduled")
    assert platform.post_ids() == [sent]


def test_a_claim_past_its_bound_is_settled_even_while_its_worker_beats(
        staffed: Practice, platform: LoopbackPlatform) -> None:
    (post_id,) = due_now(staffed, clean_text(1))
    alive(staffed, "stuck-worker")
    claim_all(staffed, "stuck-worker")  # then its store went away mid-batch; its heartbeat goes on
    assert reconcile(staffed, "w2", dry_run=False)["rescheduled"] == 0  # still within the bound
    later = now_utc() + claim_bound(staffed.config) + timedelta(seconds=1)
    alive(staffed, "stuck-worker", at=later)
    assert reconcile(staffed, "w2", dry_run=False, now=later)["rescheduled"] == 1
    assert publication(staffed, post_id).status == "scheduled"


def test_status_lists_a_publication_stuck_in_publishing_past_its_bound(
        staffed: Practice, platform: LoopbackPlatform) -> None:
    (post_id,) = due_now(staffed, clean_text(1))
    claim_all(staffed, "stuck-worker")
    with staffed.store.session() as session:
        session.execute(update(Publication).values(claimed_at=now_utc() - claim_bound(staffed.config) - timedelta(minutes=1)))
    shown = socialtui(staffed, "status", "--json")
    assert shown.returncode == 0, shown.stderr
    stuck = json.loads(shown.stdout)["stuck_publishing"]
    assert [(item["post_id"], item["account"]) for item in stuck] == [(post_id, "hook")]
    assert f"post {post_id}" in socialtui(staffed, "status").stdout.split("Stuck in publishing")[1]


def test_reconcile_builds_one_adapter_per_account_and_keeps_beating(
        staffed: Practice, platform: LoopbackPlatform, monkeypatch: pytest.MonkeyPatch) -> None:
    post_ids = due_now(staffed, *(clean_text(n) for n in range(12)))
    publisher = Publisher(staffed, "dead-worker")
    publisher.begin(publisher.prepare(claim_all(staffed, "dead-worker")).ready)  # every send began; none reached the platform
    built: list[str] = []
    beats: list[int] = []

    def counting(practice: Practice, account: Account, **kwargs: Any) -> Any:
        built.append(account.name)
        return build_adapter(practice, account, **kwargs)

    monkeypatch.setattr(reconciling, "build_adapter", counting)
    monkeypatch.setattr(reconciling, "HEARTBEAT_SECONDS", 0.0)
    counts = reconcile(staffed, "w2", dry_run=False, beat=lambda: beats.append(1))
    assert counts["needs_attention"] == 12
    assert built == ["hook"]
    assert len(beats) >= 11
    assert {post_row(staffed, p).status for p in post_ids} == {"needs_attention"}


def test_status_shows_a_paused_account_and_the_posts_it_holds_up(staffed: Practice, platform: LoopbackPlatform) -> None:
    (post_id,) = due_now(staffed, clean_text(1))
    with staffed.store.session() as session:
        session.execute(update(Account).where(Account.name == "hook")
                        .values(paused_at=now_utc(), paused_reason="The token was refused."))
    shown = json.loads(socialtui(staffed, "status", "--json").stdout)
    assert [(a["account"], [p["post_id"] for p in a["held_up"]]) for a in shown["paused_accounts"]] == [("hook", [post_id])]
    text = socialtui(staffed, "status").stdout
    assert "Paused accounts" in text and f"held up: post {post_id}" in text


def test_a_killed_service_leaves_only_the_send_in_flight_to_a_person(
        staffed: Practice, platform: LoopbackPlatform, serve: Any) -> None:
    post_ids = due_now(staffed, *(clean_text(n) for n in range(20)))
    crashed = serve(staffed.store.url, staffed.config_path, fault="pause-before-send:60")
    assert wait_until(lambda: any(publication(staffed, p).marker for p in post_ids))
    crashed.kill()  # one send had begun; the other 19 were claimed and prepared, never sent

    restarted = serve(staffed.store.url, staffed.config_path)
    started = restarted.wait_for_event("started")
    assert (started["needs_attention"], started["rescheduled"]) == (1, 19)
    assert wait_until(lambda: sum(publication(staffed, p).status == "published" for p in post_ids) == 19, timeout=30)
    assert platform.count() == 19
    assert restarted.terminate() == 0


def test_a_service_killed_between_marker_and_send_never_records_another_posts_remote_id(
        staffed: Practice, text_only: LoopbackPlatform, serve: Any) -> None:
    first, second = due_now(staffed, SAME_TEXT, SAME_TEXT)
    first_pub, second_pub = claim_all(staffed)
    assert Publisher(staffed, "w1").publish_batch([first_pub]) == ["published"]
    with staffed.store.session() as session:  # give the second back, as if never claimed
        session.execute(update(Publication).where(Publication.id == second_pub)
                        .values(status="scheduled", claimed_by=None, claimed_at=None))
    crashed = serve(staffed.store.url, staffed.config_path, fault="pause-before-send:60")
    assert wait_until(lambda: publication(staffed, second).marker is not None)
    crashed.kill()

    restarted = serve(staffed.store.url, staffed.config_path)
    assert restarted.wait_for_event("started")["needs_attention"] == 1
    pub = publication(staffed, second)
    assert (pub.status, pub.remote_id) == ("needs_attention", None)
    assert text_only.post_ids() == [first]
    assert restarted.terminate() == 0
