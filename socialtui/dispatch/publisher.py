"""Send claimed publications, exactly once, a batch at a time, and record the outcomes.

A batch goes through these steps:

1. prepare (a reading session, no write lock): load every post, verify the
   approval hash and re-run the checks; an error finding or any change since
   approval holds the post instead (a short write of its own). Nothing is written
   for the others: their claim (which clears any earlier marker) is all a crash
   would find, and reconcile schedules them again;
2. send (no long transaction): one adapter per account, live sends in parallel
   threads. No send starts before its marker and attempt count are committed
   (:meth:`Publisher.begin`, a few publications at a time just ahead of their
   sends), so a crash leaves at most the sends in flight and a handful begun
   ahead unknown. A retry first looks on the platform, excluding the remote ids already
   recorded for the account, so a post of the same text is never taken for this one;
3. record (one transaction): every outcome, its audit event and the posts' new statuses.

Transient errors retry with backoff inside the grace window; permanent ones fail
with the platform's message; an auth error pauses the account.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from socialtui.adapters.base import OutgoingMedia, OutgoingPost, marker_fingerprint, publication_marker
from socialtui.context import Practice
from socialtui.credentials import CredentialStore
from socialtui.dispatch.outcomes import record_outcomes
from socialtui.dispatch.sending import Prepared, SendStart, Sent, send_batch
from socialtui.dispatch.verdicts import CheckVerdicts
from socialtui.errors import PlatformError, SocialTuiError
from socialtui.lifecycle import PostStatus, transition
from socialtui.practice_time import now_utc
from socialtui.services.checking import staff_names_of, subject_for
from socialtui.services.posts import content_fingerprint, text_for
from socialtui.services.review import current_approval
from socialtui.store.models import Account, Approval, Post, Publication

log = logging.getLogger("socialtui.dispatch")

POST_FOR_DISPATCH = (
    selectinload(Post.variants), selectinload(Post.media), selectinload(Post.citations),
    selectinload(Post.consents), selectinload(Post.publications),
    selectinload(Post.approvals).lazyload(Approval.approver),
)
"""Everything the approval hash and the checks read of a post, loaded for a whole batch at once."""


@dataclass
class Batch:
    """Claimed publications after the prepare transaction: what will be sent, and what will not."""

    pub_ids: Sequence[int]
    ready: list[Prepared] = field(default_factory=list)
    failed: list[Sent] = field(default_factory=list)
    """Could not even be prepared (a media file missing or changed): nothing was sent."""
    accounts: dict[int, Account] = field(default_factory=dict)
    labels: dict[int, dict[str, object]] = field(default_factory=dict)
    """Publication id -> the ids and account name its log lines carry (never text)."""


class Publisher:
    """Publishes claimed publications for one worker."""

    def __init__(self, practice: Practice, worker_id: str, *, dry_run: bool = False,
                 credentials: CredentialStore | None = None, pool: Executor | None = None,
                 verdicts: CheckVerdicts | None = None) -> None:
        """
        Args:
            pool: threads for the live sends of a batch; without one they run one after another.
            verdicts: check verdicts a pre-flight already reached; reused only for an identical subject.
        """
        self.practice = practice
        self.worker_id = worker_id
        self.dry_run = dry_run
        self._credentials = credentials
        self._pool = pool
        self.verdicts = verdicts or CheckVerdicts(practice.config)

    @property
    def grace(self) -> timedelta:
        return timedelta(minutes=self.practice.config.dispatch.grace_minutes)

    def publish(self, pub_id: int) -> str:
        """Send one publication this worker has claimed; returns the outcome's name."""
        return self.publish_batch([pub_id])[0]

    def publish_batch(self, pub_ids: Sequence[int]) -> list[str]:
        """Send publications this worker has claimed; each one's outcome name, in ``pub_ids`` order.

        ``skipped`` means not sent and nothing more to record: held at dispatch, or no longer ours.
        """
        return self.deliver(self.prepare(pub_ids))

    def prepare(self, pub_ids: Sequence[int]) -> Batch:
        """Re-verify each post and hold the failing ones; the others are ready to send.

        The checks run in a reading session: preparing the next batch never holds the
        SQLite write lock that the sends of the current one need for their markers.
        Only holding a post writes, in a short transaction of its own.

        Raises:
            StoreError: the store cannot be reached; nothing was sent.
        """
        batch = Batch(pub_ids)
        today = date.today()
        problems: dict[int, str] = {}
        with self.practice.store.reading() as session:
            pubs = session.scalars(select(Publication).where(Publication.id.in_(pub_ids)).order_by(Publication.id)
                                   .options(selectinload(Publication.post).options(*POST_FOR_DISPATCH))).all()
            names = staff_names_of(session)
            for pub in pubs:
                if pub.status != "publishing" or pub.claimed_by != self.worker_id:
                    continue
                post = pub.post
                if post.id not in problems:
                    problems[post.id] = self._why_hold(session, post, names, today)
                if problems[post.id]:
                    continue
                account = pub.account
                batch.labels[pub.id] = {"post_id": post.id, "pub_id": pub.id, "account": account.name}
                try:
                    text = text_for(post, account.platform)
                    outgoing = OutgoingPost(post_id=post.id, text=text, link=post.link,
                                            marker=publication_marker(text, pub.id),
                                            media=tuple(outgoing_media(m.path, m.sha256) for m in post.media))
                except SocialTuiError as exc:
                    batch.failed.append(Sent(pub.id, error=exc))
                    continue
                # Any earlier attempt may have reached the platform (a timeout after a publish).
                tried_before = pub.attempts > 0
                batch.accounts[account.id] = account
                batch.ready.append(Prepared(pub.id, post.id, account.id, outgoing, self.dry_run or account.dry_run,
                                            tried_before=tried_before, due_at=pub.due_at))
            session.expunge_all()  # the accounts outlive the session; its rollback must not expire them
        if held := {post_id: problem for post_id, problem in problems.items() if problem}:
            self._hold_all(held)
        return batch

    def _hold_all(self, held: dict[int, str]) -> None:
        with self.practice.store.session() as session:
            posts = session.scalars(select(Post).where(Post.id.in_(held)).order_by(Post.id)
                                    .options(selectinload(Post.publications))).all()
            for post in posts:
                if any(p.status == "publishing" and p.claimed_by == self.worker_id for p in post.publications):
                    _hold(session, post, actor=self.worker_id, reason=held[post.id])
                    log.warning("held at dispatch", extra={"post_id": post.id, "reason": held[post.id]})

    def deliver(self, batch: Batch) -> list[str]:
        """Send a prepared batch, then record every outcome in one transaction; outcome names in claim order.

        Raises:
            StoreError: the outcomes could not be stored; the publications stay ``publishing``
                with their markers, for :func:`~socialtui.dispatch.reconcile.reconcile`.
        """
        sent = send_batch(self.practice, batch.ready, batch.accounts, self.begin, credentials=self._credentials,
                          pool=self._pool)
        done = batch.failed + [each for each in sent if not each.skipped]
        outcomes: dict[int, str] = {}
        if done:
            with self.practice.store.session() as session:
                names = record_outcomes(session, done, actor=self.worker_id, now=now_utc(), grace=self.grace,
                                        retry_base_seconds=self.practice.config.dispatch.retry_base_seconds)
            outcomes = {each.pub_id: name for each, name in zip(done, names, strict=True)}
            for each in done:
                # The error's message, like the audit event's, names what failed, never the post's text.
                why = {"reason": each.error.message} if each.error else {}
                log.info("publication %s", outcomes[each.pub_id], extra=batch.labels[each.pub_id] | why)
        return [outcomes.get(pub_id, "skipped") for pub_id in batch.pub_ids]

    def begin(self, wave: Sequence[Prepared]) -> dict[int, SendStart | None]:
        """In one transaction, just before their sends: commit each publication's marker and attempt.

        A publication no longer ours (reconciled, or claimed again) maps to None and is
        not sent. A retry also learns here what a look on the platform must not take for
        its post: the remote ids recorded for other publications on the account, and
        whether another publication of the same text may be in flight.

        Raises:
            StoreError: the store cannot be reached; nothing of the wave was sent.
        """
        by_id = {p.pub_id: p for p in wave}
        with self.practice.store.session() as session:
            for prepared in wave:
                session.execute(
                    update(Publication)
                    .where(Publication.id == prepared.pub_id, Publication.status == "publishing",
                           Publication.claimed_by == self.worker_id)
                    .values(marker=prepared.outgoing.marker, attempts=Publication.attempts + 1)
                    .execution_options(synchronize_session=False))
            ours = set(session.scalars(select(Publication.id).where(
                Publication.id.in_(by_id), Publication.status == "publishing",
                Publication.claimed_by == self.worker_id)))
            starts: dict[int, SendStart | None] = {}
            for pub_id, prepared in by_id.items():
                if pub_id not in ours:
                    starts[pub_id] = None
                elif prepared.tried_before and not prepared.dry_run:
                    starts[pub_id] = look_out_for(session, pub_id, prepared.account_id, prepared.outgoing.marker)
                else:
                    starts[pub_id] = SendStart()
        return starts

    def _why_hold(self, session: Session, post: Post, staff_names: Sequence[str], today: date) -> str:
        approval = current_approval(post)
        if approval is None or approval.content_hash != content_fingerprint(post):
            return "content changed after approval"
        subject = subject_for(session, post, self.practice.config, staff_names=staff_names, today=today)
        errors = self.verdicts.errors(post.id, subject)
        return f"checks failed at dispatch: {', '.join(errors)}" if errors else ""


