"""A bug never puts a traceback on the screen: it becomes a crash file and a short notice."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from tui_helpers import screen_text, settle

PATIENT_TEXT = "Jane Roe, 555-867-5309"
"""What a bug's exception message might quote; it must never reach a report or the screen."""


def crash_reports(folder: Path) -> list[Path]:
    return sorted(folder.glob("crash-*.txt"))


def raise_with_patient_text(*_args: object) -> None:
    raise RuntimeError(PATIENT_TEXT)


def test_a_report_holds_frames_and_types_but_no_values(tmp_path: Path) -> None:
    from socialtui.crash import write_crash_report

    try:
        try:
            raise_with_patient_text()
        except RuntimeError as inner:
            raise KeyError(PATIENT_TEXT) from inner
    except KeyError as exc:
        path = write_crash_report(exc, folder=tmp_path / "log")
    text = path.read_text(encoding="utf-8")
    assert "raise_with_patient_text" in text and "builtins.RuntimeError" in text and "builtins.KeyError" in text
    assert "Jane" not in text and "555" not in text


def test_reports_are_private_to_the_user(tmp_path: Path) -> None:
    from socialtui.crash import write_crash_report

    folder = tmp_path / "log"
    path = write_crash_report(ValueError(), folder=folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_two_crashes_in_one_second_get_two_files(tmp_path: Path) -> None:
    from socialtui.crash import write_crash_report

    paths = {write_crash_report(ValueError(), folder=tmp_path) for _ in range(3)}
    assert len(paths) == 3 and len(crash_reports(tmp_path)) == 3


async def test_a_key_whose_action_raises_leaves_the_app_running(make_app, crash_folder: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from socialtui.tui.screens.review import ReviewScreen

    monkeypatch.setattr(ReviewScreen, "action_reject", raise_with_patient_text)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        text = screen_text(app)
        assert "Internal problem" in text and "RuntimeError" in text
        assert "Traceback" not in text and "Jane" not in text
        await pilot.press("1")  # still answering keys
        await settle(pilot)
        assert app.is_running and app.current_mode == "calendar"
    assert len(crash_reports(crash_folder)) == 1


async def test_a_screen_whose_handler_raises_keeps_handling_messages(make_app, crash_folder: Path,  # type: ignore[no-untyped-def]
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from socialtui.tui.screens.review import ReviewScreen

    calls = []

    def show_post_once_broken(self, post) -> None:  # type: ignore[no-untyped-def]
        calls.append(post.id)
        if len(calls) == 1:
            raise_with_patient_text()
        original(self, post)

    original = ReviewScreen._show_post
    monkeypatch.setattr(ReviewScreen, "_show_post", show_post_once_broken)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2")
        await settle(pilot)
        review = app.screen
        review.refresh_data()  # the same screen loads again: its messages are still handled
        await settle(pilot)
        assert len(calls) >= 2 and review.post is not None
    assert len(crash_reports(crash_folder)) == 1


async def test_a_service_that_raises_a_bug_is_reported_not_shown(make_app, crash_folder: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from socialtui.tui import queries

    monkeypatch.setattr(queries, "activity", raise_with_patient_text)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)
        assert "Internal problem" in text and "Jane" not in text
        await pilot.press("2")
        await settle(pilot)
        assert app.is_running and app.current_mode == "review"
    assert len(crash_reports(crash_folder)) == 1


async def test_after_too_many_crashes_the_app_ends_quietly(make_app, crash_folder: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from socialtui.tui.base import CrashReports
    from socialtui.tui.screens.review import ReviewScreen

    monkeypatch.setattr(CrashReports, "LIMIT", 2)
    monkeypatch.setattr(ReviewScreen, "action_reject", raise_with_patient_text)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("r", "r", "r")
        await pilot.pause(0.2)
    assert app.return_code == 70 and len(crash_reports(crash_folder)) == 2
