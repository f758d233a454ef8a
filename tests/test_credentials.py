"""Tokens live only in a safe keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from socialtui.credentials import (
    ENV_BACKEND,
    ENV_PASSWORD,
    SERVICE,
    CredentialStore,
    MemoryKeyring,
    describe_backend,
)
from socialtui.errors import CredentialError

TOKENS = {"page_access_token": "EAAB-SECRET-token", "page_id": "123"}


@pytest.fixture(autouse=True)
def restore_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts from no backend choice and leaves keyring's global as found."""
    for name in (ENV_BACKEND, ENV_PASSWORD, "CREDENTIALS_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's PlaintextKeyring (refused by its name)."""


def test_memory_keyring_round_trip_and_delete() -> None:
    store = CredentialStore("memory")
    store.save("page", TOKENS)
    assert store.load("page") == TOKENS
    store.delete("page")
    store.delete("page")  # already gone is fine
    with pytest.raises(CredentialError):
        store.load("page")


def test_memory_keyring_selected_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_BACKEND, "memory")
    assert isinstance(CredentialStore().backend, MemoryKeyring)


def test_memory_keyring_is_never_chosen_automatically() -> None:
    assert not MemoryKeyring.viable


def test_missing_credentials_hint_names_the_command() -> None:
    with pytest.raises(CredentialError) as caught:
        CredentialStore("memory").load("main-x", platform="x")
    assert "socialtui accounts add x main-x" in caught.value.hint


@pytest.mark.parametrize("backend", [PlaintextKeyring(), fail.Keyring()], ids=["plaintext", "fail"])
def test_unsafe_backends_are_refused_with_the_ways_forward(backend: keyring.backend.KeyringBackend) -> None:
    with pytest.raises(CredentialError) as caught:
        CredentialStore(backend)
    hint = caught.value.hint
    assert "Secret Service" in hint and "cryptfile" in hint and ENV_PASSWORD in hint and "LoadCredential" in hint


def test_unknown_backend_name_is_refused() -> None:
    with pytest.raises(CredentialError):
        CredentialStore("sticky-note")


def test_cryptfile_unlocked_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_BACKEND, "cryptfile")
    monkeypatch.setenv(ENV_PASSWORD, "correct horse")
    store = CredentialStore(data_dir=tmp_path)
    store.save("page", TOKENS)

    stored = next(tmp_path.iterdir()).read_text()
    assert "EAAB-SECRET-token" not in stored
    assert CredentialStore(data_dir=tmp_path).load("page") == TOKENS
    assert keyring.get_keyring() is not None and "encrypted file" in store.describe()


def test_cryptfile_unlocked_from_systemd_credential(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "keyring-password").write_text("from-systemd\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    store = CredentialStore("cryptfile", data_dir=tmp_path)
    store.save("page", TOKENS)
    assert store.load("page") == TOKENS


def test_cryptfile_without_password_explains(tmp_path: Path) -> None:
    with pytest.raises(CredentialError) as caught:
        CredentialStore("cryptfile", data_dir=tmp_path)
    assert ENV_PASSWORD in caught.value.hint


def test_cryptfile_wrong_password_is_a_credential_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_PASSWORD, "right")
    CredentialStore("cryptfile", data_dir=tmp_path).save("page", TOKENS)
    monkeypatch.setenv(ENV_PASSWORD, "wrong")
    with pytest.raises(CredentialError) as caught:
        CredentialStore("cryptfile", data_dir=tmp_path).load("page")
    assert "wrong password" in caught.value.message and "SECRET" not in str(caught.value)


def test_unreadable_stored_value_is_a_credential_error() -> None:
    store = CredentialStore("memory")
    store.backend.set_password(SERVICE, store.key("page"), "not json")
    with pytest.raises(CredentialError):
        store.load("page")


def test_describe_and_repr_never_show_a_secret() -> None:
    store = CredentialStore("memory")
    store.save("page", TOKENS)
    assert "SECRET" not in repr(store) + store.describe() + describe_backend(store.backend)
    assert "TESTS ONLY" in store.describe()
