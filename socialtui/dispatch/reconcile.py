"""Settle publications left in ``publishing`` by a claim gone stale. Never retry blindly.

A claim is stale when its worker stopped beating (killed, or its host gone) or
when it is older than :func:`~socialtui.dispatch.claims.claim_bound` (its worker
lost the store mid-batch). ``serve`` reconciles at start and then periodically,
so nothing stays stranded while a service runs.

A publication with no marker never reached the platform call (each send commits
its marker first), so it is safe to schedule again. With a marker, the platform
is asked whether the post is there, never taking another publication's post of
the same text for it: found means published; not found, ambiguous, or no answer
means a person decides (``needs_attention``).
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from socialtui.adapters.base import Adapter, PublishResult
from socialtui.audit import record
from socialtui.context import Practice
from socialtui.credentials import CredentialStore
from socialtui.dispatch.claims import claim_bound, stale_claims
from socialtui.dispatch.connect import build_adapter
from socialtui.dispatch.outcomes import settle
from socialtui.dispatch.publisher import look_out_for
from socialtui.dispatch.sending import find_earlier
from socialtui.errors import SocialTuiError
from socialtui.practice_time import now_utc
from socialtui.store.models import Account, Heartbeat, Publication

log = logging.getLogger("socialtui.dispatch")
HEARTBEAT_SECONDS = 10.0
STALE_AFTER = timedelta(seconds=HEARTBEAT_SECONDS * 3)


def live_workers(practice: Practice, *, now: datetime | None = None, exclude: str = "") -> set[str]:
    """Workers with a recent heartbeat, whose process still exists when it runs on this host."""
    now = now or now_utc()
    host = socket.gethostname()
    alive: set[str] = set()
    with practice.store.session() as session:
        for beat in session.scalars(select(Heartbeat).where(Heartbeat.state == "running")):
            if beat.worker_id == exclude or beat.beat_at < now - STALE_AFTER:
                continue
            if beat.host == host and not _pid_alive(beat.pid):
                continue
            alive.add(beat.worker_id)
    return alive


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reconcile(practice: Practice, worker_id: str, *, dry_run: bool, credentials: CredentialStore | None = None,
              beat: Callable[[], None] | None = None, now: datetime | None = None) -> dict[str, int]:
    """Settle every publication whose claim has gone stale: its worker is gone, or it is past :func:`claim_bound`.

    Safe while other workers (and this one) keep publishing: a publication is only
    settled if it is still in ``publishing`` under the same claim and marker as when
    it was read, and one without a marker (never sent) is scheduled again only
    under a row lock, so a send cannot begin in between.

    Args:
        beat: called between publications (at most every few seconds), so that a
            long reconcile keeps the service's heartbeat going.
        now: the time the claims are judged against.

    Returns:
        How many publications were ``rescheduled``, ``published`` and sent to ``needs_attention``.
    """
    now = now or now_utc()
    counts = {"rescheduled": 0, "published": 0, "needs_attention": 0}
    alive = live_workers(practice, now=now) | {worker_id}
    with practice.store.session() as session:
        leftovers = [Leftover(p.id, p.post_id, p.marker, p.claimed_by, p.claimed_at, p.account_id)
                     for p in stale_claims(session, alive, claimed_before=now - claim_bound(practice.config))]
        accounts = {a.id: a for a in session.scalars(select(Account).where(Account.id.in_({x.account_id for x in leftovers})))}
    # One adapter per account: building one may unlock the keyring file (a second or more each time).
    adapters: dict[int, Adapter | SocialTuiError] = {}
    last_beat = time.monotonic()
    for leftover in leftovers:
        account = accounts[leftover.account_id]
        found, problem = None, ""
        if leftover.marker and not (dry_run or account.dry_run):
            try:
                found = _look(practice, leftover, account, adapters, dry_run=dry_run, credentials=credentials)
            except SocialTuiError as exc:
                problem = exc.message
        outcome = _settle_leftover(practice, worker_id, leftover, account, found, problem, dry_run=dry_run)
        if outcome:
            counts[outcome] += 1
        if beat is not None and time.monotonic() - last_beat >= HEARTBEAT_SECONDS / 2:
            beat()
            last_beat = time.monotonic()
    return counts


@dataclass(frozen=True)
class Leftover:
    """A stale claim as it was read: settled only if it is still exactly this."""

    pub_id: int
    post_id: int
    marker: str | None
    claimed_by: str | None
    claimed_at: datetime | None
    account_id: int


def _look(practice: Practice, leftover: Leftover, account: Account, adapters: dict[int, Adapter | SocialTuiError], *,
          dry_run: bool, credentials: CredentialStore | None) -> PublishResult | None:
    if leftover.account_id not in adapters:
        try:
            adapters[leftover.account_id] = build_adapter(practice, account, dry_run=False, credentials=credentials)
        except SocialTuiError as exc:
            adapters[leftover.account_id] = exc
    adapter = adapters[leftover.account_id]
    if isinstance(adapter, SocialTuiError):
        raise adapter
    assert leftover.marker is not None
    with practice.store.reading() as session:
        start = look_out_for(session, leftover.pub_id, leftover.account_id, leftover.marker)
    since = (leftover.claimed_at or now_utc()) - timedelta(minutes=10)
    return find_earlier(adapter, leftover.marker, since, start)


def _settle_leftover(practice: Practice, worker_id: str, leftover: Leftover, account: Account, found: PublishResult | None,
                     problem: str, *, dry_run: bool) -> str:
    with practice.store.session() as session:
        pub = session.scalars(select(Publication).where(Publication.id == leftover.pub_id)
                              .with_for_update(of=Publication).execution_options(populate_existing=True)).first()
        if (pub is None or pub.status != "publishing" or pub.claimed_by != leftover.claimed_by
                or pub.marker != leftover.marker):
            return ""  # settled meanwhile, claimed again, or its send began: not ours to judge
        if not pub.marker or dry_run or account.dry_run:
            pub.status, pub.claimed_by, pub.claimed_at = "scheduled", None, None
            outcome = "rescheduled"
        elif found is not None:
            pub.status, pub.remote_id, pub.remote_url, pub.published_at = "published", found.remote_id, found.url, now_utc()
            outcome = "published"
        else:
            pub.status = "needs_attention"
            pub.last_error = ("The service stopped while publishing and the post was not found on the platform"
                              + (f" ({problem})" if problem else "") + ". Check the account, then retry or mark it published.")
            outcome = "needs_attention"
        record(session, actor=worker_id, action=f"reconcile.{outcome}", subject=("publication", pub.id),
               details={"post_id": pub.post_id, "account": account.name})
        settle(session, pub.post, actor=worker_id)
    log.warning("reconciled a stale claim: %s", outcome, extra={"pub_id": leftover.pub_id, "post_id": leftover.post_id})
    return outcome
