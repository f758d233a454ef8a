"""``socialtui audit ...`` and ``socialtui db ...``."""

from __future__ import annotations

import sys

import click
from sqlalchemy import select

from socialtui.audit import export_csv, verify
from socialtui.cli import AppState, pass_state
from socialtui.store.models import AuditEvent


@click.group("audit")
def audit_group() -> None:
    """The append-only, hash-chained audit log."""


@audit_group.command("verify")
@pass_state
def audit_verify(state: AppState) -> None:
    """Exit 0 when the chain is intact; 1 naming the first broken event."""
    with state.practice.store.session() as session:
        result = verify(session)
    if result.ok:
        click.echo(f"Audit log intact: {result.events} events.")
        return
    click.secho(f"Audit log BROKEN at event #{result.broken_seq}: {result.problem}.", fg="red", err=True)
    sys.exit(1)


@audit_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@pass_state
def audit_export(state: AppState, fmt: str) -> None:
    """Write every event to standard output."""
    with state.practice.store.session() as session:
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
