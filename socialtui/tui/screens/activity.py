"""Activity: what went out, and what a person must look at, with the actions that resolve it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from socialtui.tui import queries
from socialtui.tui.base import PracticeScreen
from socialtui.tui.dialogs import ConfirmDialog, PromptDialog
from socialtui.tui.status_look import status_badge


def _looks_like_a_link(url: str) -> str | None:
    return None if url.strip().startswith(("https://", "http://")) else "Paste the post's address, starting with https://."


class ActivityScreen(PracticeScreen):
    """Failed, held, missed and needs-attention posts with reasons; recent outcomes; the dry-run outbox."""

    TITLE = "Activity"
    CSS_PATH = "activity.tcss"
    BINDINGS = [Binding("r", "retry", "Retry now"), Binding("p", "mark_published", "Mark published"),
                Binding("c", "cancel_post", "Cancel post"), Binding("o", "outbox", "Outbox"),
                Binding("enter", "open", "Open", show=False)]

    def compose_body(self) -> Iterable[Widget]:
        yield Label("Needs a person", classes="section-title")
        attention: DataTable[Any] = DataTable(id="attention", cursor_type="row")
        attention.add_columns("#", "Status", "Due", "Accounts", "Why")
        yield attention
        yield Label("Recent outcomes", classes="section-title")
        outcomes: DataTable[Any] = DataTable(id="outcomes", cursor_type="row", zebra_stripes=True)
        outcomes.add_columns("#", "Account", "Outcome", "When", "Where / error")
        yield outcomes
        yield Static("", id="service-status")

    def refresh_data(self) -> None:
        self.call_service("activity-load", queries.activity, self._show)

    def _show(self, view: queries.ActivityView) -> None:
        attention = self.query_one("#attention", DataTable)
        row = attention.cursor_row
        attention.clear()
        for e in view.attention:
            attention.add_row(str(e.post_id), status_badge(e.status, label=True), f"{e.due:%Y-%m-%d %H:%M}" if e.due else "",
                              ", ".join(e.accounts), view.reasons.get(e.post_id, ""), key=str(e.post_id))
        attention.move_cursor(row=min(row, max(0, attention.row_count - 1)))
        outcomes = self.query_one("#outcomes", DataTable)
        outcomes.clear()
        for post_id, account, status, when, where in view.publications:
            outcomes.add_row(str(post_id), account, status_badge(status, label=True),
                             f"{when:%Y-%m-%d %H:%M}" if when else "", where)
        service = Text()
        if view.heartbeats:
            for worker, state, beat, dry in view.heartbeats:
                service.append(f"Scheduler {worker}: {state}, last seen {beat:%Y-%m-%d %H:%M:%S}{' (dry run)' if dry else ''}\n")
        else:
            service.append("No scheduler has reported yet: start `socialtui serve` to publish.\n", style="yellow")
        if view.outbox:
            service.append(f"Dry-run outbox: {len(view.outbox)} recorded request(s), newest: "
                           + ", ".join(f"#{pid} → {acct}" for pid, acct, _, _ in view.outbox[:3]) + " (o shows them)", style="dim")
        self.query_one("#service-status", Static).update(service)

    def selected_post(self) -> int | None:
        table = self.query_one("#attention", DataTable)
        if not table.row_count:
            self.notify("Nothing needs attention.", severity="information")
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)

    def _run(self, verb: str, post_id: int, work: Any) -> None:
        def run(practice: Any) -> str:
            with practice.store.session() as session:
                return str(work(session, practice).status)

        self.call_service(f"activity-{verb}", run,
                          self.changed(lambda status: f"Post #{post_id}: {verb}; now {status.replace('_', ' ')}."), exclusive=False)

    def action_retry(self) -> None:
        from socialtui.services.activity import retry_now

        if (post_id := self.selected_post()) is not None:
            self._run("retry scheduled", post_id, lambda s, p: retry_now(s, post_id, actor=p.actor))

    def action_mark_published(self) -> None:
        if (post_id := self.selected_post()) is None:
            return
        self.app.push_screen(PromptDialog(f"Post #{post_id} did go out? Paste its URL", placeholder="https://",
                                          validate=_looks_like_a_link),
                             lambda url: self._confirm_published(post_id, url))

    def _confirm_published(self, post_id: int, url: str | None) -> None:
        from socialtui.services.activity import mark_published

        def mark(yes: bool | None) -> None:
            if yes and url:
                self._run("marked published", post_id, lambda s, p: mark_published(s, post_id, url.strip(), actor=p.actor))

        if url:
            self.app.push_screen(ConfirmDialog(f"Mark post #{post_id} as published?",
                                               f"Only if you have seen it live at {url.strip()}: it will not be sent again.",
                                               yes="Mark published"), mark)

    def action_cancel_post(self) -> None:
        from socialtui.services.review import cancel

        if (post_id := self.selected_post()) is None:
            return
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._run("cancelled", post_id, lambda s, p: cancel(s, post_id, actor=p.actor, reason="cancelled from Activity"))

        self.app.push_screen(ConfirmDialog(f"Cancel post #{post_id}?", "It will never be published.", yes="Cancel post"), confirmed)

    def action_outbox(self) -> None:
        from socialtui.tui.screens.outbox import OutboxDialog

        def show(rows: list[queries.OutboxRow]) -> None:
            self.app.push_screen(OutboxDialog(rows))

        self.call_service("activity-outbox", queries.outbox_rows, show)

    @on(DataTable.RowSelected, "#attention")
    def action_open(self) -> None:
        from socialtui.tui.screens.composer import ComposerScreen

        if (post_id := self.selected_post()) is not None:
            self.app.push_screen(ComposerScreen(post_id))
