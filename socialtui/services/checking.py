"""Run the safeguard checks on stored posts: build what the rules see from a Post."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialtui.store.models import Post, StaffMember

if TYPE_CHECKING:
    from socialtui.services.posts import PostChanges
    from socialtui.checks import CheckSubject, Finding
    from socialtui.config import Config


def _staff_info(member: StaffMember | None) -> object:
    from socialtui.checks import StaffInfo

    return None if member is None else StaffInfo(name=member.name, role=member.role, trained_on=member.trained_on)


def subject_for(session: Session, post: Post, config: Config, *, approver: StaffMember | None = None,
                today: date | None = None, staff_names: Sequence[str] | None = None) -> CheckSubject:
    """What the rules see of ``post``: its texts and every safeguard attached to it.

    Args:
        staff_names: every staff member's name, when the caller already read them
            (a batch reads them once); read from the store otherwise.
    """
    from socialtui.checks import (
        CheckSubject,
        CitationInfo,
        ConsentInfo,
        MediaInfo,
        PolicyNoteInfo,
        TargetInfo,
    )

    names = tuple(staff_names if staff_names is not None else staff_names_of(session)) + (config.practice.name,)
    return CheckSubject(
        text=post.text,
        kind=post.kind,
        variants={v.platform: v.text for v in post.variants},
        targets=tuple(TargetInfo(account=p.account.name, platform=p.account.platform) for p in post.publications),
        media=tuple(MediaInfo(path=m.path, media_type=m.media_type, mime=m.mime, size=m.size) for m in post.media),
        consents=tuple(
            ConsentInfo(id=c.id, subject_ref=c.subject_ref, platforms=frozenset(c.platforms or []),
                        media_types=frozenset(c.media_types or []), signed_on=c.signed_on,
                        expires_on=c.expires_on, revoked_on=c.revoked_on)
            for c in post.consents
        ),
        citations=tuple(CitationInfo(reference=c.reference) for c in post.citations),
        sponsor=post.sponsor,
        affiliations=tuple(post.affiliations or ()),
        shows_patient=post.shows_patient,
        due_at=post.due_at,
        link=post.link,
        author=_staff_info(post.author),  # type: ignore[arg-type]
        approver=_staff_info(approver),  # type: ignore[arg-type]
        practice_names=names,
        policy_notes=tuple(PolicyNoteInfo(platform=n.platform, note=n.note, reviewed_on=n.reviewed_on) for n in config.policy_notes),
        today=today,
        training_valid_months=config.practice.training_valid_months,
    )


def staff_names_of(session: Session) -> tuple[str, ...]:
    """Every staff member's name: the practice's own people, whom the privacy checks never flag."""
    return tuple(session.scalars(select(StaffMember.name)))


def check_post(session: Session, post: Post, config: Config, *, approver: StaffMember | None = None) -> list[Finding]:
    """Every finding for ``post`` under the practice's check settings."""
    from socialtui.checks import run_checks

    return run_checks(subject_for(session, post, config, approver=approver), config.checks)


def finding_record(finding: Finding) -> dict[str, object]:
    """A finding as stored with an approval or a hold: code, severity, span and message, no matched text."""
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "variant": finding.variant,
        "start": finding.start,
        "end": finding.end,
        "message": finding.message,
    }


def check_draft(session: Session, changes: PostChanges, config: Config, *, actor: str,
                post_id: int | None = None) -> tuple[list[Finding], set[str]]:
    """Findings for a post as a person is writing it, without saving anything.

    Builds a transient post (never added to the session) so the rules see
    exactly what :func:`subject_for` would build once it is saved.

    Returns:
        The findings, and the codes already overridden on the stored post.
    """
    from socialtui.services.posts import media_from_path
    from socialtui.services.staff import get_staff
    from socialtui.store.models import Account, Citation, Consent, Override, PostVariant, Publication

    with session.no_autoflush:
        names = list(changes.targets or [])
        accounts = {a.name: a for a in session.scalars(select(Account).where(Account.name.in_(names)))}
        overridden: set[str] = set()
        if post_id is not None:
            overridden = set(session.scalars(select(Override.code).where(Override.post_id == post_id)))
        post = Post(
            text=changes.text or "", kind=changes.kind or "general", link=changes.link or None,
            sponsor=(changes.sponsor or "").strip() or None, affiliations=list(changes.affiliations or []),
            shows_patient=bool(changes.shows_patient), due_at=changes.due_at,
            author=get_staff(session, actor),
            variants=[PostVariant(platform=p, text=t) for p, t in sorted((changes.variants or {}).items()) if t.strip()],
            citations=[Citation(reference=r) for r in changes.citations or []],
            consents=[c for c in (session.get(Consent, cid) for cid in changes.consent_ids or []) if c is not None],
            media=[media_from_path(p) for p in changes.media or []],
            publications=[Publication(account=accounts[n]) for n in names if n in accounts],
        )
        try:
            return check_post(session, post, config), overridden
        finally:
            if post in session:
                session.expunge(post)
