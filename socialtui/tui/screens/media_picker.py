"""Choose a photo or video to attach, seeing which identifying metadata will be stripped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label, Static

from socialtui.errors import SocialTuiError
from socialtui.tui.base import ReportsBugs

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".tif", ".tiff")


class MediaPicker(ReportsBugs, ModalScreen[str | None]):
    """A file tree (or a typed path); the highlighted image's metadata is described beside it."""

    CSS_PATH = "media_picker.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    @dataclass
    class Described(Message):
        """What metadata the highlighted image carries."""

        text: str

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start or Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(id="media-box"):
            yield Label("Attach media — Enter on a file, or type a path", classes="dialog-title")
            yield Input(placeholder="/path/to/photo.jpg", id="media-path")
            yield DirectoryTree(self.start, id="media-tree")
            yield Static("", id="media-metadata")

    @on(DirectoryTree.FileSelected)
    def _chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(str(event.path))

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(str(Path(event.value.strip()).expanduser()))

    @on(DirectoryTree.NodeHighlighted)
    def _highlighted(self, event: DirectoryTree.NodeHighlighted) -> None:  # type: ignore[type-arg]
        data = event.node.data
        path = getattr(data, "path", None)
        if path is not None and str(path).lower().endswith(IMAGE_SUFFIXES):
            self.describe(Path(path))
        else:
            self.query_one("#media-metadata", Static).update("")

    @work(thread=True, exclusive=True, group="media-metadata")
    def describe(self, path: Path) -> None:
        from socialtui.checks.media import describe_metadata

        try:
            kinds = describe_metadata(path)
            text = ("Will be stripped before upload: " + ", ".join(kinds)) if kinds else "No identifying metadata found."
        except SocialTuiError as exc:
            text = exc.message
        self.post_message(self.Described(text))

    @on(Described)
    def _described(self, message: Described) -> None:
        self.query_one("#media-metadata", Static).update(message.text)
