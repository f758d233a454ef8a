"""What the checks look at: a post and its safeguards, as plain frozen data.

The services build a :class:`CheckSubject` from the database; the checks never
touch the store. Every field is pure data so a subject can be built in a test,
from a JSON line on stdin, or from the composer's unsaved form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

KINDS = ("general", "patient_story", "testimonial", "promotion", "event", "reply")
"""Every post kind the checks know."""


@dataclass(frozen=True)
class TargetInfo:
    """One account a post will be published to."""

    account: str
    platform: str


@dataclass(frozen=True)
class MediaInfo:
    """One attachment: a file on disk and what kind of media it is."""

    path: str
    media_type: str
    """``"photo"`` or ``"video"``."""
    mime: str | None = None
    size: int | None = None
    """Size in bytes, when known."""


@dataclass(frozen=True)
class ConsentInfo:
    """A patient's written consent, as far as the checks need it."""

    id: int
    subject_ref: str
    """Pseudonymous reference to the patient; never their full name."""
    platforms: frozenset[str]
    media_types: frozenset[str]
    """Any of ``photo``, ``quote``, ``story``, ``video``."""
    signed_on: date | None = None
    expires_on: date | None = None
    revoked_on: date | None = None


@dataclass(frozen=True)
class CitationInfo:
    """A source attached to a post: a URL, a DOI or a PMID."""

    reference: str


@dataclass(frozen=True)
class StaffInfo:
    """A staff member who wrote or approves a post."""

    name: str
    role: str
    """``author``, ``approver`` or ``admin``."""
    trained_on: date | None = None


@dataclass(frozen=True)
class PolicyNoteInfo:
    """The practice's note on one platform's policies and when it was last reviewed."""

    platform: str
    note: str
    reviewed_on: date


_NO_VARIANTS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class CheckSubject:
    """Everything the checks need to judge one post or reply."""

    text: str
    kind: str = "general"
    """``general``, ``patient_story``, ``testimonial``, ``promotion``, ``event`` or ``reply``."""
    variants: Mapping[str, str] = field(default_factory=lambda: _NO_VARIANTS)
    """Per-platform override text: platform name -> text."""
    targets: tuple[TargetInfo, ...] = ()
    media: tuple[MediaInfo, ...] = ()
    consents: tuple[ConsentInfo, ...] = ()
    citations: tuple[CitationInfo, ...] = ()
    sponsor: str | None = None
    affiliations: tuple[str, ...] = ()
    shows_patient: bool = False
    """The media show a patient (face, body, or anything that identifies them)."""
    due_at: datetime | None = None
    """When the post is due, UTC aware."""
    link: str | None = None
    author: StaffInfo | None = None
    approver: StaffInfo | None = None
    """None while composing or submitting: approver-side checks do not run."""
    practice_names: tuple[str, ...] = ()
    """Staff names and the practice's name: the practice's own people, never patients."""
    policy_notes: tuple[PolicyNoteInfo, ...] = ()
    today: date | None = None
    """The date checks treat as today; ``date.today()`` when None."""
    training_valid_months: int = 12

    def __hash__(self) -> int:
        # The generated hash would fail on the variants mapping; hash its items instead.
        return hash((self.text, self.kind, tuple(sorted(self.variants.items())), self.targets, self.media,
                     self.consents, self.citations, self.sponsor, self.affiliations, self.shows_patient,
                     self.due_at, self.link, self.author, self.approver, self.practice_names,
                     self.policy_notes, self.today, self.training_valid_months))

    def __repr__(self) -> str:
        # Post text may hold patient information: never put it in a repr or a log.
        return (
            f"CheckSubject(kind={self.kind!r}, chars={len(self.text)}, "
            f"variants={sorted(self.variants)!r}, targets={len(self.targets)})"
        )

    @property
    def platforms(self) -> tuple[str, ...]:
        """Target platform names, sorted, without repeats."""
        return tuple(sorted({t.platform for t in self.targets}))

    def text_for(self, platform: str) -> tuple[str | None, str]:
        """The (variant, text) a platform receives: its override or the base text."""
        if platform in self.variants:
            return platform, self.variants[platform]
        return None, self.text

    def reference_date(self) -> date:
        """The day safeguards must be valid on: the due date, else today."""
        if self.due_at is not None:
            return self.due_at.date()
        return self.today_or_now()

    def today_or_now(self) -> date:
        """``today`` when set, else the real date."""
        return self.today if self.today is not None else date.today()
