"""The practice's configuration: one TOML file, validated on load.

Found by ``--config``, then ``SOCIALTUI_CONFIG``, then the user config
directory. Read with tomllib, written back with tomli-w. Every error names the
file, the key and what is expected; an unknown key suggests the nearest valid one.
Config files never hold a secret: credentials live in the OS keyring.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Literal

import platformdirs
import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from socialtui.checks.settings import CheckSettings
from socialtui.errors import ConfigError

APP_NAME = "socialtui"
CONFIG_ENV = "SOCIALTUI_CONFIG"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class PracticeSettings(_Section):
    """Who the practice is and where it lives."""

    name: str = "Our Practice"
    """The practice's name, as patients know it."""

    timezone: str = "UTC"
    """IANA time zone (e.g. ``America/New_York``); every time is entered and shown in it."""

    training_valid_months: int = Field(default=12, ge=1, le=120)
    """How long staff social-media training stays in date."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from socialtui.errors import ValidationError as UnknownZone
        from socialtui.practice_time import zone_for

        try:
            zone_for(value)
        except UnknownZone as exc:
            # A ValueError lets pydantic report it with the file and key, like any other bad value.
            raise ValueError(f"{exc.message} {exc.hint}") from None
        return value


class AccountSettings(_Section):
    """A social-media account the practice publishes to (names and ids only, no secrets)."""

    name: str
    """Short name used on the command line, e.g. ``clinic-x``."""

    platform: str
    """Adapter name: ``x``, ``facebook`` or an installed plugin's."""

    handle: str = ""
    """The X handle or the Facebook Page id."""

    dry_run: bool = False
    """Never send for real through this account, even without ``--dry-run``."""


class PolicyNote(_Section):
    """A platform policy the practice has read, and when it was last reviewed."""

    platform: str
    note: str
    reviewed_on: date
    url: str = ""


class DatabaseSettings(_Section):
    """Where the store lives."""

    url: str = ""
    """SQLAlchemy URL; empty means a SQLite file in the user data directory.
    For several workstations or schedulers: ``postgresql+psycopg://user@host/db``."""


class DispatchSettings(_Section):
    """How the scheduler service publishes."""

    grace_minutes: int = Field(default=30, ge=1, le=24 * 60)
    """A post not sent within this many minutes of its time is never sent late: it is marked missed."""

    retry_base_seconds: float = Field(default=20.0, gt=0)
    """First retry delay after a transient platform error; doubles each time."""

    poll_seconds: float = Field(default=5.0, gt=0, le=300)
    """How often the service looks for due posts."""

    min_gap_minutes: int = Field(default=60, ge=0)
    """Posts on one account closer together than this are flagged on the calendar."""

    http_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    """Timeout for every platform request."""

    facebook_graph_version: str = "v21.0"
    """Graph API version pinned for Facebook Pages."""


class IdentitySettings(_Section):
    """How people prove who they are before socialtui acts in their name."""

    mode: Literal["os-user", "passphrase", "trust"] = "os-user"
    """``os-user``: the computer login, mapped to a staff member under ``[staff_users]``.
    ``passphrase``: a shared computer; each person signs in with their own passphrase.
    ``trust``: anyone may act as anyone — for a demo or training only, and said so on screen."""

    idle_lock_minutes: int = Field(default=10, ge=0, le=24 * 60)
    """In ``passphrase`` mode the app locks after this many idle minutes (0: never), keeping unsaved work."""

    lockout_attempts: int = Field(default=5, ge=1, le=100)
    """Wrong passphrases in a row before that person is locked out for a while."""

    lockout_minutes: int = Field(default=15, ge=1, le=24 * 60)
    """How long a lock-out lasts."""


