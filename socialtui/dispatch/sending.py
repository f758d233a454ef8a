"""Send a prepared batch: one adapter per account, live sends in parallel threads.

No send starts before ``begin`` has committed its marker (and read what a look on
the platform must exclude), a few publications at a time just ahead of their
sends: a crash leaves at most the sends in flight and a handful begun ahead with
markers, and every publication without one provably never reached the platform,
so :mod:`reconcile` schedules it again.
What each send ended in comes back as a :class:`Sent`, recorded later in one
transaction by :mod:`socialtui.dispatch.outcomes`.
"""

from __future__ import annotations

import logging
import os
import threading
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
    """What one publication will send, read from the store before the platform call."""

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
    skipped: bool = False
    """Not sent and nothing to record: the publication was no longer ours when its send began."""


@dataclass(frozen=True)
class SendStart:
    """What the store said as one send began (its marker committed)."""

    exclude: frozenset[str] = frozenset()
    """Remote ids already recorded for other publications on the account: never this one's post."""
    rivals: bool = False
    """Another publication of the same text on the account may be on its way: a match is ambiguous."""


Begin = Callable[[Sequence[Prepared]], Mapping[int, SendStart | None]]
"""Commits a wave's markers just before its sends: publication id -> how to start, or None when no longer ours."""
SEND_WAVE = 8
"""Sends whose markers are committed in one transaction: the one about to go out and those next in line."""


def find_earlier(adapter: Adapter, marker: str, since: datetime, start: SendStart) -> PublishResult | None:
    """Look on the platform for a post an earlier attempt may have published.

    Raises:
        PlatformError: the platform failed, or what it found may be another publication's post
            (``UNKNOWN_OUTCOME``: a person decides).
    """
    # Only ask with ``exclude`` when there is something to exclude: an adapter written
    # before the argument existed still works, and the check below covers it.
    found = (adapter.find_by_marker(marker, since, exclude=start.exclude) if start.exclude
             else adapter.find_by_marker(marker, since))
    if found is not None and (found.remote_id in start.exclude or start.rivals):
        raise PlatformError(
            "A post with the same text is on the platform, but it may belong to another publication on this account.",
            "Check the platform, then retry or mark it published.", code=UNKNOWN_OUTCOME)
    return found


def send_batch(practice: Practice, batch: Sequence[Prepared], accounts: Mapping[int, Account], begin: Begin, *,
               credentials: CredentialStore | None = None, pool: Executor | None = None) -> list[Sent]:
    """Send every prepared publication once; the results in ``batch`` order. Never raises.

    No send starts before ``begin`` has committed its marker. ``begin`` takes the
    publications a few at a time (the one about to be sent and up to
    :data:`SEND_WAVE` - 1 next in line), so a crash leaves at most the sends in
    flight and a handful begun ahead unknown. A store that fails in ``begin``
    stops those sends, which come back with the error: none of them was sent.

    Each account gets one adapter (and so one HTTP session) for the whole batch.
    Live sends run on ``pool``: first one per account, so an adapter builds its
    client and renews an expiring token once, then the rest in parallel. Dry runs
    send nothing and run here, one after another, so each captured request is
    known to belong to the publication just rendered.
    """
    targets = {account_id: _Target.build(practice, accounts[account_id], dry_run=dry, credentials=credentials)
               for account_id, dry in {p.account_id: p.dry_run for p in batch}.items()}
    live = [p for p in batch if not p.dry_run]
    firsts = {p.account_id: p for p in reversed(live)}
    first_ids = {p.pub_id for p in firsts.values()}
    groups = ([p for p in batch if p.dry_run], list(firsts.values()), [p for p in live if p.pub_id not in first_ids])
    starts = _Starts(begin, groups, targets)
    sent = {p.pub_id: targets[p.account_id].send(p, starts) for p in groups[0]}
    for group in groups[1:]:
        sent |= {s.pub_id: s for s in _run(pool, [partial(targets[p.account_id].send, p, starts) for p in group])}
    return [sent[p.pub_id] for p in batch]


class _Starts:
    """Begins sends a few at a time, in the order they will go out, as the first of each is about to."""

    def __init__(self, begin: Begin, groups: Sequence[Sequence[Prepared]], targets: Mapping[int, _Target]) -> None:
        # Never ahead into the next group: it waits for this one to finish (the first send per account).
        self._position = {p.pub_id: (group, at) for group in groups for at, p in enumerate(group)}
        self._begin = begin
        self._targets = targets
        self._started: dict[int, SendStart | None | PlatformError] = {}
        self._lock = threading.Lock()

    def get(self, prepared: Prepared) -> SendStart | None | PlatformError:
        """How ``prepared``'s send starts: begun (its marker committed), no longer ours (None), or not begun (error)."""
        with self._lock:
            if prepared.pub_id not in self._started:
                group, at = self._position[prepared.pub_id]
                wave = [p for p in group[at:] if p.pub_id not in self._started
                        and self._targets[p.account_id].ready][:SEND_WAVE] or [prepared]
                try:
                    self._started |= self._begin(wave)
                except SocialTuiError as exc:
                    # The markers are not committed, so nothing was sent: a store busy for a moment is worth another try.
                    failed = PlatformError(f"Not sent: {exc.message}", "Will try again.", transient=True)
                    self._started |= {p.pub_id: failed for p in wave}
            return self._started[prepared.pub_id]


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

    @property
    def ready(self) -> bool:
        """Whether a send would reach the platform (no need to commit a marker otherwise)."""
        return self.adapter is not None and self.refused is None

    def send(self, prepared: Prepared, starts: _Starts) -> Sent:
        """Send one publication once its marker is committed; see :func:`send_batch`."""
        if self.adapter is None:
            return Sent(prepared.pub_id, error=self.error)
        if self.refused is not None:
            return Sent(prepared.pub_id, error=self.refused)
        start = starts.get(prepared)
        if isinstance(start, PlatformError):
            return Sent(prepared.pub_id, error=start)
        if start is None:
            return Sent(prepared.pub_id, skipped=True)
        _fault("before")
        try:
            # A timeout or a garbled answer may follow a successful publish: a retry
            # first asks the platform, so it never sends the same post twice.
            found = None
            if prepared.tried_before and not prepared.dry_run:
                since = (prepared.due_at or now_utc()) - timedelta(minutes=10)
                found = find_earlier(self.adapter, prepared.outgoing.marker, since, start)
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
