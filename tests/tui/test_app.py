"""What every screen shares: who is acting, DRY RUN, the palette, help, errors, and changes from elsewhere."""

from __future__ import annotations

from textual.widgets import OptionList
from tui_helpers import screen_text, settle, wait_until

from socialtui.tui.dialogs import PickDialog


async def test_unknown_staff_member_is_asked_who_they_are(config_path, db_url, tmp_path, demo_practice) -> None:  # type: ignore[no-untyped-def]
    from socialtui.context import open_practice
    from socialtui.tui import create_app

    practice = open_practice(config_path, db_url)  # nobody named, OS user not mapped
    app = create_app(practice, poll_seconds=0, drafts_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickDialog)
        choices = app.screen.query_one(OptionList)
        choices.highlighted = choices.get_option_index("Lee Park")
        await pilot.press("enter")
        await settle(pilot)
        assert app.actor_name == "Lee Park" and practice.actor == "Lee Park"
        assert "as Lee Park" in screen_text(app)
    practice.close()


async def test_dry_run_is_unmistakable_in_the_header(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    app.practice.dry_run = True
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "DRY RUN" in screen_text(app)
        await pilot.press("5")
        await settle(pilot)
        assert "DRY RUN" in screen_text(app)


async def test_command_palette_offers_the_main_actions(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"New post", "Open review queue", "Open consents", "Switch staff member", "Verify audit chain"} <= titles
        await pilot.press("ctrl+p")
        await pilot.press(*"verify audit")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert "The audit chain is intact" in screen_text(app)


async def test_help_lists_the_keys(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert "move the post to another time" in screen_text(app)


async def test_a_service_error_shows_its_message_and_hint(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#attention")
        held_row = next(i for i in range(table.row_count) if "held" in str(table.get_row_at(i)[1]))
        table.move_cursor(row=held_row)
        await pilot.press("r")  # held posts cannot be retried: they go back through review
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("only failed, missed or needs-attention posts can be retried" in m and "review" in m for m in messages)


async def test_changes_by_another_program_appear_without_restart(make_app) -> None:  # type: ignore[no-untyped-def]
    from socialtui.services.review import cancel

    app = make_app(poll_seconds=0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        entry = next(e for e in app.screen.entries if e.status == "draft")
        with app.practice.store.session() as session:
            cancel(session, entry.post_id, actor="Sam Ortiz", reason="not needed")
        await wait_until(pilot, lambda: next(e for e in app.screen.entries if e.post_id == entry.post_id).status == "cancelled")
