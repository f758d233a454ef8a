"""The calendar: days, views, moving a post, and posts too close together."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from textual.widgets import Input, OptionList
from tui_helpers import screen_text, settle

from socialtui.services.calendar import CalendarEntry, posts_too_close


def _entry(post_id: int, due: datetime, accounts: list[str], status: str = "scheduled") -> CalendarEntry:
    return CalendarEntry(post_id, due, status, "general", "", tuple(accounts), (), 1)


def test_posts_closer_than_the_gap_on_one_account_are_flagged() -> None:
    at = datetime(2030, 3, 14, 9, tzinfo=UTC)
    items = [_entry(1, at, ["clinic-x"]), _entry(2, at + timedelta(minutes=30), ["clinic-x"]),
             _entry(3, at + timedelta(minutes=30), ["clinic-facebook"]), _entry(4, at + timedelta(hours=3), ["clinic-x"])]
    assert posts_too_close(items, 60) == {1, 2}


def test_a_cancelled_post_does_not_crowd_its_neighbour() -> None:
    at = datetime(2030, 3, 14, 9, tzinfo=UTC)
    assert posts_too_close([_entry(1, at, ["a"]), _entry(2, at, ["a"], status="cancelled")], 60) == set()


def test_no_gap_configured_flags_nothing() -> None:
    at = datetime(2030, 3, 14, 9, tzinfo=UTC)
    assert posts_too_close([_entry(1, at, ["a"]), _entry(2, at, ["a"])], 0) == set()


async def test_today_is_marked_and_arrows_move_between_days(frozen_app) -> None:  # type: ignore[no-untyped-def]
    async with frozen_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "14 today" in screen_text(frozen_app)
        await pilot.press("right", "down")
        await settle(pilot)
        assert frozen_app.screen.grid.cursor == date(2030, 3, 22)
        assert "Friday 22 March" in screen_text(frozen_app)


async def test_next_month_loads_only_that_month(frozen_app) -> None:  # type: ignore[no-untyped-def]
    async with frozen_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("]")
        await settle(pilot)
        screen = frozen_app.screen
        assert screen.loaded_month == date(2030, 4, 1)
        assert "April 2030" in screen_text(frozen_app)
        assert all(e.due.date() >= date(2030, 3, 25) for e in screen.entries)  # the grid's first Monday


async def test_enter_opens_the_day_then_the_post(frozen_app) -> None:  # type: ignore[no-untyped-def]
    from socialtui.tui.screens.composer import ComposerScreen

    async with frozen_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert frozen_app.focused is frozen_app.screen.query_one("#day-posts", OptionList)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(frozen_app.screen, ComposerScreen) and frozen_app.screen.post_id == 6


async def test_moving_an_approved_post_sends_it_back_to_review(make_app) -> None:  # type: ignore[no-untyped-def]
    from socialtui.services.posts import get_post

    app = make_app()
    practice = app.practice
    with practice.store.session() as session:
        from sqlalchemy import select

        from socialtui.store.models import Post

        post = session.scalars(select(Post).where(Post.status == "scheduled").order_by(Post.due_at)).first()
        post_id, due = post.id, post.due_at.astimezone(practice.zone)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.grid.cursor = due.date()
        await settle(pilot)
        day_list = app.screen.query_one("#day-posts", OptionList)
        day_list.focus()
        day_list.highlighted = day_list.get_option_index(str(post_id))
        await pilot.press("m")
        await settle(pilot)
        field = app.screen.query_one(Input)
        field.value = f"{due + timedelta(days=1):%Y-%m-%d} 14:30"
        await pilot.press("enter")
        await settle(pilot)
    with practice.store.session() as session:
        moved = get_post(session, post_id)
        assert moved.status == "in_review"
        assert moved.due_at.astimezone(practice.zone).strftime("%H:%M") == "14:30"


async def test_posts_too_close_on_one_account_show_the_mark(make_app) -> None:  # type: ignore[no-untyped-def]
    from socialtui.services.posts import PostChanges, create_post

    app = make_app()
    practice = app.practice
    base = (datetime.now(practice.zone) + timedelta(days=2)).replace(hour=17, minute=0, second=0, microsecond=0)
    with practice.store.session() as session:
        for minutes in (0, 20):
            create_post(session, PostChanges(text="Clinic news.", targets=["clinic-x"], due_at=base + timedelta(minutes=minutes)),
                        actor="Dana Reyes")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.grid.cursor = base.date()
        await settle(pilot)
        flagged = [e for e in app.screen.entries if e.too_close]
        assert len(flagged) == 2
        assert "≈ too close" in screen_text(app)


async def test_views_cycle_month_week_agenda(frozen_app) -> None:  # type: ignore[no-untyped-def]
    async with frozen_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "week view" in screen_text(frozen_app)
        await pilot.press("v")
        await settle(pilot)
        text = screen_text(frozen_app)
        assert "agenda view" in text and "Agenda for March 2030" in text and "#6" in text
