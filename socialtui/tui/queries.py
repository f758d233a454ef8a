"""Read models: what the screens show, read from the store as plain frozen data.

Each function opens its own short session (callers run them in thread workers) and
returns dataclasses, never ORM rows, so nothing lazy-loads on the UI thread. They
only read: every change goes through ``socialtui.services``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select

from socialtui.practice_time import day_bounds, to_local
from socialtui.store.models import Account, AuditEvent, AuditHead, Heartbeat, OutboxEntry, Post, Publication, StaffMember

if TYPE_CHECKING:
    from socialtui.context import Practice
    from socialtui.services.posts import PostChanges


def store_stamp(practice: Practice) -> tuple[Any, ...]:
    """A cheap fingerprint of what the screens show: it changes whenever a post, the audit log,
    the outbox or an account changes (heartbeats alone do not count: they tick every few seconds)."""
    with practice.store.reading() as session:
        posts = session.execute(select(func.max(Post.updated_at), func.count(Post.id))).one()
        head = session.scalar(select(AuditHead.seq).where(AuditHead.id == 1))
        outbox = session.scalar(select(func.max(OutboxEntry.id)))
        accounts = session.execute(select(func.max(Account.last_success_at), func.max(Account.paused_at),
                                          func.count(Account.paused_reason))).one()
    return (tuple(posts), head, outbox, tuple(accounts))


def policy_notice(practice: Practice) -> str:
    """One line on switched-off checks and a policy change no admin has acknowledged ("" when neither)."""
    from socialtui.services.policy import enforced_config, summarize

    with practice.store.reading() as session:
        if practice.file_config is not None:  # an admin may have acknowledged a change since the app started
            practice.config = enforced_config(session, practice.file_config)
        summary = summarize(session, practice.config, practice.file_config)
    parts = []
    if summary.pending is not None:  # first: it is what an admin must act on
        who = "in the config file" if summary.pending.source == "file" else f"by {summary.pending.changed_by}"
        parts.append(f"Check policy changed {who}, not yet acknowledged by an admin")
    parts += [f"{code} stays ON until an admin acknowledges the file switching it off" for code in summary.held_back]
    parts += [f"CHECK {d.code} OFF ({d.by}{f', {d.on}' if d.on else ''}: {d.reason or 'no reason given'})"
              for d in summary.disabled]
    return " · ".join(parts)


def staff_roster(practice: Practice) -> list[tuple[str, str]]:
    """(name, role) of every active staff member, by name."""
    with practice.store.session() as session:
        rows = session.execute(select(StaffMember.name, StaffMember.role).where(StaffMember.active.is_(True))
                               .order_by(StaffMember.name))
        return [(name, role) for name, role in rows]


@dataclass(frozen=True)
class CalendarEntry:
    """One post as the calendar shows it."""

    post_id: int
    status: str
    due: datetime | None
    """Local time in the practice zone."""
    accounts: tuple[str, ...]
    platforms: tuple[str, ...]
    summary: str
    too_close: bool = False
    """Another post on one of its accounts is due within ``min_gap_minutes``."""
    version: int = 0


def calendar_entries(practice: Practice, first: date, last: date) -> list[CalendarEntry]:
    """Posts due from ``first`` to ``last`` (local days, inclusive), oldest first, in local time."""
    from socialtui.services import calendar

    start, end = day_bounds(first, practice.zone)[0], day_bounds(last, practice.zone)[1]
    with practice.store.reading() as session:
        entries = calendar.calendar_entries(session, start, end)
    close = calendar.posts_too_close(entries, practice.config.dispatch.min_gap_minutes)
    return [
        CalendarEntry(e.id, e.status, to_local(e.due_at, practice.zone), e.accounts, tuple(sorted(set(e.platforms))),
                      e.title, e.id in close, e.version)
        for e in entries
    ]


@dataclass(frozen=True)
class TargetView:
    """One target account of a post and how its publication went."""

    account: str
    platform: str
    status: str
    error: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class FindingView:
    """A check finding, as plain data."""

    code: str
    slug: str
    severity: str
    start: int
    end: int
    variant: str | None
    message: str
    hint: str
    overridden: bool = False


@dataclass(frozen=True)
class PostView:
    """Everything the composer and the review screen show of one post."""

    id: int
    version: int
    status: str
    status_reason: str | None
    kind: str
    text: str
    variants: dict[str, str]
    link: str | None
    sponsor: str | None
    affiliations: tuple[str, ...]
    shows_patient: bool
    due: datetime | None
    author: str
    updated_by: str
    targets: tuple[TargetView, ...]
    citations: tuple[str, ...]
    consents: tuple[tuple[int, str], ...]
    media: tuple[tuple[str, str, str], ...]
    """(path, media type, sha256)."""
    findings: tuple[FindingView, ...] = ()
    overrides: tuple[tuple[str, str, str], ...] = ()
    """(code, reason, by)."""
    approved_by: str | None = None


def finding_views(findings: list[Any], overridden: set[str] | None = None) -> tuple[FindingView, ...]:
    """Checks' findings as plain data, marking the codes that carry a written override."""
    overridden = overridden or set()
    return tuple(FindingView(f.code, f.slug, str(f.severity), f.start, f.end, f.variant, f.message, f.hint or "",
                             f.code in overridden) for f in findings)


