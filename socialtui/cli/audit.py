"""``socialtui audit ...`` and ``socialtui db ...``."""

from __future__ import annotations

import sys
from typing import Any

import click
from sqlalchemy import select

from socialtui.audit import export_csv, verify
from socialtui.cli import AppState, pass_state
from socialtui.store.models import AuditEvent


@click.group("audit")
def audit_group() -> None:
    """The append-only, hash-chained audit log."""


@audit_group.command("verify")
@click.option("--checkpoint", "checkpoint_file", type=click.File("r"), metavar="FILE",
              help="Also compare with a checkpoint written by `audit anchor export`.")
@pass_state
def audit_verify(state: AppState, checkpoint_file: Any) -> None:
    """Exit 0 when the chain is intact; 1 naming the first broken event.

    Compares the log with the heads this computer anchored outside the database, so a
    truncated, rewritten or emptied log is reported too.
    """
    from socialtui import anchor

    store = state.practice.store
    anchors = anchor.anchors_for(_engine_url(store))
    if checkpoint_file is not None:
        seq, digest = anchor.read_checkpoint(checkpoint_file.read())
        if anchors.get(seq, digest) != digest:
            click.secho(f"Audit log BROKEN: the checkpoint and this computer's anchor disagree on event #{seq}.", fg="red", err=True)
            sys.exit(1)
        anchors[seq] = digest
    with store.reading() as session:
        result = verify(session, anchors)
    if result.ok:
        notes = [f"{result.anchored} anchored head(s) matched"] if result.anchored else ["no anchors on this computer"]
        if result.unsigned:
            notes.append(f"{result.unsigned} early event(s) predate signing")
        click.echo(f"Audit log intact: {result.events} events ({'; '.join(notes)}).")
        return
    click.secho(f"Audit log BROKEN at event #{result.broken_seq}: {result.problem}.", fg="red", err=True)
    sys.exit(1)


def _engine_url(store: Any) -> str:
    return str(store.engine.url.render_as_string(hide_password=False))


@audit_group.group("anchor")
def anchor_group() -> None:
    """Checkpoints of the log's head, to keep off this machine."""


@anchor_group.command("export")
@click.option("--output", "output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the checkpoint here (default: standard output).")
@pass_state
def anchor_export(state: AppState, output: str | None) -> None:
    """Write a signed checkpoint of the log's newest event (keep it somewhere safe)."""
    import json

    from socialtui import anchor
    from socialtui.store.models import AuditHead

    store = state.practice.store
    with store.reading() as session:
        head = session.get(AuditHead, 1)
        seq, digest = (head.seq, head.hash) if head else (0, "0" * 64)
    text = json.dumps(anchor.checkpoint(_engine_url(store), seq, digest), indent=2, sort_keys=True) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as out:
            out.write(text)
        click.echo(f"Checkpoint of event #{seq} written to {output}; verify later with "
                   f"`socialtui audit verify --checkpoint {output}`.")
    else:
        click.echo(text, nl=False)


@audit_group.group("key")
def key_group() -> None:
    """The integrity key that signs approvals and the audit log (kept outside the database)."""


@key_group.command("show")
def key_show() -> None:
    """Where this computer's key is and its public id (never the key itself)."""
    from socialtui.integrity import integrity_key

    key = integrity_key()
    click.echo(f"Integrity key {key.key_id}, from {key.source}.")


@key_group.command("export")
@click.option("--output", "output", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="File to write the key to (created readable by you only).")
def key_export(output: str) -> None:
    """Copy the key to a file, to import on the practice's other workstations and servers."""
    from pathlib import Path

    from socialtui.integrity import integrity_key, write_key_file

    key = integrity_key()
    write_key_file(Path(output), key.secret)
    click.echo(f"Key {key.key_id} written to {output} (mode 0600). Move it by hand, import it, then delete the file.")


@key_group.command("import")
@click.argument("key_file", type=click.File("r"))
def key_import(key_file: Any) -> None:
    """Make the practice's key (from `audit key export`) this computer's key."""
    from socialtui.integrity import import_key

    key = import_key(key_file.read())
    click.echo(f"This computer now holds integrity key {key.key_id} ({key.source}).")


@audit_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@pass_state
def audit_export(state: AppState, fmt: str) -> None:
    """Write every event to standard output."""
    with state.practice.store.reading() as session:
        click.echo(export_csv(session.scalars(select(AuditEvent).order_by(AuditEvent.seq))), nl=False)


@click.group("db")
def db_group() -> None:
    """The database itself."""


@db_group.command("upgrade")
@click.option("--db", "db_url", metavar="URL", help="Database URL (same as the global --db).")
@pass_state
def db_upgrade(state: AppState, db_url: str | None) -> None:
    """Apply any pending schema migrations."""
    from socialtui.config import load_config
    from socialtui.store.database import Store, redact_url

    config, _ = load_config(state.config_path)
    store = Store(db_url or state.db_url or config.database.url or None, upgrade=True)
    click.echo(f"Database {redact_url(store.url)} is up to date.")
    store.dispose()


COMMANDS = [audit_group, db_group]
