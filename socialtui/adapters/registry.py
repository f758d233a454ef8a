"""Find adapters through the ``socialtui.adapters`` entry-point group.

Built-in adapters are registered in ``pyproject.toml`` exactly as a third
party's would be. Listing names reads package metadata only and imports no
adapter module; loading one imports just that module.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

from socialtui.errors import ValidationError

if TYPE_CHECKING:
    from socialtui.adapters.limits import PlatformLimits

GROUP = "socialtui.adapters"


def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def adapter_names() -> list[str]:
    """Names of every installed adapter, sorted; imports none of them."""
    return sorted(_entry_points())


def platform_names() -> list[str]:
    """Names of real platforms (every adapter but the dry run)."""
    return [name for name in adapter_names() if name != "dryrun"]


@cache
def load_adapter_class(name: str) -> Any:
    """Import and return the adapter class registered as ``name``.

    Raises:
        ValidationError: no adapter of that name is installed.
    """
    eps = _entry_points()
    if name not in eps:
        known = ", ".join(sorted(eps)) or "none"
        raise ValidationError(
            f"No adapter for platform {name!r}.",
            f"Installed adapters: {known}.",
        )
    return eps[name].load()


def limits_for(platform: str) -> PlatformLimits:
    """The limits the ``platform`` adapter declares.

    Raises:
        ValidationError: no adapter of that name is installed.
    """
    limits: PlatformLimits = load_adapter_class(platform).limits
    return limits
