"""The socialtui terminal app: one factory (``create_app``) used by the CLI, the tests and the snapshots."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount

from socialtui.errors import SocialTuiError
from socialtui.tui.base import CrashReports, PracticeBar, ReportsBugs, PracticeScreen, report_error
from socialtui.tui.dialogs import PickDialog
from socialtui.tui.identity import (
    OS_USER,
    PASSPHRASE,
    LockScreen,
    PassphraseDialog,
    identity_mode,
    idle_lock_seconds,
    locked,
)
from socialtui.tui.screens.calendar import CalendarScreen

if TYPE_CHECKING:
    from socialtui.cli import AppState
    from socialtui.context import Practice

SECTIONS: dict[str, tuple[str, str, str]] = {
    "calendar": ("1", "Calendar", "CalendarScreen"),
    "review": ("2", "Review queue", "ReviewScreen"),
    "consents": ("3", "Consents", "ConsentsScreen"),
    "accounts": ("4", "Accounts", "AccountsScreen"),
    "activity": ("5", "Activity", "ActivityScreen"),
    "audit": ("6", "Audit log", "AuditScreen"),
    "settings": ("7", "Settings", "SettingsScreen"),
}
"""mode name -> (key, title, screen class in ``socialtui.tui.screens.<mode>``)."""


ACTIVITY_EVENTS = (events.Key, events.MouseDown, events.MouseMove, events.MouseScrollDown, events.MouseScrollUp)
"""Input that shows someone is at the keyboard (resets the idle lock)."""


def section_screen(name: str) -> Callable[[], Screen[Any]]:
    """A factory that imports a section's screen only when it is first opened (keeps start-up fast)."""

    def make() -> Screen[Any]:
        if name == "calendar":
            return CalendarScreen()
        module = importlib.import_module(f"socialtui.tui.screens.{name}")
        return getattr(module, SECTIONS[name][2])()  # type: ignore[no-any-return]

    return make


