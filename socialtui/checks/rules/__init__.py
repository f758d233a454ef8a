"""The built-in rules, one module per family; importing this package registers them."""

from socialtui.checks.rules import (  # noqa: F401
    accuracy,
    advice,
    conduct,
    disclosure,
    engagement,
    patients,
    platform,
    privacy,
    readability,
    staff,
)
