"""The composer's and the reviewer's list of check findings, with the chosen one's hint."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from socialtui.tui.base import ReportsBugs
from socialtui.tui.queries import FindingView

SEVERITY_LOOK = {"error": ("✗", "bold red"), "warning": ("▲", "yellow"), "info": ("i", "cyan")}


def finding_label(finding: FindingView) -> Text:
    """``✗ PRV001 message`` in the severity's colour, noting the variant and any override."""
    mark, style = SEVERITY_LOOK.get(finding.severity, ("?", ""))
    label = Text(f"{mark} {finding.code} ", style=style)
    if finding.variant:
        label.append(f"[{finding.variant}] ", style="dim")
    label.append(finding.message)
    if finding.overridden:
        label.append("  (overridden)", style="green")
    return label


class FindingsPanel(ReportsBugs, Vertical):
    """Findings, worst first; highlighting one shows its hint and tells the screen where it points."""

    @dataclass
    class Chosen(Message):
        """A finding was highlighted: the screen may select its span."""

        finding: FindingView

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[FindingView] = []

    def compose(self) -> ComposeResult:
        yield Static("Checks: not run yet", classes="findings-summary")
        yield OptionList(classes="findings-list")
        yield Static("", classes="findings-hint")

    def show(self, findings: Sequence[FindingView]) -> None:
        self.findings = sorted(findings, key=lambda f: (("error", "warning", "info").index(f.severity)
                                                        if f.severity in ("error", "warning", "info") else 3, f.start))
        counts = {s: sum(1 for f in self.findings if f.severity == s) for s in ("error", "warning", "info")}
        summary = self.query_one(".findings-summary", Static)
        if not self.findings:
            summary.update(Text("✓ No findings: the checks pass.", style="green"))
        else:
            summary.update(Text(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s)",
                                style="bold red" if counts["error"] else "yellow" if counts["warning"] else ""))
        self.set_class(bool(counts["error"]), "-has-errors")
        options = self.query_one(OptionList)
        options.set_options([Option(finding_label(f), id=str(i)) for i, f in enumerate(self.findings)])
        self.query_one(".findings-hint", Static).update("")

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is None:
            return
        finding = self.findings[int(event.option.id)]
        hint = Text(finding.hint or "No hint for this finding.", style="italic")
        self.query_one(".findings-hint", Static).update(hint)
        self.post_message(self.Chosen(finding))
