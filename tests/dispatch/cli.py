"""Run the ``socialtui`` command as a separate process, as a person or the system service would."""

from __future__ import annotations

import os
import subprocess
import sys

from socialtui.context import Practice


def socialtui(practice: Practice, *args: str, input: str | None = None, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    """``socialtui --db ... --config ... ARGS``; a new session, so hidden prompts read stdin, not a terminal."""
    return subprocess.run([sys.executable, "-m", "socialtui", "--db", practice.store.url, "--config",
                           str(practice.config_path), *args], input=input, capture_output=True, text=True,
                          timeout=60, env=os.environ.copy() | (env or {}), start_new_session=True)
