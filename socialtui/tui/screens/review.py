"""The review queue: the approver sees exactly what will be sent, then approves or rejects."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from socialtui.practice_time import INPUT_FORMAT
from socialtui.tui import queries
from socialtui.tui.base import PracticeScreen
from socialtui.tui.dialogs import AcknowledgeDialog, ConfirmDialog, PromptDialog, needs_text
from socialtui.tui.screens.calendar import entry_option
from socialtui.tui.widgets.findings_panel import FindingsPanel
from socialtui.tui.widgets.post_preview import platform_preview


def post_summary(post: queries.PostView, actor: str | None) -> RenderableType:
    """Everything bound by an approval: every variant as sent, media, safeguards, time."""
    facts = Text()
    facts.append(f"Post #{post.id} · {post.kind.replace('_', ' ')} · by {post.author}\n", style="bold")
    facts.append(f"Due: {post.due:{INPUT_FORMAT} %Z}\n" if post.due else "Due: not set\n")
    facts.append(f"Citations: {', '.join(post.citations) or 'none'}\n")
    facts.append(f"Consents: {', '.join(f'#{cid} {ref}' for cid, ref in post.consents) or 'none'}\n")
    facts.append(f"Sponsor: {post.sponsor or 'none'} · Affiliations: {', '.join(post.affiliations) or 'none'}\n")
    facts.append(f"Media: {', '.join(Path(p).name + ' (' + t + ')' for p, t, _ in post.media) or 'none'}")
    if post.shows_patient:
        facts.append(" · shows a patient", style="bold")
    if actor == post.author:
        facts.append(f"\nYou wrote this post, so you cannot approve it: a second trained approver must.", style="bold red")
    cards = [platform_preview(t.account, t.platform, post.variants.get(t.platform, post.text), link=post.link,
                              media=[(p, m) for p, m, _ in post.media], sponsor=post.sponsor) for t in post.targets]
    return Group(facts, *cards)


def overrides_summary(post: queries.PostView) -> Text:
    """The warnings the author chose to accept, each with who accepted it and why: the approver confirms each."""
    text = Text(f"Overrides ({len(post.overrides)}): the author accepted these warnings\n", style="bold")
    for code, reason, by in post.overrides:
        text.append(f"▲ {code}", style="bold yellow")
        text.append(f" overridden by {by}: ")
        text.append(f"{reason}\n", style="italic")
    text.append("Approving asks you to confirm each one.", style="dim")
    return text


OVERRIDE_REASON_CHARS = 10
"""The shortest override reason the review service accepts (checked here too, so the dialog can stay open)."""


def _approval_terms(post: queries.PostView) -> str:
    where = ", ".join(t.account for t in post.targets) or "no account"
    when = f"{post.due:{INPUT_FORMAT} %Z}" if post.due else "no time set yet"
    return (f"You approve exactly the text, media and targets shown, to go to {where} at {when}. "
            "Any later change sends it back to review.")


class ReviewScreen(PracticeScreen):
    """Posts waiting for a second person; a to approve, r to reject with a reason, o to override a warning.

    Approving and rejecting always ask first, with Cancel focused; the author's overrides are
    listed apart from the findings and each must be acknowledged to approve.
    """

    TITLE = "Review queue"
    CSS_PATH = "review.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [Binding("a", "approve", "Approve"), Binding("r", "reject", "Reject"),
                Binding("o", "override", "Override warning")]

    def __init__(self) -> None:
        super().__init__()
        self.post: queries.PostView | None = None

    def compose_body(self) -> Iterable[Widget]:
        with Horizontal(id="review-panes"):
            with Vertical(id="queue-pane"):
                yield Label("Waiting for review", classes="pane-title")
                yield OptionList(id="queue")
            with VerticalScroll(id="review-detail"):
                yield Static("Choose a post in the queue.", id="review-post")
                yield Static("", id="review-overrides")
                yield FindingsPanel(id="review-findings")

    def refresh_data(self) -> None:
        self.call_service("review-queue", queries.review_queue, self._show_queue)

    def _show_queue(self, entries: list[queries.CalendarEntry]) -> None:
        queue = self.query_one("#queue", OptionList)
        keep = queue.highlighted_option.id if queue.highlighted_option else None
        queue.set_options([entry_option(e, with_day=True) for e in entries]
                          or [Option(Text("Nothing waits for review.", style="dim"), disabled=True)])
        ids = [str(e.post_id) for e in entries]
        if ids:
            queue.highlighted = ids.index(keep) if keep in ids else 0
            self.load_post(int(ids[queue.highlighted or 0]))
        else:
            self.post = None
            self.query_one("#review-post", Static).update("Nothing waits for review.")
            self.query_one("#review-overrides", Static).display = False
            self.query_one(FindingsPanel).show([])

    @on(OptionList.OptionHighlighted, "#queue")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and (self.post is None or self.post.id != int(event.option.id)):
            self.load_post(int(event.option.id))

    def load_post(self, post_id: int) -> None:
        self.call_service("review-post", lambda p: queries.load_post(p, post_id), self._show_post)

    def _show_post(self, post: queries.PostView) -> None:
        self.post = post
        self.query_one("#review-post", Static).update(post_summary(post, self.app.actor_name))  # type: ignore[attr-defined]
        overrides = self.query_one("#review-overrides", Static)
        overrides.update(overrides_summary(post) if post.overrides else "")
        overrides.display = bool(post.overrides)
        self.query_one(FindingsPanel).show(post.findings)

    def _act(self, verb: str, work: Any) -> None:
        post = self.post
        if post is None:
            self.notify("Choose a post in the queue first.", severity="warning")
            return
        # On a refusal, reload: the post may have changed under the approver (a new override, an edit).
        self.call_service(f"review-{verb}", lambda p: work(p, post.id),
                          self.changed(lambda status: f"Post #{post.id} {verb}: now {status.replace('_', ' ')}."),
                          lambda _error: self.refresh_data(), exclusive=False)

    def action_approve(self) -> None:
        post = self.post
        if post is None:
            self.notify("Choose a post in the queue first.", severity="warning")
            return
        if post.overrides:
            reasons = "\n".join(f"▲ {code}, overridden by {by}: {reason}" for code, reason, by in post.overrides)
            items = [(code, f"I have read why {by} accepted {code}, and accept it") for code, _, by in post.overrides]
            self.app.push_screen(AcknowledgeDialog(
                f"Approve post #{post.id} with {len(post.overrides)} override(s)?", items,
                "The author accepted these warnings instead of fixing them:\n" + reasons
                + "\nTick each one; your acknowledgement is recorded with the approval.", yes="Approve"), self._approve)
        else:
            self.app.push_screen(ConfirmDialog(f"Approve post #{post.id}?", _approval_terms(post), yes="Approve"),
                                 lambda yes: self._approve([] if yes else None))

    def _approve(self, acknowledged: list[str] | None) -> None:
        from socialtui.services.review import approve

        if acknowledged is None:
            return

        def run(practice: Any, post_id: int) -> str:
            with practice.store.session() as session:
                return approve(session, post_id, practice.config, actor=practice.actor, acknowledged=acknowledged).status

        self._act("approved", run)

    def action_reject(self) -> None:
        post = self.post
        if post is None:
            return
        self.app.push_screen(PromptDialog(f"Reject post #{post.id}: what should change?",
                                          validate=needs_text(1, "Say what should change: the author reads this."),
                                          help_text="The author sees this reason."),
                             lambda reason: self._confirm_reject(post.id, reason))

    def _confirm_reject(self, post_id: int, reason: str | None) -> None:
        if reason:
            self.app.push_screen(ConfirmDialog(f"Reject post #{post_id}?", f"Reason: {reason}", yes="Reject"),
                                 lambda yes: self._reject(reason) if yes else None)

    def _reject(self, reason: str) -> None:
        from socialtui.services.review import reject

        def run(practice: Any, post_id: int) -> str:
            with practice.store.session() as session:
                return reject(session, post_id, reason, actor=practice.actor).status

        self._act("rejected", run)

    def action_override(self) -> None:
        panel = self.query_one(FindingsPanel)
        option = panel.query_one(OptionList).highlighted_option
        finding = panel.findings[int(option.id)] if option is not None and option.id else None
        if finding is None or finding.severity != "warning":
            self.notify("Highlight a warning in the findings first; errors cannot be overridden.", severity="warning")
            return
        self.app.push_screen(PromptDialog(f"Accept {finding.code}: why is this acceptable?",
                                          validate=needs_text(OVERRIDE_REASON_CHARS, "Write at least a sentence: the "
                                                              "approver must confirm your reason."),
                                          help_text="Written to the audit log with your name; the approver confirms it."),
                             lambda reason: self._override(finding.code, reason))

    def _override(self, code: str, reason: str | None) -> None:
        from socialtui.services.review import override

        if reason:
            def run(practice: Any, post_id: int) -> str:
                with practice.store.session() as session:
                    override(session, post_id, code, reason, practice.config, actor=practice.actor)
                    return "in review with an override"

            self._act(f"override {code}", run)
