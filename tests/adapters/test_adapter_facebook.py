"""The Facebook Page adapter against Graph API answers as documented."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import responses

from socialtui.adapters.base import OutgoingPost
from socialtui.adapters.facebook import FacebookAdapter
from socialtui.errors import PlatformError

from .conftest import FB_CREDENTIALS, POST_TEXT

GRAPH = "https://graph.facebook.com/v21.0"
PAGE = "1122334455"


def form(call: Any) -> dict[str, list[str]]:
    body = call.request.body
    return parse_qs(body if isinstance(body, str) else body.decode())


def test_version_is_pinned_and_timeout_always_passed(
    mocked: responses.RequestsMock, text_post: OutgoingPost
) -> None:
    adapter = FacebookAdapter(PAGE, FB_CREDENTIALS, http_timeout=7, graph_api_version="22.0")
    mocked.add(responses.POST, f"https://graph.facebook.com/v22.0/{PAGE}/feed", json={"id": f"{PAGE}_1"})

    result = adapter.publish(text_post)

    call = mocked.calls[0]
    assert urlparse(call.request.url).path == f"/v22.0/{PAGE}/feed"
    assert call.request.req_kwargs["timeout"] == 7
    assert form(call)["message"] == [POST_TEXT] and form(call)["link"] == ["https://example.org/flu"]
    assert result.remote_id == f"{PAGE}_1" and result.url == f"https://www.facebook.com/{PAGE}_1"


def test_default_version_is_current(mocked: responses.RequestsMock, fb: FacebookAdapter) -> None:
    mocked.add(responses.GET, f"{GRAPH}/{PAGE}", json={"id": PAGE, "name": "Family Practice"})
    assert fb.verify() == "Family Practice"
    assert urlparse(mocked.calls[0].request.url).path == f"/v21.0/{PAGE}"


def test_one_photo_posts_to_photos_with_caption(
    mocked: responses.RequestsMock, fb: FacebookAdapter, photo_post: OutgoingPost
) -> None:
    mocked.add(responses.POST, f"{GRAPH}/{PAGE}/photos", json={"id": "555", "post_id": f"{PAGE}_556"})

    result = fb.publish(photo_post)

    body = mocked.calls[0].request.body
    assert b'name="source"; filename="clinic.jpg"' in body and b"jpeg-bytes" in body
    assert POST_TEXT.encode() in body
    assert result.remote_id == f"{PAGE}_556"


def test_several_photos_upload_unpublished_then_one_feed_post(
    mocked: responses.RequestsMock, fb: FacebookAdapter, album_post: OutgoingPost
) -> None:
    for photo_id in ("501", "502", "503"):
        mocked.add(responses.POST, f"{GRAPH}/{PAGE}/photos", json={"id": photo_id})
    mocked.add(responses.POST, f"{GRAPH}/{PAGE}/feed", json={"id": f"{PAGE}_600"})

    result = fb.publish(album_post)

    uploads, feed = mocked.calls[:3], mocked.calls[3]
    for call in uploads:
        assert b'name="published"' in call.request.body and b"false" in call.request.body
    fields = form(feed)
    assert [json.loads(fields[f"attached_media[{i}]"][0]) for i in range(3)] == [
        {"media_fbid": "501"}, {"media_fbid": "502"}, {"media_fbid": "503"}]  # fmt: skip
    assert fields["message"] == [f"{POST_TEXT}\n\nhttps://example.org/team"]
    assert result.remote_id == f"{PAGE}_600"


def test_list_comments_reads_hidden_flag_and_author(mocked: responses.RequestsMock, fb: FacebookAdapter) -> None:
    mocked.add(responses.GET, f"{GRAPH}/{PAGE}_600/comments", json={"data": [
        {"id": "600_1", "message": "Great!", "from": {"name": "Pat", "id": "9"},
         "created_time": "2025-01-02T10:00:00+0000", "is_hidden": False},
        {"id": "600_2", "message": "spam", "created_time": "2025-01-02T11:00:00+0000", "is_hidden": True},
    ], "paging": {"cursors": {"before": "a", "after": "b"}}})  # fmt: skip

    comments = fb.list_comments(f"{PAGE}_600", since=datetime(2025, 1, 1, tzinfo=UTC))

    assert [(c.id, c.author_name, c.hidden) for c in comments] == [("600_1", "Pat", False), ("600_2", "unknown", True)]
    assert comments[0].created_at == datetime(2025, 1, 2, 10, tzinfo=UTC)
    query = parse_qs(urlparse(mocked.calls[0].request.url).query)
    assert query["since"] == [str(int(datetime(2025, 1, 1, tzinfo=UTC).timestamp()))]


@pytest.mark.parametrize("hidden", [True, False])
def test_hide_and_unhide_comment(mocked: responses.RequestsMock, fb: FacebookAdapter, hidden: bool) -> None:
    mocked.add(responses.POST, f"{GRAPH}/600_1", json={"success": True})
    fb.set_comment_hidden("600_1", hidden)
    assert form(mocked.calls[0])["is_hidden"] == ["true" if hidden else "false"]


def test_find_by_marker_reads_page_posts(mocked: responses.RequestsMock, fb: FacebookAdapter) -> None:
    post = OutgoingPost.create(1, POST_TEXT, "https://example.org/flu")
    mocked.add(responses.GET, f"{GRAPH}/{PAGE}/posts", json={"data": [
        {"id": f"{PAGE}_1", "message": "Something else", "created_time": "2025-01-02T10:00:00+0000"},
        {"id": f"{PAGE}_2", "message": POST_TEXT, "created_time": "2025-01-02T10:01:00+0000"}]})  # fmt: skip
    found = fb.find_by_marker(post.marker, datetime(2025, 1, 2, tzinfo=UTC))
    assert found is not None and found.remote_id == f"{PAGE}_2"


def test_delete_tolerates_a_post_already_gone(mocked: responses.RequestsMock, fb: FacebookAdapter) -> None:
    mocked.add(responses.DELETE, f"{GRAPH}/{PAGE}_1", json={"success": True})
    mocked.add(responses.DELETE, f"{GRAPH}/{PAGE}_2", status=400, json={"error": {
        "message": "Unsupported delete request.", "type": "GraphMethodException", "code": 100, "error_subcode": 33}})
    fb.delete(f"{PAGE}_1")
    fb.delete(f"{PAGE}_2")
    assert len(mocked.calls) == 2


def test_permission_error_needs_reconnecting(mocked: responses.RequestsMock, fb: FacebookAdapter,
                                             text_post: OutgoingPost) -> None:  # fmt: skip
    mocked.add(responses.POST, f"{GRAPH}/{PAGE}/feed", status=403, json={"error": {
        "message": "(#200) The user hasn't authorized the application", "type": "OAuthException", "code": 200}})
    with pytest.raises(PlatformError) as caught:
        fb.publish(text_post)
    assert caught.value.auth and "pages_manage_posts" in caught.value.hint


def test_platform_message_echoing_the_token_is_redacted(
    mocked: responses.RequestsMock, fb: FacebookAdapter, text_post: OutgoingPost
) -> None:
    token = FB_CREDENTIALS["page_access_token"]
    mocked.add(responses.POST, f"{GRAPH}/{PAGE}/feed", status=400,
               json={"error": {"message": f"Malformed access token {token}", "code": 190}})  # fmt: skip
    with pytest.raises(PlatformError) as caught:
        fb.publish(text_post)
    assert token not in str(caught.value) and "Malformed access token ***" in caught.value.message
