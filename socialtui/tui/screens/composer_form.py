"""The composer's form as plain data: to and from a draft file, and into ``PostChanges``."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from socialtui.errors import SocialTuiError
from socialtui.practice_time import INPUT_FORMAT, parse_local
from socialtui.services.posts import VIDEO_SUFFIXES, PostChanges
from socialtui.tui.queries import PostView


@dataclass
class ComposerForm:
    """Everything typed or chosen in the composer."""

    text: str = ""
    variants: dict[str, str] = field(default_factory=dict)
    kind: str = "general"
    targets: list[str] = field(default_factory=list)
    due: str = ""
    sponsor: str = ""
    affiliations: str = ""
    link: str = ""
    citations: str = ""
    shows_patient: bool = False
    consent_ids: list[int] = field(default_factory=list)
    media: list[str] = field(default_factory=list)

    @classmethod
    def from_post(cls, post: PostView) -> ComposerForm:
        return cls(text=post.text, variants=dict(post.variants), kind=post.kind, targets=[t.account for t in post.targets],
                   due=f"{post.due:{INPUT_FORMAT}}" if post.due else "", sponsor=post.sponsor or "",
                   affiliations=", ".join(post.affiliations), link=post.link or "", citations="\n".join(post.citations),
                   shows_patient=post.shows_patient, consent_ids=[cid for cid, _ in post.consents],
                   media=[path for path, _, _ in post.media])

    @classmethod
    def from_draft(cls, data: dict[str, Any]) -> ComposerForm:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_draft(self) -> dict[str, Any]:
        return asdict(self)

    def text_for(self, platform: str) -> str:
        """What ``platform`` will receive: its override when one is typed, else the base text."""
        variant = self.variants.get(platform, "")
        return variant if variant.strip() else self.text

    def due_day(self, zone: ZoneInfo) -> date | None:
        """The local day the post is due, or None while the time is missing or unreadable."""
        try:
            return parse_local(self.due, zone).astimezone(zone).date()
        except SocialTuiError:
            return None

    def media_types(self) -> list[str]:
        """``photo`` / ``video`` for each attachment, by file name."""
        return ["video" if Path(m).suffix.lower() in VIDEO_SUFFIXES else "photo" for m in self.media]

    def changes(self, zone: ZoneInfo, *, platforms: dict[str, str], unchanged_due: str | None = None,
                lenient: bool = False) -> PostChanges:
        """The form as ``PostChanges``.

        ``unchanged_due`` (the loaded time) is left out so an old post can be saved without moving it;
        ``lenient`` ignores an unparsable time (live checks while typing).

        Raises:
            ValidationError / TimeError: the due time cannot be read (unless lenient).
        """
        due: datetime | None = None
        if self.due.strip() and self.due.strip() != (unchanged_due or ""):
            try:
                due = parse_local(self.due, zone)
            except Exception:
                if not lenient:
                    raise
        chosen = {platforms.get(t) for t in self.targets}
        return PostChanges(
            text=self.text, kind=self.kind, due_at=due, targets=list(self.targets), sponsor=self.sponsor,
            affiliations=[a.strip() for a in self.affiliations.split(",") if a.strip()], link=self.link,
            citations=[c for c in re.split(r"[\s,]+", self.citations) if c], consent_ids=list(self.consent_ids),
            media=list(self.media), shows_patient=self.shows_patient,
            variants={p: t for p, t in self.variants.items() if t.strip() and p in chosen},
        )
