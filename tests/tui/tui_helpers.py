"""Helpers for the TUI tests: wait for workers, read the screen as text."""

from __future__ import annotations

import io

from rich.console import Console
from textual.worker import WorkerCancelled


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every worker has finished and its messages have been handled."""
    for _ in range(6):
        # DirectoryTree's "_loader" worker waits on a queue for as long as the tree lives
        finite = [w for w in pilot.app.workers if w.group != "_loader"]
        if finite:
            try:
                await pilot.app.workers.wait_for_complete(finite)
            except WorkerCancelled:
                continue  # an exclusive worker was replaced by a newer one (a debounce fired late): wait for that
        await pilot.pause()
    # DataTable and OptionList size themselves on idle, later when the machine is busy: wait
    # until two looks at the screen agree (at most about a second).
    previous = None
    for _ in range(20):
        await pilot.pause(0.05)
        current = screen_text(pilot.app)
        if current == previous:
            break
        previous = current


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """The screen as plain text, for assertions on what a person sees."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True,
                      color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def wait_until(pilot, predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``predicate()`` holds (polling and debounce timers are slower under load)."""
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the app did not get there in time")
        await pilot.pause(0.1)
        await settle(pilot)
