"""The post lifecycle: one state machine that owns every transition.

``draft → in_review → approved → scheduled → publishing → published``, plus
``rejected``, ``held``, ``failed``, ``needs_attention``, ``missed`` and
``cancelled``. Every transition writes an audit event (who, when, from, to, why).
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session

from socialtui.audit import record
from socialtui.errors import IllegalTransitionError
from socialtui.store.models import Post, utcnow


class PostStatus(StrEnum):
    """Where a post is in its life."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    REJECTED = "rejected"
    HELD = "held"
    FAILED = "failed"
    NEEDS_ATTENTION = "needs_attention"
    MISSED = "missed"
    CANCELLED = "cancelled"


S = PostStatus

TRANSITIONS: dict[PostStatus, frozenset[PostStatus]] = {
    S.DRAFT: frozenset({S.IN_REVIEW, S.HELD, S.CANCELLED}),
    S.IN_REVIEW: frozenset({S.APPROVED, S.REJECTED, S.DRAFT, S.HELD, S.CANCELLED}),
    S.APPROVED: frozenset({S.SCHEDULED, S.IN_REVIEW, S.HELD, S.CANCELLED}),
    S.SCHEDULED: frozenset({S.PUBLISHING, S.IN_REVIEW, S.HELD, S.MISSED, S.CANCELLED}),
    S.PUBLISHING: frozenset({S.PUBLISHED, S.FAILED, S.NEEDS_ATTENTION, S.SCHEDULED, S.HELD, S.MISSED}),
    S.PUBLISHED: frozenset(),
    S.REJECTED: frozenset({S.DRAFT, S.HELD, S.CANCELLED}),
    S.HELD: frozenset({S.IN_REVIEW, S.DRAFT, S.CANCELLED}),
    S.FAILED: frozenset({S.SCHEDULED, S.IN_REVIEW, S.HELD, S.CANCELLED}),
    S.NEEDS_ATTENTION: frozenset({S.SCHEDULED, S.PUBLISHED, S.FAILED, S.HELD, S.CANCELLED}),
    S.MISSED: frozenset({S.SCHEDULED, S.IN_REVIEW, S.HELD, S.CANCELLED}),
    S.CANCELLED: frozenset(),
}
"""Every allowed move. Editing content sends a post back through review (draft or in_review)."""

EDITABLE = frozenset({S.DRAFT, S.IN_REVIEW, S.REJECTED, S.APPROVED, S.SCHEDULED, S.HELD, S.FAILED, S.MISSED})
"""Statuses in which the content of a post may still change."""

UNPUBLISHED = frozenset(set(S) - {S.PUBLISHED, S.CANCELLED, S.PUBLISHING})
"""Statuses of a post that has not gone out and may still be held."""

SYMBOLS: dict[str, str] = {
    "draft": "·", "in_review": "?", "approved": "✓", "scheduled": "◷", "publishing": "↑", "published": "●",
    "rejected": "✗", "held": "‖", "failed": "!", "needs_attention": "‼", "missed": "⌀", "cancelled": "–",
}
"""One symbol per status, shared by the text calendar and the TUI (colour is not the only cue)."""

ATTENTION = frozenset({S.FAILED, S.HELD, S.MISSED, S.NEEDS_ATTENTION})
"""Statuses a person has to look at."""


def allowed_from(status: str) -> frozenset[PostStatus]:
    """The statuses a post may move to from ``status``."""
    return TRANSITIONS[PostStatus(status)]


def ensure_allowed(post: Post, to: PostStatus) -> PostStatus:
    """Return the post's status, or raise when it may not move to ``to``.

    Raises:
        IllegalTransitionError: naming the transitions allowed from here.
    """
    current = PostStatus(post.status)
    if to not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (this is final)"
        raise IllegalTransitionError(
            f"Post {post.id} is {current} and cannot become {to}.",
            f"From {current} it can go to: {allowed}.",
        )
    return current


def transition(session: Session, post: Post, to: PostStatus, *, actor: str, reason: str = "") -> None:
    """Move ``post`` to ``to`` and audit it.

    Args:
        session: the open session the post belongs to.
        post: the post to move.
        to: the new status.
        actor: the staff member or worker making the move.
        reason: why, in words safe for the audit log (no patient text).

    Raises:
        IllegalTransitionError: the move is not allowed from the post's status.
    """
    current = ensure_allowed(post, to)
    post.status = to.value
    post.status_reason = reason or None
    post.updated_by = actor
    post.updated_at = utcnow()
    record(
        session,
        actor=actor,
        action="transition",
        subject=("post", post.id),
        from_state=current.value,
        to_state=to.value,
        details={"reason": reason} if reason else {},
    )