def look_out_for(session: Session, pub_id: int, account_id: int, marker: str) -> SendStart:
    """What a look on the platform for ``pub_id``'s post must not be confused by."""
    others = (Publication.account_id == account_id, Publication.id != pub_id)
    recorded = session.scalars(select(Publication.remote_id).where(*others, Publication.remote_id.is_not(None)))
    in_flight = session.scalar(select(func.count()).select_from(Publication).where(
        *others, Publication.status == "publishing",
        Publication.marker.like(f"{marker_fingerprint(marker)}-%")))
    return SendStart(exclude=frozenset(r for r in recorded if r), rivals=bool(in_flight))


def _hold(session: Session, post: Post, *, actor: str, reason: str) -> None:
    for pub in post.publications:
        if pub.status in ("publishing", "scheduled"):
            pub.status = "held"
    transition(session, post, PostStatus.HELD, actor=actor, reason=reason)


def outgoing_media(path: str, expected_sha256: str) -> OutgoingMedia:
    """The attachment as it will be uploaded: checked against the approved hash, metadata stripped.

    Raises:
        PlatformError: the file is missing or changed since approval (permanent).
    """
    from socialtui.checks.media import strip_metadata

    file = Path(path)
    try:
        original = file.read_bytes()
    except OSError:
        raise PlatformError(f"The media file {file.name} is missing.", "Re-attach it and send the post for review again.") from None
    if hashlib.sha256(original).hexdigest() != expected_sha256:
        raise PlatformError(f"The media file {file.name} changed after approval.", "Re-attach it and send the post for review again.")
    mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    data = strip_metadata(file) if mime.startswith("image/") else original
    return OutgoingMedia(filename=file.name, mime=mime, data=data, sha256=hashlib.sha256(data).hexdigest())
