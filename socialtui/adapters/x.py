"""X (formerly Twitter): posts, image upload, replies, through tweepy's v2 Client.

Two ways to authenticate, chosen by which credentials are stored:

* OAuth 1.0a user context: ``consumer_key``, ``consumer_secret``,
  ``access_token`` and ``access_token_secret``.
* OAuth 2.0 user token: ``access_token`` plus, to renew it, ``refresh_token``
  and ``client_id`` (and ``client_secret`` for a confidential client). X rotates
  the refresh token on every renewal, so the adapter hands the new credentials
  to the ``on_tokens_refreshed`` callback; the caller must store them.

tweepy is imported only when a request is about to be made.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from socialtui.adapters.base import (
    Adapter,
    CredentialField,
    OutgoingMedia,
    OutgoingPost,
    PublishResult,
    RemoteComment,
    RenderedRequest,
    compose_text,
    marker_matches,
    unsupported,
)
from socialtui.adapters.limits import PlatformLimits
from socialtui.adapters.x_errors import raise_for_status, x_error
from socialtui.errors import PlatformError

T = TypeVar("T")
MB = 1024 * 1024

API_HOST = "https://api.twitter.com"
"""The host tweepy 4.17's Client sends every v2 call to (hard-coded there)."""
MEDIA_UPLOAD_URL = "https://api.x.com/2/media/upload"
TOKEN_URL = "https://api.x.com/2/oauth2/token"
REFRESH_MARGIN = 60.0
"""Renew an OAuth 2 token this many seconds before it expires."""
SEARCH_WINDOW = timedelta(days=7) - timedelta(minutes=1)
"""Recent search only reaches back seven days; older start times are refused."""
MAX_PAGES = 5


def media_placeholder(index: int) -> str:
    """The stand-in a rendered request shows for the id of attachment ``index`` (from 1)."""
    return f"<media {index}>"


