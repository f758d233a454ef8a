"""Accounts: whether each one can publish, and how to reconnect one that cannot."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, Static

from socialtui.tui import queries
from socialtui.tui.base import PracticeScreen


def account_state(row: queries.AccountRow) -> Text:
    """connected / paused: reason / dry run, coloured."""
    if row.paused_reason:
        return Text(f"paused: {row.paused_reason}", style="bold red")
    return Text("dry run (never sends)" if row.dry_run else "connected", style="yellow" if row.dry_run else "green")


class AccountsScreen(PracticeScreen):
    """Each account's state, its last success, and the command that reconnects it."""

    TITLE = "Accounts"
    CSS_PATH = "accounts.tcss"

    def compose_body(self) -> Iterable[Widget]:
        table: DataTable[Any] = DataTable(id="accounts", cursor_type="row", zebra_stripes=True)
        table.add_columns("Account", "Platform", "Handle", "State", "Last success")
        yield table
        yield Static("", id="reconnect")

    def refresh_data(self) -> None:
        self.call_service("accounts-load", queries.account_rows, self._show)

    def _show(self, rows: list[queries.AccountRow]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            table.add_row(row.name, row.platform, row.handle, account_state(row),
                          f"{row.last_success:%Y-%m-%d %H:%M}" if row.last_success else "never")
        paused = [row for row in rows if row.paused_reason]
        help_text = Text("To connect or reconnect an account, run in a terminal:\n", style="bold")
        for row in paused or rows[:1]:
            help_text.append(f"  socialtui accounts add {row.platform} {row.name}\n")
        if not rows:
            help_text.append("  socialtui accounts add PLATFORM NAME   (after adding it under [[accounts]] in the config)\n")
        help_text.append("Credentials are kept in the system keyring, never in the config file.", style="dim")
        self.query_one("#reconnect", Static).update(help_text)
