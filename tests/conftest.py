"""Fixtures every test folder shares: a store on SQLite and PostgreSQL, a practice, its staff.

* ``store_url`` — a fresh, empty database URL, once per backend: a SQLite file in a
  tmp dir, and a PostgreSQL schema of its own (dropped afterwards). PostgreSQL is
  skipped when unreachable, unless ``SOCIALTUI_REQUIRE_POSTGRES=1`` makes that a failure.
* ``config_file`` — a practice config (America/New_York, two dry-run accounts).
* ``practice`` — :func:`socialtui.context.open_practice` on both, acting as nobody.
* ``staffed`` — the practice with an author, a trained approver and an untrained one.
* ``invoke`` / ``run_socialtui`` — the real CLI entry point, in process or as a subprocess.

Every test runs with its own XDG data / config directories and the in-memory keyring.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

import pytest

if TYPE_CHECKING:
    from socialtui.context import Practice

PG_ADMIN_URL = os.environ.get("SOCIALTUI_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
PG_SQLALCHEMY_BASE = "postgresql+psycopg://" + PG_ADMIN_URL.split("://", 1)[1]
REQUIRE_POSTGRES = os.environ.get("SOCIALTUI_REQUIRE_POSTGRES") == "1"

TEST_INTEGRITY_KEY = "5e" * 32
ADMIN = "Lee Park"
AUTHOR = "Dana Reyes"
APPROVER = "Dr. Priya Shah"
UNTRAINED_APPROVER = "Dr. Tom Becker"
TIMEZONE = "America/New_York"
ACCOUNTS = ("clinic-x", "clinic-facebook")

CONFIG_TEXT = f"""\
[practice]
name = "Maple Family Medicine"
timezone = "{TIMEZONE}"

[identity]
# Tests that are not about identity act as whoever they name; tests/foundation/test_identity.py
# covers the os-user and passphrase modes.
mode = "trust"

[[accounts]]
name = "clinic-x"
platform = "x"
handle = "MapleFamilyMed"
dry_run = true

[[accounts]]
name = "clinic-facebook"
platform = "facebook"
handle = "104829371650432"
dry_run = true
"""


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Own XDG dirs, the in-memory keyring, and no config from the environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("SOCIALTUI_KEYRING", "memory")
    # One fixed key, so hashes (and the audit screen's snapshots) are the same on every run;
    # test_tamper_evidence makes its own to show what a different key does.
    (home / "integrity.key").write_text(TEST_INTEGRITY_KEY + "\n", encoding="ascii")
    monkeypatch.setenv("SOCIALTUI_INTEGRITY_KEY_FILE", str(home / "integrity.key"))
    monkeypatch.delenv("SOCIALTUI_CONFIG", raising=False)


def _postgres_error() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return None
    except Exception as exc:  # any failure to connect means "not available"
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"


def _unavailable(reason: str) -> None:
    if REQUIRE_POSTGRES:
        pytest.fail(f"PostgreSQL is required (SOCIALTUI_REQUIRE_POSTGRES=1) but unreachable: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL at {PG_ADMIN_URL} is unreachable: {reason}")


@pytest.fixture(scope="session")
def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can (asked once per session)."""
    return _postgres_error()



def _create_schema() -> str:
    import psycopg

    schema = f"test_{uuid.uuid4().hex}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return schema


def _drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path, postgres_problem: str | None) -> Iterator[str]:
    """An empty database URL: a SQLite file, or a PostgreSQL schema of this test's own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store' / 'socialtui.db'}"
        return
    if postgres_problem is not None:
        _unavailable(postgres_problem)
    schema = _create_schema()
    try:
        yield f"{PG_SQLALCHEMY_BASE}?options=-csearch_path%3D{schema}"
    finally:
        _drop_schema(schema)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file URL, for tests about SQLite itself."""
    return f"sqlite:///{tmp_path / 'store' / 'socialtui.db'}"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """The practice's config file: America/New_York, two dry-run accounts."""
    path = tmp_path / "socialtui.toml"
    path.write_text(CONFIG_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def practice(config_file: Path, store_url: str) -> Iterator["Practice"]:
    """An open practice on ``store_url``, at the keyboard: the author (services still take ``actor=``)."""
    from socialtui.context import open_practice

    opened = open_practice(config_file, store_url, as_staff=AUTHOR)
    try:
        yield opened
    finally:
        opened.close()


@dataclass(frozen=True)
class Staff:
    """The names of the staff the ``staffed`` fixture adds."""

    admin: str = ADMIN
    author: str = AUTHOR
    approver: str = APPROVER
    untrained_approver: str = UNTRAINED_APPROVER


@pytest.fixture
def staffed(practice: "Practice") -> "Practice":
    """The practice with an admin, an author and an approver trained last month, and an approver trained years ago."""
    from socialtui.services.staff import add_staff

    recently = date.today() - timedelta(days=30)
    with practice.store.session() as session:
        add_staff(session, ADMIN, "admin", recently, actor=ADMIN)
        add_staff(session, AUTHOR, "author", recently, actor=ADMIN)
        add_staff(session, APPROVER, "approver", recently, actor=ADMIN)
        add_staff(session, UNTRAINED_APPROVER, "approver", date.today() - timedelta(days=3 * 365), actor=ADMIN)
    return practice


@pytest.fixture
def staff() -> Staff:
    """Who is who in ``staffed``."""
    return Staff()


@dataclass(frozen=True)
class CliResult:
    """What one run of ``socialtui`` did."""

    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def invoke() -> Callable[..., CliResult]:
    """Run ``socialtui ARGS`` in process through the real entry point (``socialtui.cli.main``).

    ``main`` turns errors into ``error: ...`` / ``hint: ...`` and the exit code,
    exactly as the installed command does.
    """
    from click.testing import CliRunner

    from socialtui.cli import main

    def run(*args: str, input: str | None = None) -> CliResult:
        runner = CliRunner()
        with runner.isolation(input=input) as (out, err, _), mock.patch.object(sys, "argv", ["socialtui", *args]):
            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            return CliResult(code, out.getvalue().decode(), err.getvalue().decode())

    return run


@pytest.fixture
def run_socialtui() -> Callable[..., CliResult]:
    """Run ``python -m socialtui ARGS`` as a separate process (the real command)."""

    def run(*args: str, timeout: float = 60) -> CliResult:
        proc = subprocess.run([sys.executable, "-m", "socialtui", *args], capture_output=True, text=True,
                              timeout=timeout, env=os.environ.copy())
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run
