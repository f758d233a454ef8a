"""Settings: edit the config file (validated before it is written) and see policy notes' review dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import tomli_w
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static, TextArea

from socialtui.tui.base import PracticeScreen


class SettingsScreen(PracticeScreen):
    """The config as TOML; ctrl+s validates and saves it (the practice picks it up on restart)."""

    TITLE = "Settings"
    CSS_PATH = "settings.tcss"
    BINDINGS = [Binding("ctrl+s", "save", "Save config"), Binding("ctrl+z", "revert", "Revert", show=False)]

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="settings-file")
        yield TextArea(self._current_toml(), language=None, id="config-text", show_line_numbers=True)
        yield Static("", id="policy-notes")

    def _current_toml(self) -> str:
        """The config file as it is, comments and all, so saving changes only what the person changed;
        the settings in force when there is no file yet."""
        try:
            return self.practice.config_path.read_text(encoding="utf-8")
        except OSError:
            data = self.practice.config.model_dump(mode="json", exclude_unset=True)
            return tomli_w.dumps({k: v for k, v in data.items() if v not in (None, [], {})})

    def on_mount(self) -> None:
        self.query_one("#settings-file", Static).update(
            Text(f"Config file: {self.practice.config_path}   (ctrl+s saves after checking it)", style="dim"))
        self._show_policy_notes()

    def _show_policy_notes(self) -> None:
        config = self.practice.config
        today = self.app.today  # type: ignore[attr-defined]
        text = Text("Policy notes: ", style="bold")
        if not config.policy_notes:
            text.append("none yet — add [[policy_notes]] with platform, note and reviewed_on.", style="dim")
        for note in config.policy_notes:
            due = note.reviewed_on + timedelta(days=config.checks.policy_review_days)
            text.append(f"\n{note.platform}: reviewed {note.reviewed_on}, next review by {due}",
                        style="bold red" if due < today else "")
            if due < today:
                text.append(" (overdue)", style="bold red")
        self.query_one("#policy-notes", Static).update(text)

    def action_revert(self) -> None:
        self.query_one("#config-text", TextArea).text = self._current_toml()

    def action_save(self) -> None:
        from socialtui.services.policy import save_settings

        source = self.query_one("#config-text", TextArea).text
        path = self.practice.config_path

        def run(practice: Any) -> Any:
            # The service decides who may change what: the check policy, identity and accounts need an admin.
            with practice.store.session() as session:
                return save_settings(session, practice.file_config or practice.config, path, source, actor=practice.actor)

        self.call_service("settings-save", run, self._saved, exclusive=False)

    def _saved(self, config: Any) -> None:
        # An admin's save is acknowledged as it is recorded: the file and the settings in force agree again.
        self.practice.config = self.practice.file_config = config
        self._show_policy_notes()
        self.notify(f"Saved {self.practice.config_path}. Time zone and database changes apply after a restart.")
