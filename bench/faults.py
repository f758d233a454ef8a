"""Fault benchmark for ``socialtui serve``: kill -9 at random moments, restart, count what was lost.

N posts fall due at once on a loopback webhook platform; the service is killed
with SIGKILL at a random moment K times and restarted each time; a last service
then runs until nothing is left to send. Prints what the platform received,
duplicates, silent losses (never received, yet not failed or sent to a person),
``needs_attention``, what is still ``publishing``, and the sends that had begun
(marker committed) at the moments of the kills.

    .venv/bin/python bench/faults.py                    # SQLite, 500 posts, 20 kills
    .venv/bin/python bench/faults.py --pg               # PostgreSQL (a schema of its own)
    .venv/bin/python bench/faults.py --pg --workers 2   # one service keeps running, the other is killed

Targets: 0 duplicates, 0 silent losses, 0 stranded, needs_attention <= the sends in flight at the kills.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from dispatch.conftest import dispatch_config  # noqa: E402
from scratch import PG_ADMIN_URL, scratch_store  # noqa: E402
from dispatch.loopback import Answer, LoopbackPlatform  # noqa: E402
from dispatch.scheduling import add_staff_pair, approved_posts, clean_text  # noqa: E402

SETTLED = ("published", "failed", "needs_attention", "held", "missed", "cancelled")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=500, help="posts due at once (default 500)")
    parser.add_argument("--kills", type=int, default=20, help="how many times the service is killed (default 20)")
    parser.add_argument("--pg", action="store_true", help=f"use PostgreSQL at $SOCIALTUI_TEST_PG ({PG_ADMIN_URL})")
    parser.add_argument("--workers", type=int, choices=(1, 2), default=1,
                        help="2: a second service runs throughout while the first is killed")
    parser.add_argument("--send-delay", type=float, default=0.05, help="seconds the platform takes per post")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the kill moments")
    args = parser.parse_args()
    random.seed(args.seed)

    with scratch_store("faults", pg=args.pg) as (folder, url):
        return run(args, folder, url)


def run(args: argparse.Namespace, folder: Path, url: str) -> int:
    from socialtui.context import open_practice
    from socialtui.practice_time import now_utc

    platform = LoopbackPlatform().start()
    platform.default = Answer(delay=args.send_delay)
    platform._server.handle_error = lambda *_: None  # a killed client resets its connections: expected here
    config = folder / "socialtui.toml"
    config.write_text(dispatch_config(platform.url, poll_seconds=0.5), encoding="utf-8")
    practice = open_practice(config, url)
    add_staff_pair(practice)
    post_ids = approved_posts(practice, [clean_text(n) for n in range(args.posts)], now_utc() - timedelta(seconds=1))
    print(f"store       {practice.store.engine.dialect.name}; {args.posts} posts due now; "
          f"{args.kills} kills; {args.workers} service(s)")
    log = (folder / "serve.log").open("wb")

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "socialtui", "--db", url, "--config", str(config), "serve"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)

    steady = start() if args.workers == 2 else None
    in_flight = 0
    try:
        for _ in range(args.kills):
            before = platform.count()
            victim = start()
            # Kill at a random moment once the service is sending (or has nothing left to send).
            platform.wait_for(before + 1, timeout=10)
            time.sleep(random.uniform(0.0, 1.0))
            victim.kill()
            victim.wait(30)
            in_flight += _begun(practice)
        last = start()
        deadline = time.monotonic() + 120 + args.posts / 10
        while time.monotonic() < deadline and _unsettled(practice) > 0:
            time.sleep(0.5)
        time.sleep(1)  # anything sent twice would arrive now
        for each in (last, steady):
            if each is not None:
                each.terminate()
                each.wait(60)
    finally:
        for each in (steady,):
            if each is not None and each.poll() is None:
                each.kill()
        log.close()
        platform.stop()
    return report(practice, platform, post_ids, in_flight)


def report(practice: object, platform: LoopbackPlatform, post_ids: list[int], in_flight: int) -> int:
    from sqlalchemy import select

    from socialtui.store.models import Publication

    with practice.store.reading() as session:  # type: ignore[attr-defined]
        status = {post_id: state for post_id, state in session.execute(select(Publication.post_id, Publication.status))}
    received = Counter(platform.post_ids())
    duplicates = sum(n - 1 for n in received.values())
    silent = [p for p in post_ids if p not in received and status.get(p) not in ("failed", "needs_attention", "held")]
    wrongly_published = [p for p in post_ids if p not in received and status.get(p) == "published"]
    attention = sum(1 for s in status.values() if s == "needs_attention")
    stranded = sum(1 for s in status.values() if s == "publishing")
    print(f"received    {sum(received.values())} POSTs, {len(received)} distinct posts, {duplicates} duplicates")
    print(f"lost        {len(silent)} silent losses ({len(wrongly_published)} marked published but never received)")
    print(f"attention   {attention} needs_attention; {in_flight} sends begun and not yet recorded at the kills")
    print(f"stranded    {stranded} still publishing; {sum(1 for s in status.values() if s == 'scheduled')} still scheduled")
    missed = []
    if duplicates:
        missed.append(f"{duplicates} duplicates")
    if silent:
        missed.append(f"{len(silent)} silent losses")
    if stranded:
        missed.append(f"{stranded} stranded")
    if attention > in_flight:
        missed.append(f"needs_attention {attention} > {in_flight} in flight")
    print("targets     " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


def _begun(practice: object) -> int:
    """Publications whose send had begun (marker committed) and that no outcome settled yet."""
    from sqlalchemy import func, select

    from socialtui.store.models import Publication

    with practice.store.reading() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(func.count()).select_from(Publication).where(
            Publication.status == "publishing", Publication.marker.is_not(None))) or 0)


def _unsettled(practice: object) -> int:
    from sqlalchemy import func, select

    from socialtui.store.models import Publication

    with practice.store.reading() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(func.count()).select_from(Publication).where(
            Publication.status.not_in(SETTLED))) or 0)




if __name__ == "__main__":
    sys.exit(main())
