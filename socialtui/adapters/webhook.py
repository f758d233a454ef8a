"""Webhook: publish by POSTing JSON to a URL the practice controls.

For an intranet news feed, a staff chat channel or an automation tool that
fans posts out further. The account's handle is the endpoint URL; an optional
bearer token lives in the keyring like any other credential. The endpoint
answers ``{"id": ..., "url": ...}``; ``GET <url>?marker=M`` finds a post again.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

import requests

from socialtui.adapters.base import (
    Adapter,
    CredentialField,
    OutgoingPost,
    PublishResult,
    RemoteComment,
    RenderedRequest,
    compose_text,
    unsupported,
)
from socialtui.adapters.http import TimeoutSession, malformed_response, network_error, retry_after_seconds
from socialtui.adapters.limits import PlatformLimits
from socialtui.errors import PlatformError


class WebhookAdapter(Adapter):
    """POSTs each post as JSON to the account's URL."""

    name = "webhook"
    label = "Webhook"
    limits = PlatformLimits(max_length=10_000, max_media=4, max_image_bytes=5 * 1024 * 1024)
    credential_fields = (CredentialField("token", "Bearer token the endpoint expects (leave empty for none)", optional=True),)

    def __init__(self, account_handle: str, credentials: Any, *, http_timeout: float = 30.0, **options: Any) -> None:
        super().__init__(account_handle, credentials, http_timeout=http_timeout, **options)
        self.url = account_handle
        self._session: requests.Session | None = None

    def _http(self) -> requests.Session:
        if self._session is None:
            self._session = TimeoutSession(self.http_timeout)
            if token := self._credentials.get("token"):
                self._session.headers["Authorization"] = f"Bearer {token}"
        return self._session

    def _body(self, post: OutgoingPost) -> dict[str, Any]:
        return {
            "post_id": post.post_id,
            "marker": post.marker,
            "text": compose_text(post.text, post.link),
            "media": [m.describe() for m in post.media],
        }

    def render(self, post: OutgoingPost) -> list[RenderedRequest]:
        """One POST of the JSON body; see :meth:`Adapter.render`."""
        return [RenderedRequest("POST", self.url, self._body(post), [m.describe() for m in post.media])]

    def publish(self, post: OutgoingPost) -> PublishResult:
        """POST the post; see :meth:`Adapter.publish`."""
        body = self._body(post)
        body["media"] = [m.describe() | {"data": base64.b64encode(m.data).decode()} for m in post.media]
        data = self._call("POST", self.url, "publishing", json=body)
        try:
            return PublishResult(str(data["id"]), data.get("url"))
        except (KeyError, TypeError):
            raise malformed_response(self.label, "publishing") from None

    def delete(self, remote_id: str) -> None:
        """DELETE ``<url>/<id>``; see :meth:`Adapter.delete`."""
        self._call("DELETE", f"{self.url.rstrip('/')}/{remote_id}", "deleting", missing_ok=True)

    def find_by_marker(self, marker: str, since: datetime, exclude: frozenset[str] = frozenset()) -> PublishResult | None:
        """GET ``<url>?marker=M``; the first answer not in ``exclude``; see :meth:`Adapter.find_by_marker`."""
        data = self._call("GET", self.url, "looking for a post", params={"marker": marker, "since": since.isoformat()})
        items = data.get("data", []) if isinstance(data, dict) else []
        # An endpoint may match on the text alone: never take another publication's post for this one.
        mine = [item for item in items if str(item["id"]) not in exclude]
        if not mine:
            return None
        return PublishResult(str(mine[0]["id"]), mine[0].get("url"))

    def list_comments(self, remote_id: str, since: datetime | None = None) -> list[RemoteComment]:
        """A webhook has no comments; see :meth:`Adapter.list_comments`."""
        return []

    def set_comment_hidden(self, comment_id: str, hidden: bool) -> None:
        """Not supported by webhooks."""
        raise unsupported(self, "hiding comments")

    def verify(self) -> str:
        """GET the URL once; see :meth:`Adapter.verify`."""
        self._call("GET", self.url, "checking the endpoint", params={"marker": ""})
        return self.url

    def _call(self, method: str, url: str, action: str, *, missing_ok: bool = False, **kwargs: Any) -> Any:
        try:
            response = self._http().request(method, url, **kwargs)
        except requests.RequestException as exc:
            raise network_error(self.label, action, exc) from None
        status = response.status_code
        if missing_ok and status == 404:
            return {}
        if status == 401:
            raise PlatformError(f"The webhook refused the request while {action} (HTTP {status}).", self.reconnect_hint,
                                auth=True, status=status)
        if status == 403:  # the credentials were accepted: reconnecting would not help
            raise PlatformError(f"The webhook refused the request while {action} (HTTP {status}).",
                                "The endpoint does not allow this post; check with whoever runs it.", status=status)
        if status == 429 or status >= 500:
            raise PlatformError(f"The webhook is busy or failing (HTTP {status}) while {action}.", "Will retry.",
                                transient=True, status=status,
                                retry_after=retry_after_seconds(response.headers.get("Retry-After")))
        if status >= 400:
            raise PlatformError(f"The webhook rejected the request while {action} (HTTP {status}).",
                                "Check what the endpoint expects.", status=status)
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError:
            raise malformed_response(self.label, action, status) from None
