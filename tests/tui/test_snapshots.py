"""Every screen at 80×24 and 120×40 on the frozen demo practice (today is 2030-03-14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList, TextArea
from tui_helpers import settle

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def go(*keys: str, then=None):  # type: ignore[no-untyped-def]
    """A run_before that presses ``keys``, lets every worker finish, and stops cursors blinking."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
            await settle(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        if isinstance(pilot.app.focused, (Input, TextArea)):
            pilot.app.set_focus(None)  # a text cursor is drawn or not depending on blink timing
        await pilot.pause()

    return run_before


async def open_post_six(pilot) -> None:  # type: ignore[no-untyped-def]
    from socialtui.tui.screens.composer import ComposerScreen

    await pilot.app.push_screen(ComposerScreen(6))


async def type_risky_post(pilot) -> None:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    screen.query_one("#targets", SelectionList).select("clinic-x")
    area = screen.query_one("#text-base", TextArea)
    area.focus()
    area.insert("This miracle cure is guaranteed to work! Call 555-867-5309.")
    area.move_cursor((0, 0))
    await pilot.pause(0.6)
    screen.run_checks()  # the debounce timer may fire late under load


async def search_audit(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#audit-search", Input).value = "Priya"
    await pilot.pause(0.5)


async def review_with_an_override(pilot) -> None:  # type: ignore[no-untyped-def]
    from socialtui.store.models import Override, Post

    with pilot.app.practice.store.session() as session:
        post = session.get(Post, 7)
        post.text = "Sunscreen every morning protects your skin. Our diabetes education class meets next Tuesday."
        post.overrides.append(Override(code="ACC001", reason="The claim is general advice from our dermatologist.",
                                       by="Dana Reyes"))
    await pilot.press("2")
    await settle(pilot)


async def acknowledge_the_override(pilot) -> None:  # type: ignore[no-untyped-def]
    await review_with_an_override(pilot)
    await pilot.press("a")


async def lock_the_app(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.lock()


SCREENS = {
    "calendar_month": go(),
    "calendar_week": go("v"),
    "calendar_agenda": go("v", "v"),
    "calendar_day_open": go("right", "enter"),
    "composer_existing": go(then=open_post_six),
    "composer_new_with_findings": go("n", then=type_risky_post),
    "review": go("2"),
    "review_with_override": go(then=review_with_an_override),
    "review_acknowledge_overrides": go(then=acknowledge_the_override),
    "lock_screen": go("n", then=lock_the_app),
    "consents": go("3"),
    "consents_revoke_confirmation": go("3", "x"),
    "accounts": go("4"),
    "activity": go("5"),
    "audit": go("6"),
    "audit_search_and_verify": go("6", "v", then=search_audit),
    "settings": go("7"),
    "help": go("question_mark"),
}


def stable_findings(session, post, config, *, approver=None):  # type: ignore[no-untyped-def]
    """Findings that depend only on the text, so these snapshots do not move when a rule is tuned."""
    from socialtui.checks.findings import Finding, Severity, Span

    found = [Finding("RDB002", "reading-level-skipped", Severity.INFO, Span(0, 0), "Not graded for reading level.")]
    for word, code, severity in (("miracle", "ACC004", Severity.ERROR), ("guaranteed", "ACC004", Severity.ERROR),
                                 ("555-867-5309", "PRV001", Severity.ERROR), ("Sunscreen", "ACC001", Severity.WARNING)):
        if word in post.text:
            start = post.text.index(word)
            found.append(Finding(code, "example", severity, Span(start, start + len(word)),
                                 f"{code} at characters {start + 1}-{start + len(word)}.", "What to do about it."))
    return found


@pytest.fixture(autouse=True)
def rules_held_still(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("socialtui.services.checking.check_post", stable_findings)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_looks_as_approved(screen: str, size: str, frozen_app, snap_compare) -> None:  # type: ignore[no-untyped-def]
    frozen_app.practice.config_path = Path("/etc/socialtui/socialtui.toml")
    assert snap_compare(frozen_app, terminal_size=SIZES[size], run_before=SCREENS[screen])
