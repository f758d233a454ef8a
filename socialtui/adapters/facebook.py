"""Facebook Pages: feed posts, photos, comments, through facebook-sdk's GraphAPI.

facebook-sdk 3.1.0 only accepts Graph API versions up to 3.1 in its
constructor, so the client is built with "3.1" and then pinned to the
configured current version (``graph_api_version``, default ``v21.0``); its
URLs are ``graph.facebook.com/{version}/...``. It has no default timeout, so a
session that always sets one is passed in. The sdk is imported only when a
request is about to be made.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from socialtui.adapters.base import (
    Adapter,
    CredentialField,
    OutgoingPost,
    PublishResult,
    RemoteComment,
    RenderedRequest,
    compose_text,
    marker_matches,
    unsupported,
)
from socialtui.adapters.limits import PlatformLimits
from socialtui.errors import PlatformError

T = TypeVar("T")
MB = 1024 * 1024
GRAPH_URL = "https://graph.facebook.com"
DEFAULT_GRAPH_VERSION = "v21.0"
DEFAULT_RETRY_AFTER = 300.0
"""Seconds to wait after a rate limit when no usage header says how long."""
MAX_PAGES = 5

AUTH_CODES = frozenset({102, 190, 10}) | frozenset(range(200, 300))
"""Expired / invalid token (190, 102) and missing permissions (10, 200-299)."""
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80001})
TRANSIENT_CODES = frozenset({1, 2})
USAGE_HEADERS = ("x-business-use-case-usage", "x-app-usage", "x-page-usage")


def photo_placeholder(index: int) -> str:
    """The stand-in a rendered request shows for the id of photo ``index`` (from 1)."""
    return f"<photo {index}>"


def regain_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds until access returns, from Graph's usage headers, if they say.

    ``estimated_time_to_regain_access`` is given in minutes, nested per
    business id in X-Business-Use-Case-Usage (flat in the others).

    Args:
        headers: the response headers (case-insensitive mapping).

    Returns:
        The longest wait any header announces, or None.
    """
    minutes: list[float] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "estimated_time_to_regain_access" and isinstance(value, int | float):
                    minutes.append(float(value))
                else:
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    for name in USAGE_HEADERS:
        raw = headers.get(name)
        if raw:
            try:
                collect(json.loads(raw))
            except ValueError:
                continue
    longest = max(minutes, default=0.0)
    return longest * 60 if longest > 0 else None


