"""`socialtui audit verify` finds any change, gap or reordering in the hash-chained log."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import delete, select, update

from socialtui.audit import CSV_COLUMNS, verify
from socialtui.store.models import AuditEvent

from .helpers import new_post

CONTENT = ["seq", "at", "actor", "action", "subject_type", "subject_id", "from_state", "to_state", "details", "prev_hash", "hash"]


@pytest.fixture
def logged(staffed, staff):
    """A practice whose audit log holds a handful of events (accounts, staff, posts)."""
    for _ in range(3):
        with staffed.store.session() as session:
            new_post(session, staff.author)
    with staffed.store.session() as session:
        count = len(session.scalars(select(AuditEvent)).all())
    assert count >= 8
    return staffed


def verify_cli(cli):
    return cli("audit", "verify")


def event_ids(practice) -> list[int]:
    with practice.store.session() as session:
        return list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def seq_of(practice, event_id: int) -> int:
    with practice.store.session() as session:
        return session.scalar(select(AuditEvent.seq).where(AuditEvent.id == event_id))


def test_intact_log_verifies_with_exit_0(cli, logged):
    result = verify_cli(cli)
    assert result.exit_code == 0, result.stderr
    assert "Audit log intact" in result.stdout


def test_editing_a_rows_details_is_detected_at_that_event(cli, logged):
    target = event_ids(logged)[3]
    with logged.store.session() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == target).values(details={"role": "owner"}))
    result = verify_cli(cli)
    assert result.exit_code == 1
    assert f"BROKEN at event #{seq_of(logged, target)}" in result.stderr
    assert "changed after it was written" in result.stderr


def test_editing_a_rows_actor_is_detected(cli, logged):
    target = event_ids(logged)[2]
    with logged.store.session() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == target).values(actor="someone else"))
    result = verify_cli(cli)
    assert result.exit_code == 1
    assert f"BROKEN at event #{seq_of(logged, target)}" in result.stderr


def test_deleting_a_middle_row_is_detected_at_the_gap(cli, logged):
    ids = event_ids(logged)
    gone = seq_of(logged, ids[4])
    with logged.store.session() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.id == ids[4]))
    result = verify_cli(cli)
    assert result.exit_code == 1
    assert f"BROKEN at event #{gone + 1}" in result.stderr
    assert f"expected event #{gone}" in result.stderr


def test_deleting_the_last_row_is_detected(cli, logged):
    ids = event_ids(logged)
    last = seq_of(logged, ids[-1])
    with logged.store.session() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.id == ids[-1]))
    result = verify_cli(cli)
    assert result.exit_code == 1
    assert f"BROKEN at event #{last}" in result.stderr
    assert "missing" in result.stderr


def test_swapping_two_rows_contents_is_detected_at_the_first_of_them(cli, logged):
    ids = event_ids(logged)
    a, b = ids[2], ids[5]
    with logged.store.session() as session:
        rows = {e.id: {c: getattr(e, c) for c in CONTENT} for e in session.scalars(select(AuditEvent).where(AuditEvent.id.in_([a, b])))}
        session.execute(update(AuditEvent).where(AuditEvent.id == a).values(seq=-1))  # seq is unique
        session.execute(update(AuditEvent).where(AuditEvent.id == b).values(**rows[a]))
        session.execute(update(AuditEvent).where(AuditEvent.id == a).values(**rows[b]))
    result = verify_cli(cli)
    assert result.exit_code == 1
    assert f"BROKEN at event #{rows[b]['seq']}" in result.stderr


def test_recomputing_a_tampered_rows_own_hash_still_breaks_the_chain(logged):
    from socialtui.audit import _digest

    ids = event_ids(logged)
    with logged.store.session() as session:
        event = session.get(AuditEvent, ids[3])
        event.details = {"forged": True}
        event.hash = _digest(event.key_id, event.seq, event.at, event.actor, event.action, event.subject_type, event.subject_id,
                             event.from_state, event.to_state, event.details, event.prev_hash)
    with logged.store.session() as session:
        result = verify(session)
    assert not result.ok
    assert result.broken_seq == seq_of(logged, ids[4])


def test_export_writes_every_event_as_csv(cli, logged):
    result = cli("audit", "export")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == CSV_COLUMNS
    assert [int(r[0]) for r in rows[1:]] == list(range(1, len(event_ids(logged)) + 1))
    assert all(isinstance(json.loads(r[8]), dict) for r in rows[1:])
