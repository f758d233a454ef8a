"""How a post will look on each target platform: the exact text sent, media, link and labels."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text
from textual.widgets import Static


def platform_preview(account: str, platform: str, text: str, *, link: str | None, media: Sequence[tuple[str, str]],
                     sponsor: str | None, stripped: dict[str, list[str]] | None = None) -> RenderableType:
    """One platform's card: what that account will publish.

    ``media`` is (path, media type); ``stripped`` maps a path to the metadata removed before upload.
    """
    from socialtui.adapters.base import compose_text

    body = Text(compose_text(text, link))
    parts: list[RenderableType] = []
    if sponsor:
        parts.append(Text(f"Paid partnership with {sponsor}", style="italic dim"))
    parts.append(body)
    for path, media_type in media:
        line = Text(f"[{media_type}] {Path(path).name}", style="cyan")
        removed = (stripped or {}).get(path)
        if removed:
            line.append(f"  — stripped before upload: {', '.join(removed)}", style="dim")
        parts.append(line)
    return Panel(Group(*parts), title=f"{account} · {platform}", title_align="left", border_style="blue")


class PostPreview(Static):
    """One card per target account, as it will be published."""

    def show(self, cards: Sequence[RenderableType]) -> None:
        self.update(Group(*cards) if cards else Text("Tick an account under Details to preview it.", style="dim"))
