"""Fixtures shared by the check tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from .harness import fake_limits_for


@pytest.fixture(autouse=True)
def platform_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Platform limits from a fixed table instead of the (separately developed) adapters."""
    import socialtui.adapters.registry as adapters

    monkeypatch.setattr(adapters, "limits_for", fake_limits_for)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Any attempt to open a connection fails the test; yields the attempted addresses."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise AssertionError(f"a check tried to reach the network: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))  # type: ignore[arg-type]
    yield attempts
