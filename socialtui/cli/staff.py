"""``socialtui staff ...``: the roster and training dates."""

from __future__ import annotations

import sys

import click
from sqlalchemy import select

from socialtui.cli import AppState, echo_json, pass_state
from socialtui.cli.options import optional_date
from socialtui.errors import ValidationError
from socialtui.practice_time import parse_date
from socialtui.services.identity import issue_setup_code, set_first_passphrase, set_passphrase
from socialtui.services.records import staff_record
from socialtui.services.staff import Role, add_staff, record_training, training_in_date
from socialtui.store.models import StaffMember


@click.group("staff")
def staff_group() -> None:
    """Who writes and approves posts, and their training."""


@staff_group.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--trained", metavar="DATE", help="Date social-media training was completed.")
@pass_state
def staff_add(state: AppState, name: str, role: str, trained: str | None) -> None:
    """Add a staff member (an admin's job; the very first member is the admin who sets up)."""
    practice = state.practice
    with practice.store.reading() as session:
        first = session.scalar(select(StaffMember.id).limit(1)) is None
    actor = name if first else practice.actor
    passphrase = None
    if first and practice.identity_mode == "passphrase":
        passphrase = _new_passphrase(state, name)
    with practice.store.session() as session:
        member = add_staff(session, name, role, optional_date(trained), actor=actor)
        if passphrase is not None:
            set_first_passphrase(session, member, passphrase)
        click.echo(f"Added {member.name} ({member.role}).")
    if not first and practice.identity_mode == "passphrase":
        click.echo(f"Give {name} a setup code so they can choose a passphrase: "
                   f"socialtui staff setup-code \"{name}\"")


def _new_passphrase(state: AppState, name: str) -> str:
    if state.passphrase_fd is not None:
        return state.read_passphrase(name)
    if not sys.stdin.isatty():
        raise ValidationError(f"{name} needs a passphrase, and there is no terminal to ask on.",
                              "Run the command in a terminal, or pass --passphrase-fd N.")
    return str(click.prompt(f"Choose a passphrase for {name} (10 characters or more)", hide_input=True,
                            confirmation_prompt=True, err=True))


@staff_group.command("setup-code")
@click.argument("name")
@pass_state
def staff_setup_code(state: AppState, name: str) -> None:
    """Issue NAME a one-time code to choose their own passphrase (admins; shown once)."""
    practice = state.practice
    actor = practice.actor
    with practice.store.session() as session:
        code = issue_setup_code(session, name, actor=actor)
    click.echo(f"Setup code for {name}: {code}")
    click.echo(f'Give it to {name} in person; they run: socialtui --as "{name}" staff passphrase')


@staff_group.command("passphrase")
@pass_state
def staff_passphrase(state: AppState) -> None:
    """Choose your own passphrase, with your current one or an admin's setup code."""
    practice = state.practice
    name = practice.as_staff or practice.os_identity()
    if not name:
        raise ValidationError("Whose passphrase? No staff member is named.", 'Pass --as "YOUR NAME".')
    if state.passphrase_fd is not None:
        current, new = state.read_passphrase(name), state.read_passphrase(name)
    elif sys.stdin.isatty():
        current = str(click.prompt(f"Current passphrase or setup code for {name}", hide_input=True, err=True))
        new = str(click.prompt("New passphrase (10 characters or more)", hide_input=True, confirmation_prompt=True, err=True))
    else:
        raise ValidationError("There is no terminal to ask for the passphrases on.",
                              "Run the command in a terminal, or pass --passphrase-fd N (current, then new, one per line).")
    set_passphrase(practice.store, name, current, new, practice.config.identity)
    click.echo(f"Passphrase set for {name}.")


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
    actor = practice.actor
    with practice.store.session() as session:
        member = record_training(session, name, parse_date(on), actor=actor)
        click.echo(f"{member.name} trained on {member.trained_on}.")


COMMANDS = [staff_group]
