"""The audit log: search the events, and verify that the hash chain is unbroken."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from socialtui.tui import queries
from socialtui.tui.base import PracticeScreen


class AuditScreen(PracticeScreen):
    """Newest events first; type to filter by actor, action, subject or state; v verifies the chain."""

    TITLE = "Audit log"
    CSS_PATH = "audit.tcss"
    BINDINGS = [Binding("v", "verify", "Verify chain"), Binding("slash", "search", "Search")]

    def __init__(self) -> None:
        super().__init__()
        self._search_timer: Timer | None = None

    def compose_body(self) -> Iterable[Widget]:
        yield Input(placeholder="Search actor, action, subject (e.g. post 12) or state", id="audit-search")
        table: DataTable[Any] = DataTable(id="audit", cursor_type="row", zebra_stripes=True)
        table.add_columns("Seq", "When", "Who", "Action", "Subject", "Change", "Details")
        yield table
        yield Static("Press v to verify the chain.", id="verify-result")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def refresh_data(self) -> None:
        search = self.query_one("#audit-search", Input).value
        self.call_service("audit-load", lambda p: queries.audit_rows(p, search), self._show)

    @on(Input.Changed, "#audit-search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(0.3, self.refresh_data)

    @on(Input.Submitted, "#audit-search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#audit-search", Input).focus()

    def _show(self, rows: list[queries.AuditRow]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for r in rows:
            table.add_row(str(r.seq), f"{r.at:%Y-%m-%d %H:%M:%S}", r.actor, r.action, r.subject, r.change, r.details)

    def action_verify(self) -> None:
        from socialtui.audit import verify

        def run(practice: Any) -> Any:
            with practice.store.session() as session:
                return verify(session)

        self.query_one("#verify-result", Static).update("Verifying…")
        self.call_service("audit-verify", run, self._verified)

    def _verified(self, result: Any) -> None:
        if result.ok:
            text = Text(f"✓ The audit chain is intact: {result.events} events, none changed, none missing.", style="bold green")
        else:
            text = Text(f"✗ The audit chain is broken at event #{result.broken_seq}: {result.problem}. "
                        "Tell practice IT; keep a copy of the database.", style="bold red")
        self.query_one("#verify-result", Static).update(text)
