"""How X's answers become PlatformErrors (shared by every X request, raw or via tweepy).

Imports tweepy and requests only when an answer is being judged.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from socialtui.errors import PlatformError

if TYPE_CHECKING:
    from socialtui.adapters.base import Adapter

DEFAULT_RETRY_AFTER = 60.0
"""Seconds to wait after a 429 that carries no x-rate-limit-reset header."""


def raise_for_status(response: Any) -> None:
    """Raise tweepy's error for a failed raw response, as tweepy's Client does.

    Args:
        response: a requests response from an X endpoint tweepy does not wrap.

    Raises:
        tweepy.errors.HTTPException: the matching subclass for a non-2xx status.
    """
    from tweepy import errors  # type: ignore[import-untyped]

    status = response.status_code
    if status == 429:
        reset = response.headers.get("x-rate-limit-reset")
        raise errors.TooManyRequests(response, reset_time=int(reset) if reset and reset.isdigit() else None)
    by_status = {400: errors.BadRequest, 401: errors.Unauthorized, 403: errors.Forbidden, 404: errors.NotFound}
    if status in by_status:
        raise by_status[status](response)
    if status >= 500:
        raise errors.TwitterServerError(response)
    if not 200 <= status < 300:
        raise errors.HTTPException(response)


def x_error(adapter: Adapter, exc: Exception, action: str) -> PlatformError:
    """The PlatformError for an exception raised while ``action``.

    Args:
        adapter: the X adapter (for its label, account name and hint).
        exc: what tweepy, requests or the body parsing raised.
        action: what was being done, e.g. "publishing a post".

    Returns:
        The error to raise: 429 transient with retry_after; 401 auth; 403
        permanent (duplicate or forbidden); 5xx, network and unreadable
        answers transient; other 4xx permanent.
    """
    import requests
    from tweepy import errors

    from socialtui.adapters.http import malformed_response, network_error

    if isinstance(exc, requests.JSONDecodeError | ValueError | KeyError | TypeError | AttributeError):
        return malformed_response(adapter.label, action)
    if isinstance(exc, requests.RequestException):
        return network_error(adapter.label, action, exc)
    if not isinstance(exc, errors.HTTPException):
        return PlatformError(f"X request failed while {action} ({type(exc).__name__}).",
                             "Will retry.", transient=True)  # fmt: skip
    status: int = exc.response.status_code
    said = adapter.redact("; ".join(str(m) for m in exc.api_messages))[:300] or str(exc.response.reason or "")
    code = exc.api_codes[0] if exc.api_codes else None
    if isinstance(exc, errors.TooManyRequests):
        reset = exc.reset_time
        wait = max(1.0, reset - time.time()) if reset else DEFAULT_RETRY_AFTER
        return PlatformError(
            f"X rate limit reached while {action}.", f"Will retry in {int(wait)} s.",
            transient=True, retry_after=wait, status=status, code=code,
        )  # fmt: skip
    if status == 401:
        return PlatformError(
            f"X rejected the credentials for {adapter.account_name!r} while {action}; "
            "the account needs reconnecting.",
            adapter.reconnect_hint, auth=True, status=status, code=code,
        )  # fmt: skip
    if status == 403 and (code == 187 or "duplicate" in said.lower()):
        return PlatformError(
            f"X refused the post as a duplicate: {said}",
            "Change the text before publishing it again.",
            status=status, code=code or "duplicate",
        )  # fmt: skip
    if status == 403:
        return PlatformError(
            f"X refused {action}: {said}",
            "Check that the X app has Read and write permission and the account is in good standing.",
            status=status, code=code,
        )  # fmt: skip
    if status >= 500:
        return PlatformError(f"X failed while {action} (HTTP {status}).", "Will retry.",
                             transient=True, status=status, code=code)  # fmt: skip
    return PlatformError(f"X rejected the request while {action}: {said}",
                         "Fix what X reports, then try again.", status=status, code=code)  # fmt: skip
