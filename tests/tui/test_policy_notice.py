"""The practice bar names every switched-off check, and a policy change nobody reviewed, on every screen."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import screen_text, settle


async def test_a_check_switched_off_in_the_file_is_shown_until_an_admin_acknowledges_it(  # type: ignore[no-untyped-def]
        config_path: Path, db_url: str, tmp_path: Path) -> None:
    from socialtui.context import open_practice
    from socialtui.services.demo import seed_demo
    from socialtui.services.policy import acknowledge
    from socialtui.tui import create_app

    seeded = open_practice(config_path, db_url, as_staff="Lee Park")
    with seeded.store.session() as session:
        seed_demo(session, seeded.zone)
    seeded.close()
    config_path.write_text(config_path.read_text(encoding="utf-8")
                           + '\n[checks]\ndisabled = ["PRV001"]\ndisabled_reasons = { PRV001 = "Testing the notice." }\n',
                           encoding="utf-8")
    practice = open_practice(config_path, db_url, as_staff="Lee Park")  # an editor changed the file meanwhile
    app = create_app(practice, poll_seconds=0.2, drafts_dir=tmp_path / "drafts")
    try:
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            text = " ".join(screen_text(app).split())  # the bar wraps long notices
            assert "Check policy changed in the config file, not yet acknowledged by an admin" in text
            assert "PRV001 stays ON until an admin acknowledges the file switching it off" in text
            with practice.store.session() as session:
                acknowledge(session, actor="Lee Park")
            await pilot.pause(0.6)
            await settle(pilot)
            text = " ".join(screen_text(app).split())  # the bar wraps long notices
            assert "not yet acknowledged" not in text and "stays ON" not in text
            assert "CHECK PRV001 OFF (config file (edited outside socialtui), " in text and "Testing the notice." in text
    finally:
        practice.close()


async def test_an_author_cannot_switch_checks_off_from_the_settings_screen(make_app) -> None:  # type: ignore[no-untyped-def]
    import tomllib

    import tomli_w
    from textual.widgets import TextArea

    app = make_app()
    before = app.practice.config_path.read_text(encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        editor = app.screen.query_one("#config-text", TextArea)
        config = tomllib.loads(editor.text)
        config.setdefault("checks", {}).update(disabled=["PRV001"], disabled_reasons={"PRV001": "in a hurry"})
        editor.text = tomli_w.dumps(config)
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = " ".join(n.message for n in app._notifications)
        assert "Dana Reyes is an author; only an admin may change the check policy and settings" in shown, shown
    assert app.practice.config_path.read_text(encoding="utf-8") == before
