"""``socialtui preview``, ``outbox`` and ``accounts``: what people and IT type."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from socialtui.context import Practice
from socialtui.practice_time import now_utc

from .cli import socialtui
from .loopback import LoopbackPlatform
from .scheduling import approved_post, clean_text, through_review

TOKEN = "whk-5f1c9e-secret-token"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def cryptfile_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every socialtui process of the test shares one encrypted keyring file (XDG_DATA_HOME is per test)."""
    monkeypatch.setenv("SOCIALTUI_KEYRING", "cryptfile")
    monkeypatch.setenv("SOCIALTUI_KEYRING_PASSWORD", PASSWORD)


@pytest.fixture
def store_url(sqlite_url: str) -> str:
    """The CLI is the same on both backends: SQLite only here."""
    return sqlite_url


def test_preview_prints_each_platforms_exact_payload(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = through_review(staffed, clean_text(3), now_utc() + timedelta(hours=2), targets=("hook", "clinic-x"))
    shown = socialtui(staffed, "preview", str(post_id))
    assert shown.returncode == 0, shown.stderr
    assert "== hook (webhook) ==" in shown.stdout and "== clinic-x (x) ==" in shown.stdout
    assert f"POST {platform.url}" in shown.stdout

    payloads = {item["account"]: item for item in json.loads(socialtui(staffed, "preview", str(post_id), "--json").stdout)}
    (hook_request,) = payloads["hook"]["requests"]
    assert hook_request["fields"]["text"] == clean_text(3) and hook_request["fields"]["post_id"] == post_id
    assert payloads["clinic-x"]["platform"] == "x" and payloads["clinic-x"]["requests"]
    assert platform.count() == 0


def test_outbox_lists_what_a_dry_run_would_have_sent(staffed: Practice, platform: LoopbackPlatform) -> None:
    post_id = approved_post(staffed, clean_text(4), now_utc() - timedelta(seconds=1))
    assert socialtui(staffed, "serve", "--dry-run", "--once").returncode == 0
    assert platform.count() == 0
    listed = socialtui(staffed, "outbox")
    assert f"post {post_id} -> hook (webhook)" in listed.stdout and f"POST {platform.url}" in listed.stdout
    (entry,) = json.loads(socialtui(staffed, "outbox", "--json").stdout)
    assert entry["requests"][0]["fields"]["text"] == clean_text(4)


def test_empty_outbox_says_so(staffed: Practice) -> None:
    assert "The outbox is empty." in socialtui(staffed, "outbox").stdout


@pytest.mark.usefixtures("cryptfile_keyring")
def test_accounts_add_prompts_for_the_token_verifies_and_stores_it(staffed: Practice, platform: LoopbackPlatform) -> None:
    added = socialtui(staffed, "--as", "Lee Park", "accounts", "add", "webhook", "intranet", "--handle", platform.url, input=f"{TOKEN}\n")
    assert added.returncode == 0, added.stderr
    assert f"Verified: connected as {platform.url}." in added.stdout
    assert "Account intranet (webhook) connected; tokens are in encrypted file" in added.stdout
    assert TOKEN not in added.stdout + added.stderr
    assert platform.gets[-1]["authorization"] == [f"Bearer {TOKEN}"]


@pytest.mark.usefixtures("cryptfile_keyring")
def test_accounts_list_test_and_remove(staffed: Practice, platform: LoopbackPlatform) -> None:
    socialtui(staffed, "--as", "Lee Park", "accounts", "add", "webhook", "intranet", "--handle", platform.url, input=f"{TOKEN}\n")
    listed = socialtui(staffed, "accounts", "list")
    assert any(line.split()[:3] == ["intranet", "webhook", "connected"] for line in listed.stdout.splitlines())

    tested = socialtui(staffed, "accounts", "test", "intranet")
    assert tested.returncode == 0 and "intranet: credentials work" in tested.stdout
    assert platform.gets[-1]["authorization"] == [f"Bearer {TOKEN}"]  # read back from the encrypted file

    removed = socialtui(staffed, "--as", "Lee Park", "accounts", "remove", "intranet")
    assert removed.returncode == 0 and "Tokens for intranet removed" in removed.stdout
    (row,) = [r for r in json.loads(socialtui(staffed, "accounts", "list", "--json").stdout) if r["name"] == "intranet"]
    assert row["status"] == "paused" and "socialtui accounts add webhook intranet" in row["paused_reason"]


def test_accounts_add_refused_by_the_endpoint_stores_nothing(staffed: Practice, platform: LoopbackPlatform,
                                                             cryptfile_keyring: None) -> None:
    refused = socialtui(staffed, "--as", "Lee Park", "accounts", "add", "webhook", "intranet", "--handle", "http://127.0.0.1:9/nothing",
                        input=f"{TOKEN}\n")
    assert refused.returncode == 2 and "error: Webhook could not connect" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert "intranet" not in socialtui(staffed, "accounts", "list").stdout


def test_without_a_usable_keyring_the_cli_lists_the_ways_forward(staffed: Practice, platform: LoopbackPlatform,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOCIALTUI_KEYRING")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    refused = socialtui(staffed, "--as", "Lee Park", "accounts", "add", "webhook", "intranet", "--handle", platform.url, input=f"{TOKEN}\n")
    assert refused.returncode == 2
    assert "error: Tokens cannot be stored safely: no keyring backend is available." in refused.stderr
    hint = refused.stderr.split("hint:", 1)[1]
    assert "Secret Service" in hint and "SOCIALTUI_KEYRING=cryptfile" in hint and "LoadCredential" in hint
    assert "Traceback" not in refused.stderr and TOKEN not in refused.stderr


def test_cryptfile_without_its_password_says_how_to_provide_it(staffed: Practice, platform: LoopbackPlatform,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALTUI_KEYRING", "cryptfile")
    monkeypatch.delenv("SOCIALTUI_KEYRING_PASSWORD", raising=False)
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    refused = socialtui(staffed, "accounts", "test", "hook")
    assert refused.returncode == 2 and "SOCIALTUI_KEYRING_PASSWORD" in refused.stderr
    assert "Traceback" not in refused.stderr
