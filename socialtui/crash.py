"""Crash reports: where a bug's traceback goes instead of a person's screen.

A report holds the frames (file, line, function, source line) and the exception types
of the chain, never an exception's message or any variable's value: those may hold
patient text or a secret. Reports live in a folder only the user can open (0700),
each in its own file (0600) whose name stays unique even for several crashes in one
second, from one process or several.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

__all__ = ["crash_folder", "crash_text", "write_crash_report"]


def crash_folder() -> Path:
    """The user's log folder for socialtui (``$XDG_STATE_HOME/socialtui/log`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("socialtui"))


def crash_text(error: BaseException) -> str:
    """The report for ``error``: frames and exception types of the whole chain, oldest first, no values."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        chain.append(current)
        seen.add(id(current))
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    parts = []
    for exc in reversed(chain):
        frames = "".join(traceback.format_tb(exc.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}{type(exc).__module__}.{type(exc).__qualname__}\n")
    return "\nwhich led to:\n\n".join(parts)


def write_crash_report(error: BaseException | None = None, *, folder: Path | None = None) -> Path:
    """Save the report for ``error`` (default: the exception being handled) and return its path.

    Args:
        error: the exception; ``sys.exc_info()``'s when None.
        folder: where to write; :func:`crash_folder` when None.

    Returns:
        The new file's path.

    Raises:
        OSError: the folder cannot be created or written.
    """
    error = error if error is not None else sys.exc_info()[1]
    text = crash_text(error) if error is not None else "no exception\n"
    folder = folder or crash_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)  # an existing folder may have been created wider
    stem = f"crash-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
    for n in range(1, 1000):
        path = folder / (f"{stem}.txt" if n == 1 else f"{stem}-{n}.txt")
        try:  # O_EXCL: never overwrite an earlier report from the same second
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
        return path
    raise FileExistsError(f"Too many crash reports named {stem}-* in {folder}.")
