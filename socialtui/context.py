"""The one place that opens socialtui: config, store, practice zone and who is acting.

The CLI, the TUI, the scheduler and the tests all start from :func:`open_practice`.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from socialtui.config import Config, load_config
from socialtui.errors import PermissionDeniedError
from socialtui.practice_time import zone_for
from socialtui.store.database import Store


@dataclass
class Practice:
    """An open practice: its config, its store, and the staff member at the keyboard."""

    config: Config
    config_path: Path
    store: Store
    as_staff: str | None = None
    dry_run: bool = False
    zone: ZoneInfo = field(init=False)

    def __post_init__(self) -> None:
        self.zone = zone_for(self.config.practice.timezone)

    @property
    def actor(self) -> str:
        """The acting staff member's name.

        Raises:
            PermissionDeniedError: nobody is named with ``--as`` and the OS user is not mapped.
        """
        if self.as_staff:
            return self.as_staff
        user = _os_user()
        if user in self.config.staff_users:
            return self.config.staff_users[user]
        raise PermissionDeniedError(
            "Who is doing this? No staff member is named.",
            f"Pass --as NAME, or map the OS user {user!r} under [staff_users] in {self.config_path}.",
        )

    def close(self) -> None:
        self.store.dispose()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except OSError:
        return os.environ.get("USER", "")


def open_practice(
    config_path: str | Path | None = None,
    db_url: str | None = None,
    *,
    as_staff: str | None = None,
    dry_run: bool = False,
    upgrade: bool = True,
) -> Practice:
    """Load the config, open (and migrate) the store, and sync the configured accounts.

    Raises:
        ConfigError: the config is invalid.
        StoreError: the database cannot be opened.
    """
    config, path = load_config(config_path)
    store = Store(db_url or config.database.url or None, upgrade=upgrade)
    practice = Practice(config=config, config_path=path, store=store, as_staff=as_staff, dry_run=dry_run)
    if upgrade and config.accounts:
        from socialtui.services.accounts import sync_configured_accounts

        sync_configured_accounts(practice)
    return practice
