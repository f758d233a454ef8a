"""The domain as SQLAlchemy 2 tables. Times are stored in UTC.

Nothing here holds a secret: account credentials live in the OS keyring.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


post_consents = Table(
    "post_consents",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("consent_id", ForeignKey("consents.id", ondelete="RESTRICT"), primary_key=True),
)


class StaffMember(Base):
    """Someone at the practice who writes or approves posts."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # author | approver | admin
    trained_on: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    passphrase_hash: Mapped[str | None] = mapped_column(String(300))
    """scrypt hash of the person's passphrase (``passphrase`` identity mode); never the passphrase."""
    passphrase_is_setup_code: Mapped[bool] = mapped_column(Boolean, default=False)
    """The hash is of a one-time setup code an admin issued: it only lets the person set their own."""
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()

    def __repr__(self) -> str:
        return f"StaffMember(id={self.id}, role={self.role!r})"


class Account(Base):
    """A platform account the practice publishes to. No secrets: those are in the keyring."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    platform: Mapped[str] = mapped_column(String(40))
    handle: Mapped[str] = mapped_column(String(200), default="")
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    paused_at: Mapped[datetime | None] = mapped_column()
    last_success_at: Mapped[datetime | None] = mapped_column()
    last_checked_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"Account(id={self.id}, name={self.name!r}, platform={self.platform!r})"


class Consent(Base):
    """A patient's written consent, by pseudonymous reference; the document never leaves the machine."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject_ref: Mapped[str] = mapped_column(String(80))
    platforms: Mapped[list[Any]] = mapped_column(default=list)
    media_types: Mapped[list[Any]] = mapped_column(default=list)
    signed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    document_path: Mapped[str] = mapped_column(Text)
    document_sha256: Mapped[str] = mapped_column(String(64))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recorded_by: Mapped[StaffMember | None] = relationship()

    def __repr__(self) -> str:
        return f"Consent(id={self.id}, subject_ref={self.subject_ref!r})"


class Post(Base):
    """A planned social-media post with its safeguards."""

    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="general")
    link: Mapped[str | None] = mapped_column(Text)
    sponsor: Mapped[str | None] = mapped_column(String(200))
    affiliations: Mapped[list[Any]] = mapped_column(default=list)
    shows_patient: Mapped[bool] = mapped_column(Boolean, default=False)
    due_at: Mapped[datetime | None] = mapped_column(index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(120), default="")
    status_reason: Mapped[str | None] = mapped_column(Text)

    author: Mapped[StaffMember] = relationship(lazy="joined")
    variants: Mapped[list[PostVariant]] = relationship(cascade="all, delete-orphan", order_by="PostVariant.platform")
    media: Mapped[list[MediaAttachment]] = relationship(cascade="all, delete-orphan", order_by="MediaAttachment.id")
    citations: Mapped[list[Citation]] = relationship(cascade="all, delete-orphan", order_by="Citation.id")
    consents: Mapped[list[Consent]] = relationship(secondary=post_consents)
    publications: Mapped[list[Publication]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="Publication.id"
    )
    approvals: Mapped[list[Approval]] = relationship(cascade="all, delete-orphan", order_by="Approval.id")
    changes: Mapped[list[PostChange]] = relationship(cascade="all, delete-orphan", order_by="PostChange.id")
    overrides: Mapped[list[Override]] = relationship(cascade="all, delete-orphan", order_by="Override.id")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"Post(id={self.id}, kind={self.kind!r}, status={self.status!r}, version={self.version})"


