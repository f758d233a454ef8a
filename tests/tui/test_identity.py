"""Who is at the keyboard, by identity mode: trust (demo), passphrase (shared computer), os-user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from time import monotonic

import pytest
from textual.widgets import Input, OptionList, TextArea
from tui_helpers import screen_text, settle, wait_until

from socialtui.tui.dialogs import PickDialog
from socialtui.tui.identity import LockScreen, PassphraseDialog

PASSPHRASES = {"Dana Reyes": "kettle orchard lantern", "Dr. Priya Shah": "granite meadow violin"}

@pytest.fixture
def shared_computer(config_path: Path, db_url: str, tmp_path: Path) -> Iterator[object]:
    """The demo practice in passphrase mode (idle lock after 5 minutes); Dana and Dr. Shah have passphrases."""
    from socialtui.context import open_practice
    from socialtui.services.demo import seed_demo
    from socialtui.services.identity import set_first_passphrase
    from socialtui.services.staff import get_staff

    config_path.write_text(config_path.read_text(encoding="utf-8").replace(
        'mode = "trust"', 'mode = "passphrase"\nidle_lock_minutes = 5'), encoding="utf-8")
    practice = open_practice(config_path, db_url)
    with practice.store.session() as session:
        seed_demo(session, practice.zone)
        for name, passphrase in PASSPHRASES.items():
            set_first_passphrase(session, get_staff(session, name), passphrase)
    yield practice
    practice.close()


def shared_app(practice, tmp_path: Path):  # type: ignore[no-untyped-def]
    from socialtui.tui import create_app

    return create_app(practice, poll_seconds=0, drafts_dir=tmp_path / "drafts")


async def sign_in_on(pilot, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    field = pilot.app.screen.query_one("#passphrase", Input)
    field.focus()
    field.value = passphrase
    await pilot.press("enter")
    await wait_until(pilot, lambda: not field.disabled or not field.is_attached)


async def pick_person(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    choices = pilot.app.screen.query_one(OptionList)
    choices.highlighted = choices.get_option_index(name)
    await pilot.press("enter")
    await settle(pilot)


async def sign_in_from_the_lock(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.click("#switch-person")
    await settle(pilot)
    await pick_person(pilot, name)
    await sign_in_on(pilot, PASSPHRASES[name])
    await settle(pilot)


# -- trust (demo) ------------------------------------------------------------------------------
async def test_trust_mode_says_on_screen_that_anyone_may_act_as_anyone(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "anyone may act as anyone" in screen_text(app)


async def test_trust_mode_switches_person_without_proof(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, PickDialog)
        choices = app.screen.query_one(OptionList)
        choices.highlighted = choices.get_option_index("Dr. Priya Shah")
        await pilot.press("enter")
        await settle(pilot)
        assert app.actor_name == "Dr. Priya Shah" and app.practice.actor == "Dr. Priya Shah"


# -- passphrase (shared computer) ----------------------------------------------------------------
async def test_a_shared_computer_shows_nothing_until_someone_signs_in(shared_computer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = shared_app(shared_computer, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        text = screen_text(app)
        assert "locked" in text and "diabetes" not in text and "March" not in text
        await pilot.press("1", "2")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)


async def test_a_wrong_passphrase_is_refused_inside_the_dialog_which_stays_open(shared_computer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = shared_app(shared_computer, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#switch-person")
        await settle(pilot)
        await pick_person(pilot, "Dr. Priya Shah")
        assert isinstance(app.screen, PassphraseDialog)
        assert app.screen.query_one("#passphrase", Input).password  # typed characters are masked
        await sign_in_on(pilot, "not her passphrase")
        await settle(pilot)
        assert isinstance(app.screen, PassphraseDialog) and "Wrong passphrase" in screen_text(app)
        await sign_in_on(pilot, PASSPHRASES["Dr. Priya Shah"])
        await settle(pilot)
        assert app.actor_name == "Dr. Priya Shah" and shared_computer.actor == "Dr. Priya Shah"
        assert not isinstance(app.screen, (PassphraseDialog, LockScreen))


async def test_idle_lock_covers_the_app_and_keeps_unsaved_text(shared_computer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from socialtui.tui.screens.composer import ComposerScreen

    app = shared_app(shared_computer, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await sign_in_from_the_lock(pilot, "Dana Reyes")
        assert app.actor_name == "Dana Reyes" and not isinstance(app.screen, LockScreen)
        await app.push_screen(ComposerScreen(None))
        await settle(pilot)
        composer = app.screen
        composer.query_one("#text-base", TextArea).insert("Half-written: flu clinic opens Monday.")
        app._last_input = monotonic() - 6 * 60  # six idle minutes
        app.lock_if_idle()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen) and "flu clinic" not in screen_text(app)
        await pilot.press("escape", "1", "ctrl+p")  # no way around the lock
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        await sign_in_on(pilot, PASSPHRASES["Dana Reyes"])
        await settle(pilot)
        assert app.screen is composer
        assert composer.query_one("#text-base", TextArea).text == "Half-written: flu clinic opens Monday."


# -- os-user ------------------------------------------------------------------------------------
async def test_os_user_mode_explains_instead_of_switching(config_path: Path, db_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import socialtui.context
    from socialtui.context import open_practice
    from socialtui.services.demo import seed_demo

    monkeypatch.setattr(socialtui.context, "_os_user", lambda: "dreyes")
    config_path.write_text(config_path.read_text(encoding="utf-8").replace('mode = "trust"', 'mode = "os-user"')
                           + '\n[staff_users]\ndreyes = "Dana Reyes"\n', encoding="utf-8")
    practice = open_practice(config_path, db_url)
    with practice.store.session() as session:
        seed_demo(session, practice.zone)
    app = shared_app(practice, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.actor_name == "Dana Reyes"
        await pilot.press("u")
        await settle(pilot)
        assert not isinstance(app.screen, PickDialog) and "computer login" in screen_text(app)
        assert app.actor_name == "Dana Reyes" and "anyone may act as anyone" not in screen_text(app)
    practice.close()


async def test_a_person_named_at_start_is_asked_their_passphrase_in_the_app(shared_computer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def terminal_prompt(name: str) -> str:
        raise AssertionError("the app must not prompt on the terminal under its own screen")

    shared_computer.as_staff = "Dr. Priya Shah"  # as with --as
    shared_computer.passphrase_source = terminal_prompt
    app = shared_app(shared_computer, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockScreen) and "Dr. Priya Shah, type your passphrase" in screen_text(app)
        await sign_in_on(pilot, PASSPHRASES["Dr. Priya Shah"])
        await settle(pilot)
        assert not isinstance(app.screen, LockScreen) and app.actor_name == "Dr. Priya Shah"


async def test_a_dialog_opened_while_locked_waits_for_the_same_person(shared_computer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from socialtui.tui.dialogs import ConfirmDialog

    app = shared_app(shared_computer, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await sign_in_from_the_lock(pilot, "Dana Reyes")
        app.lock()
        await settle(pilot)
        app.push_screen(ConfirmDialog("Revoke consent #1?", "Posts that will be held: #12"))  # a worker finishing late
        await settle(pilot)
        assert isinstance(app.screen, LockScreen) and "#12" not in screen_text(app)
        await sign_in_on(pilot, PASSPHRASES["Dana Reyes"])
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)


async def test_a_dialog_opened_while_locked_is_closed_for_another_person(shared_computer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from socialtui.tui.dialogs import ConfirmDialog

    app = shared_app(shared_computer, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await sign_in_from_the_lock(pilot, "Dana Reyes")
        app.lock()
        await settle(pilot)
        app.push_screen(ConfirmDialog("Revoke consent #1?", "Posts that will be held: #12"))
        await settle(pilot)
        await sign_in_from_the_lock(pilot, "Dr. Priya Shah")
        assert app.actor_name == "Dr. Priya Shah"
        assert not isinstance(app.screen, (ConfirmDialog, LockScreen))
