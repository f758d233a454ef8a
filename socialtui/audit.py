"""The append-only, hash-chained audit log.

Each event stores the previous event's hash; the newest event's hash is also
kept in ``audit_head``, so an edit, a deletion (the tail included) or a
reordering of rows is detected by :func:`verify`. Details never hold patient text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialtui.store.models import AuditEvent, AuditHead, utcnow

GENESIS = "0" * 64


def _digest(seq: int, at: datetime, actor: str, action: str, subject_type: str, subject_id: str,
            from_state: str | None, to_state: str | None, details: dict[str, Any], prev_hash: str) -> str:
    payload = json.dumps(
        [seq, at.isoformat(timespec="microseconds"), actor, action, subject_type, subject_id,
         from_state, to_state, details, prev_hash],
        sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    subject: tuple[str, object],
    from_state: str | None = None,
    to_state: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction, chained to the newest one.

    Args:
        session: the open session; the event commits or rolls back with the change it records.
        actor: who did it (staff name or worker id).
        action: what was done, e.g. ``transition``, ``consent.revoke``.
        subject: ``(type, id)`` of what it was done to.
        from_state / to_state: for transitions.
        details: small, non-sensitive facts (never patient text or secrets).

    Returns:
        The new event.
    """
    head = _locked_head(session)
    subject_type, subject_id = subject[0], str(subject[1])
    clean = json.loads(json.dumps(details or {}, default=str))
    at = utcnow()
    seq = head.seq + 1
    digest = _digest(seq, at, actor, action, subject_type, subject_id, from_state, to_state, clean, head.hash)
    event = AuditEvent(
        seq=seq, at=at, actor=actor, action=action, subject_type=subject_type, subject_id=subject_id,
        from_state=from_state, to_state=to_state, details=clean, prev_hash=head.hash, hash=digest,
    )
    session.add(event)
    head.seq, head.hash = seq, digest
    return event


_HEAD = "socialtui.audit.head"


def _locked_head(session: Session) -> AuditHead:
    """The audit head, row-locked once per transaction: a batch of events chains on one lock.

    The head stays locked until the transaction ends (PostgreSQL row lock; SQLite's write
    lock), so within one transaction (or savepoint) the cached row is still the newest.
    A new transaction or savepoint locks and reads it again.
    """
    scope = session.get_nested_transaction() or session.get_transaction()
    cached = session.info.get(_HEAD)
    if scope is not None and cached is not None and cached[0] is scope:
        head: AuditHead = cached[1]
        return head
    found = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    head = found if found is not None else AuditHead(id=1, seq=0, hash=GENESIS)
    if found is None:
        session.add(head)
    session.flush()
    session.info[_HEAD] = (session.get_nested_transaction() or session.get_transaction(), head)
    return head


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of checking the chain: ``ok``, how many events, and the first broken one."""

    ok: bool
    events: int
    broken_seq: int | None = None
    problem: str = ""


def verify(session: Session) -> VerifyResult:
    """Walk the chain in order and report the first event that does not fit."""
    previous = GENESIS
    expected = 1
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        count += 1
        if event.seq != expected:
            return VerifyResult(False, count, event.seq, f"expected event #{expected} here, found #{event.seq} (a gap or reordering)")
        if event.prev_hash != previous:
            return VerifyResult(False, count, event.seq, f"event #{event.seq} does not follow the event before it")
        recomputed = _digest(event.seq, event.at, event.actor, event.action, event.subject_type, event.subject_id,
                             event.from_state, event.to_state, event.details or {}, event.prev_hash)
        if recomputed != event.hash:
            return VerifyResult(False, count, event.seq, f"event #{event.seq} was changed after it was written")
        previous = event.hash
        expected += 1
    head = session.get(AuditHead, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != expected - 1 or head_hash != previous:
        return VerifyResult(False, count, expected, f"events after #{expected - 1} are missing (the log ends early)")
    return VerifyResult(True, count)


CSV_COLUMNS = ["seq", "at", "actor", "action", "subject_type", "subject_id", "from_state", "to_state", "details", "prev_hash", "hash"]


def export_csv(events: Iterable[AuditEvent]) -> str:
    """The events as CSV, one row each, details as JSON."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in events:
        writer.writerow([e.seq, e.at.isoformat(), e.actor, e.action, e.subject_type, e.subject_id,
                         e.from_state or "", e.to_state or "", json.dumps(e.details, sort_keys=True), e.prev_hash, e.hash])
    return out.getvalue()
