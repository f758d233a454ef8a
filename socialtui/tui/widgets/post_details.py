"""The composer's Details tab: kind, target accounts, time, citations, link, sponsor, affiliations."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static

from socialtui.services.posts import KINDS
from socialtui.tui.screens.composer_form import ComposerForm

TEXT_FIELDS = ("due", "citations", "link", "sponsor", "affiliations")
CHANGES = (Input.Changed, SelectionList.SelectedChanged, Checkbox.Changed, Select.Changed)
"""Messages that mean a detail was edited."""


class PostDetails(VerticalScroll):
    """Every field of a post but its texts; the consents and media attached are listed at the end."""

    def compose(self) -> ComposeResult:
        yield Label("Kind")
        yield Select([(k.replace("_", " "), k) for k in KINDS], value="general", allow_blank=False, id="kind")
        yield Label("Accounts (space to tick)")
        yield SelectionList[str](id="targets")
        for field, label in (("due", "Due (YYYY-MM-DD HH:MM, practice time)"),
                             ("citations", "Citations (URL, DOI or PMID; space or comma between)"),
                             ("link", "Link"), ("sponsor", "Sponsor"), ("affiliations", "Affiliations (comma-separated)")):
            yield Label(label)
            yield Input(id=field)
        yield Checkbox("The media show a patient", id="shows-patient")
        yield Static("", id="safeguards")

    def fill(self, form: ComposerForm, accounts: dict[str, str]) -> None:
        """Show ``form``; ``accounts`` maps account name to platform."""
        with self.prevent(*CHANGES):
            self.query_one("#kind", Select).value = form.kind if form.kind in KINDS else "general"
            targets = self.query_one("#targets", SelectionList)
            targets.clear_options()
            targets.add_options([(f"{name} ({platform})", name, name in form.targets) for name, platform in accounts.items()])
            for field in TEXT_FIELDS:
                self.query_one(f"#{field}", Input).value = getattr(form, field)
            self.query_one("#shows-patient", Checkbox).value = form.shows_patient
        self.show_safeguards(form)

    def read(self, form: ComposerForm) -> ComposerForm:
        """``form`` with the fields as they are on screen now."""
        values: dict[str, Any] = {field: self.query_one(f"#{field}", Input).value for field in TEXT_FIELDS}
        return replace(form, kind=str(self.query_one("#kind", Select).value),
                       targets=list(self.query_one("#targets", SelectionList).selected),
                       shows_patient=self.query_one("#shows-patient", Checkbox).value, **values)

    def show_safeguards(self, form: ComposerForm) -> None:
        self.query_one("#safeguards", Static).update(
            f"Consents: {', '.join(f'#{c}' for c in form.consent_ids) or 'none'} (ctrl+o)\n"
            f"Media: {', '.join(Path(m).name for m in form.media) or 'none'} (ctrl+t)")
