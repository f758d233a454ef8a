"""Create .venv with pip, even where the system Python has no ensurepip (Debian without python3-venv).

Tries the standard ``python -m venv``; if pip could not be installed that way,
creates the environment without pip and installs pip's wheel from PyPI.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path

PYPI = "https://pypi.org/pypi/pip/json"


def main(target: str = ".venv") -> int:
    env = Path(target)
    python = env / "bin" / "python"
    try:
        venv.EnvBuilder(with_pip=True, clear=False).create(env)
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"venv with pip failed ({exc}); installing pip from PyPI instead", file=sys.stderr)
        venv.EnvBuilder(with_pip=False, clear=True).create(env)
    if subprocess.call([python, "-m", "pip", "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
        return 0
    with urllib.request.urlopen(PYPI, timeout=60) as response:
        release = json.load(response)
    wheel = next(u for u in release["urls"] if u["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        urllib.request.urlretrieve(wheel["url"], path)
        return subprocess.call([python, f"{path}/pip", "install", "--no-index", "--quiet", str(path)])


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
