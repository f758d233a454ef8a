"""Benchmark the terminal app on a practice with 10,000 posts.

Prints the time from process start to the calendar being drawn, and the time per
month switch (the calendar loads only the visible month). Targets: ready <= 1.0 s,
month switch <= 50 ms.

    python bench/tui.py [--posts 10000] [--switches 12] [--db sqlite:////tmp/bench.db]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def build_database(url: str, posts: int) -> None:
    """The demo practice plus ``posts`` posts spread over two years around today (bulk inserted)."""
    from sqlalchemy import insert, select

    from socialtui.context import open_practice
    from socialtui.services.demo import seed_demo
    from socialtui.store.models import Account, Post, Publication, StaffMember

    practice = open_practice(None, url, as_staff="Dana Reyes")
    with practice.store.session() as session:
        seed_demo(session, practice.zone, reset=True)
        authors = list(session.scalars(select(StaffMember.id)))
        accounts = list(session.scalars(select(Account.id)))
        first = session.scalar(select(Post.id).order_by(Post.id.desc()).limit(1)) or 0
        rng = random.Random(7)
        now = datetime.now(UTC)
        statuses = ["draft", "in_review", "approved", "scheduled", "published", "failed", "held", "cancelled"]
        rows, pubs = [], []
        for i in range(1, posts + 1):
            due = now + timedelta(minutes=rng.randrange(-365 * 24 * 60, 365 * 24 * 60))
            status = statuses[rng.randrange(len(statuses))]
            rows.append({"id": first + i, "text": f"Benchmark post {i}: wash your hands and book a visit.", "kind": "general",
                         "due_at": due, "author_id": rng.choice(authors), "status": status, "version": 1,
                         "affiliations": [], "shows_patient": False, "updated_by": "bench", "created_at": now, "updated_at": now})
            for account in rng.sample(accounts, rng.randint(1, len(accounts))):
                pubs.append({"post_id": first + i, "account_id": account, "status": "pending", "due_at": due, "attempts": 0})
        session.execute(insert(Post), rows)
        session.execute(insert(Publication), pubs)
    practice.close()


def measure(url: str, switches: int) -> None:
    """Run in a fresh process: start the app headless and time the calendar."""
    started = float(os.environ["BENCH_T0"])
    from socialtui.context import open_practice
    from socialtui.tui import create_app
    from socialtui.tui.screens.calendar import CalendarScreen

    practice = open_practice(None, url, as_staff="Dana Reyes")
    app = create_app(practice, poll_seconds=0)

    async def pilot_run(pilot) -> None:  # type: ignore[no-untyped-def]
        while not (isinstance(app.screen, CalendarScreen) and app.screen.ready):
            await asyncio.sleep(0.001)
        ready = time.time() - started
        screen = app.screen
        times = []
        for step in range(switches):
            target = screen.drawn_month
            t = time.perf_counter()
            screen.action_month(1 if step < switches // 2 else -1)
            while screen.drawn_month == target:  # set once the new month is on screen
                await asyncio.sleep(0.0005)
            times.append((time.perf_counter() - t) * 1000)
            await pilot.pause()
        app.exit((ready, times, len(screen.entries)))

    ready, times, shown = app.run(headless=True, size=(120, 40), auto_pilot=pilot_run)
    print(f"calendar ready: {ready:.3f} s from process start (target <= 1.0 s)")
    print(f"month switch: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms over {len(times)} "
          f"switches, ~{shown} posts in the last month (target <= 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--switches", type=int, default=12)
    parser.add_argument("--db", help="Use this database instead of building one in a temp dir.")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.db, args.switches)
        return
    folder = Path(tempfile.mkdtemp(prefix="socialtui-bench-"))
    os.environ.setdefault("XDG_DATA_HOME", str(folder / "data"))
    os.environ.setdefault("XDG_CONFIG_HOME", str(folder / "config"))
    url = args.db or f"sqlite:///{folder / 'bench.db'}"
    if not args.db:
        t = time.perf_counter()
        build_database(url, args.posts)
        print(f"built {args.posts} posts in {time.perf_counter() - t:.1f} s ({url})")
    env = dict(os.environ, BENCH_T0=repr(time.time()))
    subprocess.run([sys.executable, __file__, "--measure", "--db", url, "--switches", str(args.switches)], env=env, check=True)


if __name__ == "__main__":
    main()
