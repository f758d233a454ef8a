"""``socialtui staff ...``: the roster and training dates."""

from __future__ import annotations

import click

from socialtui.cli import AppState, echo_json, pass_state
from socialtui.cli.options import optional_date
from socialtui.practice_time import parse_date
from socialtui.services.records import staff_record
from socialtui.services.staff import Role, add_staff, record_training, training_in_date
from socialtui.store.models import StaffMember

from sqlalchemy import select


@click.group("staff")
def staff_group() -> None:
    """Who writes and approves posts, and their training."""


@staff_group.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--trained", metavar="DATE", help="Date social-media training was completed.")
@pass_state
def staff_add(state: AppState, name: str, role: str, trained: str | None) -> None:
    """Add a staff member."""
    practice = state.practice
    with practice.store.session() as session:
        actor = _bootstrap_actor(session, practice)
        member = add_staff(session, name, role, optional_date(trained), actor=actor)
        click.echo(f"Added {member.name} ({member.role}).")


def _bootstrap_actor(session: object, practice: object) -> str:
    """The actor; on an empty roster the first person may add themselves without ``--as``."""
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    if session.scalar(select(StaffMember.id).limit(1)) is None:
        return getattr(practice, "as_staff", None) or "setup"
    return practice.actor  # type: ignore[attr-defined, no-any-return]


@staff_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_state
def staff_list(state: AppState, as_json: bool) -> None:
    """The roster with training status."""
    practice = state.practice
    months = practice.config.practice.training_valid_months
    with practice.store.session() as session:
        members = list(session.scalars(select(StaffMember).order_by(StaffMember.name)))
        rows = [(staff_record(m), training_in_date(m, valid_months=months)) for m in members]
    if as_json:
        echo_json([r | {"training_in_date": ok} for r, ok in rows])
        return
    for r, ok in rows:
        click.echo(f"{r['name']:<24} {r['role']:<9} trained {r['trained_on'] or 'never':<10}  {'in date' if ok else 'OUT OF DATE'}")


@staff_group.command("train")
@click.argument("name")
@click.option("--on", "on", required=True, metavar="DATE", help="Date training was completed.")
@pass_state
def staff_train(state: AppState, name: str, on: str) -> None:
    """Record completed social-media training."""
    practice = state.practice
    with practice.store.session() as session:
        member = record_training(session, name, parse_date(on), actor=practice.actor)
        click.echo(f"{member.name} trained on {member.trained_on}.")


COMMANDS = [staff_group]