class XAdapter(Adapter):
    """Publishes to one X account."""

    name = "x"
    label = "X"
    limits = PlatformLimits(
        max_length=280,
        length_counting="x-weighted",
        max_media=4,
        max_image_bytes=5 * MB,
        max_video_bytes=512 * MB,
        image_types=frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"}),
        # The platform takes video, but this adapter cannot upload it yet (chunked upload):
        # an empty list makes the PLT check say so while composing, not at dispatch.
        video_types=frozenset(),
        mixed_media=False,
    )
    credential_fields = (
        CredentialField("access_token", "Access token"),
        CredentialField(
            "access_token_secret", "Access token secret (OAuth 1.0a only)", optional=True
        ),
        CredentialField("consumer_key", "API key (OAuth 1.0a only)", optional=True),
        CredentialField("consumer_secret", "API key secret (OAuth 1.0a only)", optional=True),
        CredentialField("refresh_token", "Refresh token (OAuth 2.0 only)", optional=True),
        CredentialField(
            "client_id", "OAuth 2.0 client ID (OAuth 2.0 only)", secret=False, optional=True
        ),
        CredentialField(
            "client_secret", "OAuth 2.0 client secret (confidential apps only)", optional=True
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
            account_handle: the X handle, with or without ``@``.
            credentials: OAuth 1.0a or OAuth 2.0 values (module docstring).
            http_timeout: seconds before any single HTTP request gives up.
            **options: ``on_tokens_refreshed`` — called with the complete,
                updated credential dict after an OAuth 2 renewal;
                ``account_name`` — the local account name used in hints.
        """
        callback = options.pop("on_tokens_refreshed", None)
        super().__init__(account_handle, credentials, http_timeout=http_timeout, **options)
        self.on_tokens_refreshed: Callable[[dict[str, str]], None] | None = callback
        self._tweepy_client: Any = None
        self._user_id: str | None = None

    # -- authentication ---------------------------------------------------

    @property
    def uses_oauth1(self) -> bool:
        """Whether the stored credentials are OAuth 1.0a user context."""
        return all(
            self._credentials.get(k)
            for k in ("consumer_key", "consumer_secret", "access_token_secret")
        )

    def _client(self) -> Any:
        """The tweepy Client, built on first use with a timeout-enforcing session."""
        if self._tweepy_client is None:
            import tweepy  # type: ignore[import-untyped]

            from socialtui.adapters.http import TimeoutSession, guard_library_logs

            guard_library_logs()
            if self.uses_oauth1:
                ck, cs, at, ats = self._require(
                    "consumer_key", "consumer_secret", "access_token", "access_token_secret"
                )
                client = tweepy.Client(
                    consumer_key=ck, consumer_secret=cs, access_token=at,
                    access_token_secret=ats, return_type=dict, wait_on_rate_limit=False,
                )  # fmt: skip
            else:
                (token,) = self._require("access_token")
                client = tweepy.Client(bearer_token=token, return_type=dict, wait_on_rate_limit=False)
            client.session = TimeoutSession(self.http_timeout)
            self._tweepy_client = client
        return self._tweepy_client

    def _request_auth(self) -> tuple[Any, dict[str, str]]:
        """The ``auth`` and headers that sign a raw request exactly as tweepy signs its own."""
        client = self._client()
        if self.uses_oauth1:
            import tweepy

            handler = tweepy.OAuth1UserHandler(
                client.consumer_key, client.consumer_secret,
                client.access_token, client.access_token_secret,
            )  # fmt: skip
            return handler.apply_auth(), {}
        return None, {"Authorization": f"Bearer {client.bearer_token}"}

    def _can_refresh(self) -> bool:
        return not self.uses_oauth1 and bool(
            self._credentials.get("refresh_token") and self._credentials.get("client_id")
        )

    def _token_expiring(self) -> bool:
        expires_at = self._credentials.get("expires_at")
        try:
            return expires_at is not None and float(expires_at) - REFRESH_MARGIN < time.time()
        except ValueError:
            return False

    def refresh_tokens(self) -> dict[str, str]:
        """Renew the OAuth 2 access token with the stored refresh token.

        The complete updated credentials go to ``on_tokens_refreshed`` (when
        given) before this returns: X has already invalidated the old refresh
        token, so they must be stored.

        Returns:
            The complete updated credential dict.

        Raises:
            PlatformError: no refresh token is stored, X refused it (auth), or
                the request failed.
        """
        import requests

        from socialtui.adapters.http import malformed_response, network_error

        refresh_token, client_id = self._require("refresh_token", "client_id")
        client = self._client()
        secret = self._credentials.get("client_secret")
        try:
            response = client.session.post(
                TOKEN_URL,
                data={"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id},
                auth=(client_id, secret) if secret else None,
            )
        except requests.RequestException as exc:
            raise network_error(self.label, "renewing the access token", exc) from None
        if response.status_code in (400, 401):
            raise PlatformError(
                f"X refused to renew the access token for {self.account_name!r} "
                f"(HTTP {response.status_code}); the refresh token was revoked or already used.",
                self.reconnect_hint, auth=True, status=response.status_code,
            )  # fmt: skip
        try:
            raise_for_status(response)
            body = response.json()
            access, new_refresh = str(body["access_token"]), str(body.get("refresh_token") or refresh_token)
            expires_in = float(body.get("expires_in", 7200))
        except PlatformError:
            raise
        except Exception as exc:
            raise x_error(self, exc, "renewing the access token") from None
        if not access:
            raise malformed_response(self.label, "renewing the access token", response.status_code)
        self._credentials.update(
            access_token=access, refresh_token=new_refresh,
            expires_at=str(int(time.time() + expires_in)),
        )  # fmt: skip
        client.bearer_token = access
        updated = dict(self._credentials)
        if self.on_tokens_refreshed is not None:
            self.on_tokens_refreshed(dict(updated))
        return updated

    # -- calling X ----------------------------------------------------------

    def _call(self, action: str, request: Callable[[Any], T]) -> T:
        """Run ``request(client)``, mapping every failure to PlatformError.

        An OAuth 2 token that is about to expire, or that X rejects with 401,
        is renewed once and the request retried.
        """
        if self._can_refresh() and self._token_expiring():
            self.refresh_tokens()
        try:
            return self._attempt(action, request)
        except PlatformError as err:
            if not (err.auth and err.status == 401 and self._can_refresh()):
                raise
        self.refresh_tokens()
        return self._attempt(action, request)

    def _attempt(self, action: str, request: Callable[[Any], T]) -> T:
        client = self._client()
        try:
            return request(client)
        except PlatformError:
            raise
        except Exception as exc:
            raise x_error(self, exc, action) from None

    # -- posting ------------------------------------------------------------

    def post_url(self, remote_id: str) -> str:
        """The public URL of one of this account's posts."""
        return f"https://x.com/{self.account_handle}/status/{remote_id}"

    def render(self, post: OutgoingPost) -> list[RenderedRequest]:
        """See :meth:`Adapter.render`; uploads first, then ``POST /2/tweets``."""
        if any(m.is_video for m in post.media):
            raise unsupported(self, "video")
        requests = [
            RenderedRequest("POST", MEDIA_UPLOAD_URL, {"media_category": "tweet_image"}, [m.describe()])
            for m in post.media
        ]
        fields: dict[str, Any] = {"text": compose_text(post.text, post.link)}
        if post.media:
            fields["media"] = {"media_ids": [media_placeholder(i + 1) for i in range(len(post.media))]}
        requests.append(RenderedRequest("POST", f"{API_HOST}/2/tweets", fields))
        return requests

    def publish(self, post: OutgoingPost) -> PublishResult:
        """See :meth:`Adapter.publish`; sends exactly what :meth:`render` shows."""
        rendered = self.render(post)
        media_ids = [self._upload_image(media) for media in post.media]
        fields = rendered[-1].fields

        def create(client: Any) -> PublishResult:
            body = client.create_tweet(
                text=fields["text"], media_ids=media_ids or None, user_auth=self.uses_oauth1
            )
            remote_id = str(body["data"]["id"])
            return PublishResult(remote_id, self.post_url(remote_id))

        return self._call("publishing a post", create)

    def _upload_image(self, media: OutgoingMedia) -> str:
        """Upload one image through ``POST /2/media/upload``; returns its media id."""

        def upload(client: Any) -> str:
            auth, headers = self._request_auth()
            response = client.session.post(
                MEDIA_UPLOAD_URL,
                data={"media_category": "tweet_image"},
                files={"media": (media.filename, media.data, media.mime)},
                auth=auth,
                headers=headers,
            )
            raise_for_status(response)
            return str(response.json()["data"]["id"])

        return self._call("uploading an image", upload)

    def delete(self, remote_id: str) -> None:
        """See :meth:`Adapter.delete`."""
        from tweepy import errors

        def remove(client: Any) -> None:
            try:
                client.delete_tweet(remote_id, user_auth=self.uses_oauth1)
            except errors.NotFound:
                return

        self._call("deleting a post", remove)

    # -- reading back -------------------------------------------------------

    def _own_user_id(self) -> str:
        if self._user_id is None:
            self.verify()
        assert self._user_id is not None
        return self._user_id

    def verify(self) -> str:
        """See :meth:`Adapter.verify`; calls ``GET /2/users/me``."""

        def me(client: Any) -> str:
            body = client.get_me(user_auth=self.uses_oauth1, user_fields=["username", "name"])
            self._user_id = str(body["data"]["id"])
            return f"@{body['data']['username']}"

        return self._call("checking the account", me)

    def find_by_marker(self, marker: str, since: datetime, exclude: frozenset[str] = frozenset()) -> PublishResult | None:
        """See :meth:`Adapter.find_by_marker`; reads ``GET /2/users/:id/tweets``."""
        user_id = self._own_user_id()

        def timeline(client: Any) -> PublishResult | None:
            token: str | None = None
            for _ in range(MAX_PAGES):
                params: dict[str, Any] = {"start_time": since, "max_results": 100, "exclude": ["retweets"]}
                if token:
                    params["pagination_token"] = token
                body = client.get_users_tweets(user_id, user_auth=self.uses_oauth1, **params)
                for tweet in body.get("data") or []:
                    if str(tweet["id"]) not in exclude and marker_matches(marker, str(tweet["text"])):
                        return PublishResult(str(tweet["id"]), self.post_url(str(tweet["id"])))
                token = (body.get("meta") or {}).get("next_token")
                if not token:
                    break
            return None

        return self._call("looking for an earlier post", timeline)

    def list_comments(self, remote_id: str, since: datetime | None = None) -> list[RemoteComment]:
        """See :meth:`Adapter.list_comments`; recent search for ``conversation_id:ID``.

        X's search reaches back seven days; ``since`` older than that is ignored.
        """

        def search(client: Any) -> list[RemoteComment]:
            params: dict[str, Any] = {
                "max_results": 100,
                "tweet_fields": ["author_id", "created_at", "conversation_id"],
                "expansions": ["author_id"],
                "user_fields": ["username", "name"],
            }
            if since is not None and since > datetime.now(UTC) - SEARCH_WINDOW:
                params["start_time"] = since
            body = client.search_recent_tweets(
                f"conversation_id:{remote_id}", user_auth=self.uses_oauth1, **params
            )
            users = {str(u["id"]): u for u in (body.get("includes") or {}).get("users", [])}
            comments = []
            for tweet in reversed(body.get("data") or []):
                if str(tweet["id"]) == str(remote_id):
                    continue
                author = users.get(str(tweet.get("author_id")), {})
                created = tweet.get("created_at")
                comments.append(RemoteComment(
                    id=str(tweet["id"]), parent_post_id=str(remote_id),
                    author_name=f"@{author['username']}" if author.get("username") else "unknown",
                    text=str(tweet["text"]),
                    created_at=datetime.fromisoformat(created) if created else None,
                ))  # fmt: skip
            return comments

        return self._call("reading replies", search)

    def set_comment_hidden(self, comment_id: str, hidden: bool) -> None:
        """See :meth:`Adapter.set_comment_hidden`; ``PUT /2/tweets/:id/hidden``."""

        def hide(client: Any) -> None:
            method = client.hide_reply if hidden else client.unhide_reply
            body = method(comment_id, user_auth=self.uses_oauth1)
            if bool(body["data"]["hidden"]) != hidden:
                raise ValueError("hidden flag not applied")

        self._call("hiding a reply" if hidden else "showing a reply", hide)
