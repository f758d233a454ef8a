"""Check verdicts reached ahead of time, reused at dispatch only for an identical subject.

The checks are a deterministic function of the :class:`~socialtui.checks.CheckSubject`
(texts, targets, media, consents with their dates and revocations, staff names and
training, due time, *today*) and of the check settings, fixed for the life of the
process. A pre-flight runs them for posts due soon; at dispatch the subject is built
again from the store, and the earlier verdict is reused only when that subject is
equal in every field, so the outcome is exactly what running the checks again would
give. Anything different (an edit, a revoked consent, a new day) runs them again.
Media files are the one input outside the subject: dispatch verifies each file
against its approved hash before sending, so a changed file never goes out.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from socialtui.services.checking import staff_names_of, subject_for
from socialtui.store.models import Post, Publication

if TYPE_CHECKING:
    from socialtui.checks import CheckSubject
    from socialtui.config import Config
    from socialtui.context import Practice

PREFLIGHT_AHEAD = timedelta(minutes=2)
"""How far ahead the pre-flight looks: long enough to cover a poll and a burst, short enough to stay fresh."""


class CheckVerdicts:
    """Error codes per post, remembered with the exact subject they were reached for. Thread-safe."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._lock = threading.Lock()
        self._by_post: dict[int, tuple[CheckSubject, tuple[str, ...]]] = {}
        self.reused = 0
        """How many verdicts dispatch took from a pre-flight (for tests and the log)."""

    def errors(self, post_id: int, subject: CheckSubject) -> tuple[str, ...]:
        """The error codes for ``subject``: remembered when the subject is identical, else checked now."""
        with self._lock:
            known = self._by_post.pop(post_id, None)
            if known is not None and known[0] == subject:
                self.reused += 1
                return known[1]
        return self._check(subject)

    def remember(self, post_id: int, subject: CheckSubject) -> None:
        """Run the checks for ``subject`` now and keep the verdict for dispatch."""
        codes = self._check(subject)
        with self._lock:
            self._by_post[post_id] = (subject, codes)

    def known(self) -> set[int]:
        """The posts that have a verdict waiting."""
        with self._lock:
            return set(self._by_post)

    def forget_all_but(self, post_ids: set[int]) -> None:
        """Drop verdicts of posts no longer due soon (rescheduled, edited back to review, cancelled)."""
        with self._lock:
            for post_id in set(self._by_post) - post_ids:
                del self._by_post[post_id]

    def _check(self, subject: CheckSubject) -> tuple[str, ...]:
        from socialtui.checks import run_checks

        return tuple(sorted({f.code for f in run_checks(subject, self._config.checks) if str(f.severity) == "error"}))


def preflight(practice: Practice, verdicts: CheckVerdicts, now: datetime, *, ahead: timedelta = PREFLIGHT_AHEAD) -> int:
    """Check posts scheduled in the next ``ahead`` that have no verdict yet; how many were checked.

    Read-only: holds nothing and takes no write lock. Dispatch decides, with a fresh subject.
    """
    today = date.today()
    with practice.store.reading() as session:
        due_soon = dict(session.execute(
            select(Publication.post_id, Publication.status)
            .where(Publication.status.in_(("scheduled", "publishing")), Publication.due_at <= now + ahead)).all())
        verdicts.forget_all_but(set(due_soon))  # a post being published may still use its verdict
        todo = sorted({p for p, status in due_soon.items() if status == "scheduled"} - verdicts.known())
        if not todo:
            return 0
        names = staff_names_of(session)
        for post in session.scalars(select(Post).where(Post.id.in_(todo)).options(
                selectinload(Post.variants), selectinload(Post.media), selectinload(Post.citations),
                selectinload(Post.consents), selectinload(Post.publications))):
            verdicts.remember(post.id, subject_for(session, post, practice.config, staff_names=names, today=today))
    return len(todo)
