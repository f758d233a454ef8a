"""``socialtui accounts ...``: connect platform accounts; tokens go only to the OS keyring."""

from __future__ import annotations

import click
from sqlalchemy import select

from socialtui.audit import record
from socialtui.context import Practice
from socialtui.cli import AppState, echo_json, pass_state
from socialtui.errors import NotFoundError, ValidationError
from socialtui.practice_time import format_local
from socialtui.store.models import Account


@click.group("accounts")
def accounts_group() -> None:
    """Connect, list, test and remove platform accounts."""


@accounts_group.command("add")
@click.argument("platform")
@click.argument("name")
@click.option("--handle", help="X handle, Facebook Page id, or webhook URL (asked for when missing).")
@click.option("--no-verify", is_flag=True, help="Store the tokens without a test call to the platform.")
@pass_state
def accounts_add(state: AppState, platform: str, name: str, handle: str | None, no_verify: bool) -> None:
    """Store an account's tokens in the OS keyring (prompted for, never on the command line)."""
    from socialtui.adapters.registry import load_adapter_class, platform_names
    from socialtui.credentials import CredentialStore
    from socialtui.dispatch.connect import adapter_options

    if platform not in platform_names():
        raise ValidationError(f"Unknown platform {platform!r}.", f"Installed: {', '.join(platform_names())}.")
    practice = state.practice
    actor = _admin(practice)
    credentials = CredentialStore()
    adapter_class = load_adapter_class(platform)
    with practice.store.session() as session:
        existing = session.scalar(select(Account).where(Account.name == name))
        if existing is not None and existing.platform != platform:
            raise ValidationError(f"Account {name!r} is a {existing.platform} account.", "Choose another name.")
        handle = handle or (existing.handle if existing else None) or click.prompt(f"{adapter_class.label} handle / id")
    values: dict[str, str] = {}
    for field in adapter_class.credential_fields:
        value = click.prompt(field.prompt, hide_input=field.secret, default="" if field.optional else None, show_default=False)
        if value:
            values[field.name] = value
    if not no_verify:
        adapter = adapter_class(handle, values, http_timeout=practice.config.dispatch.http_timeout_seconds,
                                **adapter_options(practice, Account(name=name, platform=platform, handle=handle)))
        shown = adapter.verify()
        click.echo(f"Verified: connected as {shown}.")
    credentials.save(name, values)
    with practice.store.session() as session:
        account = session.scalar(select(Account).where(Account.name == name))
        if account is None:
            account = Account(name=name, platform=platform, handle=handle, dry_run=False)
            session.add(account)
            session.flush()
        account.handle, account.paused_at, account.paused_reason = handle, None, None
        record(session, actor=actor, action="account.connect", subject=("account", account.id),
               details={"platform": platform, "verified": not no_verify})
    click.echo(f"Account {name} ({platform}) connected; tokens are in {credentials.describe()}.")


def _admin(practice: Practice) -> str:
    """The acting staff member, once proven to hold the admin role (asked before any prompt)."""
    from socialtui.services.permissions import Permission, require

    actor = practice.actor
    with practice.store.reading() as session:
        require(session, actor, Permission.MANAGE_ACCOUNTS)
    return actor


@accounts_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_state
def accounts_list(state: AppState, as_json: bool) -> None:
    """Every account: status, last success, paused and why."""
    practice = state.practice
    with practice.store.session() as session:
        rows = [{"name": a.name, "platform": a.platform, "handle": a.handle, "dry_run": a.dry_run,
                 "status": "paused" if a.paused_at else "dry run" if a.dry_run else "connected",
                 "paused_reason": a.paused_reason, "last_success": format_local(a.last_success_at, practice.zone) or None}
                for a in session.scalars(select(Account).order_by(Account.name))]
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(f"{r['name']:<20} {r['platform']:<9} {r['status']:<10} last success {r['last_success'] or 'never'}")
        if r["paused_reason"]:
            click.echo(f"    paused: {r['paused_reason']}")
    if not rows:
        click.echo("No accounts. Add one with `socialtui accounts add x NAME`.")


@accounts_group.command("test")
@click.argument("name")
@pass_state
def accounts_test(state: AppState, name: str) -> None:
    """Make one read-only call with the stored tokens."""
    from socialtui.dispatch.connect import build_adapter

    practice = state.practice
    account = _get(practice, name)
    shown = build_adapter(practice, account, dry_run=False).verify()
    with practice.store.session() as session:
        from socialtui.practice_time import now_utc

        row = session.get(Account, account.id)
        assert row is not None
        row.last_checked_at = now_utc()
    click.echo(f"{name}: credentials work (connected as {shown}).")


@accounts_group.command("remove")
@click.argument("name")
@pass_state
def accounts_remove(state: AppState, name: str) -> None:
    """Forget an account's tokens and pause it (its history stays)."""
    from socialtui.credentials import CredentialStore
    from socialtui.practice_time import now_utc

    practice = state.practice
    actor = _admin(practice)
    account = _get(practice, name)
    CredentialStore().delete(name)
    with practice.store.session() as session:
        row = session.get(Account, account.id)
        assert row is not None
        row.paused_at, row.paused_reason = now_utc(), f"Removed: reconnect with `socialtui accounts add {row.platform} {name}`."
        record(session, actor=actor, action="account.remove", subject=("account", row.id))
    click.echo(f"Tokens for {name} removed; the account is paused.")


def _get(practice: Practice, name: str) -> Account:
    with practice.store.session() as session:
        account = session.scalar(select(Account).where(Account.name == name))
        if account is None:
            raise NotFoundError(f"No account called {name!r}.", "See `socialtui accounts list`.")
        return account


COMMANDS = [accounts_group]
