"""The consent registry: validity at a glance, add, and revoke with a confirmation of what it holds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Static

from socialtui.tui import queries
from socialtui.tui.base import PracticeScreen
from socialtui.tui.dialogs import ConfirmDialog, PromptDialog, needs_text
from socialtui.tui.screens.consent_form import ConsentForm

VALIDITY_STYLE = {"valid": "green", "expiring soon": "yellow", "expired": "red", "revoked": "bold red"}


class ConsentsScreen(PracticeScreen):
    """Every consent by pseudonymous reference; a to add, x to revoke."""

    TITLE = "Consents"
    CSS_PATH = "consents.tcss"
    BINDINGS = [Binding("a", "add", "Add consent"), Binding("x", "revoke", "Revoke")]

    def compose_body(self) -> Iterable[Widget]:
        yield Static("Consents are kept by reference only; the signed form never leaves this machine.", classes="screen-note")
        table: DataTable[Any] = DataTable(id="consents", cursor_type="row", zebra_stripes=True)
        table.add_columns("#", "Reference", "Status", "Platforms", "Media", "Signed", "Expires")
        yield table

    def refresh_data(self) -> None:
        today = self.app.today  # type: ignore[attr-defined]
        self.call_service("consents-load", lambda p: queries.consent_rows(p, today), self._show)

    def _show(self, rows: list[queries.ConsentRow]) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for c in rows:
            status = Text(c.validity + (f" {c.revoked_on}" if c.revoked_on else ""), style=VALIDITY_STYLE.get(c.validity, ""))
            table.add_row(str(c.id), c.subject_ref, status, ", ".join(c.platforms), ", ".join(c.media_types),
                          str(c.signed_on), str(c.expires_on or "—"), key=str(c.id))
        table.move_cursor(row=min(row, max(0, len(rows) - 1)))

    def selected_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)

    def action_add(self) -> None:
        self.app.push_screen(ConsentForm(), self._add)

    def _add(self, values: dict[str, Any] | None) -> None:
        from socialtui.services.consents import add_consent

        if not values:
            return

        def run(practice: Any) -> int:
            with practice.store.session() as session:
                return add_consent(session, actor=practice.actor, **values).id  # type: ignore[no-any-return]

        self.call_service("consents-add", run, self.changed(lambda cid: f"Consent #{cid} recorded."), exclusive=False)

    def action_revoke(self) -> None:
        from socialtui.services.consents import revocation_impact

        consent_id = self.selected_id()
        if consent_id is None:
            return

        def impact(practice: Any) -> Any:
            with practice.store.session() as session:
                return revocation_impact(session, consent_id)

        self.call_service("consents-impact", impact, lambda result: self._confirm(consent_id, result))

    def _confirm(self, consent_id: int, impact: Any) -> None:
        lines = [f"Posts that will be held: {', '.join(f'#{i}' for i in impact.held) or 'none'}"]
        if impact.not_held:
            lines.append(f"Posts that cannot be held now (publishing): {', '.join(f'#{i}' for i in impact.not_held)}")
        lines.append("Published posts to take down by hand:" + ("" if impact.takedown else " none"))
        lines += [f"  #{pid}: {', '.join(where)}" for pid, where in impact.takedown]
        def ask_reason(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(PromptDialog("Why is it revoked?", placeholder="e.g. patient withdrew consent by phone",
                                                  validate=needs_text(1, "Say why: it is kept with the consent.")),
                                     lambda reason: self._revoke(consent_id, reason))

        self.app.push_screen(ConfirmDialog(f"Revoke consent #{consent_id}?", "\n".join(lines), yes="Revoke"), ask_reason)

    def _revoke(self, consent_id: int, reason: str | None) -> None:
        from socialtui.services.consents import revoke_consent

        if not reason:
            return

        def run(practice: Any) -> Any:
            with practice.store.session() as session:
                return revoke_consent(session, consent_id, reason, actor=practice.actor)

        self.call_service("consents-revoke", run, self.changed(
            lambda impact: f"Consent #{consent_id} revoked; held {len(impact.held)} post(s). "
                           "See Activity (5) for held posts and takedowns."), exclusive=False)
