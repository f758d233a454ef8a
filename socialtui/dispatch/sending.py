"""Send a prepared batch: one adapter per account, live sends in parallel threads.

Nothing here touches the store: every publication of the batch already has its
marker committed, so a crash at any point leaves something :mod:`reconcile` can
settle. What each send ended in comes back as a :class:`Sent`, recorded later
in one transaction by :mod:`socialtui.dispatch.outcomes`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from socialtui.adapters.base import OutgoingPost, PublishResult, RenderedRequest
from socialtui.dispatch.connect import build_adapter
from socialtui.errors import PlatformError, SocialTuiError
from socialtui.practice_time import now_utc

if TYPE_CHECKING:
    from socialtui.adapters.base import Adapter
    from socialtui.context import Practice
    from socialtui.credentials import CredentialStore
    from socialtui.store.models import Account

log = logging.getLogger("socialtui.dispatch")
UNKNOWN_OUTCOME = "unknown-outcome"
FAULT_ENV = "SOCIALTUI_TEST_FAULT"
"""Test-only fault hook: ``pause-before-send:SECONDS`` or ``pause-after-send:SECONDS``."""


@dataclass(frozen=True)
class Prepared:
    """What one publication will send, read from the store (marker committed) before the platform call."""

    pub_id: int
    post_id: int
    account_id: int
    outgoing: OutgoingPost
    dry_run: bool
    tried_before: bool = False
    """An earlier attempt may have reached the platform: look for the post before sending again."""
    due_at: datetime | None = None


@dataclass(frozen=True)
class Sent:
    """How one publication's send ended: a result, or the error that stopped it."""

    pub_id: int
    result: PublishResult | None = None
    error: SocialTuiError | None = None
    dry_run: bool = False
    outbox: tuple[tuple[str, list[RenderedRequest]], ...] = field(default=())
    """A dry run's rendered requests, ``(platform, requests)``, for the outbox."""


def send_batch(practice: Practice, batch: Sequence[Prepared], accounts: Mapping[int, Account], *,
               credentials: CredentialStore | None = None, pool: Executor | None = None) -> list[Sent]:
    """Send every prepared publication once; the results in ``batch`` order. Never raises.

    Each account gets one adapter (and so one HTTP session) for the whole batch.
    Live sends run on ``pool``: first one per account, so an adapter builds its
    client and renews an expiring token once, then the rest in parallel. Dry runs
    send nothing and run here, one after another, so each captured request is
    known to belong to the publication just rendered.
    """
    targets = {account_id: _Target.build(practice, accounts[account_id], dry_run=dry, credentials=credentials)
               for account_id, dry in {p.account_id: p.dry_run for p in batch}.items()}
    sent = {p.pub_id: targets[p.account_id].send(p) for p in batch if p.dry_run}
    live = [p for p in batch if not p.dry_run]
    firsts = {p.account_id: p for p in reversed(live)}
    first_ids = {p.pub_id for p in firsts.values()}
    for group in (list(firsts.values()), [p for p in live if p.pub_id not in first_ids]):
        sent |= {s.pub_id: s for s in _run(pool, [partial(targets[p.account_id].send, p) for p in group])}
    return [sent[p.pub_id] for p in batch]


@dataclass
class _Target:
    """One account's adapter for a batch, or why it could not be built."""

    adapter: Adapter | None
    error: SocialTuiError | None
    captured: list[tuple[str, list[RenderedRequest]]]
    refused: PlatformError | None = None
    """The platform's auth refusal, once one send got it: the rest of the batch is not sent."""

    @classmethod
    def build(cls, practice: Practice, account: Account, *, dry_run: bool,
              credentials: CredentialStore | None) -> _Target:
        captured: list[tuple[str, list[RenderedRequest]]] = []

        def capture(platform: str, requests: list[RenderedRequest]) -> None:
            captured.append((platform, requests))

        try:
            adapter = build_adapter(practice, account, dry_run=dry_run, credentials=credentials, record=capture)
        except SocialTuiError as exc:
            return cls(None, exc, captured)
        return cls(adapter, None, captured)

    def send(self, prepared: Prepared) -> Sent:
        if self.adapter is None:
            return Sent(prepared.pub_id, error=self.error)
        if self.refused is not None:
            return Sent(prepared.pub_id, error=self.refused)
        _fault("before")
        try:
            # A timeout or a garbled answer may follow a successful publish: a retry
            # first asks the platform, so it never sends the same post twice.
            found = None
            if prepared.tried_before and not prepared.dry_run:
                since = (prepared.due_at or now_utc()) - timedelta(minutes=10)
                found = self.adapter.find_by_marker(prepared.outgoing.marker, since)
            self.captured.clear()
            result = found or self.adapter.publish(prepared.outgoing)
        except SocialTuiError as exc:
            if isinstance(exc, PlatformError) and exc.auth:
                self.refused = exc
            return Sent(prepared.pub_id, error=exc)
        except Exception as exc:  # noqa: BLE001 - a bug in an adapter: the outcome is unknown, a person decides
            log.exception("unexpected error while publishing", extra={"pub_id": prepared.pub_id, "post_id": prepared.post_id})
            return Sent(prepared.pub_id, error=PlatformError(
                f"Unexpected {type(exc).__name__} while publishing; the post may or may not be on the platform.",
                "Check the platform, then retry or mark it published.", code=UNKNOWN_OUTCOME))
        _fault("after")
        return Sent(prepared.pub_id, result=result, dry_run=prepared.dry_run,
                    outbox=tuple(self.captured) if prepared.dry_run else ())


def _run(pool: Executor | None, jobs: Sequence[Callable[[], Sent]]) -> list[Sent]:
    if pool is None or len(jobs) < 2:
        return [job() for job in jobs]
    return [future.result() for future in [pool.submit(job) for job in jobs]]


def _fault(moment: str) -> None:
    spec = os.environ.get(FAULT_ENV, "")
    name, _, seconds = spec.partition(":")
    if name == f"pause-{moment}-send":
        time.sleep(float(seconds or 3600))
