"""The append-only, hash-chained audit log, signed and anchored outside the database.

Each event stores the previous event's hash, and its own hash is an HMAC under the
practice's integrity key (:mod:`socialtui.integrity`), which lives outside the database:
rewriting a row and recomputing its hash does not verify without the key. The newest
event's hash is also kept in ``audit_head``, and after every commit the new head is
appended to a local journal outside the database (:mod:`socialtui.anchor`), so a
truncated, rewritten or emptied log is detected even by someone who rewrote the head.
Details never hold patient text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from socialtui.integrity import integrity_key
from socialtui.store.models import AuditEvent, AuditHead, utcnow

GENESIS = "0" * 64


def _payload(seq: int, at: datetime, actor: str, action: str, subject_type: str, subject_id: str,
             from_state: str | None, to_state: str | None, details: dict[str, Any], prev_hash: str) -> bytes:
    return json.dumps(
        [seq, at.isoformat(timespec="microseconds"), actor, action, subject_type, subject_id,
         from_state, to_state, details, prev_hash],
        sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str,
    ).encode()


def _digest(key_id: str | None, *fields: Any) -> str:
    payload = _payload(*fields)
    if key_id is None:  # written before events were signed
        return hashlib.sha256(payload).hexdigest()
    return integrity_key().sign(payload)


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
    """Append one signed event in the caller's transaction, chained to the newest one.

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
    from socialtui.anchor import remember_head

    head = _locked_head(session)
    subject_type, subject_id = subject[0], str(subject[1])
    clean = json.loads(json.dumps(details or {}, default=str))
    at = utcnow()
    seq = head.seq + 1
    key = integrity_key()
    digest = key.sign(_payload(seq, at, actor, action, subject_type, subject_id, from_state, to_state, clean, head.hash))
    event = AuditEvent(
        seq=seq, at=at, actor=actor, action=action, subject_type=subject_type, subject_id=subject_id,
        from_state=from_state, to_state=to_state, details=clean, prev_hash=head.hash, hash=digest, key_id=key.key_id,
    )
    session.add(event)
    head.seq, head.hash = seq, digest
    remember_head(session, seq, digest)
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
    unsigned: int = 0
    """Events written before signing was introduced (chained, but not keyed)."""
    anchored: int = 0
    """How many of this computer's anchors (heads it recorded) were compared."""


_COLUMNS = (AuditEvent.id, AuditEvent.seq, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.subject_type,
            AuditEvent.subject_id, AuditEvent.from_state, AuditEvent.to_state, cast(AuditEvent.details, Text),
            AuditEvent.prev_hash, AuditEvent.hash, AuditEvent.key_id)


def verify(session: Session, anchors: dict[int, str] | None = None) -> VerifyResult:
    """Walk the chain in order and report the first event that does not fit.

    Args:
        anchors: ``{seq: hash}`` heads recorded outside the database (the local anchor
            journal, a checkpoint file); each must be in the log, unchanged.

    A malformed row (details that are not JSON, a missing time) is a broken event, never a crash.
    """
    anchors = dict(anchors or {})
    anchored = len(anchors)
    local_key = integrity_key().key_id
    previous, expected, count, unsigned, signed_seen = GENESIS, 1, 0, 0, False
    for row in session.execute(select(*_COLUMNS).order_by(AuditEvent.id)):
        _, seq, at, actor, action, subject_type, subject_id, from_state, to_state, raw, prev_hash, digest, key_id = row
        count += 1
        if seq != expected:
            return VerifyResult(False, count, seq, f"expected event #{expected} here, found #{seq} (a gap or reordering)")
        if prev_hash != previous:
            return VerifyResult(False, count, seq, f"event #{seq} does not follow the event before it")
        if key_id is not None and key_id != local_key:
            return VerifyResult(False, count, seq, f"event #{seq} was signed with integrity key {key_id}, but this "
                                f"computer holds key {local_key}: import the practice's key to verify")
        if key_id is None and signed_seen:
            return VerifyResult(False, count, seq, f"event #{seq} is unsigned but follows signed events (it was rewritten)")
        try:
            details = json.loads(raw) if raw is not None else {}
            recomputed = _digest(key_id, seq, at, actor, action, subject_type, subject_id, from_state, to_state,
                                 details if isinstance(details, dict) else {"?": details}, prev_hash)
        except (ValueError, TypeError, AttributeError):
            return VerifyResult(False, count, seq, f"event #{seq} is malformed (its time or details cannot be read)")
        if recomputed != digest:
            return VerifyResult(False, count, seq, f"event #{seq} was changed after it was written")
        if seq in anchors and anchors.pop(seq) != digest:
            return VerifyResult(False, count, seq, f"event #{seq} differs from the copy anchored outside the database")
        signed_seen = signed_seen or key_id is not None
        unsigned += key_id is None
        previous = digest
        expected += 1
    if anchors:
        missing = min(anchors)
        return VerifyResult(False, count, missing, f"event #{missing} was anchored outside the database but is missing "
                            f"from the log (the log ends at #{expected - 1}: it was truncated or emptied)")
    head = session.get(AuditHead, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != expected - 1 or head_hash != previous:
        return VerifyResult(False, count, expected, f"events after #{expected - 1} are missing (the log ends early)")
    return VerifyResult(True, count, unsigned=unsigned, anchored=anchored)


CSV_COLUMNS = ["seq", "at", "actor", "action", "subject_type", "subject_id", "from_state", "to_state", "details", "prev_hash", "hash"]


def export_csv(session: Session) -> str:
    """Every event as CSV, one row each, details as JSON (a malformed row is exported as stored)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in session.execute(select(*_COLUMNS).order_by(AuditEvent.seq)):
        _, seq, at, actor, action, subject_type, subject_id, from_state, to_state, raw, prev_hash, digest, _key = row
        try:
            details = json.dumps(json.loads(raw), sort_keys=True) if raw is not None else "{}"
        except ValueError:
            details = raw  # `audit verify` names this event as malformed; the export keeps it as it is
        writer.writerow([seq, at.isoformat() if at else "", actor, action, subject_type, subject_id,
                         from_state or "", to_state or "", details, prev_hash, digest])
    return out.getvalue()
