"""Small modal dialogs: confirm, ask for a line of text, pick from a list."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True only on an explicit yes."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel"), Binding("y", "dismiss(True)", "Yes", show=False)]

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
                yield Button("Cancel", id="no")

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line of text; Enter accepts, Escape cancels (None)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", help_text: str = "") -> None:
        super().__init__(classes="dialog")
        self._title, self._value, self._placeholder, self._help = title, value, placeholder, help_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="dialog-title")
            yield Input(self._value, placeholder=self._placeholder, id="answer")
            if self._help:
                yield Static(self._help, classes="dialog-body", markup=False)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class PickDialog(ModalScreen[str | None]):
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


class ChooseManyDialog(ModalScreen[list[str] | None]):
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
