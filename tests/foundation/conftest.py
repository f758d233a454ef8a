"""Fixtures for the foundation tests: the CLI bound to this test's config and store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def cli(invoke: Callable[..., object], config_file: Path, store_url: str) -> Callable[..., object]:
    """``socialtui --config CONFIG --db URL [--as NAME] ARGS`` in process, through the real entry point."""

    def run(*args: str, as_: str | None = None) -> object:
        prefix = ["--config", str(config_file), "--db", store_url] + (["--as", as_] if as_ else [])
        return invoke(*prefix, *args)

    return run


@pytest.fixture
def cli_staffed(cli: Callable[..., object], staffed: object) -> Callable[..., object]:
    """``cli`` on a store that already holds the ``staffed`` roster."""
    return cli
