"""A month (or one week) of days, each listing its posts by time, status symbol and platforms."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from typing_extensions import Self
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from socialtui.tui.base import ReportsBugs
from socialtui.tui.queries import CalendarEntry
from socialtui.tui.status_look import COLOURS, status_badge

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TOO_CLOSE = "≈"
WEEK_STYLES = ("", "on #1c1c2a")


def weeks_covering(first: date, last: date) -> list[date]:
    """Mondays of every week that touches ``[first, last]``."""
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def entry_line(entry: CalendarEntry) -> Text:
    """``09:00◷FX`` – time, status symbol, platform initials, and ≈ when too close to another post."""
    line = Text(f"{entry.due:%H:%M}" if entry.due else "--:--")
    line.append_text(status_badge(entry.status))
    line.append("".join(p[:1].upper() for p in entry.platforms), style=COLOURS.get(entry.status, ""))
    if entry.too_close:
        line.append(TOO_CLOSE, style="bold yellow")
    return line


class MonthGrid(ReportsBugs, Widget, can_focus=True):
    """Weeks of days; arrows move the selected day, Enter chooses it."""

    BINDINGS = [
        Binding("left", "move(-1)", "Day", show=False), Binding("right", "move(1)", "Day", show=False),
        Binding("up", "move(-7)", "Week", show=False), Binding("down", "move(7)", "Week", show=False),
        Binding("enter", "choose", "Open day"),
    ]

    cursor: reactive[date] = reactive(date(2000, 1, 1))

    @dataclass
    class Moved(Message):
        """The selected day changed."""

        day: date

    @dataclass
    class Chosen(Message):
        """Enter was pressed on a day."""

        day: date

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.month: date = today.replace(day=1)
        self.week_only = False
        self._by_day: dict[date, list[CalendarEntry]] = {}
        self._lines: list[Strip] | None = None
        self._lines_size: Size | None = None
        self.set_reactive(MonthGrid.cursor, today)

    def show(self, month: date, entries: list[CalendarEntry], *, week_only: bool) -> None:
        """Draw ``month`` (or only the cursor's week) with these entries."""
        self.month, self.week_only = month, week_only
        by_day: dict[date, list[CalendarEntry]] = defaultdict(list)
        for entry in entries:
            if entry.due is not None:
                by_day[entry.due.date()].append(entry)
        self._by_day = dict(by_day)
        self.refresh()

    def weeks(self) -> list[date]:
        if self.week_only:
            return [self.cursor - timedelta(days=self.cursor.weekday())]
        last = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return weeks_covering(self.month, last)

    def entries_on(self, day: date) -> list[CalendarEntry]:
        return self._by_day.get(day, [])

    def action_move(self, days: int) -> None:
        self.cursor = self.cursor + timedelta(days=days)

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.cursor))

    def watch_cursor(self, day: date) -> None:
        self.post_message(self.Moved(day))
        if self.week_only or (day.year, day.month) == (self.month.year, self.month.month):
            self.refresh()  # another month is redrawn once its posts have loaded

    def render_line(self, y: int) -> Strip:
        if self._lines is None or self._lines_size != self.size:
            self._lines, self._lines_size = self._draw(), self.size
        return self._lines[y] if y < len(self._lines) else Strip.blank(self.size.width, self.rich_style)

    def refresh(self, *args: Any, **kwargs: Any) -> Self:
        self._lines = None
        return super().refresh(*args, **kwargs)

    def _draw(self) -> list[Strip]:
        """Every line of the grid, drawn once per change (the line API keeps month switches fast)."""
        width, weeks = self.size.width, self.weeks()
        lines = max(1, (self.size.height - 2) // max(1, len(weeks)))
        widths = [width // 7 + (1 if i < width % 7 else 0) for i in range(7)]
        console = self.app.console
        base = self.rich_style

        def strip(cells: list[Text], style: str = "") -> Strip:
            segments: list[Segment] = []
            for cell, cell_width in zip(cells, widths):
                cell.style = style
                cell.truncate(cell_width, overflow="crop", pad=True)
                segments.extend(cell.render(console))
            return Strip(segments).apply_style(base)

        out = [strip([Text(name, style="bold") for name in WEEKDAYS]), Strip([Segment("─" * width, base)])]
        for index, monday in enumerate(weeks):
            cells = [self._cell(monday + timedelta(days=i), lines) for i in range(7)]
            for row in range(lines):
                out.append(strip([cell[row] if row < len(cell) else Text("") for cell in cells],
                                 WEEK_STYLES[index % 2]))
        return out

    def _cell(self, day: date, lines: int) -> list[Text]:
        entries = self.entries_on(day)
        head = Text(f"{day.day:>2}", style="dim" if day.month != self.month.month and not self.week_only else "")
        if day == self.today:
            head = Text(f"{day.day:>2}", style="bold reverse green")
            head.append(" today", style="bold green")
        if day == self.cursor:
            head.stylize("reverse" if day != self.today else "bold reverse yellow")
            if self.has_focus:
                head.append(" ◂", style="bold")
        shown = entries if len(entries) <= lines - 1 else entries[: max(0, lines - 2)]
        if len(entries) == 1 and lines == 1:
            head.append(" ")
            head.append_text(entry_line(entries[0]))
            return [head]
        rows = [head, *(entry_line(e) for e in shown)]
        hidden = len(entries) - len(shown)
        if hidden > 0:
            if lines > 1:
                rows.append(Text(f"+{hidden} more", style="italic"))
            else:
                rows[-1].append(f" +{hidden}", style="italic")
        return rows
