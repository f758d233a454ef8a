"""The dry-run adapter: renders what a real platform would receive, sends nothing.

It wraps the adapter of the target platform, built without credentials, and
records the rendered requests instead of sending them: through the
``record(platform, requests)`` callback the store's outbox provides, or in
:attr:`DryRunAdapter.recorded` when no callback is given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from socialtui.adapters.base import (
    Adapter,
    OutgoingPost,
    PublishResult,
    RemoteComment,
    RenderedRequest,
)
from socialtui.adapters.limits import PlatformLimits
from socialtui.errors import ValidationError

Recorder = Callable[[str, list[RenderedRequest]], None]


class DryRunAdapter(Adapter):
    """Stands in for a real adapter and records instead of sending."""

    name = "dryrun"
    label = "Dry run"
    limits = PlatformLimits(max_length=63206)
    """Only a fallback: an instance reports the wrapped platform's limits."""

    def __init__(
        self,
        account_handle: str,
        credentials: Mapping[str, str] | None = None,
        *,
        http_timeout: float = 30.0,
        **options: Any,
    ) -> None:
        """Wrap the adapter of ``options["platform"]``; credentials are ignored.

        Args:
            account_handle: the account on the target platform.
            credentials: ignored; the wrapped adapter never gets any.
            http_timeout: passed on (unused: nothing is sent).
            **options: ``platform`` (required) — the target platform name;
                ``record`` — the outbox callback ``record(platform, requests)``;
                anything else is passed to the wrapped adapter.

        Raises:
            ValidationError: no platform given, or it is the dry run itself.
        """
        record: Recorder | None = options.pop("record", None)
        platform = options.pop("platform", None)
        if not platform or platform == self.name:
            raise ValidationError(
                "The dry-run adapter needs the platform it stands in for.",
                "Pass platform='x' or platform='facebook'.",
            )
        super().__init__(account_handle, {}, http_timeout=http_timeout, **options)
        from socialtui.adapters.registry import load_adapter_class

        adapter_class = load_adapter_class(str(platform))
        self.target: Adapter = adapter_class(
            account_handle, {}, http_timeout=http_timeout, **(options | {"account_name": self.account_name})
        )
        self.platform: str = self.target.name
        self.label = f"Dry run ({self.target.label})"
        self.limits = self.target.limits
        self.credential_fields = ()
        self._record = record
        self.recorded: list[tuple[str, list[RenderedRequest]]] = []
        """What was 'sent', when no ``record`` callback was given."""

    def render(self, post: OutgoingPost) -> list[RenderedRequest]:
        """The wrapped adapter's rendering; see :meth:`Adapter.render`."""
        return self.target.render(post)

    def publish(self, post: OutgoingPost) -> PublishResult:
        """Record the rendered requests and pretend they were sent.

        Args:
            post: what would be published.

        Returns:
            ``PublishResult("dryrun-<marker>", None)``.

        Raises:
            PlatformError: the wrapped adapter cannot render this post.
        """
        requests = self.render(post)
        if self._record is not None:
            self._record(self.platform, requests)
        else:
            self.recorded.append((self.platform, requests))
        return PublishResult(f"dryrun-{post.marker or post.post_id}", None)

    def delete(self, remote_id: str) -> None:
        """Nothing was sent, so nothing to take down.

        Args:
            remote_id: ignored.
        """

    def find_by_marker(self, marker: str, since: datetime, exclude: frozenset[str] = frozenset()) -> PublishResult | None:
        """A dry run never reaches the platform.

        Args:
            marker: ignored.
            since: ignored.
            exclude: ignored.

        Returns:
            None.
        """
        return None

    def list_comments(self, remote_id: str, since: datetime | None = None) -> list[RemoteComment]:
        """A dry-run post has no comments.

        Args:
            remote_id: ignored.
            since: ignored.

        Returns:
            An empty list.
        """
        return []

    def set_comment_hidden(self, comment_id: str, hidden: bool) -> None:
        """Nothing to hide in a dry run.

        Args:
            comment_id: ignored.
            hidden: ignored.
        """

    def verify(self) -> str:
        """No credentials to check.

        Returns:
            A name saying this is a dry run of the target account.
        """
        return f"dry run of {self.target.label} {self.account_handle}"
