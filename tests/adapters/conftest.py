"""Fixtures for the adapter tests: accounts with known fake secrets, posts, HTTP mocks.

Every test talks to the real tweepy / facebook-sdk code; ``responses`` answers
at the HTTP layer, so nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
import responses

from socialtui.adapters.base import OutgoingMedia, OutgoingPost
from socialtui.adapters.facebook import FacebookAdapter
from socialtui.adapters.x import XAdapter

X_OAUTH1 = {
    "consumer_key": "ck-SECRET-consumer-key-1",
    "consumer_secret": "cs-SECRET-consumer-secret-2",
    "access_token": "1234-SECRET-access-token-3",
    "access_token_secret": "ats-SECRET-access-secret-4",
}
X_OAUTH2 = {
    "access_token": "o2-SECRET-access-token-5",
    "refresh_token": "o2-SECRET-refresh-token-6",
    "client_id": "client-id-7",
    "client_secret": "o2-SECRET-client-secret-8",
}
FB_CREDENTIALS = {"page_access_token": "EAAB-SECRET-page-token-9", "page_id": "1122334455"}
SECRETS = [v for creds in (X_OAUTH1, X_OAUTH2, FB_CREDENTIALS) for k, v in creds.items() if "SECRET" in v]
POST_TEXT = "Flu shots are available this week; ask at the front desk."


def make_media(name: str, payload: bytes, mime: str = "image/jpeg") -> OutgoingMedia:
    """An attachment with the right sha256."""
    return OutgoingMedia(name, mime, payload, hashlib.sha256(payload).hexdigest())


@pytest.fixture
def text_post() -> OutgoingPost:
    """A text-and-link post."""
    return OutgoingPost.create(7, POST_TEXT, "https://example.org/flu")


@pytest.fixture
def photo_post() -> OutgoingPost:
    """A post with one photo."""
    return OutgoingPost.create(8, POST_TEXT, None, (make_media("clinic.jpg", b"\xff\xd8jpeg-bytes"),))


@pytest.fixture
def album_post() -> OutgoingPost:
    """A post with three photos."""
    media = tuple(make_media(f"p{i}.png", f"png-{i}".encode(), "image/png") for i in range(1, 4))
    return OutgoingPost.create(9, POST_TEXT, "https://example.org/team", media)


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    """An HTTP mock; any request without a registered answer fails the call."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def x_oauth1() -> XAdapter:
    """An X account using OAuth 1.0a user context."""
    return XAdapter("@practice", X_OAUTH1, http_timeout=5, account_name="main-x")


@pytest.fixture
def x_oauth2() -> XAdapter:
    """An X account using an OAuth 2.0 user token it can refresh."""
    return XAdapter("practice", X_OAUTH2, http_timeout=5, account_name="main-x")


@pytest.fixture
def fb() -> FacebookAdapter:
    """A Facebook Page account on the default Graph version."""
    return FacebookAdapter("1122334455", FB_CREDENTIALS, http_timeout=7, account_name="page")


def assert_no_secret(*texts: str) -> None:
    """No fake secret (nor the post text) appears in any of ``texts``."""
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
        assert POST_TEXT not in text
