"""A ``socialtui serve`` subprocess, and waiting for things to happen."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


class ServeProcess:
    """``python -m socialtui serve`` as the system service runs it; stderr (JSON logs) goes to a file."""

    def __init__(self, db_url: str, config: Path, log: Path, *, fault: str = "", args: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> None:
        environment = os.environ.copy() | (env or {})
        environment.pop("SOCIALTUI_TEST_FAULT", None)
        if fault:
            environment["SOCIALTUI_TEST_FAULT"] = fault
        self.log = log
        self._stderr: IO[bytes] = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "socialtui", "--db", db_url, "--config", str(config), "serve", *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr, env=environment)

    @property
    def pid(self) -> int:
        return self.process.pid

    def terminate(self, timeout: float = 30) -> int:
        """SIGTERM, then the exit code."""
        self.process.send_signal(signal.SIGTERM)
        return self.wait(timeout)

    def kill(self) -> None:
        """kill -9: no chance to finish anything."""
        self.process.kill()
        self.wait(10)

    def wait(self, timeout: float = 30) -> int:
        try:
            return self.process.wait(timeout)
        finally:
            self._stderr.close()

    def stop_quietly(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._stderr.close()

    def events(self) -> list[dict[str, Any]]:
        """The JSON log lines written so far."""
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line.startswith("{")]

    def wait_for_event(self, event: str, timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for item in self.events():
                if item.get("event") == event:
                    return item
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited with {self.process.returncode}:\n{self.log.read_text()}")
            time.sleep(0.1)
        raise AssertionError(f"no {event!r} event within {timeout} s:\n{self.log.read_text()}")


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, every: float = 0.1) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()
