"""One table of platform answers, run through one harness for every adapter.

Each case is what the platform answers to "publish this post"; the harness
checks the outcome kind and that no secret reaches the error, the adapter's
repr or the logs.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import responses

from socialtui.adapters.base import Adapter, PublishResult
from socialtui.adapters.facebook import FacebookAdapter
from socialtui.adapters.x import XAdapter
from socialtui.errors import PlatformError

from .conftest import FB_CREDENTIALS, POST_TEXT, X_OAUTH1, X_OAUTH2, assert_no_secret

X_TWEETS = "https://api.twitter.com/2/tweets"
FB_FEED = "https://graph.facebook.com/v21.0/1122334455/feed"
NOW = time.time()


@dataclass(frozen=True)
class Answer:
    """What the platform answers: a status and JSON body, raw text, or an exception."""

    status: int = 200
    body: Any = None
    text: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    raises: type[Exception] | None = None


def fb_error(code: int, message: str, **extra: Any) -> dict[str, Any]:
    """A Graph API error body as documented."""
    return {"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "A1", **extra}}


# case -> (X answer, Facebook answer, expected kind, expected retry_after or None)
CASES: dict[str, tuple[Answer, Answer, str, float | None]] = {
    "success": (
        Answer(201, {"data": {"id": "1800000000000000001", "text": POST_TEXT}}),
        Answer(200, {"id": "1122334455_987654321"}),
        "result", None,
    ),
    "401 expired token": (
        Answer(401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}),
        Answer(400, fb_error(190, "Error validating access token: Session has expired.", error_subcode=463)),
        "auth", None,
    ),
    "403 duplicate": (
        Answer(403, {"detail": "You are not allowed to create a Tweet with duplicate content.",
                     "type": "about:blank", "title": "Forbidden", "status": 403}),
        Answer(400, fb_error(506, "Duplicate status message")),
        "permanent", None,
    ),
    "403 forbidden / blocked": (
        Answer(403, {"detail": "You are not permitted to perform this action.", "status": 403}),
        Answer(400, fb_error(368, "It looks like you were misusing this feature by going too fast.")),
        "permanent", None,
    ),
    "400 invalid parameter": (
        Answer(400, {"errors": [{"message": "Invalid Request: text too long"}], "title": "Invalid Request"}),
        Answer(400, fb_error(100, "Invalid parameter")),
        "permanent", None,
    ),
    "429 rate limit with reset": (
        Answer(429, {"title": "Too Many Requests", "status": 429},
               headers={"x-rate-limit-reset": str(int(NOW) + 3600), "x-rate-limit-remaining": "0"}),
        Answer(400, fb_error(32, "Page request limit reached"), headers={
            "X-Business-Use-Case-Usage": json.dumps({"1122334455": [
                {"type": "pages", "call_count": 100, "total_cputime": 30,
                 "total_time": 40, "estimated_time_to_regain_access": 60}]})}),
        "transient", 3600.0,
    ),
    "5xx with json": (
        Answer(503, {"title": "Service Unavailable", "status": 503}),
        Answer(500, fb_error(2, "Service temporarily unavailable", is_transient=True)),
        "transient", None,
    ),
    "5xx with html": (
        Answer(502, text="<html>Bad gateway</html>"),
        Answer(502, text="<html>Bad gateway</html>"),
        "transient", None,
    ),
    "timeout": (Answer(raises=requests.ConnectTimeout), Answer(raises=requests.ReadTimeout), "transient", None),
    "connection error": (Answer(raises=requests.ConnectionError), Answer(raises=requests.ConnectionError),
                         "transient", None),
    "malformed body": (Answer(200, text="{not json"), Answer(200, text="{not json"), "transient", None),
}  # fmt: skip

ADAPTERS = {
    "x-oauth1": (lambda: XAdapter("practice", X_OAUTH1, account_name="main-x"), X_TWEETS, 0),
    "x-oauth2": (lambda: XAdapter("practice", {"access_token": X_OAUTH2["access_token"]}), X_TWEETS, 0),
    "facebook": (lambda: FacebookAdapter("1122334455", FB_CREDENTIALS, account_name="page"), FB_FEED, 1),
}


def register(mocked: responses.RequestsMock, url: str, answer: Answer) -> None:
    """Make the mock give ``answer`` to a POST on ``url``."""
    if answer.raises is not None:
        mocked.add(responses.POST, url, body=answer.raises("simulated"))
        return
    if answer.text is not None:
        ctype = "application/json" if answer.text.startswith("{") else "text/html"
        mocked.add(responses.POST, url, body=answer.text, status=answer.status,
                   content_type=ctype, headers=answer.headers)  # fmt: skip
        return
    mocked.add(responses.POST, url, json=answer.body, status=answer.status, headers=answer.headers)


def outcome(result: PublishResult | PlatformError) -> str:
    """The kind of outcome the dispatcher acts on."""
    if isinstance(result, PublishResult):
        return "result"
    if result.auth:
        return "auth"
    return "transient" if result.transient else "permanent"


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("adapter_name", list(ADAPTERS))
def test_publish_outcome_and_redaction(
    adapter_name: str, case: str, mocked: responses.RequestsMock, text_post: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    build, url, column = ADAPTERS[adapter_name]
    answer = CASES[case][column]
    expected, retry_after = CASES[case][2], CASES[case][3]
    register(mocked, url, answer)
    caplog.set_level(logging.DEBUG)
    adapter: Adapter = build()

    try:
        result: PublishResult | PlatformError = adapter.publish(text_post)
    except PlatformError as err:
        result = err

    assert outcome(result) == expected
    if isinstance(result, PlatformError):
        assert result.message and result.hint
        assert_no_secret(str(result), result.hint)
        if expected == "transient" and case.startswith("429"):
            # X's reset header is an absolute time fixed when this module was imported.
            expected_wait = retry_after - (time.time() - NOW) if adapter.name == "x" else retry_after
            assert result.retry_after == pytest.approx(expected_wait, abs=3)
        if expected == "auth":
            assert "socialtui accounts add" in result.hint
    assert_no_secret(repr(adapter), caplog.text)


def test_facebook_rate_limit_without_usage_header_waits_default(
    mocked: responses.RequestsMock, fb: FacebookAdapter, text_post: Any
) -> None:
    mocked.add(responses.POST, FB_FEED, json=fb_error(4, "Application request limit reached"), status=400)
    with pytest.raises(PlatformError) as caught:
        fb.publish(text_post)
    assert caught.value.transient and caught.value.retry_after == 300.0


def test_x_rate_limit_without_reset_header_still_transient(
    mocked: responses.RequestsMock, x_oauth1: XAdapter, text_post: Any
) -> None:
    mocked.add(responses.POST, X_TWEETS, json={"title": "Too Many Requests"}, status=429)
    with pytest.raises(PlatformError) as caught:
        x_oauth1.publish(text_post)
    assert caught.value.transient and caught.value.retry_after and caught.value.retry_after > 0
