"""Dialogs keep their keys: nothing typed into one reaches the screen behind it."""

from __future__ import annotations

from textual.widgets import Input
from socialtui.tui.dialogs import ConfirmDialog, PromptDialog
from tui_helpers import screen_text, settle


def as_approver(app):  # type: ignore[no-untyped-def]
    app.practice.as_staff = "Dr. Priya Shah"
    app.actor_name = "Dr. Priya Shah"
    return app


def status_of(app, post_id: int) -> str:  # type: ignore[no-untyped-def]
    from socialtui.services.posts import get_post

    with app.practice.store.session() as session:
        return str(get_post(session, post_id).status)


async def test_keys_typed_after_an_empty_reject_reason_stay_in_the_dialog(make_app) -> None:  # type: ignore[no-untyped-def]
    app = as_approver(make_app())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        review = app.screen
        post_id = review.post.id
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")  # no reason yet
        await settle(pilot)
        assert "Say what should change" in screen_text(app)
        await pilot.press("a", "r")  # the person keeps typing their reason
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog) and app.screen.query_one(Input).value == "ar"
        await pilot.press("enter", "enter")  # the reason, then Enter on the confirmation
        await settle(pilot)
        assert app.screen is review
        assert status_of(app, post_id) == "in_review"


async def open_review(app, pilot):  # type: ignore[no-untyped-def]
    await pilot.press("2")
    await settle(pilot)
    return app.screen


async def test_approving_asks_first_and_enter_alone_declines(make_app) -> None:  # type: ignore[no-untyped-def]
    app = as_approver(make_app())
    async with app.run_test(size=(120, 40)) as pilot:
        review = await open_review(app, pilot)
        post_id = review.post.id
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and app.screen.focused.id == "no"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is review and status_of(app, post_id) == "in_review"
        await pilot.press("a")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert status_of(app, post_id) in ("approved", "scheduled")


SHOUTING = "FLU SHOTS ARE HERE THIS WEEK. BOOK YOUR VISIT AT THE FRONT DESK."
"""Text that raises the PRO002 (shouting) warning, which an author may override."""


def shout_in_post_seven(app) -> int:  # type: ignore[no-untyped-def]
    """Post 7 (Dana's, in review) now carries a warning; returns its id."""
    from socialtui.store.models import Post

    with app.practice.store.session() as session:
        session.get(Post, 7).text = SHOUTING
    return 7


def override_in_post_seven(app, *codes: str) -> int:  # type: ignore[no-untyped-def]
    """Post 7 with an override by its author for each of ``codes``."""
    from socialtui.store.models import Override, Post

    post_id = shout_in_post_seven(app)
    with app.practice.store.session() as session:
        post = session.get(Post, post_id)
        post.overrides.extend(Override(code=code, reason=f"Accepted {code}: it is our clinic's usual headline style.",
                                       by="Dana Reyes") for code in codes)
    return post_id


async def highlight_first_warning(review, pilot) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import OptionList

    from socialtui.tui.widgets.findings_panel import FindingsPanel

    panel = review.query_one(FindingsPanel)
    index = next(i for i, f in enumerate(panel.findings) if f.severity == "warning")
    panel.query_one(OptionList).highlighted = index
    await settle(pilot)


async def test_an_override_reason_shorter_than_a_sentence_keeps_the_dialog_open(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    shout_in_post_seven(app)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await open_review(app, pilot)
        assert review.post.id == 7
        await highlight_first_warning(review, pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press(*"fine", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog) and app.screen.query_one(Input).value == "fine"
        assert "at least a sentence" in screen_text(app)
        await pilot.press(*" by me: our usual headline style", "enter")
        await settle(pilot)
        assert app.screen is review
        assert review.post.overrides and review.post.overrides[0][0] == "PRO002"


async def test_overrides_are_listed_apart_from_the_findings(make_app) -> None:  # type: ignore[no-untyped-def]
    app = as_approver(make_app())
    override_in_post_seven(app, "PRO002")
    async with app.run_test(size=(120, 40)) as pilot:
        review = await open_review(app, pilot)
        section = str(review.query_one("#review-overrides").render())
        assert "Overrides (1)" in section and "PRO002 overridden by Dana Reyes" in section
        assert "usual headline style" in section


async def test_approving_a_post_with_overrides_needs_each_one_ticked(make_app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Button, SelectionList

    from socialtui.tui.dialogs import AcknowledgeDialog

    app = as_approver(make_app())
    post_id = override_in_post_seven(app, "PRO002", "ADV004")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AcknowledgeDialog)
        choices = dialog.query_one(SelectionList)
        choices.select("PRO002")
        await settle(pilot)
        assert dialog.query_one("#yes", Button).disabled  # one of two ticked
        await pilot.press("enter")  # Enter ticks in the list; it never approves
        await settle(pilot)
        assert status_of(app, post_id) == "in_review"
        choices.select_all()
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert status_of(app, post_id) in ("approved", "scheduled")


async def test_a_dialog_keeps_section_and_staff_keys_from_the_app(make_app) -> None:  # type: ignore[no-untyped-def]
    app = as_approver(make_app())
    async with app.run_test(size=(120, 40)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("1", "u", "question_mark", "r", "o", "y")
        await settle(pilot)
        assert app.screen is dialog and app.current_mode == "review"
        assert app.screen_stack[-2] is review


async def test_a_malformed_time_keeps_the_move_dialog_open(make_app) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select
    from textual.widgets import OptionList

    from socialtui.store.models import Post

    app = make_app()
    with app.practice.store.session() as session:
        post = session.scalars(select(Post).where(Post.status == "scheduled").order_by(Post.due_at)).first()
        post_id, due = post.id, post.due_at.astimezone(app.practice.zone)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.grid.cursor = due.date()
        await settle(pilot)
        day_list = app.screen.query_one("#day-posts", OptionList)
        day_list.focus()
        day_list.highlighted = day_list.get_option_index(str(post_id))
        await pilot.press("m")
        await settle(pilot)
        app.screen.query_one(Input).value = ""
        await pilot.press(*"next tuesday", "enter", "v")  # 'v' would switch the calendar's view if it leaked
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog) and app.screen.query_one(Input).value == "next tuesdayv"
        assert "is not a date and time" in screen_text(app)
    assert status_of(app, post_id) == "scheduled"


async def test_an_override_added_while_the_approver_reads_is_refused_and_shown(make_app) -> None:  # type: ignore[no-untyped-def]
    app = as_approver(make_app())
    post_id = shout_in_post_seven(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        review = await open_review(app, pilot)
        assert not review.post.overrides
        override_in_post_seven(app, "PRO002")  # the author, meanwhile, at another desk
        await pilot.press("a")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert status_of(app, post_id) == "in_review"
        text = screen_text(app)
        assert "overrides the approver must acknowledge" in text
        assert review.post.overrides and "Overrides (1)" in text
