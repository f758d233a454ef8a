"""Record how a batch of sends ended, in one transaction, and settle each post.

Each publication still gets its own audit event (``publication.<outcome>``) and
its own status; the audit head is locked once for the whole batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from socialtui.audit import record
from socialtui.dispatch.connect import outbox_entry
from socialtui.dispatch.sending import UNKNOWN_OUTCOME, Sent
from socialtui.errors import CredentialError, PlatformError, SocialTuiError
from socialtui.lifecycle import PostStatus, transition
from socialtui.store.models import Post, Publication


def record_outcomes(session: Session, sent: Sequence[Sent], *, actor: str, now: datetime,
                    retry_base_seconds: float, grace: timedelta) -> list[str]:
    """Store each send's outcome on its publication, audit it, then settle the posts; the outcome names.

    Args:
        session: the open session; everything commits together.
        sent: how each send ended.
        actor: the worker id.
        now: the time stored as published / paused / retry base.
        retry_base_seconds: the first retry's delay; it doubles with each attempt.
        grace: how long after its due time a publication may still be retried.
    """
    pub_ids = [s.pub_id for s in sent]
    post_ids = sorted(set(session.scalars(select(Publication.post_id).where(Publication.id.in_(pub_ids)))))
    # Lock the posts first (in id order, so two workers never deadlock): two workers finishing
    # two targets of one post at once would each see the other still publishing, and neither
    # would settle the post.
    session.execute(select(Post.id).where(Post.id.in_(post_ids)).order_by(Post.id).with_for_update())
    # Only the publications are needed to settle a post (get_post loads everything).
    posts = {p.id: p for p in session.scalars(
        select(Post).where(Post.id.in_(post_ids)).options(selectinload(Post.publications)))}
    pubs = {p.id: p for post in posts.values() for p in post.publications}
    outcomes = []
    for each in sent:
        pub = pubs[each.pub_id]
        outcome = _apply(session, pub, each, actor=actor, now=now, retry_base_seconds=retry_base_seconds, grace=grace)
        for platform, requests in each.outbox:
            session.add(outbox_entry(pub.post_id, pub.account.name, platform, requests))
        record(session, actor=actor, action=f"publication.{outcome}", subject=("publication", pub.id),
               details={"post_id": pub.post_id, "account": pub.account.name, "attempt": pub.attempts}
               | ({"error": each.error.message} if each.error else {}))
        outcomes.append(outcome)
    for post in posts.values():
        settle(session, post, actor=actor)
    return outcomes


def _apply(session: Session, pub: Publication, sent: Sent, *, actor: str, now: datetime,
           retry_base_seconds: float, grace: timedelta) -> str:
    if sent.result is not None and sent.dry_run:
        pub.status, pub.remote_id, pub.last_error = "dry_run", sent.result.remote_id, None
        return "dry_run"
    if sent.result is not None:
        pub.status, pub.remote_id, pub.remote_url = "published", sent.result.remote_id, sent.result.url
        pub.published_at, pub.last_error = now, None
        pub.account.last_success_at = now
        return "published"
    assert sent.error is not None
    return _failure(session, pub, sent.error, actor=actor, now=now, retry_base_seconds=retry_base_seconds, grace=grace)


def _failure(session: Session, pub: Publication, error: SocialTuiError, *, actor: str, now: datetime,
             retry_base_seconds: float, grace: timedelta) -> str:
    pub.last_error = f"{error.message} {error.hint}".strip()
    if isinstance(error, PlatformError) and error.code == UNKNOWN_OUTCOME:
        pub.status = "needs_attention"
        return "needs_attention"
    if isinstance(error, CredentialError) or (isinstance(error, PlatformError) and error.auth):
        # No usable token (missing, rejected, or no safe keyring): pause the account with
        # the way to reconnect rather than failing every post due on it.
        account = pub.account
        account.paused_at, account.paused_reason = now, pub.last_error
        record(session, actor=actor, action="account.pause", subject=("account", account.id),
               details={"reason": error.message})
        pub.status, pub.next_attempt_at = "scheduled", None
        return "paused"
    if isinstance(error, PlatformError) and error.transient:
        delay = max(error.retry_after or 0.0, retry_base_seconds * 2 ** max(pub.attempts - 1, 0))
        retry_at = now + timedelta(seconds=delay)
        if pub.due_at is not None and retry_at < pub.due_at + grace:
            pub.status, pub.next_attempt_at = "scheduled", retry_at
            return "retrying"
        pub.status = "needs_attention"
        # The error's own hint ("Will retry.") no longer holds: say what a person can do instead.
        pub.last_error = (f"Retries ran out within the grace window. Last error: {error.message} "
                          "Check the platform, then retry or reschedule the post.")
        return "needs_attention"
    pub.status = "failed"
    return "failed"


def settle(session: Session, post: Post, *, actor: str) -> None:
    """Move the post to the status its publications add up to."""
    statuses = [p.status for p in post.publications if p.status != "cancelled"]
    if "publishing" in statuses or post.status != PostStatus.PUBLISHING:
        return
    if all(s == "published" for s in statuses):
        to, why = PostStatus.PUBLISHED, ""
    elif "failed" in statuses:
        to, why = PostStatus.FAILED, next(p.last_error or "" for p in post.publications if p.status == "failed")
    elif "needs_attention" in statuses:
        to, why = PostStatus.NEEDS_ATTENTION, next(p.last_error or "" for p in post.publications if p.status == "needs_attention")
    elif "held" in statuses:
        to, why = PostStatus.HELD, "held at dispatch"
    elif "scheduled" in statuses:
        to, why = PostStatus.SCHEDULED, "will retry"
    elif "missed" in statuses:
        to, why = PostStatus.MISSED, "not sent within the grace window"
    else:
        to, why = PostStatus.SCHEDULED, "dry run: recorded in the outbox, nothing sent"
    transition(session, post, to, actor=actor, reason=why)
