"""After a crash: settle publications a dead worker left in ``publishing``. Never retry blindly.

A publication with no marker never reached the platform call (the marker is
committed first), so it is safe to schedule again. With a marker, the platform
is asked whether the post is there: found means published; not found, or no
answer, means a person decides (``needs_attention``).
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import select

from socialtui.audit import record
from socialtui.credentials import CredentialStore
from socialtui.dispatch.claims import stale_claims
from socialtui.dispatch.connect import build_adapter
from socialtui.dispatch.outcomes import settle
from socialtui.context import Practice
from socialtui.errors import SocialTuiError
from socialtui.practice_time import now_utc
from socialtui.store.models import Heartbeat, Publication

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


def reconcile(practice: Practice, worker_id: str, *, dry_run: bool, credentials: CredentialStore | None = None) -> dict[str, int]:
    """Settle every publication left in ``publishing`` by a worker that is gone."""
    counts = {"rescheduled": 0, "published": 0, "needs_attention": 0}
    alive = live_workers(practice, exclude=worker_id)
    with practice.store.session() as session:
        leftovers = [(p.id, p.marker, p.claimed_at, p.account) for p in stale_claims(session, alive)]
    for pub_id, marker, claimed_at, account in leftovers:
        found = None
        problem = ""
        if marker and not (dry_run or account.dry_run):
            try:
                adapter = build_adapter(practice, account, dry_run=False, credentials=credentials)
                found = adapter.find_by_marker(marker, (claimed_at or now_utc()) - timedelta(minutes=10))
            except SocialTuiError as exc:
                problem = exc.message
        with practice.store.session() as session:
            pub = session.get(Publication, pub_id)
            if pub is None or pub.status != "publishing":
                continue
            if not marker or dry_run or account.dry_run:
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
            counts[outcome] += 1
            log.warning("reconciled after a crash: %s", outcome, extra={"pub_id": pub_id, "post_id": pub.post_id})
    return counts
