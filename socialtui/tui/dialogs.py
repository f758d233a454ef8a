"""Small modal dialogs: confirm, ask for a line of text, pick from a list, acknowledge overrides.

A dialog owns the keyboard while it is open (Textual stops the binding chain at a modal
screen), so the one way keys could reach the screen behind is the dialog closing while
the person is still typing. That is why an invalid answer never closes a dialog: the
error is shown inside it and what was typed stays. Confirmations focus their safe
button, so Enter alone never approves, rejects, revokes or publishes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from socialtui.errors import SocialTuiError
from socialtui.tui.base import ReportsBugs


Validator = Callable[[str], str | None]
"""Looks at an answer as typed; returns what is wrong with it, or None when it is acceptable."""


def needs_text(min_chars: int, problem: str) -> Validator:
    """A validator refusing answers shorter than ``min_chars`` (spaces at the ends do not count)."""

    def validate(value: str) -> str | None:
        return problem if len(value.strip()) < min_chars else None

    return validate


def parses_with(parse: Callable[[str], object]) -> Validator:
    """A validator accepting what ``parse`` accepts; its socialtui error's message is the problem shown."""

    def validate(value: str) -> str | None:
        try:
            parse(value)
        except SocialTuiError as exc:
            return exc.message
        return None

    return validate


class DialogError(Static):
    """What is wrong with the answer, shown inside the dialog (hidden while there is nothing wrong)."""

    def show_problem(self, problem: str | None) -> None:
        self.update(problem or "")
        self.set_class(bool(problem), "-has-error")


class ConfirmDialog(ReportsBugs, ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True only when the yes button itself is pressed.

    Cancel has the focus, so Enter (or a key typed meant for somewhere else) declines.
    """

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, title: str, body: str = "", yes: str = "Yes") -> None:
        super().__init__(classes="dialog")
        self._title, self._body, self._yes = title, body, yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="dialog-title")
            if self._body:
                yield Static(self._body, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, variant="error", id="yes")
                yield Button("Cancel", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PromptDialog(ReportsBugs, ModalScreen[str | None]):
    """Ask for one line of text; Enter accepts a valid answer, Escape cancels (None).

    With a ``validate`` function, an unacceptable answer keeps the dialog open with the
    problem shown under the field and the text as typed.
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", help_text: str = "",
                 validate: Validator | None = None, password: bool = False) -> None:
        super().__init__(classes="dialog")
        self._title, self._value, self._placeholder, self._help = title, value, placeholder, help_text
        self._validate, self._password = validate, password

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="dialog-title")
            yield Input(self._value, placeholder=self._placeholder, password=self._password, id="answer")
            yield DialogError(classes="dialog-error", markup=False)
            if self._help:
                yield Static(self._help, classes="dialog-body", markup=False)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self._validate(event.value) if self._validate else None
        self.query_one(DialogError).show_problem(problem)
        if problem is None:
            self.dismiss(event.value)


class PickDialog(ReportsBugs, ModalScreen[str | None]):
    """Pick one item from a list; dismisses with its id, or None on Escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, items: Sequence[tuple[str, str]], body: str = "") -> None:
        super().__init__(classes="dialog")
        self._title, self._items, self._body = title, items, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="dialog-title")
            if self._body:
                yield Static(self._body, classes="dialog-body", markup=False)
            yield OptionList(*[Option(label, id=key) for key, label in self._items], id="choices")

    @on(OptionList.OptionSelected)
    def _pick(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ChooseManyDialog(ReportsBugs, ModalScreen[list[str] | None]):
    """Tick any number of items (space toggles); Enter on Done accepts, Escape cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"), Binding("ctrl+s", "done", "Done")]

    def __init__(self, title: str, items: Sequence[tuple[str, str, bool]], body: str = "") -> None:
        super().__init__(classes="dialog")
        self._title, self._items, self._body = title, items, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="dialog-title")
            if self._body:
                yield Static(self._body, classes="dialog-body", markup=False)
            yield SelectionList[str](*[(label, key, on) for key, label, on in self._items], id="choices")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Done", variant="primary", id="done")
                yield Button("Cancel", id="cancel")

    def action_done(self) -> None:
        self.dismiss(list(self.query_one(SelectionList).selected))

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        if event.button.id == "done":
            self.action_done()
        else:
            self.dismiss(None)


class AcknowledgeDialog(ReportsBugs, ModalScreen[list[str] | None]):
    """Tick every item to go ahead: the yes button stays disabled until all are ticked.

    Used where a person must confirm each of several things by name (an approver
    acknowledging each override an author made). Dismisses with the ticked ids, or None.
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, items: Sequence[tuple[str, str]], body: str = "", yes: str = "Yes") -> None:
        super().__init__(classes="dialog")
        self._title, self._items, self._body, self._yes = title, items, body, yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="dialog-title")
            if self._body:
                yield Static(self._body, classes="dialog-body", markup=False)
            yield SelectionList[str](*[(label, key, False) for key, label in self._items], id="choices")
            yield DialogError(classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, variant="error", id="yes", disabled=True)
                yield Button("Cancel", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()
        self._show_remaining()

    @on(SelectionList.SelectedChanged)
    def _ticked(self) -> None:
        self._show_remaining()

    def _show_remaining(self) -> None:
        left = len(self._items) - len(self.query_one(SelectionList).selected)
        self.query_one("#yes", Button).disabled = left > 0
        self.query_one(DialogError).show_problem(f"Tick each one to go ahead ({left} left)." if left else None)

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        self.dismiss(chosen if event.button.id == "yes" and len(chosen) == len(self._items) else None)
