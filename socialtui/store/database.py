"""Open the store: a SQLite file by default, PostgreSQL by URL.

Migrations (Alembic) are applied on first use and by ``socialtui db upgrade``.
SQLite runs in WAL mode with foreign keys on and a busy timeout, so the TUI,
the CLI and the scheduler can share one file.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DataError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from socialtui.errors import ConflictError, SocialTuiError, StoreError, ValidationError

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000
READ_ONLY = "socialtui_read_only"


def default_database_url() -> str:
    """A SQLite file in the user data directory."""
    folder = Path(platformdirs.user_data_dir("socialtui"))
    return f"sqlite:///{folder / 'socialtui.db'}"


def redact_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs (even a URL that does not parse)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _CREDENTIALS.sub(r"\1***@", url)


_CREDENTIALS = re.compile(r"(//[^/@:]*:)[^@]*@")
"""``//user:password@`` in a URL that does not parse: the password is everything up to the last ``@``."""


class Store:
    """The database every part of socialtui reads and writes: one engine, short sessions."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True) -> None:
        self.url = url or default_database_url()
        self.engine = _create_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if upgrade:
            self.upgrade()

    def __repr__(self) -> str:
        return f"Store({redact_url(self.url)!r})"

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error.

        Raises:
            StoreError: the database is locked or unreachable.
        """
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except (OperationalError, sqlite3.DatabaseError) as exc:
                session.rollback()
                raise _store_error(exc, self.url) from None
            except DataError as exc:
                session.rollback()
                raise _data_error(exc) from None
            except DatabaseError as exc:
                session.rollback()
                if not _not_a_database(exc):
                    raise
                raise _store_error(exc, self.url) from None
            except StaleDataError:
                # Another process saved the same row between our read and our write.
                session.rollback()
                raise ConflictError(
                    "Someone else saved this record at the same moment; nothing of yours was overwritten.",
                    "Reload it and apply your change again.",
                ) from None
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only: no write lock on SQLite, rolled back at the end.

        Raises:
            StoreError: the database is locked or unreachable.
        """
        with self._sessions() as session:
            try:
                session.connection(execution_options={READ_ONLY: True})
                yield session
            except (OperationalError, sqlite3.DatabaseError) as exc:
                raise _store_error(exc, self.url) from None
            except DatabaseError as exc:
                if not _not_a_database(exc):
                    raise
                raise _store_error(exc, self.url) from None
            finally:
                session.rollback()

    def upgrade(self) -> None:
        """Apply every pending migration.

        Raises:
            StoreError: the database cannot be reached or migrated.
        """
        from alembic import command
        from alembic.config import Config as AlembicConfig

        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["engine"] = self.engine
        try:
            if self._at_head(cfg):
                return
            command.upgrade(cfg, "head")
        except (OperationalError, sqlite3.DatabaseError) as exc:
            raise _store_error(exc, self.url) from None
        except DatabaseError as exc:
            if not _not_a_database(exc):
                raise
            raise _store_error(exc, self.url) from None

    def _at_head(self, cfg: Any) -> bool:
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        with self.engine.connect() as conn:
            conn.execution_options(**{READ_ONLY: True})  # looking takes no write lock
            if not inspect(conn).has_table("alembic_version"):
                return False
            current = set(MigrationContext.configure(conn).get_current_heads())
        return current == set(ScriptDirectory.from_config(cfg).get_heads())

    def dispose(self) -> None:
        self.engine.dispose()


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number, a broken [IPv6] host
        raise StoreError(
            f"{redact_url(url)} is not a database URL (check the host and the port).",
            "Use sqlite:///path/to/file.db or postgresql+psycopg://user@host[:port]/dbname.",
        ) from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            _private_file(Path(database).expanduser())
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    elif parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"Cannot use database {redact_url(url)}: {exc}.", "Check the database URL in the config.") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        # Take the write lock when a transaction starts: two writers that both
        # read first and then write would otherwise deadlock on the lock upgrade.
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _private_file(path: Path) -> None:
    """Make sure the SQLite file can be created, and is private: folders we create 0700, the file 0600.

    Patient-related text lives in it; the umask (often 022) would leave it readable by
    every user of the computer. SQLite gives its -wal and -shm files the database's mode.

    Raises:
        StoreError: the path is a directory, or the folder cannot be created or written.
    """
    if path.is_dir():
        raise StoreError(f"The database path {path} is a directory, not a database file.",
                         "Point --db or database.url at a file inside it, e.g. sqlite:///" + str(path / "socialtui.db"))
    folder = path.parent
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        for new in reversed(missing):
            new.mkdir(mode=0o700)
            os.chmod(new, 0o700)  # whatever the umask
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.chmod(path, 0o600)
    except FileExistsError:
        pass  # another process created it at the same moment
    except OSError as exc:
        where = exc.filename or folder
        raise StoreError(f"Cannot create the database {path}: {exc.strerror} ({where}).",
                         "Choose a folder you can write to (--db or database.url), or fix its permissions.") from None


def _sqlite_begin(conn: Any) -> None:
    # Readers (Store.reading) take no write lock, so they never wait for the scheduler.
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is switched off so "begin" above owns it.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _not_a_database(exc: DatabaseError) -> bool:
    return "not a database" in str(exc.orig if exc.orig is not None else exc).lower()


def _data_error(exc: DataError) -> SocialTuiError:
    text = str(exc.orig if exc.orig is not None else exc)
    if "nul" in text.lower() or "0x00" in text:
        return ValidationError("A text contains a NUL character (\\x00), which the database cannot store.",
                               "Remove it (it is invisible; retype the text or paste it as plain text); nothing was saved.")
    first = text.strip().splitlines()[0] if text.strip() else "a value the database refused"
    return ValidationError(f"The database refused a value: {first}.", "Correct it and try again; nothing was saved.")


def _store_error(exc: DatabaseError | sqlite3.DatabaseError, url: str) -> StoreError:
    orig = getattr(exc, "orig", None)
    text = str(orig) if orig is not None else str(exc)
    lowered = text.lower()
    if "locked" in lowered:
        return StoreError("The database is locked by another program.", "Wait a moment and try again; the change was not saved.")
    if "not a database" in lowered:
        return StoreError(f"{redact_url(url)} is not a SQLite database (or it is damaged).",
                          "Check the --db path or database.url; nothing was written to that file.")
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"The database {redact_url(url)} is read-only: nothing can be saved.",
                          "Give this user write access to the file and its folder, or use a command that only reads.")
    first = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return StoreError(
        f"Cannot reach the database {redact_url(url)}: {first}.",
        "Check that the database server is running and the URL in the config is right.",
    )
