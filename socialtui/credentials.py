"""Platform tokens in the OS keyring, never in a config file.

Each account's credentials are one JSON object stored under the service
``socialtui`` and the key ``account:<name>``. A keyring backend that would
keep them in plain text (or none at all) is refused with the ways forward.

Choosing the backend (``backend=`` argument, else ``$SOCIALTUI_KEYRING``):

* unset / ``"system"`` — keyring's own choice: the desktop Secret Service
  (gnome-keyring, KWallet), macOS Keychain, Windows Credential Locker;
* ``"cryptfile"`` — an encrypted file (keyrings.cryptfile) in the user data
  directory, unlocked with ``$SOCIALTUI_KEYRING_PASSWORD`` or the systemd
  credential ``keyring-password`` (``LoadCredential=`` in the unit);
* ``"memory"`` — :class:`MemoryKeyring`, FOR TESTS ONLY: forgotten on exit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import cast

import keyring
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringError, PasswordDeleteError

from socialtui.errors import CredentialError

SERVICE = "socialtui"
ENV_BACKEND = "SOCIALTUI_KEYRING"
ENV_PASSWORD = "SOCIALTUI_KEYRING_PASSWORD"
SYSTEMD_CREDENTIAL = "keyring-password"
CRYPTFILE_NAME = "credentials.cfg"

WAYS_FORWARD = (
    "Use the desktop Secret Service (install and unlock gnome-keyring or KWallet), "
    f"or the encrypted file backend: set {ENV_BACKEND}=cryptfile and provide its "
    f"password in {ENV_PASSWORD} or as the systemd credential {SYSTEMD_CREDENTIAL!r} "
    f"(LoadCredential={SYSTEMD_CREDENTIAL}:/path/to/file in the service unit)."
)


class MemoryKeyring(KeyringBackend):
    """A keyring kept in memory. FOR TESTS ONLY: everything is lost on exit.

    Never chosen automatically (it reports no priority); select it explicitly
    with ``backend="memory"`` or ``SOCIALTUI_KEYRING=memory``.
    """

    @properties.classproperty
    def priority(cls) -> float:
        """Not viable: keyring must never pick this backend by itself."""
        raise RuntimeError("MemoryKeyring is for tests and is never chosen automatically")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored value, or None."""
        return self._values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a value."""
        self._values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Forget a value.

        Raises:
            PasswordDeleteError: nothing is stored under that key.
        """
        if self._values.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


def _refusal(backend: KeyringBackend) -> str | None:
    """Why ``backend`` may not hold tokens, or None when it may."""
    from keyring.backends import chainer, fail

    cls = type(backend)
    if isinstance(backend, chainer.ChainerBackend):
        usable = [b for b in backend.backends if _refusal(b) is None]
        return None if usable else "no safe keyring backend is available"
    if "Plaintext" in cls.__name__:
        return f"the keyring backend {cls.__name__} stores secrets unencrypted"
    if isinstance(backend, fail.Keyring) or cls.__module__.startswith("keyring.backends.null"):
        return "no keyring backend is available"
    if cls.__module__.startswith(("keyrings.cryptfile", "keyrings.alt")) and not getattr(
        backend, "_keyring_key", None
    ):
        return (
            f"the file keyring {cls.__name__} would ask for its password on the terminal; "
            f"select it explicitly with {ENV_BACKEND}=cryptfile"
        )
    return None


def _cryptfile_password() -> str:
    """The encrypted file's password, from the environment or a systemd credential."""
    password = os.environ.get(ENV_PASSWORD)
    if password:
        return password
    directory = os.environ.get("CREDENTIALS_DIRECTORY")
    if directory:
        path = Path(directory) / SYSTEMD_CREDENTIAL
        try:
            password = path.read_text(encoding="utf-8").strip()
        except OSError:
            password = ""
        if password:
            return password
    raise CredentialError(
        "The encrypted keyring file needs a password and none was provided.",
        f"Set {ENV_PASSWORD}, or add LoadCredential={SYSTEMD_CREDENTIAL}:/path/to/file "
        "to the service unit.",
    )


def cryptfile_keyring(data_dir: Path | None = None) -> KeyringBackend:
    """The encrypted file backend, unlocked, with its file in the user data directory.

    Args:
        data_dir: where the file lives; default the platformdirs user data dir.

    Returns:
        A ready CryptFileKeyring.

    Raises:
        CredentialError: no password was provided, or it does not unlock the file.
    """
    from keyrings.cryptfile.cryptfile import CryptFileKeyring

    if data_dir is None:
        from platformdirs import user_data_dir

        data_dir = Path(user_data_dir("socialtui"))
    backend = CryptFileKeyring()
    backend.file_path = str(data_dir / CRYPTFILE_NAME)
    try:
        backend.keyring_key = _cryptfile_password()  # unlocks (and checks) an existing file
    except ValueError:
        raise CredentialError(
            f"The encrypted keyring file {backend.file_path} cannot be unlocked: wrong password.",
            f"Provide the password the file was created with in {ENV_PASSWORD} "
            f"or the systemd credential {SYSTEMD_CREDENTIAL!r}.",
        ) from None
    return cast(KeyringBackend, backend)


