"""The dry run shows exactly what would be sent, and sends nothing."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest
import responses

from socialtui.adapters.base import OutgoingPost, RenderedRequest
from socialtui.adapters.dryrun import DryRunAdapter
from socialtui.adapters.facebook import FacebookAdapter
from socialtui.adapters.x import XAdapter
from socialtui.errors import ValidationError

from .conftest import FB_CREDENTIALS, X_OAUTH1


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the dry run opened a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


@pytest.mark.parametrize("platform", ["x", "facebook"])
def test_publish_records_rendered_requests_without_network(
    no_network: None, platform: str, album_post: OutgoingPost
) -> None:
    outbox: list[tuple[str, list[RenderedRequest]]] = []
    adapter = DryRunAdapter("1122334455", {}, platform=platform, record=lambda p, r: outbox.append((p, r)))

    result = adapter.publish(album_post)

    assert result.remote_id == f"dryrun-{album_post.marker}" and result.url is None
    assert outbox == [(platform, adapter.render(album_post))]
    assert adapter.limits is adapter.target.limits


def test_without_callback_requests_are_kept(no_network: None, text_post: OutgoingPost) -> None:
    adapter = DryRunAdapter("practice", platform="x")
    adapter.publish(text_post)
    assert adapter.recorded == [("x", adapter.render(text_post))]


def test_platform_is_required() -> None:
    with pytest.raises(ValidationError):
        DryRunAdapter("practice", {})


def test_x_render_is_exactly_what_publish_sends(
    mocked: responses.RequestsMock, album_post: OutgoingPost
) -> None:
    rendered = DryRunAdapter("practice", platform="x").render(album_post)
    for media_id in ("111", "222", "333"):
        mocked.add(responses.POST, "https://api.x.com/2/media/upload", json={"data": {"id": media_id}})
    mocked.add(responses.POST, "https://api.twitter.com/2/tweets", json={"data": {"id": "9"}}, status=201)

    XAdapter("practice", X_OAUTH1).publish(album_post)

    assert [(r.method, r.endpoint) for r in rendered] == [
        (c.request.method, c.request.url) for c in mocked.calls
    ]
    for request, call in zip(rendered[:-1], mocked.calls[:-1], strict=True):
        assert request.fields == {"media_category": "tweet_image"}
        assert request.media[0]["filename"].encode() in call.request.body
    sent = json.loads(mocked.calls[-1].request.body)
    expected = dict(rendered[-1].fields, media={"media_ids": ["111", "222", "333"]})
    assert sent == expected


def test_facebook_render_is_exactly_what_publish_sends(
    mocked: responses.RequestsMock, text_post: OutgoingPost
) -> None:
    rendered = DryRunAdapter("1122334455", platform="facebook").render(text_post)
    feed = "https://graph.facebook.com/v21.0/1122334455/feed"
    mocked.add(responses.POST, feed, json={"id": "1122334455_1"})

    FacebookAdapter("1122334455", FB_CREDENTIALS).publish(text_post)

    sent = parse_qs(mocked.calls[0].request.body)
    token = sent.pop("access_token")
    assert token == [FB_CREDENTIALS["page_access_token"]]
    assert rendered == [RenderedRequest("POST", feed, {k: v[0] for k, v in sent.items()})]


def test_rendering_never_needs_credentials(album_post: OutgoingPost) -> None:
    assert XAdapter("practice", {}).render(album_post)
    assert FacebookAdapter("1122334455", {}).render(album_post)
