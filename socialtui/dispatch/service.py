"""``socialtui serve``: the headless scheduler that publishes approved posts on time.

APScheduler 3 decides when to look (one process-local scheduler, memory job
store only); the database decides what is due. Several services may share one
PostgreSQL: the claim protocol keeps every publication to one sender.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select

from socialtui.audit import record
from socialtui.context import Practice
from socialtui.credentials import CredentialStore
from socialtui.dispatch.claims import claim_due, sweep_missed
from socialtui.dispatch.connect import build_adapter
from socialtui.dispatch.publisher import Publisher
from socialtui.dispatch.reconcile import HEARTBEAT_SECONDS, reconcile
from socialtui.dispatch.verdicts import CheckVerdicts, preflight
from socialtui.errors import CredentialError, PlatformError, SocialTuiError
from socialtui.practice_time import now_utc
from socialtui.services.consents import hold_for_expired_consents
from socialtui.store.models import Account, Heartbeat, Publication

log = logging.getLogger("socialtui.serve")
CLAIM_BATCH = 50
PUBLISH_THREADS = 8
RECONCILE_SECONDS = 60.0
"""How often a running service looks for claims gone stale (a worker died, a batch lost the store)."""
PREFLIGHT_SECONDS = 60.0
"""How often the checks run ahead for posts due soon (see :mod:`socialtui.dispatch.verdicts`)."""


def new_worker_id() -> str:
    """``host:pid:random`` — unique per process, readable in the audit log."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class SchedulerService:
    """Publishes due posts until stopped."""

    def __init__(self, practice: Practice, *, dry_run: bool = False, worker_id: str | None = None,
                 credentials: CredentialStore | None = None) -> None:
        self.practice = practice
        self.dry_run = dry_run
        self.worker_id = worker_id or new_worker_id()
        self.credentials = credentials
        self.stopping = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=PUBLISH_THREADS, thread_name_prefix="publish")
        self._deliver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deliver")
        self.verdicts = CheckVerdicts(practice.config)
        self.publisher = Publisher(practice, self.worker_id, dry_run=dry_run, credentials=credentials, pool=self._pool,
                                   verdicts=self.verdicts)
        self._tick_lock = threading.Lock()
        self.scheduler = BackgroundScheduler(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1,
                                                                           "misfire_grace_time": 30})
        self.started_at = now_utc()

    @property
    def grace(self) -> timedelta:
        return timedelta(minutes=self.practice.config.dispatch.grace_minutes)

    def start(self) -> None:
        """Reconcile what a crash left, then start the periodic jobs."""
        self.heartbeat()
        counts = self._reconcile()
        log.info("started", extra={"worker": self.worker_id, "dry_run": self.dry_run} | counts)
        poll = self.practice.config.dispatch.poll_seconds
        self.scheduler.add_job(self.reconcile_stale, "interval", seconds=RECONCILE_SECONDS, id="reconcile")
        self.scheduler.add_job(self.tick, "interval", seconds=poll, id="tick", next_run_time=datetime.now().astimezone())
        self.scheduler.add_job(self.heartbeat, "interval", seconds=HEARTBEAT_SECONDS, id="heartbeat")
        self.scheduler.add_job(self.preflight, "interval", seconds=PREFLIGHT_SECONDS, id="preflight",
                               next_run_time=datetime.now().astimezone())
        self.scheduler.add_job(self.expire_consents, "interval", minutes=30, id="consents", next_run_time=datetime.now().astimezone())
        self.scheduler.add_job(self.check_tokens, "interval", hours=6, id="tokens")
        self.scheduler.start()

    def run_once(self) -> int:
        """Reconcile, publish everything due now, and return how many were sent (``--once``)."""
        self.heartbeat()
        self._reconcile()
        self.expire_consents()
        sent = self.tick()
        self.heartbeat(state="stopped")
        return sent

    def stop(self) -> None:
        """Stop claiming, let in-flight publications finish, and record the stop."""
        self.stopping.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        self._deliver.shutdown(wait=True)
        self._pool.shutdown(wait=True)
        self.heartbeat(state="stopped")
        log.info("stopped", extra={"worker": self.worker_id})

    def tick(self) -> int:
        """Mark missed posts, then claim and publish due ones batch by batch."""
        if not self._tick_lock.acquire(blocking=False):
            return 0
        try:
            return self._tick()
        finally:
            self._tick_lock.release()

    def _tick(self) -> int:
        sent = 0
        with self.practice.store.session() as session:
            sweep_missed(session, now_utc(), grace=self.grace, actor=self.worker_id)
        # Two stages: while one batch is sent and recorded on the deliver thread, the next one is
        # claimed and prepared here. Each batch commits its markers before any of its sends, and
        # every prepared batch is handed to the deliver thread, which runs it whatever happens here.
        in_flight: list[Future[list[str]]] = []
        try:
            while not self.stopping.is_set():
                with self.practice.store.session() as session:
                    claimed = claim_due(session, self.worker_id, now_utc(), limit=CLAIM_BATCH, grace=self.grace)
                if not claimed:
                    break
                in_flight.append(self._deliver.submit(self.publisher.deliver, self.publisher.prepare(claimed)))
                while len(in_flight) > 1:  # one batch sending, at most one prepared behind it
                    sent += _sent(in_flight.pop(0).result())
        finally:
            for failed in [f.exception() for f in in_flight]:
                if failed is not None:
                    raise failed
            sent += sum(_sent(f.result()) for f in in_flight)
        self._arm_wakeup()
        return sent

    def reconcile_stale(self) -> None:
        """Settle claims gone stale while this service runs: another worker died, or a batch lost the store."""
        counts = self._reconcile()
        if any(counts.values()):
            log.warning("reconciled stale claims", extra={"worker": self.worker_id, **counts})

    def _reconcile(self) -> dict[str, int]:
        return reconcile(self.practice, self.worker_id, dry_run=self.dry_run, credentials=self.credentials,
                         beat=self.heartbeat)

    def _arm_wakeup(self) -> None:
        """Wake exactly at the next due time rather than at the next poll."""
        if not self.scheduler.running or self.stopping.is_set():
            return
        with self.practice.store.session() as session:
            nxt = session.scalar(select(func.min(Publication.due_at)).where(Publication.status == "scheduled",
                                                                             Publication.due_at > now_utc()))
        if nxt is not None and nxt - now_utc() < timedelta(seconds=self.practice.config.dispatch.poll_seconds):
            self.scheduler.add_job(self.tick, "date", run_date=nxt, id="wakeup", replace_existing=True)

    def preflight(self) -> None:
        """Run the checks ahead for posts due in the next minutes, so dispatch can reuse identical verdicts."""
        checked = preflight(self.practice, self.verdicts, now_utc())
        if checked:
            log.info("checked ahead", extra={"checked": checked})

    def heartbeat(self, state: str = "running") -> None:
        """Record that this worker is alive (``socialtui status`` reads it)."""
        now = now_utc()
        with self.practice.store.session() as session:
            beat = session.get(Heartbeat, self.worker_id)
            if beat is None:
                beat = Heartbeat(worker_id=self.worker_id, host=socket.gethostname(), pid=os.getpid(),
                                 dry_run=self.dry_run, started_at=self.started_at, beat_at=now)
                session.add(beat)
            beat.beat_at, beat.state = now, state

    def expire_consents(self) -> None:
        """Hold posts whose consent has expired."""
        with self.practice.store.session() as session:
            held = hold_for_expired_consents(session, actor=self.worker_id)
        if held:
            log.warning("held posts with expired consent", extra={"post_ids": held})

    def check_tokens(self) -> None:
        """Verify each live account's credentials; pause an account whose token no longer works."""
        if self.dry_run:
            return
        with self.practice.store.session() as session:
            accounts = [a for a in session.scalars(select(Account)) if not a.dry_run and a.paused_at is None]
        for account in accounts:
            try:
                build_adapter(self.practice, account, dry_run=False, credentials=self.credentials).verify()
                outcome, reason = "ok", ""
            except (PlatformError, CredentialError) as exc:
                if isinstance(exc, PlatformError) and exc.transient:
                    continue
                outcome, reason = "paused", f"{exc.message} {exc.hint}".strip()
            except SocialTuiError:
                continue
            with self.practice.store.session() as session:
                row = session.get(Account, account.id)
                assert row is not None
                row.last_checked_at = now_utc()
                if outcome == "paused":
                    row.paused_at, row.paused_reason = now_utc(), reason
                    record(session, actor=self.worker_id, action="account.pause", subject=("account", row.id),
                           details={"reason": reason})


def _sent(outcomes: list[str]) -> int:
    return sum(1 for o in outcomes if o in ("published", "dry_run"))
