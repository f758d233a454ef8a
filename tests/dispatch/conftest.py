"""Fixtures for dispatch: a loopback webhook platform, a practice that publishes to it, a serve process.

``config_file`` (overriding the shared one) adds the webhook accounts ``hook``
and ``rehearsal`` (a dry-run account) on :class:`LoopbackPlatform`, and a quick
``[dispatch]`` section: poll every 0.5 s, 1 s HTTP timeout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .loopback import LoopbackPlatform
from .serving import ServeProcess

TIMEZONE = "America/New_York"


@pytest.fixture
def platform() -> Iterator[LoopbackPlatform]:
    """The webhook endpoint, counting every POST it receives."""
    server = LoopbackPlatform().start()
    try:
        yield server
    finally:
        server.stop()


def dispatch_config(url: str, *, poll_seconds: float = 0.5, extra: str = "") -> str:
    """Config text for a practice publishing to the webhook at ``url``."""
    return f"""\
[practice]
name = "Maple Family Medicine"
timezone = "{TIMEZONE}"

[identity]
mode = "trust"

[dispatch]
poll_seconds = {poll_seconds}
grace_minutes = 30
retry_base_seconds = 20
http_timeout_seconds = 1
{extra}
[[accounts]]
name = "hook"
platform = "webhook"
handle = "{url}"

[[accounts]]
name = "rehearsal"
platform = "webhook"
handle = "{url}"
dry_run = true

[[accounts]]
name = "clinic-x"
platform = "x"
handle = "MapleFamilyMed"
dry_run = true
"""


@pytest.fixture
def config_file(tmp_path: Path, platform: LoopbackPlatform) -> Path:
    """The practice's config: the webhook accounts on the loopback platform, quick polling."""
    path = tmp_path / "socialtui.toml"
    path.write_text(dispatch_config(platform.url), encoding="utf-8")
    return path


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., ServeProcess]]:
    """Start ``serve`` processes; any still running at the end are killed."""
    started: list[ServeProcess] = []

    def start(db_url: str, config: Path, **kwargs: Any) -> ServeProcess:
        process = ServeProcess(db_url, config, tmp_path / f"serve-{len(started)}.log", **kwargs)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop_quietly()
