"""Review decisions and the dry-run outbox."""

from __future__ import annotations

from textual.widgets import Input, OptionList
from socialtui.tui.dialogs import ConfirmDialog
from tui_helpers import screen_text, settle


async def test_rejecting_needs_a_reason_and_the_author_sees_it(make_app) -> None:  # type: ignore[no-untyped-def]
    from socialtui.services.posts import get_post

    app = make_app()
    app.practice.as_staff = "Dr. Priya Shah"
    app.actor_name = "Dr. Priya Shah"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        review = app.screen
        post_id = review.post.id
        await pilot.press("r")
        await settle(pilot)
        app.screen.query_one(Input).value = "Please add when the class starts and how to book."
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # asked first
        await pilot.click("#yes")
        await settle(pilot)
    with app.practice.store.session() as session:
        post = get_post(session, post_id)
        assert post.status == "rejected" and post.status_reason == "Please add when the class starts and how to book."


async def test_the_outbox_shows_the_exact_request_a_dry_run_recorded(make_app) -> None:  # type: ignore[no-untyped-def]
    from socialtui.store.models import OutboxEntry

    app = make_app()
    with app.practice.store.session() as session:
        session.add(OutboxEntry(post_id=6, account_name="clinic-x", platform="x",
                                request={"endpoint": "POST /2/tweets", "json": {"text": "Washing your hands"}}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert "Dry-run outbox: 1 recorded request" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        text = screen_text(app)
        assert "POST /2/tweets" in text and "Washing your hands" in text