def load_post(practice: Practice, post_id: int, *, with_findings: bool = True) -> PostView:
    """One post with its safeguards, and (optionally) its current check findings."""
    from socialtui.services.checking import check_post
    from socialtui.services.posts import get_post
    from socialtui.services.review import current_approval

    with practice.store.session() as session:
        post = get_post(session, post_id)
        findings = check_post(session, post, practice.config) if with_findings else []
        approval = current_approval(post)
        return PostView(
            id=post.id, version=post.version, status=post.status, status_reason=post.status_reason, kind=post.kind,
            text=post.text, variants={v.platform: v.text for v in post.variants}, link=post.link, sponsor=post.sponsor,
            affiliations=tuple(post.affiliations or ()), shows_patient=post.shows_patient,
            due=to_local(post.due_at, practice.zone) if post.due_at else None, author=post.author.name,
            updated_by=post.updated_by,
            targets=tuple(TargetView(p.account.name, p.account.platform, p.status, p.last_error, p.remote_url)
                          for p in post.publications),
            citations=tuple(c.reference for c in post.citations),
            consents=tuple((c.id, c.subject_ref) for c in post.consents),
            media=tuple((m.path, m.media_type, m.sha256) for m in post.media),
            findings=finding_views(findings, {o.code for o in post.overrides}),
            overrides=tuple((o.code, o.reason, o.by) for o in post.overrides),
            approved_by=approval.approver.name if approval else None,
        )


def check_unsaved(practice: Practice, changes: PostChanges, *, post_id: int | None) -> tuple[FindingView, ...]:
    """Findings for the composer's form as it stands, without saving anything."""
    from socialtui.services.checking import check_draft

    with practice.store.reading() as session:
        findings, overridden = check_draft(session, changes, practice.config, actor=practice.actor, post_id=post_id)
    return finding_views(findings, overridden)


def review_queue(practice: Practice) -> list[CalendarEntry]:
    """Posts waiting for review, soonest due first."""
    from socialtui.services.posts import list_posts

    with practice.store.session() as session:
        posts = list_posts(session, statuses=["in_review"])
        return [CalendarEntry(p.id, p.status, to_local(p.due_at, practice.zone) if p.due_at else None,
                              tuple(x.account.name for x in p.publications),
                              tuple(sorted({x.account.platform for x in p.publications})),
                              p.text.split("\n")[0] + f"  — {p.author.name}") for p in posts]


@dataclass(frozen=True)
class ConsentRow:
    """A consent at a glance (pseudonymous reference only)."""

    id: int
    subject_ref: str
    platforms: tuple[str, ...]
    media_types: tuple[str, ...]
    signed_on: date
    expires_on: date | None
    revoked_on: date | None
    validity: str


def consent_rows(practice: Practice, today: date) -> list[ConsentRow]:
    """Every consent, newest first, with its validity on ``today``."""
    from socialtui.services.consents import list_consents, validity

    with practice.store.session() as session:
        return [ConsentRow(c.id, c.subject_ref, tuple(c.platforms or ()), tuple(c.media_types or ()), c.signed_on,
                           c.expires_on, c.revoked_on, validity(c, on=today)) for c in list_consents(session)]


@dataclass(frozen=True)
class AccountRow:
    """An account's health."""

    name: str
    platform: str
    handle: str
    dry_run: bool
    paused_reason: str | None
    last_success: datetime | None


def account_rows(practice: Practice) -> list[AccountRow]:
    """Every account, by name."""
    from socialtui.services.accounts import list_accounts

    with practice.store.session() as session:
        return [AccountRow(a.name, a.platform, a.handle, a.dry_run, a.paused_reason,
                           to_local(a.last_success_at, practice.zone) if a.last_success_at else None)
                for a in list_accounts(session)]


