"""The interface every platform adapter implements, and the data it exchanges.

An adapter turns one approved post into the request(s) a platform receives,
sends them, and reads back what the dispatcher and the moderation inbox need.
Class data (``name``, ``label``, ``limits``, ``credential_fields``) is cheap to
read: importing an adapter module never imports its platform SDK.

Post text is patient-adjacent content and tokens are secrets: neither appears
in a ``repr``, a log line or an error message.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from socialtui.adapters.limits import PlatformLimits
from socialtui.errors import PlatformError


@dataclass(frozen=True)
class CredentialField:
    """One value `socialtui accounts add` prompts for and stores in the keyring."""

    name: str
    """Key of the value in the stored credential dict."""
    prompt: str
    """What the person is asked, in the platform's own words."""
    secret: bool = True
    """Typed without echo and never shown again."""
    optional: bool = False
    """May be left empty (e.g. fields of the other auth method)."""


@dataclass(frozen=True)
class OutgoingMedia:
    """One attachment, already stripped of metadata by the caller."""

    filename: str
    mime: str
    data: bytes = field(repr=False)
    sha256: str

    @property
    def is_video(self) -> bool:
        """Whether this attachment is a video."""
        return self.mime.startswith("video/")

    def describe(self) -> dict[str, Any]:
        """What a preview shows of this attachment: everything but the bytes."""
        return {
            "filename": self.filename,
            "mime": self.mime,
            "size": len(self.data),
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class OutgoingPost:
    """Exactly what one publication sends: text, optional link, media, marker.

    ``marker`` lets the dispatcher find the post again after a crash; build it
    with :func:`publication_marker` (or :func:`content_marker`, as :meth:`create`
    does), so that :meth:`Adapter.find_by_marker` recognises the published text.
    """

    post_id: int
    text: str = field(repr=False)
    link: str | None = None
    media: tuple[OutgoingMedia, ...] = ()
    marker: str = ""

    @classmethod
    def create(
        cls,
        post_id: int,
        text: str,
        link: str | None = None,
        media: tuple[OutgoingMedia, ...] = (),
    ) -> OutgoingPost:
        """Build a post whose marker is the :func:`content_marker` of its text.

        Args:
            post_id: the local post's id.
            text: the text for this platform (variant or base text).
            link: a link to attach, or None.
            media: attachments, metadata already stripped.

        Returns:
            The post, ready for an adapter.
        """
        return cls(post_id, text, link, media, content_marker(text))


@dataclass(frozen=True)
class PublishResult:
    """Where a published post lives on the platform."""

    remote_id: str
    url: str | None


@dataclass(frozen=True)
class RemoteComment:
    """A comment or reply under one of our posts, as the platform reports it."""

    id: str
    parent_post_id: str
    author_name: str
    text: str = field(repr=False)
    created_at: datetime | None = None
    hidden: bool = False


@dataclass(frozen=True)
class RenderedRequest:
    """One HTTP request as a platform would receive it, credentials left out.

    ``media`` describes attachments (filename, mime, size, sha256) without
    their bytes. Placeholders such as ``"<media 1>"`` stand for ids the
    platform assigns while the post is being sent.
    """

    method: str
    endpoint: str
    fields: dict[str, Any] = field(default_factory=dict, repr=False)
    media: list[dict[str, Any]] = field(default_factory=list)


def compose_text(text: str, link: str | None) -> str:
    """The text a platform receives: the post text, then the link unless it is in it.

    Args:
        text: the post text.
        link: the post's link, or None.

    Returns:
        The text with the link appended on its own paragraph when needed.
    """
    if not link or link in text:
        return text
    return f"{text}\n\n{link}" if text else link


_URL = re.compile(r"https?://\S+")


def content_marker(text: str) -> str:
    """A short fingerprint of post text that survives what platforms do to it.

    URLs are dropped (X rewrites them to t.co links, and a link may be appended),
    HTML entities decoded (X returns ``&amp;``), Unicode normalised, whitespace
    collapsed and case folded.

    Args:
        text: the post text, as sent or as read back.

    Returns:
        16 hex characters.
    """
    plain = unicodedata.normalize("NFC", html.unescape(_URL.sub(" ", text)))
    normal = " ".join(plain.split()).casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def publication_marker(text: str, publication_id: int) -> str:
    """The marker of one publication: the text's :func:`content_marker`, then the publication's id.

    Two publications of the same text on one account must never be taken for each
    other: a platform that keeps the marker (a webhook) matches it whole, and one
    that keeps only the text matches the fingerprint before the dash, with the
    remote ids already recorded for the account excluded (see
    :meth:`Adapter.find_by_marker`).

    Args:
        text: the post text, as sent.
        publication_id: the local publication's id.

    Returns:
        ``<16 hex>-<publication id>``.
    """
    return f"{content_marker(text)}-{publication_id}"


def marker_fingerprint(marker: str) -> str:
    """The text fingerprint a marker carries (the whole marker when it names no publication)."""
    return marker.partition("-")[0]


def marker_matches(marker: str, remote_text: str) -> bool:
    """Whether a post read back from a platform carries ``marker``.

    Args:
        marker: the marker of the post we may have sent.
        remote_text: the text of a post read from the platform.

    Returns:
        True when the marker is in the text or the text's fingerprint is the marker's.
    """
    return bool(marker) and (marker in remote_text or content_marker(remote_text) == marker_fingerprint(marker))


class Adapter(ABC):
    """Publishes to one account on one platform.

    Subclasses set the class data below and implement every abstract method.
    Every failure talking to the platform raises
    :class:`socialtui.errors.PlatformError` with ``transient`` / ``auth`` /
    ``retry_after`` / ``status`` / ``code`` set.
    """

    name: str
    """Platform name used in config and on the command line, e.g. ``"x"``."""
    label: str
    """Name shown to people, e.g. ``"Facebook Page"``."""
    limits: PlatformLimits
    """What the platform accepts; the PLT checks and the composer read this."""
    credential_fields: tuple[CredentialField, ...] = ()
    """What `socialtui accounts add` prompts for."""

    def __init__(
        self,
        account_handle: str,
        credentials: Mapping[str, str],
        *,
        http_timeout: float = 30.0,
        **options: Any,
    ) -> None:
        """Prepare an adapter; no network call and no SDK import happen here.

        Args:
            account_handle: the account on the platform (X handle, Page id).
            credentials: the values named by ``credential_fields``; may be
                empty for :meth:`render`.
            http_timeout: seconds before any single HTTP request gives up.
            **options: adapter-specific settings. ``account_name`` (the local
                account name used in hints) is understood by every adapter.
        """
        self.account_handle = account_handle.lstrip("@")
        self._credentials: dict[str, str] = {k: v for k, v in credentials.items() if v}
        self.http_timeout = http_timeout
        self.account_name: str = str(options.pop("account_name", None) or self.account_handle)
        self.options: dict[str, Any] = options

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(account_handle={self.account_handle!r}, "
            f"credentials=<{len(self._credentials)} hidden>)"
        )

    @property
    def reconnect_hint(self) -> str:
        """What a person runs to store fresh credentials for this account."""
        return f"Reconnect with `socialtui accounts add {self.name} {self.account_name}`."

    @abstractmethod
    def render(self, post: OutgoingPost) -> list[RenderedRequest]:
        """The exact requests :meth:`publish` would send, in order; no network.

        Args:
            post: what to publish.

        Returns:
            One entry per HTTP request, credentials left out.

        Raises:
            PlatformError: the post cannot be sent to this platform at all
                (e.g. an unsupported media type); permanent.
        """

    @abstractmethod
    def publish(self, post: OutgoingPost) -> PublishResult:
        """Send the post.

        Args:
            post: what to publish.

        Returns:
            The remote id and public URL of the new post.

        Raises:
            PlatformError: the platform refused or failed the request.
        """

    @abstractmethod
    def delete(self, remote_id: str) -> None:
        """Take a published post down; a post already gone is not an error.

        Args:
            remote_id: the id :meth:`publish` returned.

        Raises:
            PlatformError: the platform refused or failed the request.
        """

    @abstractmethod
    def find_by_marker(self, marker: str, since: datetime, exclude: frozenset[str] = frozenset()) -> PublishResult | None:
        """Find a post of ours published since ``since`` that carries ``marker``.

        Used after a crash to learn whether a post in ``publishing`` went out.
        A platform that keeps only the text cannot tell two posts of the same
        text apart: skip every post in ``exclude`` and keep looking, so that
        another publication's post is never taken for this one.

        Args:
            marker: :attr:`OutgoingPost.marker` of the post we may have sent.
            since: when the attempt started (timezone-aware).
            exclude: remote ids already recorded for other publications on this account.

        Returns:
            The post if found, else None.

        Raises:
            PlatformError: the platform refused or failed the request.
        """

    @abstractmethod
    def list_comments(self, remote_id: str, since: datetime | None = None) -> list[RemoteComment]:
        """Comments / replies under one of our posts.

        Args:
            remote_id: the post's remote id.
            since: only comments created after this time, if given.

        Returns:
            The comments, oldest first where the platform says.

        Raises:
            PlatformError: the platform refused or failed the request.
        """

    @abstractmethod
    def set_comment_hidden(self, comment_id: str, hidden: bool) -> None:
        """Hide or unhide a comment under one of our posts.

        Args:
            comment_id: the comment's remote id.
            hidden: True to hide, False to show again.

        Raises:
            PlatformError: the platform refused or failed the request.
        """

    @abstractmethod
    def verify(self) -> str:
        """Make one read-only call that proves the credentials work.

        Returns:
            The account's display name or handle.

        Raises:
            PlatformError: the credentials are missing, rejected, or the
                platform is unreachable.
        """

    def redact(self, text: str) -> str:
        """``text`` with every stored credential value replaced by ``***``.

        Args:
            text: a message from the platform (some echo a malformed token).

        Returns:
            The text, safe to show and log.
        """
        for value in self._credentials.values():
            if len(value) >= 6:
                text = text.replace(value, "***")
        return text

    def _require(self, *names: str) -> list[str]:
        """The named credential values, or an auth PlatformError naming what is missing."""
        missing = [n for n in names if not self._credentials.get(n)]
        if missing:
            raise PlatformError(
                f"The {self.label} account {self.account_name!r} has no stored "
                f"{', '.join(missing)}.",
                self.reconnect_hint,
                auth=True,
            )
        return [self._credentials[n] for n in names]


def unsupported(adapter: Adapter, what: str) -> PlatformError:
    """A permanent error for something this adapter cannot send yet.

    Args:
        adapter: the adapter refusing.
        what: what it cannot send, e.g. "video".

    Returns:
        The error to raise.
    """
    return PlatformError(
        f"Posting {what} to {adapter.label} is not supported yet.",
        "Remove the attachment or publish this post by hand.",
        code="unsupported",
    )
