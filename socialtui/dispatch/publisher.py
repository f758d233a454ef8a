"""Send one claimed publication, exactly once, and record the outcome.

Checks and the approval hash are verified again right before sending; an error
finding or any change since approval holds the post instead. Transient errors
retry with backoff inside the grace window; permanent ones fail with the
platform's message; an auth error pauses the account.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from socialtui.adapters.base import OutgoingMedia, OutgoingPost, PublishResult, content_marker
from socialtui.audit import record
from socialtui.context import Practice
from socialtui.credentials import CredentialStore
from socialtui.dispatch.connect import build_adapter, outbox_recorder
from socialtui.errors import CredentialError, PlatformError, SocialTuiError
from socialtui.lifecycle import PostStatus, transition
from socialtui.practice_time import now_utc
from socialtui.services.checking import check_post
from socialtui.services.posts import content_fingerprint, get_post, text_for
from socialtui.services.review import current_approval
from socialtui.store.models import Post, Publication

log = logging.getLogger("socialtui.dispatch")
UNKNOWN_OUTCOME = "unknown-outcome"
FAULT_ENV = "SOCIALTUI_TEST_FAULT"
"""Test-only fault hook: ``pause-before-send:SECONDS`` or ``pause-after-send:SECONDS``."""


@dataclass(frozen=True)
class Prepared:
    """What one publication will send, read from the store before the platform call."""

    pub_id: int
    post_id: int
    account_id: int
    outgoing: OutgoingPost
    dry_run: bool
    tried_before: bool = False
    """An earlier attempt may have reached the platform: look for the post before sending again."""
    due_at: datetime | None = None


class Publisher:
    """Publishes claimed publications for one worker."""

    def __init__(self, practice: Practice, worker_id: str, *, dry_run: bool = False,
                 credentials: CredentialStore | None = None) -> None:
        self.practice = practice
        self.worker_id = worker_id
        self.dry_run = dry_run
        self._credentials = credentials

    @property
    def grace(self) -> timedelta:
        return timedelta(minutes=self.practice.config.dispatch.grace_minutes)

    def publish(self, pub_id: int) -> str:
        """Send one publication this worker has claimed; returns the outcome's name."""
        try:
            prepared = self._prepare(pub_id)
        except SocialTuiError as exc:
            return self._finish(pub_id, error=exc)
        if prepared is None:
            return "skipped"
        _fault("before")
        try:
            with self.practice.store.session() as session:
                account = session.get(Publication, pub_id).account  # type: ignore[union-attr]
            recorder = outbox_recorder(self.practice, prepared.post_id, account) if prepared.dry_run else None
            adapter = build_adapter(self.practice, account, dry_run=prepared.dry_run,
                                    credentials=self._credentials, record=recorder)
            # A timeout or a garbled answer may follow a successful publish: a retry
            # first asks the platform, so it never sends the same post twice.
            found = None
            if prepared.tried_before and not prepared.dry_run:
                since = (prepared.due_at or now_utc()) - timedelta(minutes=10)
                found = adapter.find_by_marker(prepared.outgoing.marker, since)
            result = found or adapter.publish(prepared.outgoing)
        except SocialTuiError as exc:
            return self._finish(pub_id, error=exc)
        except Exception as exc:  # noqa: BLE001 - a bug in an adapter: the outcome is unknown, a person decides
            log.exception("unexpected error while publishing", extra={"pub_id": pub_id, "post_id": prepared.post_id})
            return self._finish(pub_id, error=PlatformError(
                f"Unexpected {type(exc).__name__} while publishing; the post may or may not be on the platform.",
                "Check the platform, then retry or mark it published.", code=UNKNOWN_OUTCOME))
        _fault("after")
        return self._finish(pub_id, result=result, dry_run=prepared.dry_run)

    def _prepare(self, pub_id: int) -> Prepared | None:
        with self.practice.store.session() as session:
            pub = session.get(Publication, pub_id)
            if pub is None or pub.status != "publishing" or pub.claimed_by != self.worker_id:
                return None
            post = get_post(session, pub.post_id)
            problem = self._why_hold(session, post)
            if problem:
                _hold(session, post, actor=self.worker_id, reason=problem)
                log.warning("held at dispatch", extra={"post_id": post.id, "pub_id": pub_id, "reason": problem})
                return None
            account = pub.account
            outgoing = OutgoingPost(post_id=post.id, text=text_for(post, account.platform), link=post.link,
                                    media=tuple(outgoing_media(m.path, m.sha256) for m in post.media),
                                    marker=content_marker(text_for(post, account.platform)))
            tried_before = pub.attempts > 0 and pub.marker == outgoing.marker
            pub.marker = outgoing.marker
            pub.attempts += 1
            return Prepared(pub.id, post.id, account.id, outgoing, self.dry_run or account.dry_run,
                            tried_before=tried_before, due_at=pub.due_at)

    def _why_hold(self, session: Session, post: Post) -> str:
        approval = current_approval(post)
        if approval is None or approval.content_hash != content_fingerprint(post):
            return "content changed after approval"
        findings = check_post(session, post, self.practice.config)
        errors = sorted({f.code for f in findings if str(f.severity) == "error"})
        return f"checks failed at dispatch: {', '.join(errors)}" if errors else ""

    def _finish(self, pub_id: int, *, result: PublishResult | None = None, error: SocialTuiError | None = None,
                dry_run: bool = False) -> str:
        now = now_utc()
        with self.practice.store.session() as session:
            # Lock the post first: two threads finishing two targets of one post at once
            # would each see the other still publishing, and neither would settle the post.
            post_id = session.scalar(select(Publication.post_id).where(Publication.id == pub_id))
            session.execute(select(Post.id).where(Post.id == post_id).with_for_update())
            pub = session.get(Publication, pub_id)
            assert pub is not None
            # Only the publications are needed to settle the post (get_post loads everything).
            post = session.get(Post, pub.post_id, options=[selectinload(Post.publications)])
            assert post is not None
            account = pub.account
            if result is not None and dry_run:
                pub.status, pub.remote_id, pub.last_error = "dry_run", result.remote_id, None
                outcome = "dry_run"
            elif result is not None:
                pub.status, pub.remote_id, pub.remote_url = "published", result.remote_id, result.url
                pub.published_at, pub.last_error = now, None
                account.last_success_at = now
                outcome = "published"
            else:
                assert error is not None
                outcome = self._failure(session, pub, error, now)
            record(session, actor=self.worker_id, action=f"publication.{outcome}", subject=("publication", pub.id),
                   details={"post_id": post.id, "account": account.name, "attempt": pub.attempts}
                   | ({"error": error.message} if error else {}))
            settle(session, post, actor=self.worker_id)
        log.info("publication %s", outcome, extra={"post_id": post.id, "pub_id": pub_id, "account": account.name})
        return outcome

    def _failure(self, session: Session, pub: Publication, error: SocialTuiError, now: datetime) -> str:
        pub.last_error = f"{error.message} {error.hint}".strip()
        if isinstance(error, PlatformError) and error.code == UNKNOWN_OUTCOME:
            pub.status = "needs_attention"
            return "needs_attention"
        if isinstance(error, CredentialError) or (isinstance(error, PlatformError) and error.auth):
            # No usable token (missing, rejected, or no safe keyring): pause the account with
            # the way to reconnect rather than failing every post due on it.
            account = pub.account
            account.paused_at, account.paused_reason = now, pub.last_error
            record(session, actor=self.worker_id, action="account.pause", subject=("account", account.id),
                   details={"reason": error.message})
            pub.status, pub.next_attempt_at = "scheduled", None
            return "paused"
        if isinstance(error, PlatformError) and error.transient:
            delay = max(error.retry_after or 0.0, self.practice.config.dispatch.retry_base_seconds * 2 ** max(pub.attempts - 1, 0))
            retry_at = now + timedelta(seconds=delay)
            if pub.due_at is not None and retry_at < pub.due_at + self.grace:
                pub.status, pub.next_attempt_at = "scheduled", retry_at
                return "retrying"
            pub.status = "needs_attention"
            pub.last_error = f"Retries ran out within the grace window. Last error: {pub.last_error}"
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


def _fault(moment: str) -> None:
    spec = os.environ.get(FAULT_ENV, "")
    name, _, seconds = spec.partition(":")
    if name == f"pause-{moment}-send":
        time.sleep(float(seconds or 3600))
