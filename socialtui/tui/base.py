"""What every screen shares: the practice bar, the footer, and service calls in thread workers.

A screen never touches the store on the UI thread: :meth:`PracticeScreen.call_service`
runs a function in a thread worker, which reports back only by posting a message;
the callback then runs on the UI thread. Service errors become a notification with
the error's message and hint.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from textual.app import App, ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from socialtui.errors import ConflictError, SocialTuiError

if TYPE_CHECKING:
    from socialtui.context import Practice
    from socialtui.tui.app import SocialTuiApp

_tokens = itertools.count(1)


def unexpected(exc: BaseException) -> SocialTuiError:
    """A socialtui error for an exception no service turned into one."""
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(exc, StaleDataError):
        return ConflictError("Someone else saved this record at the same moment. Nothing was overwritten.",
                             "Reload it and apply your change again.")
    return SocialTuiError(f"Something went wrong ({type(exc).__name__}).", "Try again; if it keeps happening, tell practice IT.")


class CrashReports:
    """Turns a bug into a crash file and a short notice, so the app stays usable.

    The notice names only the exception's type and the file; the file holds frames and
    types, never values (see :mod:`socialtui.crash`).
    """

    LIMIT = 20
    """More crashes than this in one session and the app gives up (exits without a traceback)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.paths: list[Path] = []

    def report(self, error: BaseException) -> None:
        """Write the crash file and tell the person; past :attr:`LIMIT`, end the app without a traceback."""
        from textual.worker import WorkerFailed

        from socialtui.crash import write_crash_report

        if isinstance(error, WorkerFailed):
            error = error.error
        if len(self.paths) >= self.LIMIT:
            self.app.exit(return_code=70, message="socialtui stopped after repeated internal problems; "
                                                  f"the reports are in {self.paths[-1].parent}.")
            return
        try:
            path = write_crash_report(error)
        except OSError:
            where = "no report could be saved"
        else:
            self.paths.append(path)
            where = f"details for IT in {path}"
        self.app.notify(f"Something went wrong inside socialtui ({type(error).__name__}); nothing else was changed. "
                        f"You can carry on. ({where})", title="Internal problem", severity="error", timeout=12, markup=False)


class ReportsBugs:
    """Mixin for the app, screens and dialogs: a handler that raises is reported and the rest keep working.

    Textual hands such an exception to the app and stops the message loop it came from,
    which would leave that screen (or, for a key binding, the whole app) deaf. Catching it
    here, where each message is dispatched, reports it (``App._handle_exception``, which
    :class:`~socialtui.tui.app.SocialTuiApp` turns into :class:`CrashReports`) and goes on
    to the next message.
    """

    app: App[Any]

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except Exception as error:  # noqa: BLE001 - any bug: reported, never shown
            self.app._handle_exception(error)


class PracticeBar(Static):
    """The top line: practice, acting staff member, DRY RUN when nothing will be sent.

    In trust mode (demo, training) a second line says that anyone may act as anyone.
    """

    def on_mount(self) -> None:
        self.update_bar()

    def update_bar(self) -> None:
        from socialtui.tui.identity import TRUST, identity_mode

        app: SocialTuiApp = self.app  # type: ignore[assignment]
        practice = app.practice
        actor = app.actor_name or "nobody (press u)"
        screen_title = getattr(self.screen, "TITLE", "") or ""
        parts = [f"[b]socialtui[/] · {practice.config.practice.name} · {screen_title}", f"as [b]{actor}[/]"]
        if practice.dry_run:
            parts.append("[reverse bold] DRY RUN · nothing is sent [/]")
        trust = identity_mode(practice) == TRUST
        notice = getattr(app, "policy_notice", "")
        self.set_class(practice.dry_run, "-dry-run")
        self.set_class(trust, "-trust")
        self.set_class(bool(notice), "-policy")
        lines = ["   ".join(parts)]
        if trust:
            lines.append("[reverse] Demo / training: anyone may act as anyone here; nothing proves who you are. [/]")
        if notice:
            lines.append(f"[reverse bold] {escape(notice)} [/]")
        self.update("\n".join(lines))


