"""The composer: live counters and findings, consent picker, local drafts."""

from __future__ import annotations

from textual.widgets import OptionList, SelectionList, Static, TextArea
from tui_helpers import screen_text, settle

from socialtui.tui.dialogs import ChooseManyDialog, ConfirmDialog
from socialtui.tui.screens.composer import ComposerScreen
from socialtui.tui.widgets.findings_panel import FindingsPanel

RISKY = "This miracle cure is guaranteed to work! Call 555-867-5309."


async def open_composer(app, pilot, post_id=None) -> ComposerScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.push_screen(ComposerScreen(post_id))
    await settle(pilot)
    return app.screen  # type: ignore[no-any-return]


async def write(pilot, composer: ComposerScreen, text: str) -> None:  # type: ignore[no-untyped-def]
    area = composer.query_one("#text-base", TextArea)
    area.select_all()
    area.replace(text, *area.selection)
    await pilot.pause(0.6)
    # Under load the debounce timer may fire late; make sure the checks ran on the final text.
    composer.run_checks()
    await settle(pilot)


async def test_choosing_a_finding_selects_its_span_and_shows_its_hint(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await open_composer(app, pilot)
        composer.query_one("#targets", SelectionList).select("clinic-x")
        await write(pilot, composer, RISKY)
        panel = composer.query_one(FindingsPanel)
        index, finding = next((i, f) for i, f in enumerate(panel.findings) if f.end > f.start and f.variant is None)
        panel.query_one(OptionList).highlighted = index
        await settle(pilot)
        assert composer.query_one("#text-base", TextArea).selected_text == RISKY[finding.start:finding.end]
        assert str(panel.query_one(".findings-hint", Static).render()) == (finding.hint or "No hint for this finding.")


async def test_counters_use_each_platforms_declared_limit(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await open_composer(app, pilot)
        composer.query_one("#targets", SelectionList).select("clinic-x")
        composer.query_one("#targets", SelectionList).select("clinic-facebook")
        await write(pilot, composer, "Book a visit. " * 25)
        text = screen_text(app)
        assert "x 350/280" in text and "facebook 350/63206" in text


async def test_consent_picker_offers_only_consents_in_force_for_the_platforms(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await open_composer(app, pilot)
        composer.query_one("#targets", SelectionList).select("clinic-facebook")
        await write(pilot, composer, "\"Everyone here made me feel at ease.\" Thank you!")
        await pilot.press("ctrl+o")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChooseManyDialog)
        offered = [str(o.prompt) for o in dialog.query_one(SelectionList).options]
        assert len(offered) == 1 and "C-2026-014" in offered[0]  # not the expired or the revoked one
        dialog.query_one(SelectionList).select_all()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert composer.form.consent_ids == [1]


async def test_typed_text_survives_a_crash_and_is_offered_back(make_app) -> None:  # type: ignore[no-untyped-def]
    typed = "Half-written post about the flu clinic; book a visit."
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await open_composer(app, pilot, post_id=6)
        await write(pilot, composer, typed)
        await pilot.pause(3.3)  # autosave
        await settle(pilot)
        assert composer.draft_file.exists()
    # the app went away without saving; open the post again
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await open_composer(again, pilot, post_id=6)
        assert isinstance(again.screen, ConfirmDialog)
        await pilot.click("#yes")
        await settle(pilot)
        assert again.screen.query_one("#text-base", TextArea).text == typed


async def test_saving_removes_the_local_draft(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await open_composer(app, pilot)
        composer.query_one("#targets", SelectionList).select("clinic-x")
        await write(pilot, composer, "Flu shots on weekday mornings. Book a visit online.")
        composer.autosave()
        await settle(pilot)
        assert composer.draft_file.exists()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert composer.post_id is not None and composer.status == "draft"
        assert not (composer.draft_file.parent / "new.json").exists() and not composer.draft_file.exists()


async def test_media_picker_names_the_metadata_that_will_be_stripped(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image
    from textual.widgets import DirectoryTree

    from socialtui.tui.screens.media_picker import MediaPicker

    folder = tmp_path / "photos"
    folder.mkdir()
    exif = Image.Exif()
    exif[0x013B] = "Dana Whitfield"  # Artist: the owner's name
    Image.new("RGB", (8, 8)).save(folder / "clinic.jpg", exif=exif.tobytes())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        chosen: list[str | None] = []
        app.push_screen(MediaPicker(folder), chosen.append)
        await settle(pilot)
        tree = app.screen.query_one(DirectoryTree)
        tree.focus()
        await pilot.press("down")  # the root, then the photo
        await settle(pilot)
        assert "Will be stripped before upload: owner name" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert chosen == [str(folder / "clinic.jpg")]
