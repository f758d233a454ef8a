"""The content calendar: month, week and agenda views in the practice's time zone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from socialtui.practice_time import INPUT_FORMAT, parse_local
from socialtui.tui.dialogs import PromptDialog, parses_with
from socialtui.tui.queries import CalendarEntry, calendar_entries
from socialtui.tui.base import PracticeScreen
from socialtui.tui.status_look import legend, status_badge
from socialtui.tui.widgets.caption import Caption
from socialtui.tui.widgets.month_grid import TOO_CLOSE, MonthGrid, weeks_covering

VIEWS = ("month", "week", "agenda")


def entry_option(entry: CalendarEntry, *, with_day: bool = False) -> Option:
    """A post as one line of the day list or the agenda."""
    label = Text(f"{entry.due:%a %d %b }" if with_day and entry.due else "")
    label.append(f"{entry.due:%H:%M} " if entry.due else "--:-- ")
    label.append_text(status_badge(entry.status, label=True))
    label.append(f"  #{entry.post_id} {', '.join(entry.accounts) or 'no account'}  ", style="dim")
    if entry.too_close:
        label.append(f"{TOO_CLOSE} too close  ", style="bold yellow")
    label.append(entry.summary)
    return Option(label, id=str(entry.post_id))


def month_after(month: date, step: int) -> date:
    index = month.year * 12 + month.month - 1 + step
    return date(index // 12, index % 12 + 1, 1)


class CalendarScreen(PracticeScreen):
    """What goes out when, at a glance; Enter opens a day or a post."""

    TITLE = "Calendar"
    CSS_PATH = "calendar.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("[", "month(-1)", "Prev month"), Binding("]", "month(1)", "Next month"),
        Binding("pageup", "month(-1)", show=False), Binding("pagedown", "month(1)", show=False),
        Binding("t", "today", "Today", show=False), Binding("v", "cycle_view", "View"),
        Binding("n", "new_post", "New"), Binding("m", "move_post", "Move"),
        Binding("escape", "back_to_grid", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "month"
        self.entries: list[CalendarEntry] = []
        self.loaded_month: date | None = None
        self.ready = False
        """True once the first month has been drawn on screen (the benchmark waits for it)."""
        self.drawn_month: date | None = None

    @property
    def today(self) -> date:
        return self.app.today  # type: ignore[attr-defined, no-any-return]

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="calendar-main"):
            yield Caption(id="calendar-title")
            with Horizontal(id="calendar-panes"):
                yield MonthGrid(self.today, id="grid")
                with Vertical(id="day-pane"):
                    yield Caption(id="day-title")
                    yield OptionList(id="day-posts")
            yield Static(legend().append(f"{TOO_CLOSE} too close on one account"), id="legend")

    @property
    def grid(self) -> MonthGrid:
        return self.query_one(MonthGrid)

    def on_mount(self) -> None:
        self.grid.focus()

    def refresh_data(self) -> None:
        self.load_month(self.grid.cursor.replace(day=1))

    def load_month(self, month: date) -> None:
        last = month_after(month, 1) - timedelta(days=1)
        weeks = weeks_covering(month, last)
        first, final = weeks[0], weeks[-1] + timedelta(days=6)
        self.call_service("calendar-load", lambda practice: calendar_entries(practice, first, final),
                          lambda entries: self._show(month, entries))

    def _show(self, month: date, entries: list[CalendarEntry]) -> None:
        self.entries, self.loaded_month = entries, month
        self.grid.show(month, entries, week_only=self.view == "week")
        self.grid.display = self.view != "agenda"
        self.set_class(self.view == "agenda", "-agenda")
        zone = self.practice.zone.key
        self.query_one("#calendar-title", Caption).show(
            f"[b]{month:%B %Y}[/]  ·  {self.view} view  ·  {zone}  ·  {len(entries)} posts")
        self._fill_day_list()
        self.call_after_refresh(self._drawn, month)

    def _drawn(self, month: date) -> None:
        self.drawn_month, self.ready = month, True

    def _fill_day_list(self) -> None:
        day = self.grid.cursor
        posts = self.query_one("#day-posts", OptionList)
        highlighted = posts.highlighted_option.id if posts.highlighted_option else None
        posts.clear_options()
        if self.view == "agenda":
            self.query_one("#day-title", Caption).show(f"Agenda for {self.loaded_month:%B %Y}")
            shown = [e for e in self.entries if e.due and self.loaded_month and e.due.month == self.loaded_month.month]
        else:
            self.query_one("#day-title", Caption).show(f"{day:%A %d %B}" + ("  (today)" if day == self.today else ""))
            shown = self.grid.entries_on(day)
        posts.add_options([entry_option(e, with_day=self.view == "agenda") for e in shown]
                          or [Option(Text("No posts — press n to write one.", style="dim"), disabled=True)])
        if highlighted is not None:
            try:
                posts.highlighted = posts.get_option_index(highlighted)
            except OptionDoesNotExist:  # the post left this day
                pass

    @on(MonthGrid.Moved)
    def _moved(self, event: MonthGrid.Moved) -> None:
        if self.loaded_month is not None and (event.day.year, event.day.month) != (self.loaded_month.year, self.loaded_month.month):
            self.load_month(event.day.replace(day=1))
            return  # the day list is filled when the month arrives
        if self.view == "week":
            self.grid.show(self.loaded_month or event.day.replace(day=1), self.entries, week_only=True)
        if self.view != "agenda":
            self._fill_day_list()

    @on(MonthGrid.Chosen)
    def _open_day(self) -> None:
        posts = self.query_one("#day-posts", OptionList)
        posts.focus()
        if posts.highlighted is None and posts.option_count:
            posts.highlighted = 0

    @on(OptionList.OptionSelected, "#day-posts")
    def _open_post(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            from socialtui.tui.screens.composer import ComposerScreen

            self.app.push_screen(ComposerScreen(int(event.option.id)))

    def action_month(self, step: int) -> None:
        day = self.grid.cursor
        target = month_after(day.replace(day=1), step)
        self.grid.cursor = target.replace(day=min(day.day, 28))

    def action_today(self) -> None:
        self.grid.cursor = self.today

    def action_cycle_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self._show(self.loaded_month or self.grid.cursor.replace(day=1), self.entries)
        (self.query_one("#day-posts") if self.view == "agenda" else self.grid).focus()

    def action_back_to_grid(self) -> None:
        if self.view != "agenda":
            self.grid.focus()

    def action_new_post(self) -> None:
        from socialtui.tui.screens.composer import ComposerScreen

        due = datetime.combine(max(self.grid.cursor, self.today + timedelta(days=1)), time(9))
        self.app.push_screen(ComposerScreen(None, due=due))

    def selected_entry(self) -> CalendarEntry | None:
        posts = self.query_one("#day-posts", OptionList)
        option = posts.highlighted_option
        if option is None or not option.id:
            return None
        return next((e for e in self.entries if e.post_id == int(option.id)), None)

    def action_move_post(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.notify("Choose a post in the day list first (Enter on a day, then arrows).", severity="warning")
            return
        current = f"{entry.due:{INPUT_FORMAT}}" if entry.due else ""
        self.app.push_screen(
            PromptDialog(f"Move post #{entry.post_id} to", value=current, placeholder="YYYY-MM-DD HH:MM",
                         validate=parses_with(lambda answer: parse_local(answer, self.practice.zone)),
                         help_text=f"Time in {self.practice.zone.key}. Moving an approved post sends it back to review."),
            lambda answer: self._move(entry, answer))

    def _move(self, entry: CalendarEntry, answer: str | None) -> None:
        if not answer:
            return
        from socialtui.services.posts import PostChanges, edit_post

        def move(practice):  # type: ignore[no-untyped-def]
            due = parse_local(answer, practice.zone)
            with practice.store.session() as session:
                post = edit_post(session, entry.post_id, PostChanges(due_at=due), actor=practice.actor,
                                 expected_version=entry.version)
                return post.status

        self.call_service("calendar-move", move,
                          self.changed(lambda status: f"Post #{entry.post_id} moved; it is now {status.replace('_', ' ')}."))

