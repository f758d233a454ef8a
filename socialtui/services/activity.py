"""Activity: what went out, and what a person has to look at (failed, held, missed, needs attention)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from socialtui.audit import record
from socialtui.errors import ValidationError
from socialtui.lifecycle import ATTENTION, PostStatus, transition
from socialtui.practice_time import now_utc
from socialtui.services.posts import get_post
from socialtui.services.review import schedule
from socialtui.services.permissions import Permission, require
from socialtui.store.models import Post, Publication

RETRY_DELAY = timedelta(seconds=30)


def attention_posts(session: Session) -> list[Post]:
    """Posts that are failed, held, missed or need attention, oldest due first."""
    query = (select(Post).where(Post.status.in_([s.value for s in ATTENTION]))
             .options(selectinload(Post.publications)).order_by(Post.due_at, Post.id))
    return list(session.scalars(query))


def recent_publications(session: Session, *, limit: int = 200) -> list[Publication]:
    """The latest publications with an outcome (published, failed, ...), newest first."""
    query = (select(Publication).where(Publication.status.not_in(["pending", "scheduled"]))
             .order_by(Publication.due_at.desc(), Publication.id.desc()).limit(limit))
    return list(session.scalars(query))


def retry_now(session: Session, post_id: int, *, actor: str, now: datetime | None = None) -> Post:
    """Schedule a failed, missed or needs-attention post again, due in a few seconds."""
    post = get_post(session, post_id)
    if post.status not in (PostStatus.FAILED, PostStatus.MISSED, PostStatus.NEEDS_ATTENTION):
        raise ValidationError(f"Post {post_id} is {post.status}; only failed, missed or needs-attention posts can be retried.",
                              "Held posts go back through review: edit and submit them.")
    return schedule(session, post_id, (now or now_utc()) + RETRY_DELAY, actor=actor, now=now)


def mark_published(session: Session, post_id: int, url: str, *, actor: str) -> Post:
    """Record that a needs-attention post did go out (an approver checked the platform)."""
    require(session, actor, Permission.APPROVE)
    if not url.startswith(("https://", "http://")):
        raise ValidationError("Give the URL of the post on the platform.", "Copy it from the platform, e.g. https://x.com/...")
    post = get_post(session, post_id)
    if post.status != PostStatus.NEEDS_ATTENTION:
        raise ValidationError(f"Post {post_id} is {post.status}; only a post needing attention can be marked published.", "")
    for pub in post.publications:
        if pub.status != "published":
            pub.status, pub.remote_url, pub.published_at, pub.last_error = "published", url, now_utc(), None
    record(session, actor=actor, action="post.mark_published", subject=("post", post.id), details={"url": url})
    transition(session, post, PostStatus.PUBLISHED, actor=actor, reason="confirmed on the platform by a person")
    return post
