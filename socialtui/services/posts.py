"""Posts: write, edit, list and show them. Review and scheduling live in ``review``."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from socialtui.audit import record
from socialtui.errors import ConflictError, NotFoundError, ValidationError
from socialtui.integrity import integrity_key
from socialtui.lifecycle import EDITABLE, PostStatus, transition
from socialtui.practice_time import require_future
from socialtui.services.permissions import Permission, require
from socialtui.store.models import (
    Account,
    Citation,
    Consent,
    MediaAttachment,
    Post,
    PostChange,
    PostVariant,
    Publication,
    StaffMember,
    utcnow,
)

KINDS = ("general", "patient_story", "testimonial", "promotion", "event", "reply")
VIDEO_SUFFIXES = {".mp4", ".mov", ".m4v", ".webm"}


@dataclass
class PostChanges:
    """What a person sets on a post. ``None`` leaves a field as it is."""

    text: str | None = None
    kind: str | None = None
    due_at: datetime | None = None
    targets: Sequence[str] | None = None
    citations: Sequence[str] | None = None
    consent_ids: Sequence[int] | None = None
    sponsor: str | None = None
    affiliations: Sequence[str] | None = None
    media: Sequence[str] | None = None
    link: str | None = None
    variants: dict[str, str] | None = None
    shows_patient: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__dataclass_fields__ if name != "extra")

    def fields_set(self) -> list[str]:
        """The names of the fields this change sets, sorted."""
        return sorted(n for n in self.__dataclass_fields__ if n != "extra" and getattr(self, n) is not None)


def get_post(session: Session, post_id: int) -> Post:
    """The post with ``post_id`` and everything attached to it.

    Raises:
        NotFoundError: there is no such post.
    """
    post = session.get(Post, post_id, options=[selectinload(Post.publications), selectinload(Post.variants),
                                              selectinload(Post.media), selectinload(Post.citations),
                                              selectinload(Post.consents)])
    if post is None:
        raise NotFoundError(f"There is no post {post_id}.", "List posts with `socialtui post list`.")
    return post


def create_post(session: Session, changes: PostChanges, *, actor: str, now: datetime | None = None) -> Post:
    """Write a new draft by ``actor``.

    Raises:
        ValidationError / TimeError / NotFoundError: something given is not acceptable.
    """
    author = require(session, actor, Permission.WRITE)
    if not (changes.text or "").strip():
        raise ValidationError("A post needs some text.", 'Pass --text "...".')
    post = Post(author=author, text="", kind="general", status=PostStatus.DRAFT.value, updated_by=actor,
                affiliations=[], shows_patient=False)
    session.add(post)
    _apply(session, post, changes, now=now)
    session.flush()
    note_change(post, author, changes.fields_set())
    record(session, actor=actor, action="post.create", subject=("post", post.id), to_state=post.status,
           details={"kind": post.kind, "targets": [p.account.name for p in post.publications]})
    return post


def edit_post(session: Session, post_id: int, changes: PostChanges, *, actor: str,
              expected_version: int | None = None, now: datetime | None = None) -> Post:
    """Change a post. Any edit after approval sends it back to review.

    Args:
        expected_version: the version the editor started from; a different one
            means someone else saved in between.

    Raises:
        ConflictError: the post changed since ``expected_version``.
        IllegalTransitionError: the post can no longer be edited (published, cancelled, publishing).
    """
    editor = require(session, actor, Permission.WRITE)
    # Lock the row before reading it: an editor saving at the same moment has then committed
    # before the version check, so the conflict can name who saved and when (PostgreSQL;
    # SQLite's BEGIN IMMEDIATE already serialises writers).
    session.execute(select(Post.id).where(Post.id == post_id).with_for_update())
    post = get_post(session, post_id)
    if expected_version is not None and post.version != expected_version:
        raise conflict(post, expected_version)
    if PostStatus(post.status) not in EDITABLE:
        raise ValidationError(f"Post {post.id} is {post.status} and can no longer be edited.",
                              "Create a new post instead, or cancel this one.")
    if changes.is_empty():
        raise ValidationError("Nothing to change.", "Pass at least one option, e.g. --text.")
    before = content_fingerprint(post)
    _apply(session, post, changes, now=now)
    if content_fingerprint(post) == before:
        return post
    post.updated_by, post.updated_at = actor, utcnow()
    note_change(post, editor, changes.fields_set())
    # An override accepted a warning about the text as it was; new content needs a new decision.
    post.overrides.clear()
    for approval in post.approvals:
        approval.valid = False
    status = PostStatus(post.status)
    if status in (PostStatus.APPROVED, PostStatus.SCHEDULED, PostStatus.HELD, PostStatus.FAILED, PostStatus.MISSED):
        transition(session, post, PostStatus.IN_REVIEW, actor=actor, reason="edited after approval")
        for pub in post.publications:
            if pub.status != "published":
                pub.status = "pending"
    elif status is PostStatus.REJECTED:
        transition(session, post, PostStatus.DRAFT, actor=actor, reason="edited after rejection")
    record(session, actor=actor, action="post.edit", subject=("post", post.id), details={"fields": changes.fields_set()})
    return post


def note_change(post: Post, staff: StaffMember, fields: Sequence[str]) -> PostChange:
    """Remember that ``staff`` wrote or changed ``fields`` of ``post``: they may not approve it next."""
    change = PostChange(staff=staff, fields=list(fields), at=utcnow())
    post.changes.append(change)
    return change


def conflict(post: Post, expected_version: int) -> ConflictError:
    """The error for an edit that started from an older version of ``post``."""
    when = post.updated_at.strftime("%Y-%m-%d %H:%M UTC")
    return ConflictError(
        f"Post {post.id} was changed by {post.updated_by or 'someone'} at {when} "
        f"(version {post.version}; you started from version {expected_version}). Nothing was overwritten.",
        "Reload the post, look at their change, then apply yours again.",
    )


def _apply(session: Session, post: Post, changes: PostChanges, *, now: datetime | None) -> None:
    if changes.text is not None:
        if not changes.text.strip():
            raise ValidationError("A post needs some text.", 'Pass --text "...".')
        post.text = changes.text
    if changes.kind is not None:
        if changes.kind not in KINDS:
            raise ValidationError(f"Unknown kind {changes.kind!r}.", f"Use one of: {', '.join(KINDS)}.")
        post.kind = changes.kind
    if changes.due_at is not None:
        post.due_at = require_future(changes.due_at, now=now)
        for pub in post.publications:
            pub.due_at = post.due_at
    if changes.link is not None:
        post.link = changes.link or None
    if changes.sponsor is not None:
        post.sponsor = changes.sponsor.strip() or None
    if changes.affiliations is not None:
        post.affiliations = [a.strip() for a in changes.affiliations if a.strip()]
    if changes.shows_patient is not None:
        post.shows_patient = changes.shows_patient
    if changes.targets is not None:
        _set_targets(session, post, changes.targets)
    if changes.variants is not None:
        _set_variants(post, changes.variants)
    if changes.citations is not None:
        post.citations = [Citation(reference=ref.strip(), accessed_on=utcnow().date()) for ref in changes.citations if ref.strip()]
    if changes.consent_ids is not None:
        post.consents = [_consent(session, cid) for cid in dict.fromkeys(changes.consent_ids)]
    if changes.media is not None:
        post.media = [media_from_path(p) for p in changes.media]


def _set_targets(session: Session, post: Post, names: Sequence[str]) -> None:
    wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    accounts = {a.name: a for a in session.scalars(select(Account).where(Account.name.in_(wanted)))}
    missing = [n for n in wanted if n not in accounts]
    if missing:
        known = session.scalars(select(Account.name).order_by(Account.name)).all()
        raise NotFoundError(f"No account called {missing[0]!r}.", f"Accounts: {', '.join(known) or 'none yet'}; add one with `socialtui accounts add PLATFORM NAME` or under [[accounts]] in the config.")
    keep = [p for p in post.publications if p.account.name in accounts or p.status == "published"]
    have = {p.account.name for p in keep}
    for name in wanted:
        if name not in have:
            keep.append(Publication(account=accounts[name], status="pending", due_at=post.due_at))
    post.publications = keep


def _set_variants(post: Post, variants: dict[str, str]) -> None:
    current = {v.platform: v for v in post.variants}
    result = []
    for platform, text in sorted(variants.items()):
        if not text.strip():
            continue
        variant = current.get(platform) or PostVariant(platform=platform, text=text)
        variant.text = text
        result.append(variant)
    post.variants = result


def _consent(session: Session, consent_id: int) -> Consent:
    consent = session.get(Consent, consent_id)
    if consent is None:
        raise NotFoundError(f"There is no consent {consent_id}.", "List consents with `socialtui consent list`.")
    return consent


def media_from_path(path: str) -> MediaAttachment:
    """Describe a media file for attachment: its hash, type, MIME type and size.

    Raises:
        ValidationError: the file does not exist or cannot be read.
    """
    file = Path(path).expanduser()
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read media file {file}: {exc.strerror or exc}.", "Check the path.") from None
    mime = mimetypes.guess_type(file.name)[0]
    media_type = "video" if file.suffix.lower() in VIDEO_SUFFIXES or (mime or "").startswith("video/") else "photo"
    return MediaAttachment(path=str(file.resolve()), sha256=hashlib.sha256(data).hexdigest(),
                           media_type=media_type, mime=mime, size=len(data))


def text_for(post: Post, platform: str) -> str:
    """The text that will be sent to ``platform``: its variant, or the base text."""
    for variant in post.variants:
        if variant.platform == platform:
            return variant.text
    return post.text


def content_fingerprint(post: Post) -> str:
    """A keyed hash (HMAC) of exactly what will be sent: texts, media, safeguards, and every
    publication's account and due time.

    Keyed with the practice's integrity key (:mod:`socialtui.integrity`), so someone who can
    write to the database but lacks the key cannot change a post and recompute a matching hash.
    Times are in one canonical form (UTC), whatever offset the path that wrote them carried.
    """
    payload = {
        "text": post.text,
        "variants": {v.platform: v.text for v in post.variants},
        "kind": post.kind,
        "link": post.link,
        "sponsor": post.sponsor,
        "affiliations": sorted(post.affiliations or []),
        "shows_patient": post.shows_patient,
        "media": [m.sha256 for m in post.media],
        "targets": sorted(p.account.name for p in post.publications),
        "citations": [c.reference for c in post.citations],
        "consents": sorted(c.id for c in post.consents),
        "due_at": _canonical_time(post.due_at),
        # The handle is where the post goes (a Page id, a webhook URL): changing it is a change of content.
        "publications": sorted([p.account.name, p.account.platform, p.account.handle, _canonical_time(p.due_at)]
                               for p in post.publications),
    }
    return integrity_key().sign(json.dumps(payload, sort_keys=True).encode())


def _canonical_time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="seconds") if value is not None else None


def list_posts(session: Session, *, start: datetime | None = None, end: datetime | None = None,
               statuses: Sequence[str] | None = None, limit: int | None = None) -> list[Post]:
    """Posts due in ``[start, end)`` (undated ones when no range is given), oldest first."""
    query = select(Post).options(selectinload(Post.publications), selectinload(Post.variants))
    if start is not None:
        query = query.where(Post.due_at >= start)
    if end is not None:
        query = query.where(Post.due_at < end)
    if statuses:
        query = query.where(Post.status.in_(list(statuses)))
    query = query.order_by(Post.due_at.is_(None), Post.due_at, Post.id)
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))

