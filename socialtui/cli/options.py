"""Option parsing shared by the commands: dates, local times, post ids."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

import click

from socialtui.practice_time import Fold, parse_date, parse_local


def local_time(practice: Any, text: str | None, fold: Fold | None = None) -> datetime | None:
    """``YYYY-MM-DD HH:MM`` in the practice zone as a UTC instant, or None."""
    return None if text is None else parse_local(text, practice.zone, fold=fold)


def optional_date(text: str | None) -> date | None:
    """``YYYY-MM-DD`` or None."""
    return None if text is None else parse_date(text)


fold_option = click.option(
    "--fold", type=click.Choice(["earlier", "later"]), default=None,
    help="For a time that happens twice when the clocks go back: the first or the second.",
)


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (an ESC sequence could rewrite the
    screen) and bidirectional overrides (which reorder what is shown) become visible ``\\uXXXX``;
    line breaks and tabs stay."""
    return "".join(c if c in "\n\t" or (unicodedata.category(c) != "Cc" and c not in _BIDI_CONTROLS)
                   else f"\\u{ord(c):04x}" for c in text)
