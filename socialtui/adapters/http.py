"""HTTP plumbing the adapters share: timeouts, network errors, quiet library logs.

Imported lazily by the adapters (it imports ``requests``), so reading an
adapter's class data stays cheap.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from socialtui.errors import PlatformError

# Loggers that dump request lines, headers and bodies at DEBUG: the bodies hold
# post text and the headers (or query strings) hold tokens.
_DUMPING_LOGGERS = (
    "tweepy.client",
    "tweepy.auth",
    "requests_oauthlib.oauth1_auth",
    "requests_oauthlib.oauth2_session",
    "oauthlib.oauth1.rfc5849",
    "oauthlib.oauth1.rfc5849.signature",
    "oauthlib.oauth2.rfc6749.clients.base",
)
# urllib3 logs each request line, query string included (the Graph API
# carries access_token there on GET and DELETE).
_URL_LOGGERS = ("urllib3.connectionpool",)
_TOKEN_IN_QUERY = re.compile(r"(access_token|input_token|client_secret|refresh_token)=[^&\s\"']+")


class _DropDebug(logging.Filter):
    """Drops DEBUG records: those are the request/response dumps."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


class _RedactQueryTokens(logging.Filter):
    """Replaces token values in logged URLs with ``***``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN_IN_QUERY.search(message):
            record.msg = _TOKEN_IN_QUERY.sub(r"\1=***", message)
            record.args = None
        return True


_guarded = False


def guard_library_logs() -> None:
    """Keep tokens and post text out of third-party debug logs; idempotent."""
    global _guarded
    if _guarded:
        return
    for name in _DUMPING_LOGGERS:
        logging.getLogger(name).addFilter(_DropDebug())
    for name in _URL_LOGGERS:
        logging.getLogger(name).addFilter(_RedactQueryTokens())
    _guarded = True


class TimeoutSession(requests.Session):
    """A session whose every request has a timeout (SDKs may omit it and hang)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def request(self, method: Any, url: Any, *args: Any, **kwargs: Any) -> requests.Response:
        """Send a request, with this session's timeout unless one is given."""
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().request(method, url, *args, **kwargs)


def network_error(label: str, action: str, exc: requests.RequestException) -> PlatformError:
    """A transient error for a request that got no usable HTTP answer.

    Args:
        label: the platform's display name.
        action: what was being done, e.g. "publishing".
        exc: the requests exception.

    Returns:
        The error to raise; its message names the failure kind, never the URL
        (which may carry a token).
    """
    kind = "timed out" if isinstance(exc, requests.Timeout) else "could not connect"
    return PlatformError(
        f"{label} {kind} while {action} ({type(exc).__name__}).",
        "Will retry; check the network connection if it keeps happening.",
        transient=True,
        code="network",
    )


def malformed_response(label: str, action: str, status: int | None = None) -> PlatformError:
    """A transient error for an answer that is not what the platform documents.

    Args:
        label: the platform's display name.
        action: what was being done.
        status: the HTTP status, when known.

    Returns:
        The error to raise.
    """
    return PlatformError(
        f"{label} sent an unreadable answer while {action}.",
        "Will retry; if it persists the platform's API may have changed.",
        transient=True,
        status=status,
        code="malformed",
    )


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date (RFC 9110).

    Args:
        value: the header, or None.
        now: the current time (timezone-aware); defaults to the clock.

    Returns:
        The wait (never negative), or None when there is no usable header.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is always GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
