"""The dry-run outbox: exactly what each platform would have received, nothing sent."""

from __future__ import annotations

import json
from typing import Any

from rich.syntax import Syntax
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from socialtui.tui.base import ReportsBugs
from socialtui.tui.queries import OutboxRow



class OutboxDialog(ReportsBugs, ModalScreen[None]):
    """Recorded requests, newest first; the highlighted one's request is shown in full."""

    CSS_PATH = "outbox.tcss"
    BINDINGS = [Binding("escape,o", "dismiss", "Close")]

    def __init__(self, rows: list[OutboxRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="outbox-box"):
            yield Label(f"Dry-run outbox — {len(self.rows)} request(s) recorded, none sent", classes="dialog-title")
            table: DataTable[Any] = DataTable(id="outbox", cursor_type="row")
            table.add_columns("Post", "Account", "Platform", "Recorded")
            for row in self.rows:
                table.add_row(f"#{row.post_id}" if row.post_id else "—", row.account, row.platform, f"{row.at:%Y-%m-%d %H:%M}")
            yield table
            with VerticalScroll(id="outbox-request"):
                yield Static("" if self.rows else "Nothing recorded yet: run `socialtui serve --dry-run`.", id="request")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        if self.rows:
            self.show_request(0)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_request(event.cursor_row)

    def show_request(self, index: int) -> None:
        row = self.rows[index]
        self.query_one("#request", Static).update(Syntax(json.dumps(row.request, indent=2, sort_keys=True, default=str), "json",
                                                         word_wrap=True, theme="ansi_dark"))
