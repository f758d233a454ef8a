"""A dialog to record a signed consent."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from socialtui.errors import SocialTuiError
from socialtui.practice_time import parse_date
from socialtui.tui.base import ReportsBugs


class ConsentForm(ReportsBugs, ModalScreen[dict[str, Any] | None]):
    """Reference, scope, dates and the scanned form's path; dismisses with ``add_consent`` arguments."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    FIELDS = (("subject_ref", "Reference (pseudonymous, e.g. C-2026-014)"),
              ("scope", "Scope: platforms and media types, comma-separated (e.g. facebook, photo, quote)"),
              ("signed_on", "Signed on (YYYY-MM-DD)"), ("expires_on", "Expires on (YYYY-MM-DD, blank for none)"),
              ("document", "Path of the scanned, signed form"))

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Label("Record a consent", classes="dialog-title")
            for key, label in self.FIELDS:
                yield Label(label)
                yield Input(id=key)
            yield Static("", id="form-error", classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        if event.button.id != "ok":
            self.dismiss(None)
            return
        value = {key: self.query_one(f"#{key}", Input).value.strip() for key, _ in self.FIELDS}
        try:
            self.dismiss({"subject_ref": value["subject_ref"], "scope": [value["scope"]],
                          "signed_on": parse_date(value["signed_on"]),
                          "expires_on": parse_date(value["expires_on"]) if value["expires_on"] else None,
                          "document": value["document"]})
        except SocialTuiError as exc:
            self.query_one("#form-error", Static).update(f"{exc.message} {exc.hint}")
