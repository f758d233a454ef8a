"""The one place that opens socialtui: config, store, practice zone and who is acting.

The CLI, the TUI, the scheduler and the tests all start from :func:`open_practice`.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from socialtui.config import Config, load_config
from socialtui.errors import ConfigError, PermissionDeniedError
from socialtui.practice_time import zone_for
from socialtui.store.database import Store


PassphraseSource = Callable[[str], str]
"""Asked for a staff member's passphrase (a prompt, a file descriptor); returns it."""


@dataclass
class Practice:
    """An open practice: its config, its store, and the staff member at the keyboard.

    Who is acting is proven, not picked (``[identity] mode``): in ``os-user`` mode it is the
    computer login mapped under ``[staff_users]``; acting as anyone else, and everything in
    ``passphrase`` mode, needs that person's passphrase. Only ``trust`` mode (a demo) lets
    anyone name anyone.
    """

    config: Config
    config_path: Path
    store: Store
    as_staff: str | None = None
    dry_run: bool = False
    passphrase_source: PassphraseSource | None = None
    file_config: Config | None = None
    """The config as the file has it, when a change nobody acknowledged is held back (see ``config``)."""
    zone: ZoneInfo = field(init=False)
    _signed_in: str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.zone = zone_for(self.config.practice.timezone)

    @property
    def identity_mode(self) -> str:
        """``os-user``, ``passphrase`` or ``trust``."""
        return self.config.identity.mode

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes without input before the app locks (passphrase mode only; 0: never)."""
        return self.config.identity.idle_lock_minutes if self.identity_mode == "passphrase" else 0

    def os_identity(self) -> str | None:
        """The staff member the computer login is mapped to, if any."""
        return self.config.staff_users.get(_os_user())

    @property
    def actor(self) -> str:
        """The acting staff member's name, once proven.

        Raises:
            PermissionDeniedError: nobody is named, or acting as the named person needs a
                passphrase that was not given or was wrong.
        """
        wanted = self.as_staff or self.os_identity()
        if self._signed_in is not None and wanted in (None, self._signed_in):
            return self._signed_in
        if wanted is None:
            user = _os_user()
            raise PermissionDeniedError(
                "Who is doing this? No staff member is named.",
                f"Pass --as NAME, or map the computer login {user!r} to a staff member under [staff_users] "
                f"in {self.config_path}.",
            )
        if self.identity_mode == "trust" or (self.identity_mode == "os-user" and wanted == self.os_identity()):
            return wanted
        message, hint = self._needs_passphrase(wanted)
        if self.passphrase_source is None:
            raise PermissionDeniedError(message, hint)
        try:
            passphrase = self.passphrase_source(wanted)
        except PermissionDeniedError as exc:  # say why a passphrase is needed, then how to give it
            raise PermissionDeniedError(message, exc.message + " " + exc.hint) from None
        self.sign_in(wanted, passphrase)
        return wanted

    def _needs_passphrase(self, name: str) -> tuple[str, str]:
        if self.identity_mode == "os-user":
            login = self.os_identity()
            who = f"as {login}" if login else "as no staff member"
            return (f"This computer's login ({_os_user()!r}) signs you in {who}; acting as {name} needs their passphrase.",
                    "Sign in to the computer as them, or give their passphrase when asked.")
        return (f"Acting as {name} needs their passphrase.", "Give it when asked.")

    def sign_in(self, name: str, passphrase: str | None = None) -> None:
        """Act as ``name`` from now on, once proven (blocking: hashes the passphrase).

        Raises:
            PermissionDeniedError: no passphrase, a wrong one, or a lock-out.
            NotFoundError: nobody by that name.
        """
        from socialtui.services.identity import sign_in

        proven = self.identity_mode == "trust" or (self.identity_mode == "os-user" and name == self.os_identity())
        if not proven:
            if not passphrase:
                raise PermissionDeniedError(*self._needs_passphrase(name))
            sign_in(self.store, name, passphrase, self.config.identity)
        self.as_staff, self._signed_in = name, name

    def sign_out(self) -> None:
        """Forget who is signed in (the idle lock, switching person)."""
        self._signed_in = None
        if self.identity_mode != "trust":
            self.as_staff = None

    def close(self) -> None:
        self.store.dispose()


def _enforced(store: Store, config: Config) -> Config:
    from socialtui.services.policy import enforced_config

    with store.reading() as session:
        return enforced_config(session, config)


def _require_practice_key(store: Store) -> None:
    """Refuse to work with an integrity key other than the one that signed this database.

    With the wrong key every approval would look changed and every event tampered with;
    better to say so once, plainly, before anything is written.

    Raises:
        ConfigError: the newest signed audit event names another key.
    """
    from sqlalchemy import select

    from socialtui.integrity import integrity_key
    from socialtui.store.models import AuditEvent

    with store.reading() as session:
        signed_with = session.scalar(select(AuditEvent.key_id).where(AuditEvent.key_id.is_not(None))
                                     .order_by(AuditEvent.id.desc()).limit(1))
    local = integrity_key()
    if signed_with is not None and signed_with != local.key_id:
        raise ConfigError(
            f"This computer's integrity key ({local.key_id}, from {local.source}) is not the key this practice's "
            f"database is signed with ({signed_with}).",
            "On a computer where socialtui works, run `socialtui audit key export --output FILE`; "
            "bring the file here and run `socialtui audit key import FILE`.",
        )


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
    # Each step below looks first and takes the write lock only when it has something to write,
    # so a command that only reads never waits for a service that is writing (SQLite).
    if upgrade:
        from socialtui.services.policy import observe_policy

        _require_practice_key(store)
        if not _policy_recorded(store, config):
            with store.session() as session:
                observe_policy(session, config)
        practice.config = _enforced(store, config)
        practice.file_config = config
    if upgrade and config.accounts and not _accounts_in_sync(store, config):
        from socialtui.services.accounts import sync_configured_accounts

        sync_configured_accounts(practice)
    return practice


def _policy_recorded(store: Store, config: Config) -> bool:
    from socialtui.services.policy import latest_record, policy_fingerprint

    with store.reading() as session:
        previous = latest_record(session)
        return previous is not None and previous.fingerprint == policy_fingerprint(config)


def _accounts_in_sync(store: Store, config: Config) -> bool:
    from sqlalchemy import select

    from socialtui.store.models import Account

    with store.reading() as session:
        stored = {a.name: (a.platform, a.handle, a.dry_run) for a in session.scalars(select(Account))}
    return all(stored.get(item.name) == (item.platform, item.handle, item.dry_run) for item in config.accounts)
