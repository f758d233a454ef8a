"""The composer's safety net: what is typed is saved to a local file every few seconds.

A draft file lives under the user data directory (``drafts/``), one per post
(``post-12.json``, or ``new.json`` for an unsaved post), and is removed once the
post is saved to the store. After a crash the composer offers to restore it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import platformdirs


def drafts_folder(base: Path | None = None) -> Path:
    """Where drafts are kept (``base`` in tests)."""
    return base or Path(platformdirs.user_data_dir("socialtui")) / "drafts"


def draft_path(folder: Path, post_id: int | None) -> Path:
    """The draft file for ``post_id`` (None: a post not saved yet)."""
    return folder / ("new.json" if post_id is None else f"post-{post_id}.json")


def save_draft(path: Path, form: dict[str, Any]) -> None:
    """Write the form atomically, readable only by this user (it may hold patient text)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(form, sort_keys=True, default=str), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def load_draft(path: Path) -> dict[str, Any] | None:
    """The saved form, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def discard_draft(path: Path) -> None:
    """Remove the draft after the post reached the store."""
    path.unlink(missing_ok=True)