TITLES = {
    "PermissionDeniedError": "Not allowed", "ChecksBlockedError": "The checks stop this",
    "OverridesNotAcknowledgedError": "Acknowledge the overrides", "ValidationError": "Please check",
    "TimeError": "Please check the time", "ConflictError": "Changed by someone else", "NotFoundError": "Not found",
    "IllegalTransitionError": "Not possible now", "StoreError": "Database", "ConfigError": "Settings",
    "CredentialError": "Credentials", "PlatformError": "Platform",
}
"""Plain-word titles for error notifications (never a class name)."""


def report_error(widget: Widget | App[Any], error: SocialTuiError, title: str = "") -> None:
    """Show a socialtui error as a notification: what went wrong, then what to do."""
    text = error.message + (f"\n[i]{error.hint}[/]" if error.hint else "")
    widget.app.notify(text, title=title or TITLES.get(type(error).__name__, "Something went wrong"),
                      severity="error", timeout=8, markup=False if "[" in error.message else True)


class PracticeScreen(ReportsBugs, Screen[Any]):
    """A screen over the practice: bar on top, footer below, ``refresh_data`` when the store changes."""

    TITLE = ""

    @dataclass
    class ServiceDone(Message):
        """A service call finished in a worker."""

        token: int
        result: Any

    @dataclass
    class ServiceFailed(Message):
        """A service call raised a socialtui error in a worker."""

        token: int
        error: SocialTuiError

    @dataclass
    class ServiceCrashed(Message):
        """A service call raised something that is not a socialtui error: a bug."""

        token: int
        error: Exception

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._service_callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable[[SocialTuiError], None] | None]] = {}

    @property
    def practice(self) -> Practice:
        return self.app.practice  # type: ignore[attr-defined, no-any-return]

    def compose(self) -> ComposeResult:
        yield PracticeBar(id="practice-bar")
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> Iterable[Widget]:
        """The screen's own widgets."""
        return ()

    def refresh_data(self) -> None:
        """Reload what the screen shows (called on resume and when the store changes)."""

    def store_changed(self, *, active: bool) -> None:
        """Someone else wrote to the store: reload now if visible (otherwise on resume)."""
        if active:
            self.refresh_data()

    def on_screen_resume(self) -> None:
        self.query_one(PracticeBar).update_bar()
        self.refresh_data()

    def changed(self, message: Callable[[Any], str] | str) -> Callable[[Any], None]:
        """A ``done`` callback for a change: say what happened, then reload the screen."""

        def done(result: Any) -> None:
            self.notify(message(result) if callable(message) else message)
            self.refresh_data()

        return done

    def call_service(self, group: str, work: Callable[[Practice], Any], done: Callable[[Any], None] | None = None,
                     failed: Callable[[SocialTuiError], None] | None = None, *, exclusive: bool = True) -> None:
        """Run ``work(practice)`` in a thread worker named ``group``; ``done`` gets its result on the UI thread."""
        token = next(_tokens)
        self._service_callbacks[token] = (done, failed)
        self.run_worker(lambda: self._run_service(token, work), thread=True, group=group, name=group,
                        exclusive=exclusive, exit_on_error=False)

    def _run_service(self, token: int, work: Callable[[Practice], Any]) -> None:
        try:
            result = work(self.practice)
        except SocialTuiError as exc:
            self.post_message(self.ServiceFailed(token, exc))
            return
        except Exception as exc:  # a bug must not kill the app; never show its text (it may hold patient data)
            self.post_message(self.ServiceCrashed(token, exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.ServiceDone(token, result))

    def on_practice_screen_service_done(self, message: ServiceDone) -> None:
        done, _ = self._service_callbacks.pop(message.token, (None, None))
        if done is not None:
            done(message.result)

    def on_practice_screen_service_failed(self, message: ServiceFailed) -> None:
        _, failed = self._service_callbacks.pop(message.token, (None, None))
        report_error(self, message.error)
        if failed is not None:
            failed(message.error)

    def on_practice_screen_service_crashed(self, message: ServiceCrashed) -> None:
        _, failed = self._service_callbacks.pop(message.token, (None, None))
        known = unexpected(message.error)
        if isinstance(known, ConflictError):  # a race with another writer, not a bug
            report_error(self, known)
        else:
            self.app.crash_reports.report(message.error)  # type: ignore[attr-defined]
        if failed is not None:
            failed(known)
