"""The claim protocol: one atomic UPDATE moves a due publication to ``publishing``.

The claim is committed before any platform call, so two schedulers on one
PostgreSQL never send the same publication twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from socialtui.lifecycle import PostStatus, transition
from socialtui.store.models import Account, Post, Publication

if TYPE_CHECKING:
    from socialtui.config import Config


def claim_due(session: Session, worker_id: str, now: datetime, *, limit: int = 50, grace: timedelta) -> list[int]:
    """Claim up to ``limit`` publications due by ``now`` (and not past the grace window) for ``worker_id``.

    Returns:
        The ids of the publications this worker now owns.
    """
    due = (
        select(Publication.id)
        .join(Account, Account.id == Publication.account_id)
        .where(
            Publication.status == "scheduled",
            Publication.due_at <= now,
            Publication.due_at > now - grace,
            or_(Publication.next_attempt_at.is_(None), Publication.next_attempt_at <= now),
            Account.paused_at.is_(None),
        )
        .order_by(Publication.due_at, Publication.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True, of=Publication)
    # Two statements, not ``UPDATE ... WHERE id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)``:
    # PostgreSQL may re-run such a subquery for each row it updates, skipping the rows this very
    # statement just changed, and so claim far more than ``limit``. The SELECT's row locks (SQLite:
    # the write lock taken at BEGIN IMMEDIATE) keep the ids ours until the UPDATE commits.
    ids = list(session.scalars(due))
    if not ids:
        return []
    claimed = session.execute(
        update(Publication)
        .where(Publication.id.in_(ids), Publication.status == "scheduled")
        # No marker until its send begins: a claim that crashes before then was provably never sent.
        .values(status="publishing", claimed_by=worker_id, claimed_at=now, marker=None)
        .returning(Publication.id, Publication.post_id)
        .execution_options(synchronize_session=False)
    ).all()
    post_ids = sorted({post_id for _, post_id in claimed})
    if post_ids:
        posts = session.scalars(select(Post).where(Post.id.in_(post_ids), Post.status == PostStatus.SCHEDULED.value))
        for post in posts:
            transition(session, post, PostStatus.PUBLISHING, actor=worker_id)
    return sorted(pub_id for pub_id, _ in claimed)


def sweep_missed(session: Session, now: datetime, *, grace: timedelta, actor: str) -> list[int]:
    """Mark publications still scheduled past their grace window as missed: never sent days late.

    Returns:
        The ids of the posts that became missed.
    """
    late = list(session.scalars(
        select(Publication).where(Publication.status == "scheduled", Publication.due_at <= now - grace)
    ))
    posts: dict[int, Post] = {}
    for pub in late:
        pub.status = "missed"
        pub.last_error = "Not sent within the grace window (was the service running, or the account paused?)."
        posts[pub.post_id] = pub.post
    missed = []
    for post in posts.values():
        if post.status == PostStatus.SCHEDULED and not _any(post, ("scheduled", "publishing")):
            transition(session, post, PostStatus.MISSED, actor=actor, reason="not sent within the grace window")
            missed.append(post.id)
    return missed


CLAIM_BOUND = timedelta(minutes=10)
"""The least time a claim may stay in ``publishing`` before it counts as stale whoever holds it."""


def claim_bound(config: Config) -> timedelta:
    """How long a claim may stay in ``publishing``: well past what a batch of slow sends takes."""
    return max(CLAIM_BOUND, timedelta(seconds=20 * config.dispatch.http_timeout_seconds))


def stale_claims(session: Session, live_workers: set[str], *, claimed_before: datetime | None = None) -> list[Publication]:
    """Publications in ``publishing`` whose worker is no longer alive, or claimed before ``claimed_before``."""
    stale: list[ColumnElement[bool]] = [Publication.claimed_by.is_(None),
                                        Publication.claimed_by.not_in(live_workers or {""})]
    if claimed_before is not None:
        stale += [Publication.claimed_at.is_(None), Publication.claimed_at < claimed_before]
    query = select(Publication).where(Publication.status == "publishing", or_(*stale)).order_by(Publication.id)
    return list(session.scalars(query))


def _any(post: Post, statuses: tuple[str, ...]) -> bool:
    return any(p.status in statuses for p in post.publications)

