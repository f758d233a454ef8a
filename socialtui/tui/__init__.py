"""The terminal app (the only package that imports Textual): ``create_app`` and ``run_app``."""

from socialtui.tui.app import SocialTuiApp, create_app, run_app

__all__ = ["SocialTuiApp", "create_app", "run_app"]
