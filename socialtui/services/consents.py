"""The consent registry: who agreed to what, until when, and what revoking it holds."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialtui.audit import record
from socialtui.errors import NotFoundError, ValidationError
from socialtui.lifecycle import PostStatus
from socialtui.services.review import hold
from socialtui.services.permissions import Permission, require
from socialtui.services.staff import get_staff
from socialtui.store.models import Consent, Post, post_consents

MEDIA_TYPES = ("photo", "quote", "story", "video")
EXPIRING_SOON_DAYS = 30


def add_consent(session: Session, *, subject_ref: str, scope: list[str], signed_on: date, expires_on: date | None,
                document: str, actor: str) -> Consent:
    """Record a signed consent. ``scope`` mixes platforms and media types (photo, quote, story, video).

    The document stays where it is: only its path and SHA-256 are stored.

    Raises:
        ValidationError: a bad reference, scope, dates or an unreadable document.
    """
    from socialtui.adapters.registry import platform_names

    staff = get_staff(session, actor)
    subject_ref = subject_ref.strip()
    if not subject_ref or len(subject_ref.split()) > 1 and any(w[:1].isupper() for w in subject_ref.split()[1:]):
        raise ValidationError(
            "The subject reference must be a pseudonymous code, not a patient's name.",
            "Use the chart-independent reference from the consent form, e.g. C-2026-014.",
        )
    platforms, media = _split_scope(scope, platform_names())
    if expires_on is not None and expires_on <= signed_on:
        raise ValidationError("The consent expires before it was signed.", "Check --signed and --expires.")
    if signed_on > date.today():
        raise ValidationError("The consent's signing date is in the future.", "Enter the date on the signed form.")
    file = Path(document).expanduser()
    try:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError as exc:
        raise ValidationError(f"Cannot read the signed document {file}: {exc.strerror or exc}.", "Scan the signed form and give its path.") from None
    consent = Consent(subject_ref=subject_ref, platforms=platforms, media_types=media, signed_on=signed_on,
                      expires_on=expires_on, document_path=str(file.resolve()), document_sha256=digest, recorded_by=staff)
    session.add(consent)
    session.flush()
    record(session, actor=actor, action="consent.add", subject=("consent", consent.id),
           details={"platforms": platforms, "media_types": media, "expires_on": expires_on})
    return consent


def _split_scope(scope: list[str], platforms: list[str]) -> tuple[list[str], list[str]]:
    items = [s.strip().lower() for part in scope for s in part.split(",") if s.strip()]
    unknown = [s for s in items if s not in MEDIA_TYPES and s not in platforms]
    if unknown:
        raise ValidationError(f"Unknown scope {unknown[0]!r}.", f"Scope is platforms ({', '.join(platforms)}) and media types ({', '.join(MEDIA_TYPES)}).")
    chosen_platforms = sorted({s for s in items if s in platforms})
    chosen_media = sorted({s for s in items if s in MEDIA_TYPES})
    if not chosen_platforms or not chosen_media:
        raise ValidationError("A consent's scope needs at least one platform and one media type.",
                              "e.g. --scope facebook --scope photo --scope quote")
    return chosen_platforms, chosen_media


def get_consent(session: Session, consent_id: int) -> Consent:
    """The consent with ``consent_id``.

    Raises:
        NotFoundError: there is no such consent.
    """
    consent = session.get(Consent, consent_id)
    if consent is None:
        raise NotFoundError(f"There is no consent {consent_id}.", "List consents with `socialtui consent list`.")
    return consent


def list_consents(session: Session) -> list[Consent]:
    """Every consent, newest first."""
    return list(session.scalars(select(Consent).order_by(Consent.id.desc())))


def validity(consent: Consent, *, on: date | None = None) -> str:
    """``valid``, ``expiring soon``, ``expired`` or ``revoked`` on a day (today by default)."""
    day = on or date.today()
    if consent.revoked_on is not None:
        return "revoked"
    if consent.expires_on is not None and consent.expires_on < day:
        return "expired"
    if consent.expires_on is not None and consent.expires_on <= day + timedelta(days=EXPIRING_SOON_DAYS):
        return "expiring soon"
    return "valid"


def posts_using(session: Session, consent_id: int) -> list[Post]:
    """Every post that links this consent."""
    query = select(Post).join(post_consents, post_consents.c.post_id == Post.id).where(post_consents.c.consent_id == consent_id)
    return list(session.scalars(query.order_by(Post.id)))


@dataclass(frozen=True)
class RevocationImpact:
    """What revoking a consent does: posts it holds, and published posts to take down."""

    held: list[int]
    not_held: list[int]
    takedown: list[tuple[int, list[str]]]


def revocation_impact(session: Session, consent_id: int) -> RevocationImpact:
    """What :func:`revoke_consent` would do, without doing it (for a confirmation screen)."""
    from socialtui.lifecycle import allowed_from

    held: list[int] = []
    not_held: list[int] = []
    takedown: list[tuple[int, list[str]]] = []
    for post in posts_using(session, consent_id):
        if post.status == PostStatus.PUBLISHED or any(p.status == "published" for p in post.publications):
            takedown.append((post.id, [p.remote_url or p.remote_id or p.account.name for p in post.publications if p.status == "published"]))
        if post.status in (PostStatus.CANCELLED, PostStatus.PUBLISHED, PostStatus.HELD):
            continue
        (held if PostStatus.HELD in allowed_from(post.status) else not_held).append(post.id)
    return RevocationImpact(held, not_held, takedown)


def revoke_consent(session: Session, consent_id: int, reason: str, *, actor: str, on: date | None = None) -> RevocationImpact:
    """Revoke a consent (an admin's job): hold every unpublished post that uses it; list published ones for takedown."""
    require(session, actor, Permission.REVOKE_CONSENT)
    if not reason.strip():
        raise ValidationError("A revocation needs a reason.", 'Pass --reason "patient withdrew consent by phone".')
    consent = get_consent(session, consent_id)
    if consent.revoked_on is not None:
        raise ValidationError(f"Consent {consent_id} was already revoked on {consent.revoked_on}.", "Nothing to do.")
    impact = revocation_impact(session, consent_id)
    consent.revoked_on, consent.revoked_reason = on or date.today(), reason.strip()
    record(session, actor=actor, action="consent.revoke", subject=("consent", consent.id),
           details={"held": impact.held, "takedown": [pid for pid, _ in impact.takedown]})
    for post in posts_using(session, consent_id):
        if post.id in impact.held:
            hold(session, post, actor=actor, reason=f"consent {consent_id} revoked")
    return impact


def hold_for_expired_consents(session: Session, *, actor: str, today: date | None = None) -> list[int]:
    """Hold unpublished posts whose consent has expired by their due day (a periodic job)."""
    from socialtui.lifecycle import UNPUBLISHED

    day = today or date.today()
    expired = session.scalars(select(Consent).where(Consent.expires_on.is_not(None), Consent.expires_on < day,
                                                    Consent.revoked_on.is_(None)))
    held: list[int] = []
    for consent in expired:
        for post in posts_using(session, consent.id):
            if post.status in UNPUBLISHED and post.status not in (PostStatus.HELD, PostStatus.DRAFT, PostStatus.REJECTED):
                if hold(session, post, actor=actor, reason=f"consent {consent.id} expired"):
                    held.append(post.id)
    return held