@dataclass(frozen=True)
class ActivityView:
    """What went out and what needs a person."""

    attention: list[CalendarEntry] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)
    publications: list[tuple[int, str, str, datetime | None, str]] = field(default_factory=list)
    """(post id, account, status, local time, url or error)."""
    outbox: list[tuple[int | None, str, str, datetime]] = field(default_factory=list)
    """(post id, account, platform, local time) of dry-run records."""
    heartbeats: list[tuple[str, str, datetime, bool]] = field(default_factory=list)
    """(worker id, state, last beat local, dry run)."""


def activity(practice: Practice) -> ActivityView:
    """Attention items with reasons, recent outcomes, the dry-run outbox and the scheduler's heartbeat."""
    from socialtui.services.activity import attention_posts, recent_publications

    zone = practice.zone
    with practice.store.session() as session:
        attention, reasons = [], {}
        for p in attention_posts(session):
            errors = [f"{x.account.name}: {x.last_error}" for x in p.publications if x.last_error and x.last_error != p.status_reason]
            reasons[p.id] = "; ".join(filter(None, [p.status_reason, *errors])) or p.status
            attention.append(CalendarEntry(p.id, p.status, to_local(p.due_at, zone) if p.due_at else None,
                                           tuple(x.account.name for x in p.publications), (), p.text.split("\n")[0]))
        pubs = [(x.post_id, x.account.name, x.status, _local_or_none(x.published_at or x.due_at, zone),
                 x.remote_url or x.remote_id or x.last_error or "") for x in recent_publications(session, limit=100)]
        outbox = [(o.post_id, o.account_name, o.platform, to_local(o.created_at, zone))
                  for o in session.scalars(select(OutboxEntry).order_by(OutboxEntry.id.desc()).limit(50))]
        beats = [(h.worker_id, h.state, to_local(h.beat_at, zone), h.dry_run) for h in session.scalars(select(Heartbeat))]
    return ActivityView(attention, reasons, pubs, outbox, beats)


def _local_or_none(instant: datetime | None, zone: Any) -> datetime | None:
    return to_local(instant, zone) if instant is not None else None


@dataclass(frozen=True)
class AuditRow:
    """One audit event, for the log screen."""

    seq: int
    at: datetime
    actor: str
    action: str
    subject: str
    change: str
    details: str


def audit_rows(practice: Practice, search: str = "", limit: int = 500) -> list[AuditRow]:
    """The newest audit events, optionally only those whose actor, action or subject contain ``search``."""
    import json

    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(or_(AuditEvent.actor.ilike(like), AuditEvent.action.ilike(like),
                                (AuditEvent.subject_type + " " + AuditEvent.subject_id).ilike(like),
                                AuditEvent.to_state.ilike(like)))
    with practice.store.session() as session:
        return [AuditRow(e.seq, to_local(e.at, practice.zone), e.actor, e.action, f"{e.subject_type} {e.subject_id}",
                         f"{e.from_state or ''}→{e.to_state}" if e.to_state else "",
                         json.dumps(e.details, sort_keys=True, default=str) if e.details else "")
                for e in session.scalars(query)]


def consent_choices(practice: Practice, platforms: list[str], media_types: list[str], on: date) -> list[ConsentRow]:
    """Consents that cover every given platform and media type and are in force on ``on``.

    Only narrows the picker; the PRV checks remain the judge of whether consent suffices.
    """
    return [row for row in consent_rows(practice, on)
            if row.validity in ("valid", "expiring soon") and (row.expires_on is None or row.expires_on >= on)
            and set(platforms) <= set(row.platforms) and set(media_types) <= set(row.media_types)]


def platform_limits(platforms: list[str]) -> dict[str, tuple[int, str]]:
    """(max length, counting) each platform's adapter declares."""
    from socialtui.adapters.registry import limits_for

    result: dict[str, tuple[int, str]] = {}
    for platform in platforms:
        limits = limits_for(platform)
        result[platform] = (limits.max_length, limits.length_counting)
    return result


def account_platforms(practice: Practice) -> dict[str, str]:
    """account name -> platform, for the composer's target list."""
    with practice.store.session() as session:
        return {name: platform for name, platform in session.execute(select(Account.name, Account.platform).order_by(Account.name))}


@dataclass(frozen=True)
class OutboxRow:
    """One request a dry run recorded instead of sending."""

    id: int
    post_id: int | None
    account: str
    platform: str
    at: datetime
    request: dict[str, Any]


def outbox_rows(practice: Practice, limit: int = 200) -> list[OutboxRow]:
    """The newest dry-run records, with the exact request each platform would have received."""
    with practice.store.session() as session:
        return [OutboxRow(o.id, o.post_id, o.account_name, o.platform, to_local(o.created_at, practice.zone), dict(o.request or {}))
                for o in session.scalars(select(OutboxEntry).order_by(OutboxEntry.id.desc()).limit(limit))]
