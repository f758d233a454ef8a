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
from socialtui.tui.dialogs import PromptDialog
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
    for code, reason, by in post.overrides:
        facts.append(f"\nOverride {code} by {by}: {reason}", style="yellow")
    if actor == post.author:
        facts.append(f"\nYou wrote this post, so you cannot approve it: a second trained approver must.", style="bold red")
    cards = [platform_preview(t.account, t.platform, post.variants.get(t.platform, post.text), link=post.link,
                              media=[(p, m) for p, m, _ in post.media], sponsor=post.sponsor) for t in post.targets]
    return Group(facts, *cards)


class ReviewScreen(PracticeScreen):
    """Posts waiting for a second person; a to approve, r to reject with a reason, o to override a warning."""

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
        self.query_one(FindingsPanel).show(post.findings)

    def _act(self, verb: str, work: Any) -> None:
        post = self.post
        if post is None:
            self.notify("Choose a post in the queue first.", severity="warning")
            return
        self.call_service(f"review-{verb}", lambda p: work(p, post.id),
                          self.changed(lambda status: f"Post #{post.id} {verb}: now {status.replace('_', ' ')}."), exclusive=False)

    def action_approve(self) -> None:
        from socialtui.services.review import approve

        def run(practice: Any, post_id: int) -> str:
            with practice.store.session() as session:
                return approve(session, post_id, practice.config, actor=practice.actor).status

        self._act("approved", run)

    def action_reject(self) -> None:
        if self.post is not None:
            self.app.push_screen(PromptDialog(f"Reject post #{self.post.id}: what should change?"), self._reject)

    def _reject(self, reason: str | None) -> None:
        from socialtui.services.review import reject

        if reason:
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
                                          help_text="Written to the audit log with your name."),
                             lambda reason: self._override(finding.code, reason))

    def _override(self, code: str, reason: str | None) -> None:
        from socialtui.services.review import override

        if reason:
            def run(practice: Any, post_id: int) -> str:
                with practice.store.session() as session:
                    override(session, post_id, code, reason, practice.config, actor=practice.actor)
                    return "in review with an override"

            self._act(f"override {code}", run)
