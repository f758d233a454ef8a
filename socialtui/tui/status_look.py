"""How each post status looks on screen: the calendar's symbols plus a colour, and the legend."""

from __future__ import annotations

from rich.text import Text

from socialtui.lifecycle import SYMBOLS

COLOURS = {
    "draft": "grey62", "in_review": "yellow", "approved": "cyan", "scheduled": "bright_blue",
    "publishing": "magenta", "published": "green", "rejected": "red", "held": "dark_orange",
    "failed": "bold red", "needs_attention": "bold magenta", "missed": "orange3", "cancelled": "grey42",
}


def status_badge(status: str, *, label: bool = False) -> Text:
    """The status's symbol (and name when ``label``) in its colour."""
    body = SYMBOLS.get(status, "?") + (f" {status.replace('_', ' ')}" if label else "")
    return Text(body, style=COLOURS.get(status, ""))


def legend() -> Text:
    """Every status symbol with its name, for the calendar's legend line."""
    text = Text()
    for status in SYMBOLS:
        text.append_text(status_badge(status, label=True))
        text.append("  ")
    return text
