"""Put approved posts on the calendar for dispatch tests and the benchmark.

:func:`through_review` takes the path people take (create, submit, approve);
:func:`approved_post` and :func:`approved_posts` write the same rows directly,
so a post can be due in the past or by the hundred. Dispatch re-verifies the
approval hash and re-runs the checks whichever way a post got there.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select

from socialtui.context import Practice
from socialtui.lifecycle import PostStatus, transition
from socialtui.practice_time import now_utc
from socialtui.services import review
from socialtui.services.posts import PostChanges, content_fingerprint, create_post
from socialtui.services.staff import add_staff, get_staff
from socialtui.store.models import Approval, Post, Publication

AUTHOR = "Dana Reyes"
APPROVER = "Dr. Priya Shah"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def clean_text(n: int) -> str:
    """A post text every check passes, different for each ``n``."""
    return f"Our office is closed on {DAYS[n % len(DAYS)]} for the holiday. Book online any time. Notice {n}."


def add_staff_pair(practice: Practice) -> None:
    """An admin, an author and an approver trained last month (the benchmark has no ``staffed`` fixture)."""
    recently = date.today() - timedelta(days=30)
    with practice.store.session() as session:
        add_staff(session, "Lee Park", "admin", recently, actor="Lee Park")
        add_staff(session, AUTHOR, "author", recently, actor="Lee Park")
        add_staff(session, APPROVER, "approver", recently, actor="Lee Park")


def through_review(practice: Practice, text: str, due_at: datetime, targets: Sequence[str] = ("hook",)) -> int:
    """Create, submit and approve a post as people do; it is then ``scheduled``."""
    with practice.store.session() as session:
        post_id = create_post(session, PostChanges(text=text, targets=list(targets), due_at=due_at), actor=AUTHOR).id
    with practice.store.session() as session:
        review.submit(session, post_id, practice.config, actor=AUTHOR)
    with practice.store.session() as session:
        review.approve(session, post_id, practice.config, actor=APPROVER)
    return post_id


def approved_post(practice: Practice, text: str, due_at: datetime, targets: Sequence[str] = ("hook",),
                  **changes: object) -> int:
    """A scheduled post due at ``due_at`` (past times allowed), approved for exactly its content."""
    return approved_posts(practice, [text], due_at, targets, **changes)[0]


def approved_posts(practice: Practice, texts: Sequence[str], due_at: datetime, targets: Sequence[str] = ("hook",),
                   **changes: object) -> list[int]:
    """Many scheduled posts in one transaction, all due at ``due_at``."""
    ids = []
    later = now_utc() + timedelta(days=1)
    with practice.store.session() as session:
        approver = get_staff(session, APPROVER)
        for text in texts:
            post = create_post(session, PostChanges(text=text, targets=list(targets), due_at=later, **changes),  # type: ignore[arg-type]
                               actor=AUTHOR)
            post.due_at = due_at
            for pub in post.publications:
                pub.due_at, pub.status = due_at, "scheduled"
            post.approvals.append(Approval(approver=approver, content_hash=content_fingerprint(post), due_at=due_at,
                                           findings=[], overrides=[]))
            for step in (PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED):
                transition(session, post, step, actor=APPROVER if step is PostStatus.APPROVED else AUTHOR)
            ids.append(post.id)
    return ids


def publications(practice: Practice, post_id: int) -> list[Publication]:
    """The post's publications as the store has them now."""
    with practice.store.session() as session:
        return list(session.scalars(select(Publication).where(Publication.post_id == post_id).order_by(Publication.id)))


def publication(practice: Practice, post_id: int) -> Publication:
    """The only publication of a single-target post."""
    (pub,) = publications(practice, post_id)
    return pub


def post_row(practice: Practice, post_id: int) -> Post:
    """The post as the store has it now (no relationships loaded)."""
    with practice.store.session() as session:
        post = session.get(Post, post_id)
        assert post is not None
        return post
