"""The store: SQLite pragmas, migrations on both backends, optimistic locking."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.orm.exc import StaleDataError

from socialtui.errors import ConflictError
from socialtui.services.posts import PostChanges, edit_post, get_post
from socialtui.store.database import BUSY_TIMEOUT_MS, Store
from socialtui.store.models import Base, Post

from .helpers import OTHER_TEXT, new_post

TABLES = set(Base.metadata.tables)


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from socialtui.store.database import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    (head,) = ScriptDirectory.from_config(cfg).get_heads()
    return head


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()


@pytest.fixture
def sqlite_store(sqlite_url):
    store = Store(sqlite_url)
    yield store
    store.dispose()


def pragma(store: Store, name: str) -> object:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_store_runs_in_wal_mode(sqlite_store):
    assert pragma(sqlite_store, "journal_mode") == "wal"


def test_sqlite_store_enforces_foreign_keys(sqlite_store):
    assert pragma(sqlite_store, "foreign_keys") == 1


def test_sqlite_store_waits_for_a_busy_database(sqlite_store):
    assert pragma(sqlite_store, "busy_timeout") == BUSY_TIMEOUT_MS


def test_sqlite_store_refuses_a_post_by_unknown_author(sqlite_store):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), sqlite_store.session() as session:
        session.add(Post(text="x", author_id=999, affiliations=[], updated_by="t"))


def test_opening_a_store_applies_every_migration(store_url):
    store = Store(store_url)
    try:
        assert current_revision(store) == head_revision()
        with store.engine.connect() as conn:
            assert TABLES <= set(inspect(conn).get_table_names())
    finally:
        store.dispose()


def test_a_store_opened_without_upgrade_is_left_empty(store_url):
    store = Store(store_url, upgrade=False)
    try:
        assert current_revision(store) is None
    finally:
        store.dispose()


def test_db_upgrade_command_migrates_an_empty_database(invoke, config_file, store_url):
    result = invoke("--config", str(config_file), "db", "upgrade", "--db", store_url)
    assert result.exit_code == 0, result.stderr
    assert "is up to date" in result.stdout
    store = Store(store_url, upgrade=False)
    try:
        assert current_revision(store) == head_revision()
    finally:
        store.dispose()


def test_db_upgrade_command_is_idempotent(invoke, config_file, store_url):
    assert invoke("--config", str(config_file), "db", "upgrade", "--db", store_url).exit_code == 0
    again = invoke("--config", str(config_file), "db", "upgrade", "--db", store_url)
    assert again.exit_code == 0, again.stderr


def test_db_upgrade_command_never_prints_the_database_password(invoke, config_file):
    result = invoke("--config", str(config_file), "db", "upgrade", "--db",
                    "postgresql+psycopg://postgres:hunter2-secret@127.0.0.1:1/none?connect_timeout=1")
    assert result.exit_code == 2
    assert "hunter2-secret" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_edit_from_an_older_version_raises_conflict_naming_who_and_when(staffed, staff):
    with staffed.store.session() as session:
        post_id = new_post(session, staff.author).id
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.approver, expected_version=1)
    with pytest.raises(ConflictError) as caught, staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text="Mine instead. Book online any time."), actor=staff.author,
                  expected_version=1)
    assert staff.approver in caught.value.message
    assert "UTC" in caught.value.message
    with staffed.store.session() as session:
        assert get_post(session, post_id).text == OTHER_TEXT


def test_an_edit_bumps_the_version(staffed, staff):
    with staffed.store.session() as session:
        post_id = new_post(session, staff.author).id
    with staffed.store.session() as session:
        post = edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.author, expected_version=1)
    assert post.version == 2


def test_two_sessions_saving_one_post_cannot_both_win(staffed, staff):
    with staffed.store.session() as session:
        post_id = new_post(session, staff.author).id
    first = staffed.store._sessions()
    second = staffed.store._sessions()
    try:
        mine = first.get(Post, post_id)
        first.commit()  # end each read so SQLite's writer lock is free (objects stay loaded)
        theirs = second.get(Post, post_id)
        second.commit()
        mine.text = "First save."
        first.commit()
        theirs.text = "Second save."
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with staffed.store.session() as session:
        assert session.scalar(select(Post.text).where(Post.id == post_id)) == "First save."


@pytest.mark.parametrize("command", [("post", "list"), ("status",), ("audit", "verify")])
def test_read_only_commands_never_wait_for_the_write_lock(invoke, config_file, sqlite_url, command):
    import sqlite3
    import time

    opened = invoke("--config", str(config_file), "--db", sqlite_url, *command)
    assert opened.exit_code == 0, opened.stderr
    writer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        started = time.monotonic()
        result = invoke("--config", str(config_file), "--db", sqlite_url, *command)
        assert time.monotonic() - started < BUSY_TIMEOUT_MS / 2000
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 0, result.stderr