class Config(_Section):
    """The whole configuration file."""

    practice: PracticeSettings = Field(default_factory=PracticeSettings)
    identity: IdentitySettings = Field(default_factory=IdentitySettings)
    staff_users: dict[str, str] = Field(default_factory=dict)
    """OS user name -> staff member name: who the computer login is (``os-user`` identity mode)."""
    checks: CheckSettings = Field(default_factory=CheckSettings)
    accounts: list[AccountSettings] = Field(default_factory=list)
    policy_notes: list[PolicyNote] = Field(default_factory=list)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    dispatch: DispatchSettings = Field(default_factory=DispatchSettings)


ConfigSource = Literal["--config", "SOCIALTUI_CONFIG", "user config directory", "defaults"]


def default_config_path() -> Path:
    """Where the config lives when neither ``--config`` nor the env var says."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "socialtui.toml"


def resolve_config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Pick the config file: ``--config``, then ``SOCIALTUI_CONFIG``, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    if env := os.environ.get(CONFIG_ENV):
        return Path(env).expanduser()
    return default_config_path()


def load_config(path: str | os.PathLike[str] | None = None, *, required: bool = False) -> tuple[Config, Path]:
    """Read and validate the config file.

    Args:
        path: an explicit file (``--config``); else the env var, then the default.
        required: raise when the file does not exist instead of using defaults.

    Returns:
        The validated config and the path it was (or would be) read from.

    Raises:
        ConfigError: the file is unreadable, malformed or invalid.
    """
    file = resolve_config_path(path)
    if not file.exists():
        if required or path is not None:
            raise ConfigError(
                f"Config file {file} does not exist.",
                "Copy config/socialtui.example.toml there, or leave out --config to use defaults.",
            )
        return Config(), file
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file} is not valid TOML: {exc}.", "Fix the line it names; see config/socialtui.example.toml.") from None
    except UnicodeDecodeError as exc:
        line = file.read_bytes()[:exc.start].count(b"\n") + 1
        raise ConfigError(f"{file} is not valid UTF-8 (line {line}).",
                          "Save the file as UTF-8 in your editor, or retype the accented characters on that line.") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read {file}: {exc.strerror}.", "Check the path and its permissions.") from None
    return parse_config(raw, file), file


def parse_config(raw: dict[str, Any], file: Path | str = "<config>") -> Config:
    """Validate a parsed TOML document, turning pydantic's errors into one clear ConfigError."""
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(*_describe(exc, raw, file)) from None


def _describe(exc: ValidationError, raw: dict[str, Any], file: Path | str) -> tuple[str, str]:
    error = exc.errors()[0]
    loc = [str(part) for part in error["loc"]]
    key = ".".join(loc)
    if error["type"] == "extra_forbidden":
        valid = _valid_keys(loc[:-1])
        close = difflib.get_close_matches(loc[-1], valid, n=1, cutoff=0.5)
        hint = f"Did you mean {close[0]!r}?" if close else f"Valid keys here: {', '.join(valid)}."
        return f"{file}: unknown key {key!r}.", hint
    message = str(error.get("ctx", {}).get("error") or error["msg"])
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    found = "" if isinstance(error.get("input"), dict) else f" (found {error.get('input')!r})"
    more = f" ({len(exc.errors()) - 1} more problem(s) after this one)" if len(exc.errors()) > 1 else ""
    return f"{file}: {key}: {message}{found}{more}.", "See config/socialtui.example.toml for every key and its type."


def _valid_keys(loc: list[str]) -> list[str]:
    model: Any = Config
    for part in loc:
        if part.isdigit():
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        inner = getattr(annotation, "__args__", None)
        model = inner[0] if inner and isinstance(inner[0], type) and issubclass(inner[0], BaseModel) else annotation
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
    return sorted(model.model_fields)


def save_config(config: Config, path: Path) -> None:
    """Write the config back with tomli-w, atomically (a crash never leaves half a file)."""
    data = config.model_dump(mode="json", exclude_defaults=False)
    text = tomli_w.dumps(_drop_empty(data))
    parse_config(tomllib.loads(text), path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value
