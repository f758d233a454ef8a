"""The service's log: JSON lines for journald, never a token or a post's text."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import update

from socialtui.context import Practice
from socialtui.practice_time import now_utc
from socialtui.store.models import Post

from .cli import socialtui
from .loopback import LoopbackPlatform
from .scheduling import approved_posts, clean_text, publication
from .serving import ServeProcess, wait_until

TOKEN = "whk-77d0aa-secret-token"


@pytest.fixture
def store_url(sqlite_url: str) -> str:
    """What a log holds does not depend on the backend: SQLite only here."""
    return sqlite_url


def test_logs_are_json_lines_without_a_token_or_post_text(staffed: Practice, platform: LoopbackPlatform,
                                                          serve: Callable[..., ServeProcess],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALTUI_KEYRING", "cryptfile")
    monkeypatch.setenv("SOCIALTUI_KEYRING_PASSWORD", "correct horse battery staple")
    assert socialtui(staffed, "--as", "Lee Park", "accounts", "add", "webhook", "hook", "--handle", platform.url,
                     input=f"{TOKEN}\n").returncode == 0
    sent, held = approved_posts(staffed, [clean_text(1), clean_text(2)], now_utc() + timedelta(seconds=1))
    with staffed.store.session() as session:
        session.execute(update(Post).where(Post.id == held).values(text="Edited behind the approver's back."))

    service = serve(staffed.store.url, staffed.config_path)
    assert wait_until(lambda: publication(staffed, sent).status == "published"
                      and publication(staffed, held).status == "held")
    assert service.terminate() == 0

    log = service.log.read_text(encoding="utf-8")
    events = [json.loads(line) for line in log.splitlines()]
    assert {"started", "publication published", "held at dispatch", "stopped"} <= {e["event"] for e in events}
    assert all({"ts", "level", "logger", "event"} <= set(e) for e in events)
    assert platform.received[0].authorization == f"Bearer {TOKEN}"  # the token was in play...
    assert TOKEN not in log  # ...and never logged
    for text in (clean_text(1), clean_text(2), "Edited behind the approver's back."):
        assert text not in log
