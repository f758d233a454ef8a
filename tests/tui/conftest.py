"""Fixtures for the terminal app: a demo practice on a temporary SQLite file, frozen in time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

FIXED_TODAY = date(2030, 3, 14)
"""The calendar's 'today' in every TUI test and snapshot (a Thursday)."""

CONFIG = """\
[practice]
name = "Maple Family Medicine"
timezone = "America/New_York"

[identity]
mode = "trust"

[dispatch]
min_gap_minutes = 60
"""


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, config and drafts in the test's own folder, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # crash reports
    monkeypatch.delenv("SOCIALTUI_CONFIG", raising=False)
    return tmp_path


@pytest.fixture(autouse=True)
def no_unexpected_crash(private_dirs: Path, request: pytest.FixtureRequest) -> Iterator[None]:
    """The app reports bugs instead of failing, so a test fails if one was reported it did not expect."""
    yield
    if "crash_folder" not in request.fixturenames:
        reports = sorted(private_dirs.glob("state/**/crash-*.txt"))
        assert not reports, "the app hit a bug:\n" + "\n".join(r.read_text(encoding="utf-8") for r in reports)


@pytest.fixture
def crash_folder(private_dirs: Path) -> Path:
    """Where the app writes crash reports (a test asking for it expects some)."""
    from socialtui.crash import crash_folder

    return crash_folder()


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    """A practice config in New York time with a one-hour minimum gap."""
    path = tmp_path / "socialtui.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'practice.db'}"


def _open_demo(config_path: Path, db_url: str, today: date | None, monkeypatch: pytest.MonkeyPatch) -> object:
    import socialtui.audit
    from socialtui.context import open_practice
    from socialtui.services.demo import seed_demo

    practice = open_practice(config_path, db_url, as_staff="Dana Reyes")
    with monkeypatch.context() as patch:
        if today is not None:  # audit times from a fixed clock, so the audit log screen is the same every run
            ticks = itertools.count()
            start = datetime(2030, 3, 1, 12, 0, tzinfo=UTC)
            patch.setattr(socialtui.audit, "utcnow", lambda: start + timedelta(seconds=next(ticks)))
        with practice.store.session() as session:
            seed_demo(session, practice.zone, today=today)
    return practice


@pytest.fixture
def demo_practice(config_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The demo practice around the real today (services compare due times with now), acting as Dana Reyes."""
    practice = _open_demo(config_path, db_url, None, monkeypatch)
    yield practice
    practice.close()  # type: ignore[attr-defined]


@pytest.fixture
def frozen_practice(config_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The demo practice seeded around FIXED_TODAY with fixed audit times: for snapshots."""
    practice = _open_demo(config_path, db_url, FIXED_TODAY, monkeypatch)
    yield practice
    practice.close()  # type: ignore[attr-defined]


@pytest.fixture
def make_app(demo_practice: object, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The app factory as the CLI uses it, with polling off (unless asked) and drafts in tmp."""
    from socialtui.tui import create_app

    def make(poll_seconds: float = 0) -> object:
        return create_app(demo_practice, poll_seconds=poll_seconds, drafts_dir=tmp_path / "drafts")  # type: ignore[arg-type]

    return make


@pytest.fixture
def frozen_app(frozen_practice: object, tmp_path: Path) -> object:
    """The app on the frozen demo, today fixed and polling off."""
    from socialtui.tui import create_app

    return create_app(frozen_practice, today=FIXED_TODAY, poll_seconds=0, drafts_dir=tmp_path / "drafts")  # type: ignore[arg-type]