class FacebookAdapter(Adapter):
    """Publishes to one Facebook Page with a Page access token."""

    name = "facebook"
    label = "Facebook Page"
    limits = PlatformLimits(
        max_length=63206,
        max_media=10,
        max_image_bytes=4 * MB,
        max_video_bytes=1024 * MB,
        image_types=frozenset({"image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff"}),
        # The platform takes video, but this adapter cannot upload it yet (chunked upload):
        # an empty list makes the PLT check say so while composing, not at dispatch.
        video_types=frozenset(),
        mixed_media=False,
    )
    credential_fields = (
        CredentialField("page_access_token", "Page access token"),
        CredentialField(
            "page_id", "Page ID (leave empty to use the account handle)", secret=False, optional=True
        ),
    )

    def __init__(
        self,
        account_handle: str,
        credentials: Mapping[str, str],
        *,
        http_timeout: float = 30.0,
        **options: Any,
    ) -> None:
        """Prepare the adapter; see :class:`Adapter`.

        Args:
            account_handle: the Page id (or its username).
            credentials: ``page_access_token`` and optionally ``page_id``.
            http_timeout: seconds before any single HTTP request gives up.
            **options: ``graph_api_version`` (e.g. ``"v21.0"``);
                ``account_name`` — the local account name used in hints.
        """
        version = str(options.pop("graph_api_version", None) or DEFAULT_GRAPH_VERSION)
        super().__init__(account_handle, credentials, http_timeout=http_timeout, **options)
        self.graph_version = version if version.startswith("v") else f"v{version}"
        self.page_id = self._credentials.get("page_id") or self.account_handle
        self._graph_client: Any = None
        self._last_response: Any = None

    def _graph(self) -> Any:
        """The GraphAPI client, built on first use, pinned to ``graph_version``."""
        if self._graph_client is None:
            import facebook

            from socialtui.adapters.http import TimeoutSession, guard_library_logs

            guard_library_logs()
            (token,) = self._require("page_access_token")
            session = TimeoutSession(self.http_timeout)
            session.hooks["response"].append(self._remember_response)
            graph = facebook.GraphAPI(
                access_token=token, timeout=self.http_timeout, version="3.1", session=session
            )
            graph.version = self.graph_version  # the sdk refuses versions after 3.1
            self._graph_client = graph
        return self._graph_client

    def _remember_response(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        """Keep the last response's status and headers: the sdk's errors lack them."""
        self._last_response = response
        return response

    def _path(self, *parts: str) -> str:
        return "/".join((self.graph_version, *parts))

    def post_url(self, remote_id: str) -> str:
        """The public URL of a Page post."""
        return f"https://www.facebook.com/{remote_id}"

    # -- calling Graph ----------------------------------------------------

    def _call(self, action: str, request: Callable[[Any], T]) -> T:
        """Run ``request(graph)``, mapping every failure to PlatformError."""
        graph = self._graph()
        self._last_response = None
        try:
            return request(graph)
        except PlatformError:
            raise
        except Exception as exc:
            raise self._error(exc, action) from None

    def _error(self, exc: Exception, action: str) -> PlatformError:
        """The PlatformError for an exception raised while ``action``.

        Args:
            exc: what the sdk, requests or the body parsing raised.
            action: what was being done, e.g. "publishing a post".

        Returns:
            The error to raise: 190/102 and permission codes auth; 4/17/32/613/80001
            transient with retry_after; 368 and other codes permanent; 1/2,
            is_transient, 5xx, network and unreadable answers transient.
        """
        import facebook
        import requests

        from socialtui.adapters.http import malformed_response, network_error

        response = self._last_response
        status: int | None = getattr(response, "status_code", None)
        unreadable = isinstance(exc, requests.JSONDecodeError | ValueError | KeyError | TypeError | AttributeError)
        if unreadable or (isinstance(exc, facebook.GraphAPIError) and not isinstance(exc.code, int)):
            # No Graph error code: judge by the HTTP status the session saw.
            if status is not None and status >= 500:
                return PlatformError(f"Facebook failed while {action} (HTTP {status}).", "Will retry.",
                                     transient=True, status=status)  # fmt: skip
            return malformed_response(self.label, action, status)
        if isinstance(exc, requests.RequestException):
            return network_error(self.label, action, exc)
        if not isinstance(exc, facebook.GraphAPIError):
            return PlatformError(f"Facebook request failed while {action} ({type(exc).__name__}).",
                                 "Will retry.", transient=True)  # fmt: skip
        code: int = exc.code
        detail = exc.result.get("error", {}) if isinstance(exc.result, dict) else {}
        said = self.redact(str(exc.message))[:300] if isinstance(exc.message, str) else ""
        if code in AUTH_CODES:
            return PlatformError(
                f"Facebook rejected the Page token for {self.account_name!r} while {action} "
                f"(code {code}): {said}",
                self.reconnect_hint + " The token needs pages_manage_posts and pages_manage_engagement.",
                auth=True, status=status, code=code,
            )  # fmt: skip
        if code in RATE_LIMIT_CODES:
            headers = response.headers if response is not None else {}
            wait = regain_seconds(headers) or DEFAULT_RETRY_AFTER
            return PlatformError(
                f"Facebook rate limit reached while {action} (code {code}).", f"Will retry in {int(wait)} s.",
                transient=True, retry_after=wait, status=status, code=code,
            )  # fmt: skip
        if code == 368:
            return PlatformError(
                f"Facebook blocked this action as abusive or against its policies: {said}",
                "Review the post against Facebook's Community Standards; do not retry unchanged.",
                status=status, code=code,
            )  # fmt: skip
        if code in TRANSIENT_CODES or detail.get("is_transient") or (status or 0) >= 500:
            return PlatformError(f"Facebook failed while {action} (code {code}): {said}", "Will retry.",
                                 transient=True, status=status, code=code)  # fmt: skip
        return PlatformError(f"Facebook rejected the request while {action} (code {code}): {said}",
                             "Fix what Facebook reports, then try again.", status=status, code=code)  # fmt: skip

    # -- posting ------------------------------------------------------------

    def render(self, post: OutgoingPost) -> list[RenderedRequest]:
        """See :meth:`Adapter.render`.

        Text only: ``POST /{page}/feed`` with ``message`` and ``link``. One
        photo: ``POST /{page}/photos`` with the caption. Several photos: each
        uploaded unpublished, then one feed post with ``attached_media``.
        """
        if any(m.is_video for m in post.media):
            raise unsupported(self, "video")
        base = f"{GRAPH_URL}/{self.graph_version}/{self.page_id}"
        if not post.media:
            fields: dict[str, Any] = {"message": post.text}
            if post.link:
                fields["link"] = post.link
            return [RenderedRequest("POST", f"{base}/feed", fields)]
        message = compose_text(post.text, post.link)
        if len(post.media) == 1:
            photo = post.media[0]
            return [RenderedRequest("POST", f"{base}/photos", {"message": message, "published": "true"},
                                    [photo.describe()])]  # fmt: skip
        uploads = [
            RenderedRequest("POST", f"{base}/photos", {"published": "false"}, [m.describe()])
            for m in post.media
        ]
        feed: dict[str, Any] = {"message": message}
        for i in range(len(post.media)):
            feed[f"attached_media[{i}]"] = json.dumps({"media_fbid": photo_placeholder(i + 1)})
        return [*uploads, RenderedRequest("POST", f"{base}/feed", feed)]

    def publish(self, post: OutgoingPost) -> PublishResult:
        """See :meth:`Adapter.publish`; sends exactly what :meth:`render` shows."""
        rendered = self.render(post)

        def send(graph: Any) -> PublishResult:
            photo_ids: list[str] = []
            result: dict[str, Any] = {}
            for request, media in zip(rendered, post.media, strict=False):
                result = graph.put_photo(
                    (media.filename, media.data, media.mime),
                    album_path=f"{self.page_id}/photos", **request.fields,
                )  # fmt: skip
                photo_ids.append(str(result["id"]))
            final = rendered[-1]
            if final.endpoint.endswith("/feed"):
                fields = {k: self._fill_photo_ids(v, photo_ids) for k, v in final.fields.items()}
                result = graph.put_object(self.page_id, "feed", **fields)
            remote_id = str(result.get("post_id") or result["id"])
            return PublishResult(remote_id, self.post_url(remote_id))

        return self._call("publishing a post", send)

    @staticmethod
    def _fill_photo_ids(value: Any, photo_ids: list[str]) -> Any:
        if isinstance(value, str):
            for i, photo_id in enumerate(photo_ids):
                value = value.replace(photo_placeholder(i + 1), photo_id)
        return value

    def delete(self, remote_id: str) -> None:
        """See :meth:`Adapter.delete`; a post already gone is not an error."""
        import facebook

        def remove(graph: Any) -> None:
            try:
                graph.delete_object(remote_id)
            except facebook.GraphAPIError as exc:
                subcode = (exc.result.get("error") or {}).get("error_subcode") if isinstance(exc.result, dict) else None
                if exc.code == 100 and subcode == 33:
                    return
                raise

        self._call("deleting a post", remove)

    # -- reading back -------------------------------------------------------

    def verify(self) -> str:
        """See :meth:`Adapter.verify`; reads the Page's name."""
        return self._call(
            "checking the Page",
            lambda graph: str(graph.get_object(self.page_id, fields="id,name")["name"]),
        )

    def _pages(self, graph: Any, node: str, edge: str, **args: Any) -> list[dict[str, Any]]:
        """Up to ``MAX_PAGES`` pages of an edge, following ``after`` cursors."""
        items: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            page = graph.get_connections(node, edge, **args)
            items.extend(page["data"])
            after = ((page.get("paging") or {}).get("cursors") or {}).get("after")
            if not after or not (page.get("paging") or {}).get("next"):
                break
            args["after"] = after
        return items

    def find_by_marker(self, marker: str, since: datetime, exclude: frozenset[str] = frozenset()) -> PublishResult | None:
        """See :meth:`Adapter.find_by_marker`; reads ``/{page}/posts``."""

        def search(graph: Any) -> PublishResult | None:
            posts = self._pages(graph, self.page_id, "posts", fields="id,message,created_time",
                                since=int(since.timestamp()), limit=100)  # fmt: skip
            for item in posts:
                if str(item["id"]) not in exclude and marker_matches(marker, str(item.get("message") or "")):
                    return PublishResult(str(item["id"]), self.post_url(str(item["id"])))
            return None

        return self._call("looking for an earlier post", search)

    def list_comments(self, remote_id: str, since: datetime | None = None) -> list[RemoteComment]:
        """See :meth:`Adapter.list_comments`; reads ``/{post_id}/comments`` (all levels)."""

        def read(graph: Any) -> list[RemoteComment]:
            args: dict[str, Any] = {"fields": "id,message,from,created_time,is_hidden",
                                    "filter": "stream", "order": "chronological", "limit": 100}  # fmt: skip
            if since is not None:
                args["since"] = int(since.timestamp())
            comments = []
            for item in self._pages(graph, remote_id, "comments", **args):
                created = item.get("created_time")
                comments.append(RemoteComment(
                    id=str(item["id"]), parent_post_id=str(remote_id),
                    author_name=str((item.get("from") or {}).get("name") or "unknown"),
                    text=str(item.get("message") or ""),
                    created_at=datetime.strptime(created, "%Y-%m-%dT%H:%M:%S%z") if created else None,
                    hidden=bool(item.get("is_hidden", False)),
                ))  # fmt: skip
            return comments

        return self._call("reading comments", read)

    def set_comment_hidden(self, comment_id: str, hidden: bool) -> None:
        """See :meth:`Adapter.set_comment_hidden`; ``POST /{comment_id}`` with ``is_hidden``."""

        def hide(graph: Any) -> None:
            result = graph.request(self._path(comment_id),
                                   post_args={"is_hidden": "true" if hidden else "false"})  # fmt: skip
            if not result.get("success"):
                raise ValueError("is_hidden not applied")

        self._call("hiding a comment" if hidden else "showing a comment", hide)
