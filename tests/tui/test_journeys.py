"""Whole journeys through the app, driven by keys as a person would."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

from textual.widgets import OptionList, SelectionList, TextArea
from tui_helpers import screen_text, settle

from socialtui.tui.screens.calendar import CalendarScreen
from socialtui.tui.screens.composer import ComposerScreen
from socialtui.tui.screens.review import ReviewScreen
from socialtui.tui.widgets.findings_panel import FindingsPanel

RISKY = "This miracle cure is guaranteed to work! Call 555-867-5309."
SAFE = "Flu shots are available at our office on weekday mornings. Book a visit online or call the front desk."


async def type_text(pilot, area: TextArea, text: str) -> None:  # type: ignore[no-untyped-def]
    area.focus()
    area.select_all()
    area.replace(text, *area.selection)
    await pilot.pause(0.6)  # the checks run once typing pauses
    pilot.app.screen.run_checks()  # ...and under load the debounce timer may fire late
    await settle(pilot)


def codes(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f.code: f.severity for f in app.screen.query_one(FindingsPanel).findings}


async def test_compose_fix_submit_approve_then_scheduled_on_calendar(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        composer = app.screen
        assert isinstance(composer, ComposerScreen)
        composer.query_one("#targets", SelectionList).select("clinic-facebook")
        await type_text(pilot, composer.query_one("#text-base", TextArea), RISKY)
        blocking = [c for c, s in codes(app).items() if s == "error"]
        assert blocking, "the risky text should raise at least one error"
        assert all(code in screen_text(app) for code in blocking)

        await type_text(pilot, composer.query_one("#text-base", TextArea), SAFE)
        assert "error" not in codes(app).values()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        post_id = composer.post_id
        assert post_id is not None

        await pilot.press("u")
        await settle(pilot)
        app.screen.dismiss("Dr. Priya Shah")
        await pilot.press("2")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        queue = review.query_one("#queue", OptionList)
        queue.highlighted = queue.get_option_index(str(post_id))
        await settle(pilot)
        assert review.post is not None and review.post.id == post_id
        await pilot.press("a")
        await settle(pilot)
        await pilot.click("#yes")  # approving asks first
        await settle(pilot)

        await pilot.press("1")
        await settle(pilot)
        calendar = app.screen
        due_day = (datetime.now(app.practice.zone) + timedelta(days=1)).date()
        calendar.grid.cursor = due_day
        await settle(pilot)
        entry = next(e for e in calendar.entries if e.post_id == post_id)
        assert entry.status == "scheduled"
        assert f"#{post_id}" in screen_text(app) and "scheduled" in screen_text(app)


async def test_author_is_told_why_they_cannot_approve_their_own_post(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        review = app.screen
        queue = review.query_one("#queue", OptionList)
        own = next(e for e in review_entries(app) if e.summary.endswith("Dana Reyes"))
        queue.highlighted = queue.get_option_index(str(own.post_id))
        await settle(pilot)
        assert "You wrote this post, so you cannot approve it" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert review.post is not None and review.post.status == "in_review"


def review_entries(app):  # type: ignore[no-untyped-def]
    from socialtui.tui.queries import review_queue

    return review_queue(app.practice)


async def test_revoked_consent_holds_the_post_and_activity_shows_it(make_app) -> None:  # type: ignore[no-untyped-def]
    from socialtui.services.consents import posts_using

    app = make_app()
    practice = app.practice
    with practice.store.session() as session:
        held_post = posts_using(session, 1)[0]
        held_id = held_post.id
    async with app.run_test(size=(120, 40)) as pilot:
        app.practice.sign_in("Lee Park")  # revoking a consent is an admin's job
        app.set_actor("Lee Park")
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("x")  # consent 1 is the newest-but-two; move to it
        await settle(pilot)
        app.screen.dismiss(False)
        await settle(pilot)
        table = app.screen.query_one("DataTable")
        table.move_cursor(row=table.get_row_index("1"))
        await pilot.press("x")
        await settle(pilot)
        assert f"#{held_id}" in screen_text(app)  # the confirmation lists the post it will hold
        assert app.screen.focused.id == "no"  # Enter alone keeps the consent
        await pilot.click("#yes")
        await settle(pilot)
        await pilot.press(*"patient withdrew consent by phone", "enter")
        await settle(pilot)
        assert "revoked" in screen_text(app)
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)
        assert f"{held_id} " in text and "held" in text and "consent 1 revoked" in text


async def test_a_failure_from_the_service_appears_in_activity(make_app) -> None:  # type: ignore[no-untyped-def]
    from socialtui.lifecycle import PostStatus, transition
    from socialtui.services.posts import get_post

    app = make_app(poll_seconds=0.2)
    practice = app.practice
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        with practice.store.session() as session:  # what `serve` does when a platform refuses a post
            scheduled = next(p for p in session.scalars(__import__("sqlalchemy").select(__import__("socialtui.store.models", fromlist=["Post"]).Post))
                             if p.status == "scheduled")
            post = get_post(session, scheduled.id)
            transition(session, post, PostStatus.PUBLISHING, actor="serve@test")
            transition(session, post, PostStatus.FAILED, actor="serve@test", reason="Facebook said: the Page was unpublished")
            for pub in post.publications:
                pub.status, pub.last_error = "failed", "Page unpublished"
            failed_id = post.id
        await pilot.pause(0.5)
        await settle(pilot)
        text = screen_text(app)
        assert f"{failed_id} " in text and "Facebook said: the Page was unpublished" in text


async def test_conflicting_edit_from_another_process_is_reported_and_nothing_is_lost(
        make_app, config_path, db_url) -> None:  # type: ignore[no-untyped-def]
    from socialtui.tui import drafts

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        draft_id = next(e for e in review_entries(app))  # any editable post works; take one in review
        post_id = draft_id.post_id
        from socialtui.tui.screens.composer import ComposerScreen as Composer

        app.push_screen(Composer(post_id))
        await settle(pilot)
        composer = app.screen
        mine = "Our diabetes class moves to Wednesday at 6 pm. Bring a friend. Book a visit online."
        await type_text(pilot, composer.query_one("#text-base", TextArea), mine)
        await pilot.pause(3.2)  # let the autosave run
        await settle(pilot)
        result = subprocess.run(
            [sys.executable, "-m", "socialtui", "--config", str(config_path), "--db", db_url, "--as", "Sam Ortiz",
             "post", "edit", str(post_id), "--text", "Changed at the front desk."],
            capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        await pilot.press("ctrl+s")
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert any("was changed by Sam Ortiz" in n for n in notes), notes
        assert composer.query_one("#text-base", TextArea).text == mine
        saved = drafts.load_draft(composer.draft_file)
        assert saved is not None and saved["text"] == mine
