"""The example config documents every key the config accepts, and is itself valid."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel

from socialtui.config import Config, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "socialtui.example.toml"


def _keys(model: type[BaseModel], prefix: str = "") -> set[str]:
    keys = set()
    for name, field in model.model_fields.items():
        annotation = field.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        nested = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            nested = annotation
        keys |= _keys(nested, f"{prefix}{name}.") if nested else {f"{prefix}{name}"}
    return keys


def _present(data: object, prefix: str = "") -> set[str]:
    if isinstance(data, list):
        return set().union(*(_present(item, prefix) for item in data)) if data else set()
    if isinstance(data, dict):
        found = set()
        for key, value in data.items():
            found.add(f"{prefix}{key}")
            found |= _present(value, f"{prefix}{key}.")
        return found
    return set()


def test_the_example_config_is_valid() -> None:
    load_config(EXAMPLE)


def test_the_example_config_shows_every_key() -> None:
    present = _present(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    missing = sorted(k for k in _keys(Config) if k not in present)
    assert missing == []
