"""Accounts the practice publishes to: names and ids from the config, state in the store."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialtui.audit import record
from socialtui.errors import NotFoundError
from socialtui.store.models import Account

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socialtui.context import Practice


def sync_configured_accounts(practice: Practice) -> None:
    """Create or update the store's accounts from the config's ``[[accounts]]`` (never deletes)."""
    with practice.store.session() as session:
        existing = {a.name: a for a in session.scalars(select(Account))}
        for item in practice.config.accounts:
            account = existing.get(item.name)
            if account is None:
                account = Account(name=item.name, platform=item.platform, handle=item.handle, dry_run=item.dry_run)
                session.add(account)
                session.flush()
                record(session, actor="config", action="account.add", subject=("account", account.id),
                       details={"platform": item.platform})
            elif (account.platform, account.handle, account.dry_run) != (item.platform, item.handle, item.dry_run):
                account.platform, account.handle, account.dry_run = item.platform, item.handle, item.dry_run


def get_account(session: Session, name: str) -> Account:
    """The account called ``name``.

    Raises:
        NotFoundError: there is no such account.
    """
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        known = session.scalars(select(Account.name).order_by(Account.name)).all()
        raise NotFoundError(f"No account called {name!r}.", f"Accounts: {', '.join(known) or 'none yet'}.")
    return account


def list_accounts(session: Session) -> list[Account]:
    """Every account, by name."""
    return list(session.scalars(select(Account).order_by(Account.name)))
