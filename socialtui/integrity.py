"""The practice's integrity key: what makes approvals and the audit chain tamper-evident.

Approval fingerprints and audit-log hashes are HMAC-SHA256 under a secret key kept
**outside the database**, so someone who can write to the database but does not hold the
key cannot change a row and recompute a hash that still verifies.

Where the key is read from, first found wins:

1. the file named by ``$SOCIALTUI_INTEGRITY_KEY_FILE``;
2. a systemd credential ``socialtui-integrity-key`` (``LoadCredential=`` in the unit);
3. the OS keyring (service ``socialtui``, entry ``integrity-key``), when a safe one is available;
4. ``integrity.key`` in the user data directory (mode 0600).

When there is none, a new random key is made and kept in the OS keyring, or in that file
when no safe keyring is available. Every workstation and ``serve`` of one practice must
hold the same key: ``socialtui audit key export`` / ``import`` move it. Each key has a
short public id (an HMAC of a fixed label), stored with what it signed, so a workstation
with the wrong key says so instead of calling everything tampered.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from socialtui.errors import ConfigError

log = logging.getLogger(__name__)

KEY_FILE_ENV = "SOCIALTUI_INTEGRITY_KEY_FILE"
CREDENTIAL_NAME = "socialtui-integrity-key"
KEYRING_SERVICE, KEYRING_ENTRY = "socialtui", "integrity-key"
KEY_BYTES = 32


@dataclass(frozen=True)
class IntegrityKey:
    """The secret key and where it came from. Its repr never shows the secret."""

    secret: bytes
    source: str

    def __repr__(self) -> str:
        return f"IntegrityKey(id={self.key_id!r}, source={self.source!r})"

    @property
    def key_id(self) -> str:
        """A short public name for the key (safe to store and show)."""
        return hmac.new(self.secret, b"socialtui key id", hashlib.sha256).hexdigest()[:12]

    def sign(self, payload: bytes) -> str:
        """HMAC-SHA256 of ``payload`` as hex."""
        return hmac.new(self.secret, payload, hashlib.sha256).hexdigest()

    def export_text(self) -> str:
        """The key as one line of hex, for ``audit key export``."""
        return self.secret.hex()


_cache: dict[tuple[str | None, str | None, str], IntegrityKey] = {}


def default_key_file() -> Path:
    """``integrity.key`` in the user data directory."""
    return Path(platformdirs.user_data_dir("socialtui")) / "integrity.key"


def integrity_key() -> IntegrityKey:
    """The practice's integrity key, made on first use.

    Raises:
        ConfigError: a named key file is unreadable or malformed.
    """
    cache_key = (os.environ.get(KEY_FILE_ENV), os.environ.get("CREDENTIALS_DIRECTORY"), str(default_key_file()))
    if cache_key not in _cache:
        _cache[cache_key] = _load_or_create()
    return _cache[cache_key]


def _load_or_create() -> IntegrityKey:
    if named := os.environ.get(KEY_FILE_ENV):
        path = Path(named).expanduser()
        if not path.exists():
            return _write_new(path)
        return IntegrityKey(_read(path), f"file {path}")
    if creds := os.environ.get("CREDENTIALS_DIRECTORY"):
        path = Path(creds) / CREDENTIAL_NAME
        if path.exists():
            return IntegrityKey(_read(path), "systemd credential")
    stored = _keyring_get()
    if stored is not None:
        return IntegrityKey(_parse(stored, "the OS keyring entry"), "OS keyring")
    path = default_key_file()
    if path.exists():
        return IntegrityKey(_read(path), f"file {path}")
    secret = secrets.token_bytes(KEY_BYTES)
    if _keyring_set(secret.hex()):
        return IntegrityKey(secret, "OS keyring")
    return _write_new(path, secret)


def _read(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read the integrity key file {path}: {getattr(exc, 'strerror', None) or 'not text'}.",
                          "Check the file and its permissions, or import the practice's key with `socialtui audit key import`.") from None
    return _parse(text, str(path))


def _parse(text: str, where: str) -> bytes:
    try:
        secret = bytes.fromhex(text.strip())
    except ValueError:
        secret = b""
    if len(secret) < 16:
        raise ConfigError(f"The integrity key in {where} is not a key (expected 64 hex characters).",
                          "Import the practice's key with `socialtui audit key import FILE`.")
    return secret


def _write_new(path: Path, secret: bytes | None = None) -> IntegrityKey:
    secret = secret or secrets.token_bytes(KEY_BYTES)
    write_key_file(path, secret)
    return IntegrityKey(secret, f"file {path}")


def write_key_file(path: Path, secret: bytes) -> None:
    """Write ``secret`` to ``path`` readable by its owner only (directory 0700, file 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secret.hex() + "\n")
    os.replace(tmp, path)


def import_key(text: str) -> IntegrityKey:
    """Make ``text`` (from ``export``) this computer's key, where :func:`integrity_key` will find it."""
    secret = _parse(text, "the imported text")
    named = os.environ.get(KEY_FILE_ENV)
    if named:
        write_key_file(Path(named).expanduser(), secret)
    elif not _keyring_set(secret.hex()):
        write_key_file(default_key_file(), secret)
    _cache.clear()
    return integrity_key()


def _keyring_backend() -> object | None:
    from socialtui.credentials import resolve_backend
    from socialtui.errors import CredentialError

    if os.environ.get("SOCIALTUI_KEYRING", "system").strip().lower() == "memory":
        return None  # the in-memory keyring dies with the process: a key there would be lost
    try:
        return resolve_backend()
    except CredentialError:
        return None


def _keyring_get() -> str | None:
    backend = _keyring_backend()
    if backend is None:
        return None
    try:
        value: str | None = backend.get_password(KEYRING_SERVICE, KEYRING_ENTRY)  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - any keyring failure means "not there": the file is the fallback
        log.warning("OS keyring unavailable for the integrity key (%s)", type(exc).__name__)
        return None
    return value


def _keyring_set(value: str) -> bool:
    backend = _keyring_backend()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, KEYRING_ENTRY, value)  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - fall back to the key file
        log.warning("could not store the integrity key in the OS keyring (%s)", type(exc).__name__)
        return False
    return True