def resolve_backend(
    backend: str | KeyringBackend | None = None, *, data_dir: Path | None = None
) -> KeyringBackend:
    """The keyring backend to use, refusing unsafe ones.

    Args:
        backend: a backend, or ``"system"``, ``"cryptfile"``, ``"memory"``
            (tests only); None reads ``$SOCIALTUI_KEYRING``.
        data_dir: where the encrypted file lives (``cryptfile`` only).

    Returns:
        A backend safe to hold tokens. ``cryptfile`` is also installed with
        ``keyring.set_keyring`` so other keyring users in the process agree.

    Raises:
        CredentialError: the choice is unknown, or the backend is unsafe.
    """
    if isinstance(backend, KeyringBackend):
        chosen = backend
    else:
        name = (backend or os.environ.get(ENV_BACKEND) or "system").strip().lower()
        if name == "system":
            chosen = keyring.get_keyring()
        elif name == "cryptfile":
            chosen = cryptfile_keyring(data_dir)
            keyring.set_keyring(chosen)
        elif name == "memory":
            chosen = MemoryKeyring()
        else:
            raise CredentialError(
                f"Unknown keyring backend {name!r}.",
                f"Set {ENV_BACKEND} to 'system' or 'cryptfile' (or leave it unset).",
            )
    reason = _refusal(chosen)
    if reason is not None:
        raise CredentialError(f"Tokens cannot be stored safely: {reason}.", WAYS_FORWARD)
    return _first_safe(chosen)


def _first_safe(backend: KeyringBackend) -> KeyringBackend:
    """A chainer's best safe backend (a chainer would write to an unsafe one first)."""
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        chained: list[KeyringBackend] = backend.backends
        return next(b for b in chained if _refusal(b) is None)
    return backend


def describe_backend(backend: KeyringBackend | None = None) -> str:
    """One line saying where tokens are kept, for `accounts list` and status.

    Args:
        backend: the backend to describe; default keyring's current one.

    Returns:
        e.g. "Secret Service (keyring.backends.SecretService)" or a refusal.
    """
    chosen = backend if backend is not None else keyring.get_keyring()
    cls = type(chosen)
    where = f"{cls.__module__}.{cls.__name__}"
    if isinstance(chosen, MemoryKeyring):
        return f"in memory, FOR TESTS ONLY ({where})"
    reason = _refusal(chosen)
    if reason is not None:
        return f"none usable: {reason} ({where})"
    chosen = _first_safe(chosen)
    cls = type(chosen)
    where = f"{cls.__module__}.{cls.__name__}"
    if cls.__name__ == "CryptFileKeyring":
        return f"encrypted file {getattr(chosen, 'file_path', '?')} ({where})"
    return f"{getattr(cls, 'name', cls.__name__)} ({where})"


class CredentialStore:
    """Saves, loads and deletes each account's credentials in a safe keyring."""

    def __init__(
        self, backend: str | KeyringBackend | None = None, *, data_dir: Path | None = None
    ) -> None:
        """Choose and check the backend; see :func:`resolve_backend`.

        Args:
            backend: a backend or its name; None reads ``$SOCIALTUI_KEYRING``.
            data_dir: where the encrypted file lives (``cryptfile`` only).

        Raises:
            CredentialError: no safe backend.
        """
        self.backend = resolve_backend(backend, data_dir=data_dir)

    def __repr__(self) -> str:
        return f"CredentialStore({type(self.backend).__name__})"

    @staticmethod
    def key(account: str) -> str:
        """The keyring username an account's credentials are stored under."""
        return f"account:{account}"

    def describe(self) -> str:
        """Where this store keeps tokens; see :func:`describe_backend`."""
        return describe_backend(self.backend)

    def save(self, account: str, fields: Mapping[str, str]) -> None:
        """Store an account's credentials, replacing any earlier ones.

        Args:
            account: the local account name.
            fields: the credential values (see the adapter's credential_fields).

        Raises:
            CredentialError: the keyring refused (e.g. locked).
        """
        value = json.dumps({k: str(v) for k, v in fields.items()}, sort_keys=True)
        try:
            self.backend.set_password(SERVICE, self.key(account), value)
        except (KeyringError, ValueError, OSError) as exc:
            raise self._keyring_failed("store", account, exc) from None

    def load(self, account: str, platform: str = "PLATFORM") -> dict[str, str]:
        """An account's credentials.

        Args:
            account: the local account name.
            platform: the account's platform, to make the hint runnable.

        Returns:
            The stored credential values.

        Raises:
            CredentialError: none stored, unreadable, or the keyring refused.
        """
        hint = f"Add them with `socialtui accounts add {platform} {account}`."
        try:
            value = self.backend.get_password(SERVICE, self.key(account))
        except (KeyringError, ValueError, OSError) as exc:
            raise self._keyring_failed("read", account, exc) from None
        if value is None:
            raise CredentialError(f"No credentials are stored for account {account!r}.", hint)
        try:
            fields = json.loads(value)
            if not isinstance(fields, dict):
                raise ValueError
        except ValueError:
            raise CredentialError(
                f"The stored credentials for account {account!r} are unreadable.", hint
            ) from None
        return {str(k): str(v) for k, v in fields.items()}

    def delete(self, account: str) -> None:
        """Forget an account's credentials; nothing stored is not an error.

        Args:
            account: the local account name.

        Raises:
            CredentialError: the keyring refused.
        """
        try:
            self.backend.delete_password(SERVICE, self.key(account))
        except PasswordDeleteError:
            return
        except (KeyringError, ValueError, OSError) as exc:
            raise self._keyring_failed("delete", account, exc) from None

    def _keyring_failed(self, verb: str, account: str, exc: Exception) -> CredentialError:
        # The exception's own text is not repeated: some backends echo values.
        return CredentialError(
            f"The keyring could not {verb} the credentials for account {account!r} "
            f"({type(exc).__name__}).",
            "Unlock the keyring (or check the encrypted file's password) and try again.",
        )