class SocialTuiApp(ReportsBugs, App[None]):
    """The content calendar, composer, review queue and registers of one practice."""

    TITLE = "socialtui"
    CSS_PATH = ["app.tcss", "dialogs.tcss"]
    ENABLE_COMMAND_PALETTE = True
    MODES = {name: section_screen(name) for name in SECTIONS}
    DEFAULT_MODE = "calendar"
    BINDINGS = [
        *(Binding(key, f"section('{name}')", title.split()[0], show=name in ("calendar", "review", "activity"))
          for name, (key, title, _) in SECTIONS.items()),
        Binding("u", "switch_staff", "Who am I", show=False),
        Binding("question_mark", "help", "Help"),
    ]

    @dataclass
    class StampRead(Message):
        """The store's fingerprint, read by the poller; a new one means someone else wrote to it."""

        stamp: tuple[Any, ...]
        policy_notice: str | None = None
        """Switched-off checks and unacknowledged policy changes, in words; None when not re-read."""

    @dataclass
    class RosterLoaded(Message):
        """The staff roster, read to check or choose who is at the keyboard."""

        roster: list[tuple[str, str]]
        ask: bool
        """Ask even when the current staff member is on the roster."""

    @dataclass
    class Failed(Message):
        """A background read failed."""

        error: SocialTuiError

    def __init__(self, practice: Practice, *, today: date | None = None, poll_seconds: float = 2.5,
                 drafts_dir: Path | None = None) -> None:
        super().__init__()
        self.practice = practice
        self.fixed_today = today
        self.poll_seconds = poll_seconds
        self.drafts_dir = drafts_dir
        # The CLI's source prompts on the terminal, which would tear through the app's screen:
        # here the app asks in its own dialogs (the lock screen asks a --as person's passphrase).
        practice.passphrase_source = None
        try:
            self.actor_name: str | None = practice.actor
        except SocialTuiError:
            self.actor_name = None
        self._stamp: tuple[Any, ...] | None = None
        self.policy_notice = ""
        """What the practice bar says about switched-off checks and unreviewed policy changes."""
        self.crash_reports = CrashReports(self)
        self._last_input = monotonic()
        self._held_screens: list[tuple[Screen[Any], Any]] = []

    @property
    def today(self) -> date:
        """The practice's today (fixed in tests and snapshots)."""
        return self.fixed_today or datetime.now(self.practice.zone).date()

    def on_mount(self) -> None:
        if identity_mode(self.practice) == PASSPHRASE and self.actor_name is None:
            self.lock()  # a shared computer shows nothing until someone signs in
        else:
            self.check_actor()
        self.poll_store()  # at once: the practice bar shows switched-off checks from the start
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.poll_store)
        if idle := idle_lock_seconds(self.practice):
            self.set_interval(min(30.0, idle / 4), self.lock_if_idle)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for name, (key, title, _) in SECTIONS.items():
            yield SystemCommand(f"Open {title.lower()}", f"Go to the {title.lower()} (key {key})",
                                lambda name=name: self.action_section(name))
        yield SystemCommand("New post", "Open the composer on a new post (key n on the calendar)", self.action_new_post)
        yield SystemCommand("Switch staff member", "Act as someone else (key u)", self.action_switch_staff)
        yield SystemCommand("Verify audit chain", "Check the audit log has not been changed", self.action_verify_audit)
        yield SystemCommand("Help", "Keys and screens (key ?)", self.action_help)

    def action_help(self) -> None:
        from socialtui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_new_post(self) -> None:
        from socialtui.tui.screens.composer import ComposerScreen

        self.push_screen(ComposerScreen(None))

    async def action_verify_audit(self) -> None:
        await self.switch_mode("audit")
        await self.screen.run_action("verify")

    # -- who is at the keyboard -------------------------------------------------------------
    @work(thread=True, exclusive=True, group="actor-check")
    def check_actor(self, ask: bool = False) -> None:
        from socialtui.tui.queries import staff_roster

        try:
            self.post_message(self.RosterLoaded(staff_roster(self.practice), ask))
        except SocialTuiError as exc:
            self.post_message(self.Failed(exc))

    def action_switch_staff(self) -> None:
        if identity_mode(self.practice) == OS_USER:
            self.notify(f"You act as {self.actor_name or 'your computer login'}: on this computer, who you are is your "
                        "computer login. To act as someone else, they sign in to the computer as themselves.",
                        title="Who am I", timeout=10)
            return
        self.check_actor(ask=True)

    def on_social_tui_app_failed(self, message: Failed) -> None:
        report_error(self, message.error)

    def on_social_tui_app_roster_loaded(self, message: RosterLoaded) -> None:
        if not message.ask and self.actor_name in {name for name, _ in message.roster}:
            return
        mode = identity_mode(self.practice)
        if mode == OS_USER:  # nobody to pick: the login decides
            try:
                self.practice.actor
            except SocialTuiError as exc:
                report_error(self, exc)
            return
        items = [(name, f"{name} ({role})") for name, role in message.roster]
        body = ("You will be asked for your passphrase. " if mode == PASSPHRASE else
                "Demo / training: anyone may pick any name. ") + "Everything you do is recorded under this name."
        self.push_screen(PickDialog("Who are you?", items, body), self._picked)

    def _picked(self, name: str | None) -> None:
        if not name:
            return
        if identity_mode(self.practice) == PASSPHRASE:
            self.push_screen(PassphraseDialog(name), self.set_actor)
        else:
            self.practice.sign_in(name)  # trust mode: no proof asked, nothing slow
            self.set_actor(name)

    def set_actor(self, name: str | None) -> None:
        """Act as ``name`` from now on, once the practice has accepted them (None keeps the current one)."""
        if not name:
            return
        if isinstance(self.screen, LockScreen):  # signed in as someone else from the lock screen
            self.screen.dismiss(name)  # its callback finishes unlocking, then comes back here
            return
        self.actor_name = name
        for bar in self.screen.query(PracticeBar):
            bar.update_bar()
        if isinstance(self.screen, PracticeScreen):
            self.screen.refresh_data()
        self.notify(f"You are acting as {name}.")

    # -- idle lock (passphrase mode) ------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY_EVENTS):
            self._last_input = monotonic()
        await super().on_event(event)

    def lock_if_idle(self) -> None:
        """Lock the app when nobody has pressed a key or moved the mouse for the configured time."""
        limit = idle_lock_seconds(self.practice)
        if limit and monotonic() - self._last_input >= limit:
            self.lock()

    def lock(self) -> None:
        """Cover the app and forget who was signed in; the screens behind keep their unsaved text."""
        if locked(self):
            return
        name = self.actor_name or self.practice.as_staff  # as_staff: named with --as, not yet proven
        self.practice.sign_out()
        self.push_screen(LockScreen(name), lambda signed_in: self._unlocked(name, signed_in))

    def _unlocked(self, before: str | None, name: str | None) -> None:
        self.set_actor(name)
        held, self._held_screens = self._held_screens, []
        if name == before:
            for screen, callback in held:
                self.push_screen(screen, callback)
        elif held:  # another person's half-finished action is not theirs to finish
            self.notify(f"Closed {len(held)} dialog(s) that {before or 'someone'} opened before the lock.")

    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False,
                    *, mode: str | None = None) -> Any:
        """Push ``screen``; while locked, a screen a finishing worker opens waits for the unlock instead.

        Otherwise a confirmation (listing posts, say) could appear on top of the lock screen.
        """
        if (locked(self) and isinstance(screen, Screen) and not wait_for_dismiss
                and not isinstance(screen, (LockScreen, PickDialog, PassphraseDialog))):
            self._held_screens.append((screen, callback))
            return AwaitMount(self.screen, [])
        return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)  # type: ignore[call-overload]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if locked(self) and action in ("section", "command_palette", "new_post", "verify_audit", "help"):
            return False  # nothing opens behind or around the lock screen
        return super().check_action(action, parameters)

    def action_section(self, name: str) -> None:
        if not locked(self):
            self.switch_mode(name)

    # -- bugs ---------------------------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """A bug in a handler, timer or worker: report it without a traceback and keep going.

        Textual would exit and print the traceback (which may quote patient text) over the
        terminal. After too many in one session the app exits quietly instead, since it is
        evidently not usable.
        """
        self.crash_reports.report(error)

    # -- changes from elsewhere ----------------------------------------------------------------
    @work(thread=True, exclusive=True, group="store-poll")
    def poll_store(self) -> None:
        from socialtui.tui.queries import policy_notice, store_stamp

        try:
            stamp = store_stamp(self.practice)
            # The policy is read again whenever anything changed (a policy change is an audit event).
            notice = policy_notice(self.practice) if stamp != self._stamp else None
        except SocialTuiError:
            return  # a locked database is retried at the next tick
        self.post_message(self.StampRead(stamp, notice))

    def on_social_tui_app_stamp_read(self, message: StampRead) -> None:
        if self._stamp is not None and message.stamp != self._stamp:
            for screen in self.screen_stack:
                if isinstance(screen, PracticeScreen):
                    screen.store_changed(active=screen is self.screen)
        self._stamp = message.stamp
        if message.policy_notice is not None and message.policy_notice != self.policy_notice:
            self.policy_notice = message.policy_notice
            for bar in self.screen.query(PracticeBar):
                bar.update_bar()


def create_app(practice: Practice, *, today: date | None = None, poll_seconds: float = 2.5,
               drafts_dir: Path | None = None) -> SocialTuiApp:
    """The app over an open practice.

    Args:
        practice: the open practice (config, store, acting staff member).
        today: freeze the calendar's today (tests, snapshots); the real date when None.
        poll_seconds: how often to look for changes by others; 0 switches polling off.
        drafts_dir: where the composer autosaves; the user data directory when None.
    """
    return SocialTuiApp(practice, today=today, poll_seconds=poll_seconds, drafts_dir=drafts_dir)


def run_app(state: AppState) -> None:
    """Open the practice named by the CLI options and run the app until the user quits."""
    create_app(state.practice).run()
