"""Who is at the keyboard: the passphrase prompt, the idle lock, and what each identity mode allows.

The practice's ``[identity] mode`` decides (the checks themselves live in the practice and
its identity service; this module only asks and shows):

- ``trust`` (demo, training): anyone picks any name, and the practice bar says so;
- ``passphrase`` (a shared front-desk computer): picking a name asks that person's
  passphrase, and the app locks itself after ``idle_lock_minutes`` without input;
- ``os-user``: the computer login decides; the app does not switch person.

Checking a passphrase is slow on purpose (scrypt), so it runs in a thread worker; a
refusal (wrong passphrase, locked out) is shown inside the dialog, which stays open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from socialtui.errors import SocialTuiError
from socialtui.tui.base import ReportsBugs
from socialtui.tui.dialogs import DialogError

if TYPE_CHECKING:
    from socialtui.context import Practice

TRUST, PASSPHRASE, OS_USER = "trust", "passphrase", "os-user"


def identity_mode(practice: Practice) -> str:
    """``trust``, ``passphrase`` or ``os-user``."""
    return practice.identity_mode


def idle_lock_seconds(practice: Practice) -> float:
    """Seconds without input before the app locks (0: never; the practice allows it only in passphrase mode)."""
    return practice.idle_lock_minutes * 60.0


class PassphraseForm(ReportsBugs, Vertical):
    """A masked passphrase field for one person; Enter checks it in a worker and reports the outcome."""

    @dataclass
    class SignedIn(Message):
        """The practice now acts as ``name``."""

        name: str

    @dataclass
    class _Refused(Message):
        error: SocialTuiError

    def __init__(self, name: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="passphrase-form")
        self.person = name

    def compose(self) -> ComposeResult:
        yield Input(password=True, placeholder=f"{self.person}'s passphrase", id="passphrase")
        yield DialogError(classes="dialog-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#passphrase")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            self.query_one(DialogError).show_problem("Type the passphrase, then press Enter.")
            return
        field = self.query_one(Input)
        field.disabled = True
        self.query_one(DialogError).show_problem("Checking…")
        self._check(event.value)

    @work(thread=True, exclusive=True, group="sign-in")
    def _check(self, passphrase: str) -> None:
        practice: Practice = self.app.practice  # type: ignore[attr-defined]
        try:
            practice.sign_in(self.person, passphrase)
        except SocialTuiError as exc:
            self.post_message(self._Refused(exc))
            return
        self.post_message(self.SignedIn(self.person))

    def on_passphrase_form__refused(self, message: _Refused) -> None:
        message.stop()
        field = self.query_one(Input)
        field.disabled = False
        field.value = ""  # a wrong passphrase is typed again, not edited
        field.focus()
        error = message.error
        self.query_one(DialogError).show_problem(error.message + (f" {error.hint}" if error.hint else ""))


class PassphraseDialog(ReportsBugs, ModalScreen[str | None]):
    """Sign in as one person; dismisses with their name once the passphrase is accepted, None on Escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, name: str) -> None:
        super().__init__(classes="dialog")
        self.person = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(f"Sign in as {self.person}", classes="dialog-title")
            yield PassphraseForm(self.person)
            yield Static("Everything you do is recorded under this name. Five wrong tries lock it for a while.",
                         classes="dialog-body")

    @on(PassphraseForm.SignedIn)
    def _signed_in(self, message: PassphraseForm.SignedIn) -> None:
        self.dismiss(message.name)


class LockScreen(ReportsBugs, ModalScreen[str]):
    """Covers the whole app after idle time on a shared computer; dismisses with whoever signed in.

    Opaque, so nothing behind it can be read; modal, so no key reaches the app's sections.
    The screens behind stay as they were, unsaved text included.
    """

    BINDINGS = [Binding("ctrl+u", "switch_person", "Someone else")]

    def __init__(self, name: str | None) -> None:
        super().__init__(id="lock-screen")
        self.person = name

    def compose(self) -> ComposeResult:
        with Vertical(id="lock-box"):
            yield Label("socialtui is locked", classes="dialog-title")
            if self.person:
                yield Static(f"{self.person}, type your passphrase to carry on. Unsaved work is kept.")
                yield PassphraseForm(self.person)
            else:
                yield Static("Choose who you are to carry on. Unsaved work is kept.")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Someone else", id="switch-person")

    @on(Button.Pressed, "#switch-person")
    def action_switch_person(self) -> None:
        self.app.action_switch_staff()  # type: ignore[attr-defined]

    @on(PassphraseForm.SignedIn)
    def _signed_in(self, message: PassphraseForm.SignedIn) -> None:
        self.dismiss(message.name)


def locked(app: Any) -> bool:
    """Whether the idle lock is showing."""
    return any(isinstance(screen, LockScreen) for screen in app.screen_stack)
