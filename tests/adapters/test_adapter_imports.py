"""Listing adapters and reading limits stay cheap: no platform SDK is imported."""

from __future__ import annotations

import json
import subprocess
import sys


def modules_after(code: str) -> set[str]:
    """The modules loaded after running ``code`` in a fresh interpreter."""
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


SDKS = {"tweepy", "facebook", "requests", "requests_oauthlib"}


def test_listing_adapter_names_imports_no_adapter_module() -> None:
    loaded = modules_after(
        "from socialtui.adapters.registry import adapter_names\n"
        "assert {'dryrun', 'facebook', 'x'} <= set(adapter_names()), adapter_names()"
    )
    assert not {m for m in loaded if m.startswith("socialtui.adapters.") and m != "socialtui.adapters.registry"}
    assert not loaded & SDKS


def test_importing_an_adapter_and_its_limits_imports_no_sdk() -> None:
    loaded = modules_after(
        "import socialtui.adapters.x, socialtui.adapters.facebook, socialtui.adapters.dryrun\n"
        "from socialtui.adapters.registry import limits_for\n"
        "assert limits_for('x').max_length == 280"
    )
    assert "socialtui.adapters.x" in loaded
    assert not loaded & SDKS
