"""A one-line caption that redraws without asking the screen for a new layout."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget


class Caption(Widget):
    """Fixed-height text; ``show`` repaints only this line (a Label update would re-lay out the screen)."""

    DEFAULT_CSS = "Caption { height: 1; width: 1fr; }"

    def __init__(self, text: str | Text = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text.from_markup(text) if isinstance(text, str) else text

    def show(self, text: str | Text) -> None:
        self._text = Text.from_markup(text) if isinstance(text, str) else text
        self.refresh()

    @property
    def text(self) -> str:
        return self._text.plain

    def render(self) -> RenderableType:
        return self._text
