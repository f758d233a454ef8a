"""The X adapter against X API v2 answers as documented."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import responses

from socialtui.adapters.base import OutgoingPost
from socialtui.adapters.x import MEDIA_UPLOAD_URL, TOKEN_URL, XAdapter
from socialtui.errors import PlatformError

from .conftest import POST_TEXT, X_OAUTH1, X_OAUTH2, assert_no_secret

API = "https://api.twitter.com"
ME = {"data": {"id": "42", "name": "Family Practice", "username": "practice"}}


def body_of(call: Any) -> dict[str, Any]:
    return dict(json.loads(call.request.body))


def test_images_upload_to_v2_endpoint_signed_with_oauth1(
    mocked: responses.RequestsMock, x_oauth1: XAdapter, album_post: OutgoingPost
) -> None:
    for media_id in ("111", "222", "333"):
        mocked.add(responses.POST, MEDIA_UPLOAD_URL, json={"data": {"id": media_id, "media_key": f"3_{media_id}"}})
    mocked.add(responses.POST, f"{API}/2/tweets", json={"data": {"id": "99", "text": "x"}}, status=201)

    result = x_oauth1.publish(album_post)

    uploads = [c for c in mocked.calls if c.request.url == MEDIA_UPLOAD_URL]
    assert len(uploads) == 3
    for number, call in enumerate(uploads, start=1):
        auth = call.request.headers["Authorization"]
        assert auth.startswith("OAuth ") and 'oauth_consumer_key="ck-SECRET-consumer-key-1"' in auth
        assert 'oauth_token="1234-SECRET-access-token-3"' in auth
        assert b'name="media_category"\r\n\r\ntweet_image' in call.request.body
        assert f'name="media"; filename="p{number}.png"'.encode() in call.request.body
    tweet = mocked.calls[-1]
    assert tweet.request.headers["Authorization"].startswith("OAuth ")
    assert body_of(tweet)["media"] == {"media_ids": ["111", "222", "333"]}
    assert result.remote_id == "99" and result.url == "https://x.com/practice/status/99"


def test_image_upload_uses_bearer_with_oauth2(
    mocked: responses.RequestsMock, x_oauth2: XAdapter, photo_post: OutgoingPost
) -> None:
    mocked.add(responses.POST, MEDIA_UPLOAD_URL, json={"data": {"id": "7"}})
    mocked.add(responses.POST, f"{API}/2/tweets", json={"data": {"id": "8"}}, status=201)

    x_oauth2.publish(photo_post)

    for call in mocked.calls:
        assert call.request.headers["Authorization"] == f"Bearer {X_OAUTH2['access_token']}"


def test_upload_sends_with_the_configured_timeout(
    mocked: responses.RequestsMock, x_oauth1: XAdapter, photo_post: OutgoingPost
) -> None:
    mocked.add(responses.POST, MEDIA_UPLOAD_URL, json={"data": {"id": "7"}})
    mocked.add(responses.POST, f"{API}/2/tweets", json={"data": {"id": "8"}}, status=201)
    x_oauth1.publish(photo_post)
    assert all(call.request.req_kwargs["timeout"] == 5 for call in mocked.calls)


def test_expired_oauth2_token_is_refreshed_and_handed_back(
    mocked: responses.RequestsMock, text_post: OutgoingPost
) -> None:
    handed_back: list[dict[str, str]] = []
    adapter = XAdapter("practice", X_OAUTH2, on_tokens_refreshed=handed_back.append)
    mocked.add(responses.POST, f"{API}/2/tweets", json={"title": "Unauthorized", "status": 401}, status=401)
    mocked.add(responses.POST, TOKEN_URL, json={
        "token_type": "bearer", "expires_in": 7200, "access_token": "new-access",
        "scope": "tweet.write users.read tweet.read offline.access", "refresh_token": "new-refresh"})  # fmt: skip
    mocked.add(responses.POST, f"{API}/2/tweets", json={"data": {"id": "5"}}, status=201)

    result = adapter.publish(text_post)

    assert result.remote_id == "5"
    refresh = mocked.calls[1].request
    form = parse_qs(refresh.body)
    assert form == {"grant_type": ["refresh_token"], "refresh_token": [X_OAUTH2["refresh_token"]],
                    "client_id": [X_OAUTH2["client_id"]]}  # fmt: skip
    assert refresh.headers["Authorization"].startswith("Basic ")  # confidential client
    assert mocked.calls[2].request.headers["Authorization"] == "Bearer new-access"
    assert handed_back[0]["access_token"] == "new-access"
    assert handed_back[0]["refresh_token"] == "new-refresh"
    assert handed_back[0]["client_id"] == X_OAUTH2["client_id"] and "expires_at" in handed_back[0]


def test_revoked_refresh_token_needs_reconnecting(mocked: responses.RequestsMock, x_oauth2: XAdapter) -> None:
    mocked.add(responses.GET, f"{API}/2/users/me", json={"title": "Unauthorized"}, status=401)
    mocked.add(responses.POST, TOKEN_URL, status=400, json={
        "error": "invalid_request", "error_description": "Value passed for the token was invalid."})  # fmt: skip
    with pytest.raises(PlatformError) as caught:
        x_oauth2.verify()
    assert caught.value.auth and "accounts add x main-x" in caught.value.hint
    assert_no_secret(str(caught.value))


def test_token_near_expiry_is_refreshed_before_the_call(mocked: responses.RequestsMock) -> None:
    adapter = XAdapter("practice", {**X_OAUTH2, "expires_at": "1000"})
    mocked.add(responses.POST, TOKEN_URL, json={"access_token": "fresh", "refresh_token": "r2", "expires_in": 7200})
    mocked.add(responses.GET, f"{API}/2/users/me", json=ME)
    assert adapter.verify() == "@practice"
    assert mocked.calls[1].request.headers["Authorization"] == "Bearer fresh"


def test_find_by_marker_matches_text_rewritten_by_x(mocked: responses.RequestsMock, x_oauth1: XAdapter) -> None:
    post = OutgoingPost.create(1, "Flu shots & boosters this week", "https://example.org/flu")
    mocked.add(responses.GET, f"{API}/2/users/me", json=ME)
    mocked.add(responses.GET, f"{API}/2/users/42/tweets", json={
        "data": [{"id": "10", "text": "Unrelated"},
                 {"id": "11", "text": "Flu shots &amp; boosters this week\n\nhttps://t.co/abc123"}],
        "meta": {"result_count": 2}})  # fmt: skip
    since = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)

    found = x_oauth1.find_by_marker(post.marker, since)

    assert found is not None and found.remote_id == "11"
    query = parse_qs(urlparse(mocked.calls[1].request.url).query)
    assert query["start_time"] == ["2025-01-02T03:04:05Z"]


def test_find_by_marker_returns_none_when_absent(mocked: responses.RequestsMock, x_oauth1: XAdapter) -> None:
    mocked.add(responses.GET, f"{API}/2/users/me", json=ME)
    mocked.add(responses.GET, f"{API}/2/users/42/tweets", json={"meta": {"result_count": 0}})
    assert x_oauth1.find_by_marker("0123456789abcdef", datetime.now(UTC)) is None


def test_list_comments_reads_the_conversation(mocked: responses.RequestsMock, x_oauth1: XAdapter) -> None:
    mocked.add(responses.GET, f"{API}/2/tweets/search/recent", json={
        "data": [
            {"id": "21", "text": "@practice thanks!", "author_id": "7", "created_at": "2025-01-02T10:00:00.000Z",
             "conversation_id": "20"},
            {"id": "20", "text": "our post", "author_id": "42", "conversation_id": "20"},
        ],
        "includes": {"users": [{"id": "7", "name": "Pat", "username": "pat"}]}})  # fmt: skip

    comments = x_oauth1.list_comments("20", since=datetime.now(UTC) - timedelta(hours=1))

    assert [(c.id, c.author_name, c.parent_post_id) for c in comments] == [("21", "@pat", "20")]
    query = parse_qs(urlparse(mocked.calls[0].request.url).query)
    assert query["query"] == ["conversation_id:20"] and "start_time" in query


@pytest.mark.parametrize("hidden", [True, False])
def test_hide_and_unhide_reply(mocked: responses.RequestsMock, x_oauth1: XAdapter, hidden: bool) -> None:
    mocked.add(responses.PUT, f"{API}/2/tweets/21/hidden", json={"data": {"hidden": hidden}})
    x_oauth1.set_comment_hidden("21", hidden)
    assert body_of(mocked.calls[0]) == {"hidden": hidden}


def test_delete_sends_delete_and_tolerates_gone(mocked: responses.RequestsMock, x_oauth1: XAdapter) -> None:
    mocked.add(responses.DELETE, f"{API}/2/tweets/5", json={"data": {"deleted": True}})
    mocked.add(responses.DELETE, f"{API}/2/tweets/6", json={"title": "Not Found Error"}, status=404)
    x_oauth1.delete("5")
    x_oauth1.delete("6")
    assert [c.request.method for c in mocked.calls] == ["DELETE", "DELETE"]


def test_missing_credentials_are_an_auth_error_naming_the_field(text_post: OutgoingPost) -> None:
    adapter = XAdapter("practice", {}, account_name="main-x")
    with pytest.raises(PlatformError) as caught:
        adapter.publish(text_post)
    assert caught.value.auth and "access_token" in caught.value.message


def test_video_is_refused_before_anything_is_sent(text_post: OutgoingPost) -> None:
    from .conftest import make_media

    post = OutgoingPost.create(1, POST_TEXT, None, (make_media("a.mp4", b"v", "video/mp4"),))
    with pytest.raises(PlatformError) as caught:
        XAdapter("practice", X_OAUTH1).publish(post)
    assert not caught.value.transient and caught.value.code == "unsupported"
