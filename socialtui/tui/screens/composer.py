"""The composer: base text and per-platform variants, live counters and findings, safeguards, preview."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets.text_area import Selection
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TabbedContent, TabPane, TextArea

from socialtui.adapters.registry import platform_names
from socialtui.errors import ChecksBlockedError, SocialTuiError
from socialtui.lifecycle import EDITABLE, PostStatus
from socialtui.practice_time import INPUT_FORMAT
from socialtui.tui import drafts, queries
from socialtui.tui.base import PracticeScreen
from socialtui.tui.dialogs import ChooseManyDialog, ConfirmDialog
from socialtui.tui.screens.composer_form import ComposerForm
from socialtui.tui.screens.media_picker import MediaPicker
from socialtui.tui.widgets.findings_panel import FindingsPanel
from socialtui.tui.widgets.platform_counters import PlatformCounters
from socialtui.tui.widgets.post_details import PostDetails
from socialtui.tui.widgets.post_preview import PostPreview, platform_preview

CHECK_DELAY = 0.4
AUTOSAVE_SECONDS = 3.0


def location_of(text: str, offset: int) -> tuple[int, int]:
    """(row, column) of a character offset, as TextArea counts them."""
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


class ComposerScreen(PracticeScreen):
    """Write or edit one post; checks run as you type, in a worker, after a short pause."""

    TITLE = "Composer"
    CSS_PATH = "composer.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save draft"), Binding("ctrl+r", "submit", "Submit"),
        Binding("ctrl+o", "pick_consents", "Consent"), Binding("ctrl+t", "attach_media", "Media"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, post_id: int | None, *, due: datetime | None = None) -> None:
        super().__init__()
        self.post_id = post_id
        self.version: int | None = None
        self.status = PostStatus.DRAFT.value
        self.loaded_due: str | None = None
        self.platforms: dict[str, str] = {}
        self.limits: dict[str, tuple[int, str]] = {}
        self.form = ComposerForm(due=f"{due:{INPUT_FORMAT}}" if due else "")
        self.dirty = self.loaded = False
        self._check_timer: Timer | None = None

    @property
    def draft_file(self) -> Path:
        return drafts.draft_path(drafts.drafts_folder(self.app.drafts_dir), self.post_id)  # type: ignore[attr-defined]

    def compose_body(self) -> Iterable[Widget]:
        yield Label("New post", id="post-status")
        with Horizontal(id="composer-panes"):
            with TabbedContent(id="composer-tabs"):
                with TabPane("Text", id="tab-base"):
                    yield TextArea(id="text-base", soft_wrap=True, show_line_numbers=False)
                for platform in platform_names():
                    with TabPane(platform, id=f"tab-{platform}"):
                        yield Static(f"Override for {platform}; leave empty to send the base text.", classes="hint")
                        yield TextArea(id=f"text-{platform}", soft_wrap=True)
                with TabPane("Details", id="tab-details"):
                    yield PostDetails()
                with TabPane("Preview", id="tab-preview"), VerticalScroll():
                    yield PostPreview(id="preview")
            with Vertical(id="composer-side"):
                yield PlatformCounters(id="counters")
                yield FindingsPanel(id="findings")

    def on_mount(self) -> None:
        self.call_service("composer-load", self._load, self._loaded)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    def _load(self, practice: Any) -> tuple[Any, dict[str, str], dict[str, tuple[int, str]], dict[str, Any] | None]:
        post = queries.load_post(practice, self.post_id, with_findings=False) if self.post_id else None
        platforms = queries.account_platforms(practice)
        return post, platforms, queries.platform_limits(sorted(set(platforms.values()))), drafts.load_draft(self.draft_file)

    def _loaded(self, result: tuple[Any, dict[str, str], dict[str, tuple[int, str]], dict[str, Any] | None]) -> None:
        post, self.platforms, self.limits, saved = result
        if post is not None:
            self.version, self.status = post.version, post.status
            self.loaded_due = f"{post.due:{INPUT_FORMAT}}" if post.due else None
            self.form = ComposerForm.from_post(post)
        tabs = self.query_one(TabbedContent)
        for platform in set(platform_names()) - set(self.platforms.values()):
            tabs.hide_tab(f"tab-{platform}")
        self._fill(self.form)
        self.loaded = True
        self._show_status(post)
        if saved and saved != self.form.to_draft():
            self.app.push_screen(ConfirmDialog("Restore unsaved work?", "Text typed here was not saved to the practice "
                                               "(the app closed or crashed). Restore it?", yes="Restore"),
                                 lambda yes: self._restore(saved, yes))
        self.query_one("#text-base", TextArea).focus()

    def _restore(self, saved: dict[str, Any], restore: bool | None) -> None:
        if not restore:
            path = self.draft_file
            self.run_worker(lambda: drafts.discard_draft(path), thread=True)
            return
        self._fill(ComposerForm.from_draft(saved))
        self.dirty = True

    def _show_status(self, post: Any) -> None:
        label = Text("New post" if post is None else f"Post #{post.id} · by {post.author} · ")
        if post is not None:
            label.append(post.status.replace("_", " "), style="bold")
            if post.status_reason:
                label.append(f" — {post.status_reason}", style="italic")
        if PostStatus(self.status) not in EDITABLE and post is not None:
            label.append("  (read only: it can no longer be edited)", style="bold red")
        self.query_one("#post-status", Label).update(label)

    def _fill(self, form: ComposerForm) -> None:
        with self.prevent(TextArea.Changed):
            self.query_one("#text-base", TextArea).text = form.text
            for platform in platform_names():
                self.query_one(f"#text-{platform}", TextArea).text = form.variants.get(platform, "")
        self.query_one(PostDetails).fill(form, self.platforms)
        self.form = form
        self.form_changed(dirty=False)

    def read_form(self) -> ComposerForm:
        """The form as it is on screen now."""
        texts = ComposerForm(text=self.query_one("#text-base", TextArea).text,
                             variants={p: self.query_one(f"#text-{p}", TextArea).text for p in platform_names()},
                             consent_ids=self.form.consent_ids, media=self.form.media)
        return self.query_one(PostDetails).read(texts)

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        if not self.loaded:
            return  # widgets settling before the post arrived are not edits
        self.form = self.read_form()
        self.form_changed(dirty=True)

    def form_changed(self, *, dirty: bool) -> None:
        """Update counters now; run the checks once typing pauses."""
        self.dirty = self.dirty or dirty
        from socialtui.adapters.base import compose_text

        platforms = {self.platforms[t] for t in self.form.targets if t in self.platforms}
        self.query_one(PlatformCounters).show(
            {p: compose_text(self.form.text_for(p), self.form.link or None) for p in platforms}, self.limits)
        self.query_one(PostDetails).show_safeguards(self.form)
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)

    def run_checks(self) -> None:
        form = self.form
        changes = form.changes(self.practice.zone, platforms=self.platforms, lenient=True)
        self.call_service("composer-checks", lambda practice: queries.check_unsaved(practice, changes, post_id=self.post_id),
                          self._show_findings)
        self.call_service("composer-preview", lambda _: self._preview_data(form), self._show_preview)

    def _show_findings(self, findings: tuple[queries.FindingView, ...]) -> None:
        self.query_one(FindingsPanel).show(findings)

    def _preview_data(self, form: ComposerForm) -> dict[str, list[str]]:
        from socialtui.checks.media import describe_metadata

        stripped = {}
        for path in form.media:
            try:
                stripped[path] = describe_metadata(path)
            except SocialTuiError:
                stripped[path] = ["(unreadable)"]
        return stripped

    def _show_preview(self, stripped: dict[str, list[str]]) -> None:
        media = list(zip(self.form.media, self.form.media_types()))
        self.query_one(PostPreview).show([
            platform_preview(t, self.platforms[t], self.form.text_for(self.platforms[t]), link=self.form.link or None,
                             media=media, sponsor=self.form.sponsor or None, stripped=stripped)
            for t in self.form.targets if t in self.platforms])

    @on(FindingsPanel.Chosen)
    def _select_span(self, event: FindingsPanel.Chosen) -> None:
        finding = event.finding
        if finding.end <= finding.start:
            return
        platform = finding.variant if finding.variant in platform_names() else None
        self.query_one(TabbedContent).active = f"tab-{platform}" if platform else "tab-base"
        area = self.query_one(f"#text-{platform}" if platform else "#text-base", TextArea)
        end = min(finding.end, len(area.text))
        area.selection = Selection(location_of(area.text, min(finding.start, end)), location_of(area.text, end))

    # -- consent and media -----------------------------------------------------------------------
    def action_pick_consents(self) -> None:
        targets = sorted({self.platforms[t] for t in self.form.targets if t in self.platforms})
        media = sorted(set(self.form.media_types()))
        day = self.form.due_day(self.practice.zone) or self.app.today  # type: ignore[attr-defined]
        self.call_service("composer-consents", lambda p: queries.consent_choices(p, targets, media, day),
                          lambda rows: self._choose_consents(rows, targets, media, day))

    def _choose_consents(self, rows: list[queries.ConsentRow], targets: list[str], media: list[str], day: Any) -> None:
        items = [(str(r.id), f"#{r.id} {r.subject_ref} · {', '.join(r.platforms)} · {', '.join(r.media_types)} · "
                  f"until {r.expires_on or 'no end'}", r.id in self.form.consent_ids) for r in rows]
        body = f"Consents in force on {day} covering {', '.join(targets) or 'no platform yet'}" + (f" and {', '.join(media)}" if media else "")
        self.app.push_screen(ChooseManyDialog("Attach consent", items, body + ("" if items else "\nNone match.")),
                             self._consents_chosen)

    def _consents_chosen(self, chosen: list[str] | None) -> None:
        if chosen is not None:
            self.form.consent_ids = [int(c) for c in chosen]
            self.form_changed(dirty=True)

    def action_attach_media(self) -> None:
        self.app.push_screen(MediaPicker(), self._media_chosen)

    def _media_chosen(self, path: str | None) -> None:
        if path:
            self.form.media = [*self.form.media, path] if path not in self.form.media else self.form.media
            self.form_changed(dirty=True)

    # -- saving --------------------------------------------------------------------------------
    def autosave(self) -> None:
        if self.dirty:
            data, path = self.form.to_draft(), self.draft_file
            self.run_worker(lambda: drafts.save_draft(path, data), thread=True, group="composer-autosave", exclusive=True)

    def _save(self, practice: Any) -> Any:
        from socialtui.services.posts import create_post, edit_post

        changes = self.form.changes(practice.zone, platforms=self.platforms, unchanged_due=self.loaded_due)
        with practice.store.session() as session:
            if self.post_id is None:
                post = create_post(session, changes, actor=practice.actor)
            else:
                post = edit_post(session, self.post_id, changes, actor=practice.actor, expected_version=self.version)
            session.flush()
            return post.id, post.version, post.status

    def action_save(self, then_submit: bool = False) -> None:
        if PostStatus(self.status) not in EDITABLE:
            self.notify(f"This post is {self.status} and can no longer be edited.", severity="warning")
            return
        self.form = self.read_form()
        self.call_service("composer-save", self._save, lambda saved: self._saved(saved, then_submit), exclusive=False)

    def _saved(self, saved: tuple[int, int, str], then_submit: bool) -> None:
        old_draft = self.draft_file
        self.post_id, self.version, self.status = saved
        self.loaded_due, self.dirty = self.form.due.strip() or None, False
        new_draft = self.draft_file

        def discard() -> None:
            drafts.discard_draft(old_draft)
            drafts.discard_draft(new_draft)

        self.run_worker(discard, thread=True, group="composer-autosave")
        self.query_one("#post-status", Label).update(f"Post #{self.post_id} · {self.status.replace('_', ' ')} · saved")
        if then_submit:
            self.call_service("composer-submit", self._submit, self._submitted, self._submit_failed, exclusive=False)
        else:
            self.notify(f"Post #{self.post_id} saved as {self.status.replace('_', ' ')}.")

    def action_submit(self) -> None:
        self.action_save(then_submit=True)

    def _submit(self, practice: Any) -> tuple[int, str]:
        from socialtui.services.review import submit

        with practice.store.session() as session:
            post = submit(session, self.post_id, practice.config, actor=practice.actor)  # type: ignore[arg-type]
            session.flush()
            return post.version, post.status

    def _submitted(self, result: tuple[int, str]) -> None:
        self.version, self.status = result
        self.notify(f"Post #{self.post_id} is now waiting for review by a second person.")
        self.dismiss(self.post_id)

    def _submit_failed(self, error: SocialTuiError) -> None:
        if isinstance(error, ChecksBlockedError):
            self.run_checks()

    def action_close(self) -> None:
        if self.dirty:
            self.autosave()
            self.notify("Unsaved changes are kept in a local draft; open the post again to restore them.")
        self.dismiss(self.post_id)

    def store_changed(self, *, active: bool) -> None:
        if self.post_id is not None and active:
            self.call_service("composer-watch", lambda p: queries.load_post(p, self.post_id, with_findings=False).version,  # type: ignore[arg-type]
                              self._watch_version)

    def _watch_version(self, version: int) -> None:
        if self.version is not None and version != self.version:
            self.notify(f"Post #{self.post_id} was changed elsewhere (now v{version}). Saving will report a conflict; "
                        "your text is kept.", severity="warning", timeout=8)
