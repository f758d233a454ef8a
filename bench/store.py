"""Store benchmark: 100,000 posts over two years in SQLite.

Prints the median time to list one month's posts for the calendar with
``calendar_entries`` (target 20 ms)
and the time to write 1,000 posts through ``create_post`` in one transaction.

    python bench/store.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from socialtui.practice_time import day_bounds, zone_for
from socialtui.services.calendar import calendar_entries
from socialtui.services.posts import PostChanges, create_post
from socialtui.store.database import Store
from socialtui.store.models import Account, Post, Publication, StaffMember

POSTS = 100_000
SPAN_DAYS = 730
BATCH = 5_000
LIST_RUNS = 25
CREATES = 1_000
LIST_TARGET_MS = 20.0
STATUSES = ["draft", "in_review", "approved", "scheduled", "published", "published", "published", "cancelled"]
ZONE = zone_for("America/New_York")


def seed(store: Store, start: datetime) -> None:
    """Insert the posts and one or two publications each, with SQLAlchemy core in batches."""
    rng = random.Random(2026)
    with store.session() as session:
        session.add_all([StaffMember(name="Bench Author", role="author", trained_on=date.today()),
                         Account(name="clinic-x", platform="x", dry_run=True),
                         Account(name="clinic-facebook", platform="facebook", dry_run=True)])
    with store.session() as session:
        author_id = session.scalar(select(StaffMember.id))
        account_ids = list(session.scalars(select(Account.id).order_by(Account.id)))
    now = datetime.now(UTC)
    post_id = 0
    with store.engine.begin() as conn:
        while post_id < POSTS:
            posts, pubs = [], []
            for _ in range(min(BATCH, POSTS - post_id)):
                post_id += 1
                due = start + timedelta(seconds=rng.randrange(SPAN_DAYS * 86_400))
                status = rng.choice(STATUSES)
                posts.append({"id": post_id, "text": f"Bench post {post_id}. Book online any time.", "kind": "general",
                              "affiliations": [], "shows_patient": False, "due_at": due, "author_id": author_id,
                              "status": status, "version": 1, "created_at": now, "updated_at": now, "updated_by": "bench"})
                for account_id in account_ids[: rng.choice((1, 2))]:
                    pubs.append({"post_id": post_id, "account_id": account_id, "status": status, "due_at": due,
                                 "attempts": 0})
            conn.execute(insert(Post), posts)
            conn.execute(insert(Publication), pubs)


def time_list_month(store: Store, month_start: date) -> tuple[float, int]:
    """Median milliseconds to list one month's posts for the calendar, and how many there were."""
    next_month = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    start, end = day_bounds(month_start, ZONE)[0], day_bounds(next_month, ZONE)[0]
    timings, count = [], 0
    for _ in range(LIST_RUNS):
        with store.reading() as session:
            began = time.perf_counter()
            count = len(calendar_entries(session, start, end))
            timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings), count


def time_creates(store: Store) -> float:
    """Seconds to write CREATES posts through the service in one transaction."""
    due = datetime.now(UTC) + timedelta(days=30)
    began = time.perf_counter()
    with store.session() as session:
        for i in range(CREATES):
            create_post(session, PostChanges(text=f"Service post {i}. Book online any time.", due_at=due,
                                             targets=["clinic-x", "clinic-facebook"]), actor="Bench Author")
    return time.perf_counter() - began


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.db'}")
        start = datetime(2025, 1, 1, tzinfo=UTC)
        began = time.perf_counter()
        seed(store, start)
        print(f"seed {POSTS:,} posts over {SPAN_DAYS} days: {time.perf_counter() - began:.1f} s")
        median_ms, count = time_list_month(store, date(2025, 12, 1))
        verdict = "ok" if median_ms <= LIST_TARGET_MS else "SLOW"
        print(f"list one month ({count:,} posts): {median_ms:.1f} ms median of {LIST_RUNS} (target {LIST_TARGET_MS:.0f} ms) {verdict}")
        seconds = time_creates(store)
        print(f"create {CREATES:,} posts via create_post in one transaction: {seconds:.2f} s ({seconds / CREATES * 1000:.2f} ms each)")
        store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
