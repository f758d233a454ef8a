"""Small helpers the foundation tests share: clean texts, future times, posts in a given state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from socialtui.lifecycle import PostStatus, transition
from socialtui.services.posts import PostChanges, content_fingerprint, create_post, get_post
from socialtui.store.models import Approval, Post, StaffMember

CLEAN_TEXT = "Our office is closed on Monday for the holiday. Book online any time."
OTHER_TEXT = "Our office opens at 8 am on weekdays. Book online any time."
S = PostStatus


def checks_importable() -> bool:
    """Whether the checks engine (written separately) can run yet."""
    try:
        from socialtui.checks import run_checks  # noqa: F401
    except ImportError:
        return False
    return True


requires_checks = pytest.mark.skipif(not checks_importable(), reason="socialtui.checks.run_checks is not importable yet")
"""For tests that go through submit / approve, which run the checks engine."""


def in_days(days: int, hour: int = 9) -> datetime:
    """A UTC instant ``days`` from now, on the hour."""
    return (datetime.now(UTC) + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def local_in_days(days: int, hour: int = 9) -> str:
    """``YYYY-MM-DD HH:MM`` (practice time) ``days`` from today."""
    return (datetime.now(UTC) + timedelta(days=days)).strftime(f"%Y-%m-%d {hour:02d}:00")


def new_post(session: Session, actor: str, *, text: str = CLEAN_TEXT, due_at: datetime | None = None,
             targets: tuple[str, ...] = ("clinic-x",), consent_ids: list[int] | None = None, kind: str | None = None) -> Post:
    """A draft by ``actor``, written through the service."""
    return create_post(session, PostChanges(text=text, due_at=due_at, targets=list(targets), consent_ids=consent_ids, kind=kind),
                       actor=actor)


PATHS: dict[PostStatus, list[PostStatus]] = {
    S.DRAFT: [],
    S.IN_REVIEW: [S.IN_REVIEW],
    S.APPROVED: [S.IN_REVIEW, S.APPROVED],
    S.SCHEDULED: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED],
    S.PUBLISHED: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED, S.PUBLISHING, S.PUBLISHED],
    S.CANCELLED: [S.CANCELLED],
}
PUBLICATION_STATUS = {S.SCHEDULED: "scheduled", S.PUBLISHED: "published", S.CANCELLED: "cancelled"}


def force_status(session: Session, post_id: int, target: PostStatus, approver: str) -> Post:
    """Walk a post to ``target`` through the state machine without the checks (a test shortcut)."""
    post = get_post(session, post_id)
    member = session.query(StaffMember).filter_by(name=approver).one()
    for step in PATHS[target]:
        if step is S.APPROVED:
            post.approvals.append(Approval(approver=member, content_hash=content_fingerprint(post), due_at=post.due_at,
                                           findings=[], overrides=[]))
        transition(session, post, step, actor=approver)
        for pub in post.publications:
            pub.status = PUBLICATION_STATUS.get(step, pub.status)
            if step is S.PUBLISHED:
                pub.remote_url = f"https://x.com/MapleFamilyMed/status/{post.id}"
    return post
