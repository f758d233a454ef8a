"""socialtui: a safe social-media content calendar for medical practices."""

__version__ = "0.1.0"
