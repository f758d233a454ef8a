"""Tampering below the app: someone with write access to the database but not the integrity key.

The audit log's hashes are HMACs under a key kept outside the database, and each process
anchors the log's head outside it too, so rewriting, truncating or emptying the log, or
writing garbage into it, is reported by `audit verify` (exit 1, naming the event) — never
as "intact", and never as an internal error.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import delete, select, text, update

from socialtui.audit import _payload
from socialtui.store.models import AuditEvent, AuditHead

from .helpers import new_post


def logged(practice, staff):
    for _ in range(3):
        with practice.store.session() as session:
            new_post(session, staff.author)


def rows(practice) -> list[AuditEvent]:
    with practice.store.session() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def write_garbage_details(practice, event_id: int) -> None:
    """Details that are not JSON, as a direct write to the database can leave them."""
    with practice.store.session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("ALTER TABLE audit_events ALTER COLUMN details TYPE text"))
        session.execute(text("UPDATE audit_events SET details = '{not json' WHERE id = :id"), {"id": event_id})


def test_a_row_rewritten_with_a_recomputed_unkeyed_hash_is_caught_at_that_event(cli_staffed, staffed, staff):
    logged(staffed, staff)
    target = rows(staffed)[3]
    forged = {"role": "admin"}
    digest = hashlib.sha256(_payload(target.seq, target.at, target.actor, target.action, target.subject_type,
                                     target.subject_id, target.from_state, target.to_state, forged, target.prev_hash)).hexdigest()
    with staffed.store.session() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == target.id).values(details=forged, hash=digest))
    result = cli_staffed("audit", "verify")
    assert result.exit_code == 1
    assert f"BROKEN at event #{target.seq}" in result.stderr


def test_the_whole_chain_rewritten_from_a_point_with_the_head_is_caught_by_the_anchor(cli_staffed, staffed, staff):
    """Without the key a forger could still re-chain unsigned rows and fix the head; the anchor remembers."""
    logged(staffed, staff)
    events = rows(staffed)
    start = events[4]
    previous = events[3].hash
    with staffed.store.session() as session:
        for event in events[4:]:
            digest = hashlib.sha256(_payload(event.seq, event.at, event.actor, event.action, event.subject_type,
                                             event.subject_id, event.from_state, event.to_state, event.details,
                                             previous)).hexdigest()
            session.execute(update(AuditEvent).where(AuditEvent.id == event.id)
                            .values(prev_hash=previous, hash=digest, key_id=None))
            previous = digest
        session.execute(update(AuditHead).values(hash=previous))
    result = cli_staffed("audit", "verify")
    assert result.exit_code == 1
    assert f"BROKEN at event #{start.seq}" in result.stderr


def test_an_emptied_log_is_not_intact(cli_staffed, staffed, staff):
    logged(staffed, staff)
    with staffed.store.session() as session:
        session.execute(delete(AuditEvent))
        session.execute(delete(AuditHead))
    result = cli_staffed("audit", "verify")
    assert result.exit_code == 1
    assert "missing from the log" in result.stderr and "truncated or emptied" in result.stderr


def test_details_that_are_not_json_name_the_broken_event_instead_of_crashing(cli_staffed, staffed, staff):
    logged(staffed, staff)
    target = rows(staffed)[2]
    write_garbage_details(staffed, target.id)
    result = cli_staffed("audit", "verify")
    assert result.exit_code == 1, result.stderr
    assert f"BROKEN at event #{target.seq}" in result.stderr and "malformed" in result.stderr
    assert "internal problem" not in result.stderr


def test_a_signed_checkpoint_kept_off_the_machine_catches_a_later_truncation(cli_staffed, staffed, staff, tmp_path,
                                                                             monkeypatch):
    logged(staffed, staff)
    checkpoint = tmp_path / "checkpoint.json"
    assert cli_staffed("audit", "anchor", "export", "--output", str(checkpoint)).exit_code == 0
    head = json.loads(checkpoint.read_text())["seq"]
    anchors = tmp_path / "no-local-anchors"
    with staffed.store.session() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.seq >= head - 1))
        last = session.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
        session.execute(update(AuditHead).values(seq=last.seq, hash=last.hash))
    monkeypatch.setenv("XDG_STATE_HOME", str(anchors))  # another computer: only the checkpoint remembers
    result = cli_staffed("audit", "verify", "--checkpoint", str(checkpoint))
    assert result.exit_code == 1
    assert f"event #{head}" in result.stderr


def test_a_checkpoint_that_was_edited_is_refused(cli_staffed, staffed, staff, tmp_path):
    logged(staffed, staff)
    checkpoint = tmp_path / "checkpoint.json"
    cli_staffed("audit", "anchor", "export", "--output", str(checkpoint))
    data = json.loads(checkpoint.read_text())
    data["seq"] = 1
    checkpoint.write_text(json.dumps(data))
    result = cli_staffed("audit", "verify", "--checkpoint", str(checkpoint))
    assert result.exit_code == 2 and "signature does not match" in result.stderr


def test_another_computers_key_is_named_as_such_not_as_tampering(cli_staffed, staffed, staff, tmp_path, monkeypatch):
    logged(staffed, staff)
    other = tmp_path / "other.key"
    other.write_text("ab" * 32 + "\n")
    monkeypatch.setenv("SOCIALTUI_INTEGRITY_KEY_FILE", str(other))
    result = cli_staffed("post", "list")
    assert result.exit_code == 2
    assert "is not the key this practice's database is signed with" in result.stderr
    assert "socialtui audit key import" in result.stderr


def test_the_key_moves_between_computers_with_export_and_import(cli_staffed, staffed, staff, tmp_path, monkeypatch):
    logged(staffed, staff)
    exported = tmp_path / "practice.key"
    assert cli_staffed("audit", "key", "export", "--output", str(exported)).exit_code == 0
    assert oct(exported.stat().st_mode & 0o777) == "0o600"
    monkeypatch.setenv("SOCIALTUI_INTEGRITY_KEY_FILE", str(tmp_path / "new-computer.key"))
    assert cli_staffed("audit", "key", "import", str(exported)).exit_code == 0
    assert cli_staffed("audit", "verify").exit_code == 0


def test_export_keeps_a_malformed_row_instead_of_crashing(cli_staffed, staffed, staff):
    logged(staffed, staff)
    target = rows(staffed)[2]
    write_garbage_details(staffed, target.id)
    result = cli_staffed("audit", "export")
    assert result.exit_code == 0, result.stderr
    assert "{not json" in result.stdout
