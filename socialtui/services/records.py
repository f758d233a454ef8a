"""Stable dictionaries of posts, consents and staff: the ``--json`` contract (docs/cli.md)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from socialtui.practice_time import format_local
from socialtui.services.consents import validity
from socialtui.store.models import Consent, Post, StaffMember


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def post_record(post: Post, zone: ZoneInfo) -> dict[str, Any]:
    """A post as JSON-ready data. Keys are stable; new keys may be added, none removed."""
    return {
        "id": post.id,
        "status": post.status,
        "status_reason": post.status_reason,
        "kind": post.kind,
        "text": post.text,
        "variants": {v.platform: v.text for v in post.variants},
        "link": post.link,
        "due_at": _iso(post.due_at),
        "due_local": format_local(post.due_at, zone) or None,
        "author": post.author.name,
        "sponsor": post.sponsor,
        "affiliations": list(post.affiliations or []),
        "shows_patient": post.shows_patient,
        "citations": [c.reference for c in post.citations],
        "consents": [c.id for c in post.consents],
        "media": [{"path": m.path, "sha256": m.sha256, "type": m.media_type, "mime": m.mime, "size": m.size} for m in post.media],
        "targets": [
            {"account": p.account.name, "platform": p.account.platform, "status": p.status,
             "remote_id": p.remote_id, "url": p.remote_url, "error": p.last_error}
            for p in post.publications
        ],
        "version": post.version,
        "updated_at": _iso(post.updated_at),
        "updated_by": post.updated_by,
    }


def consent_record(consent: Consent) -> dict[str, Any]:
    """A consent as JSON-ready data (a pseudonymous reference; never a name)."""
    return {
        "id": consent.id,
        "subject_ref": consent.subject_ref,
        "platforms": list(consent.platforms or []),
        "media_types": list(consent.media_types or []),
        "signed_on": _iso(consent.signed_on),
        "expires_on": _iso(consent.expires_on),
        "revoked_on": _iso(consent.revoked_on),
        "validity": validity(consent),
        "document_sha256": consent.document_sha256,
    }


def staff_record(member: StaffMember) -> dict[str, Any]:
    """A staff member as JSON-ready data."""
    return {"name": member.name, "role": member.role, "trained_on": _iso(member.trained_on)}
