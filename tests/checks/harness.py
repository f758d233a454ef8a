"""Build a CheckSubject (and its settings) from one case of a case file."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from PIL import Image

from socialtui.adapters.limits import PlatformLimits
from socialtui.checks import (
    CheckSettings,
    CheckSubject,
    CitationInfo,
    ConsentInfo,
    MediaInfo,
    PolicyNoteInfo,
    StaffInfo,
    TargetInfo,
)

TODAY = date(2026, 3, 2)
"""The day every case is checked on, unless it says otherwise."""

FAKE_LIMITS = {
    "x": PlatformLimits(max_length=280, length_counting="x-weighted", max_media=4,
                        max_image_bytes=5 * 1024 * 1024, max_video_bytes=512 * 1024 * 1024,
                        mixed_media=False),
    "facebook": PlatformLimits(max_length=63206, max_media=10),
    "threads": PlatformLimits(max_length=500, max_media=10),
}


def fake_limits_for(platform: str) -> PlatformLimits:
    """Stand-in for the adapter registry, so platform cases do not depend on adapters."""
    from socialtui.errors import ValidationError

    if platform not in FAKE_LIMITS:
        raise ValidationError(f"No adapter for platform {platform!r}.")
    return FAKE_LIMITS[platform]


def make_image(path: Path, metadata: str) -> None:
    """Write a small JPEG with the named metadata: clean, gps, serial, owner, time, or corrupt."""
    if metadata == "corrupt":
        path.write_bytes(b"\xff\xd8\xff\xe0 truncated jpeg")
        return
    if metadata == "missing":
        return
    image = Image.new("RGB", (32, 24), (200, 120, 90))
    exif = Image.Exif()
    if metadata == "gps":
        exif[0x8825] = {1: "N", 2: (41.0, 52.0, 3.5), 3: "W", 4: (87.0, 37.0, 12.0)}
    elif metadata == "serial":
        exif[0x8769] = {0xA431: "SN-88213004"}
    elif metadata == "owner":
        exif[0x013B] = "Dana Whitfield"
    elif metadata == "time":
        exif[0x0132] = "2025:06:03 14:22:10"
    elif metadata == "everything":
        exif[0x8825] = {1: "N", 2: (41.0, 52.0, 3.5)}
        exif[0x013B] = "Dana Whitfield"
        exif[0x0132] = "2025:06:03 14:22:10"
    image.save(path, format="JPEG", exif=exif.tobytes())


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _target(value: str) -> TargetInfo:
    account, _, platform = value.rpartition(":")
    return TargetInfo(account or platform, platform)


def _staff(data: dict[str, Any] | None, role: str) -> StaffInfo | None:
    if data is None:
        return None
    return StaffInfo(name=data["name"], role=role, trained_on=_date(data.get("trained_on")))


def build(case: dict[str, Any], tmp_path: Path) -> tuple[CheckSubject, CheckSettings]:
    """The subject and settings a case describes."""
    media = []
    for index, item in enumerate(case.get("media", [])):
        path = tmp_path / f"media{index}.jpg"
        make_image(path, item.get("metadata", "clean"))
        media.append(MediaInfo(str(path), item.get("media_type", "photo"), item.get("mime", "image/jpeg"),
                               item.get("size")))
    consents = tuple(
        ConsentInfo(
            id=c.get("id", i + 1), subject_ref=f"P-{i + 1:03}",
            platforms=frozenset(c.get("platforms", ["facebook", "x"])),
            media_types=frozenset(c.get("media_types", ["photo", "quote", "story", "video"])),
            signed_on=_date(c.get("signed_on", "2025-12-01")), expires_on=_date(c.get("expires_on")),
            revoked_on=_date(c.get("revoked_on")),
        )
        for i, c in enumerate(case.get("consents", []))
    )
    due = case.get("due_at")
    subject = CheckSubject(
        text=case["text"],
        kind=case.get("kind", "general"),
        variants=case.get("variants", {}),
        targets=tuple(_target(t) for t in case.get("targets", [])),
        media=tuple(media),
        consents=consents,
        citations=tuple(CitationInfo(c) for c in case.get("citations", [])),
        sponsor=case.get("sponsor"),
        affiliations=tuple(case.get("affiliations", [])),
        shows_patient=case.get("shows_patient", False),
        due_at=datetime.fromisoformat(due).replace(tzinfo=timezone.utc) if due else None,
        link=case.get("link"),
        author=_staff(case.get("author"), "author"),
        approver=_staff(case.get("approver"), "approver"),
        practice_names=tuple(case.get("practice_names", [])),
        policy_notes=tuple(PolicyNoteInfo(n["platform"], n.get("note", ""), _date(n["reviewed_on"]) or TODAY)
                           for n in case.get("policy_notes", [])),
        today=_date(case.get("today")) or TODAY,
    )
    return subject, CheckSettings(**case.get("settings", {}))
