"""The claim protocol on SQLite and PostgreSQL: one atomic UPDATE, committed before any send."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import update

from socialtui.context import Practice
from socialtui.dispatch.claims import claim_due, sweep_missed
from socialtui.practice_time import now_utc
from socialtui.store.models import Account, Post, Publication

from .scheduling import approved_post, approved_posts, clean_text, post_row, publication

GRACE = timedelta(minutes=30)


def claim(practice: Practice, worker: str, *, now_offset: timedelta = timedelta(0), limit: int = 50) -> list[int]:
    with practice.store.session() as session:
        return claim_due(session, worker, now_utc() + now_offset, limit=limit, grace=GRACE)


def test_racing_workers_claim_disjoint_sets(staffed: Practice) -> None:
    post_ids = approved_posts(staffed, [clean_text(n) for n in range(60)], now_utc() - timedelta(seconds=1))
    start = threading.Barrier(4)
    claimed: dict[str, list[int]] = {}

    def worker(name: str) -> None:
        mine: list[int] = []
        start.wait()
        while batch := claim(staffed, name, limit=3):
            mine += batch
        claimed[name] = mine

    threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    everything = [pub_id for ids in claimed.values() for pub_id in ids]
    assert len(everything) == len(set(everything)) == len(post_ids)
    assert all(publication(staffed, post_id).claimed_by in claimed for post_id in post_ids)


def test_claim_moves_the_post_to_publishing_for_this_worker(staffed: Practice) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - timedelta(seconds=1))
    (pub_id,) = claim(staffed, "w1")
    pub = publication(staffed, post_id)
    assert (pub.id, pub.status, pub.claimed_by) == (pub_id, "publishing", "w1")
    assert post_row(staffed, post_id).status == "publishing"


def test_a_claimed_publication_is_not_claimed_again(staffed: Practice) -> None:
    approved_post(staffed, clean_text(1), now_utc() - timedelta(seconds=1))
    assert len(claim(staffed, "w1")) == 1
    assert claim(staffed, "w2") == []


def test_claim_leaves_posts_not_yet_due(staffed: Practice) -> None:
    approved_post(staffed, clean_text(1), now_utc() + timedelta(minutes=5))
    assert claim(staffed, "w1") == []
    assert len(claim(staffed, "w1", now_offset=timedelta(minutes=6))) == 1


def test_claim_skips_paused_accounts(staffed: Practice) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - timedelta(seconds=1))
    with staffed.store.session() as session:
        session.execute(update(Account).where(Account.name == "hook").values(paused_at=now_utc(), paused_reason="test"))
    assert claim(staffed, "w1") == []
    assert publication(staffed, post_id).status == "scheduled"


def test_claim_waits_for_next_attempt_at(staffed: Practice) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - timedelta(seconds=1))
    with staffed.store.session() as session:
        session.execute(update(Publication).where(Publication.post_id == post_id)
                        .values(next_attempt_at=now_utc() + timedelta(seconds=40)))
    assert claim(staffed, "w1") == []
    assert len(claim(staffed, "w1", now_offset=timedelta(seconds=41))) == 1


def test_claim_leaves_posts_past_the_grace_window(staffed: Practice) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - GRACE - timedelta(seconds=5))
    assert claim(staffed, "w1") == []
    assert publication(staffed, post_id).status == "scheduled"


def test_claim_takes_the_oldest_due_first_up_to_the_limit(staffed: Practice) -> None:
    older = approved_post(staffed, clean_text(1), now_utc() - timedelta(minutes=2))
    newer = approved_post(staffed, clean_text(2), now_utc() - timedelta(minutes=1))
    (first,) = claim(staffed, "w1", limit=1)
    assert first == publication(staffed, older).id
    assert publication(staffed, newer).status == "scheduled"


def test_sweep_marks_posts_past_the_grace_window_missed(staffed: Practice) -> None:
    late = approved_post(staffed, clean_text(1), now_utc() - timedelta(days=2))
    in_time = approved_post(staffed, clean_text(2), now_utc() - timedelta(minutes=1))
    with staffed.store.session() as session:
        missed = sweep_missed(session, now_utc(), grace=GRACE, actor="w1")
    assert missed == [late]
    assert (post_row(staffed, late).status, publication(staffed, late).status) == ("missed", "missed")
    assert "grace window" in (publication(staffed, late).last_error or "")
    assert post_row(staffed, in_time).status == "scheduled"


def test_a_missed_post_is_never_claimed_afterwards(staffed: Practice) -> None:
    approved_post(staffed, clean_text(1), now_utc() - timedelta(days=2))
    with staffed.store.session() as session:
        sweep_missed(session, now_utc(), grace=GRACE, actor="w1")
    with staffed.store.session() as session:
        assert claim_due(session, "w1", now_utc(), grace=timedelta(days=30)) == []


def test_sweep_leaves_a_post_whose_other_target_is_still_publishing(staffed: Practice) -> None:
    post_id = approved_post(staffed, clean_text(1), now_utc() - timedelta(minutes=31), targets=("hook", "rehearsal"))
    with staffed.store.session() as session:
        session.execute(update(Publication).where(Publication.post_id == post_id, Publication.account_id.in_(
            session.query(Account.id).filter(Account.name == "rehearsal").scalar_subquery())).values(status="publishing"))
        session.execute(update(Post).where(Post.id == post_id).values(status="publishing"))
    with staffed.store.session() as session:
        assert sweep_missed(session, now_utc(), grace=GRACE, actor="w1") == []
    assert post_row(staffed, post_id).status == "publishing"
