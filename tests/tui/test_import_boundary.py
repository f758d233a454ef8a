"""Only socialtui.tui imports Textual: the CLI, services, checks, adapters and store run without it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import socialtui.services

HEADLESS = ["socialtui.cli", "socialtui.crash", "socialtui.checks", "socialtui.adapters.registry", "socialtui.store",
            "socialtui.store.models", "socialtui.store.database",
            *(f"socialtui.services.{m.name}" for m in pkgutil.iter_modules(socialtui.services.__path__))]


def test_headless_packages_never_import_textual() -> None:
    code = ("import importlib, sys\n"
            f"for name in {HEADLESS!r}:\n"
            "    importlib.import_module(name)\n"
            "from socialtui.checks import run_checks, CheckSubject\n"
            "run_checks(CheckSubject(text='Book a visit.'))\n"
            "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"textual was imported: {result.stdout}"


def test_the_app_is_reached_only_through_the_tui_package() -> None:
    result = subprocess.run([sys.executable, "-c", "import socialtui.tui, sys; print('textual' in sys.modules)"],
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True"  # proves the probe above would notice an import