class PostVariant(Base):
    """Override text for one platform."""

    __tablename__ = "post_variants"
    __table_args__ = (UniqueConstraint("post_id", "platform"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"PostVariant(post_id={self.post_id}, platform={self.platform!r})"


class MediaAttachment(Base):
    """An image or video attached to a post (the file stays where it is; its hash binds approval)."""

    __tablename__ = "media"
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(10))  # photo | video
    mime: Mapped[str | None] = mapped_column(String(80))
    size: Mapped[int | None] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"MediaAttachment(id={self.id}, media_type={self.media_type!r})"


class Citation(Base):
    """A source backing a health claim: URL, DOI or PMID."""

    __tablename__ = "citations"
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(200))
    accessed_on: Mapped[date | None] = mapped_column(Date)

    def __repr__(self) -> str:
        return f"Citation(id={self.id}, reference={self.reference!r})"


class Publication(Base):
    """One post on one target account: its own dispatch state."""

    __tablename__ = "publications"
    __table_args__ = (
        UniqueConstraint("post_id", "account_id"),
        Index("ix_publications_due", "status", "due_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    due_at: Mapped[datetime | None] = mapped_column()
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_at: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    marker: Mapped[str | None] = mapped_column(String(64))
    remote_id: Mapped[str | None] = mapped_column(String(200))
    remote_url: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)

    post: Mapped[Post] = relationship(back_populates="publications")
    account: Mapped[Account] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"Publication(id={self.id}, post_id={self.post_id}, status={self.status!r})"


class Approval(Base):
    """A second person's approval, bound to a hash of exactly what will be sent."""

    __tablename__ = "approvals"
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    approver_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)
    content_hash: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime | None] = mapped_column()
    findings: Mapped[list[Any]] = mapped_column(default=list)
    overrides: Mapped[list[Any]] = mapped_column(default=list)
    valid: Mapped[bool] = mapped_column(Boolean, default=True)
    covers_change_id: Mapped[int | None] = mapped_column(Integer)
    """The newest :class:`PostChange` this approval saw: later changes need a new approval."""
    active_rules: Mapped[list[Any] | None] = mapped_column(JSON)
    """The check codes that were switched on when the approval was given."""
    policy_fingerprint: Mapped[str | None] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16))
    """The integrity key that signed ``content_hash``; None for approvals made before signing."""

    approver: Mapped[StaffMember] = relationship(lazy="joined")


class PostChange(Base):
    """Who wrote or changed a post's content, and which fields: the two-person rule reads these."""

    __tablename__ = "post_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    fields: Mapped[list[Any]] = mapped_column(default=list)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    staff: Mapped[StaffMember] = relationship(lazy="joined")


class PolicyRecord(Base):
    """The effective check policy as last seen: a change from the app or an editor is recorded here.

    ``snapshot`` holds the policy itself (check settings, identity mode, OS user mapping: no
    secret, no patient text) so the next change can say which keys moved.
    """

    __tablename__ = "policy_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source: Mapped[str] = mapped_column(String(20))  # initial | app | file
    changed_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_by: Mapped[str | None] = mapped_column(String(120))
    acknowledged_at: Mapped[datetime | None] = mapped_column()


class Override(Base):
    """A written reason to accept a warning-severity finding on a post."""

    __tablename__ = "overrides"
    __table_args__ = (UniqueConstraint("post_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """One entry of the append-only, hash-chained audit log. Details never hold patient text."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[str] = mapped_column(String(60))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16))
    """The integrity key that signed ``hash`` (HMAC); None for events written before signing."""


class OutboxEntry(Base):
    """What a dry run would have sent: the exact request a platform would receive."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    account_name: Mapped[str] = mapped_column(String(80))
    platform: Mapped[str] = mapped_column(String(40))
    request: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Heartbeat(Base):
    """The scheduler service's sign of life, read by ``socialtui status``."""

    __tablename__ = "heartbeats"
    worker_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[datetime] = mapped_column()
    beat_at: Mapped[datetime] = mapped_column()
    state: Mapped[str] = mapped_column(String(20), default="running")


class AuditHead(Base):
    """The newest audit event's sequence number and hash; a deleted tail shows as a mismatch.

    Appends lock this single row, so concurrent writers chain one after another.
    """

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))
