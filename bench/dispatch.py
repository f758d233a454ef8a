"""Benchmark ``socialtui serve``: 1,000 posts due in the same second, then an idle service.

Runs the real service as a subprocess against a loopback webhook platform and prints
throughput, lateness (platform receive time minus due time, p50 / p99), and the idle
service's CPU share and resident memory, read from /proc (Linux).

    .venv/bin/python bench/dispatch.py                 # SQLite in a temp dir
    .venv/bin/python bench/dispatch.py --pg            # PostgreSQL (a schema of its own)
    .venv/bin/python bench/dispatch.py --idle-seconds 10 --posts 200

Targets: p99 lateness <= 2 s, idle CPU < 1 %, RSS < 120 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
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
from dispatch.loopback import LoopbackPlatform  # noqa: E402
from dispatch.scheduling import add_staff_pair, approved_posts, clean_text  # noqa: E402

TARGETS = {"p99 lateness (s)": 2.0, "idle CPU (%)": 1.0, "RSS (MB)": 120.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts due in the same second (default 1000)")
    parser.add_argument("--pg", action="store_true", help=f"use PostgreSQL at $SOCIALTUI_TEST_PG ({PG_ADMIN_URL})")
    parser.add_argument("--idle-seconds", type=float, default=60.0, help="how long to measure the idle service")
    parser.add_argument("--workers", type=int, default=1, help="serve processes sharing the store (default 1)")
    parser.add_argument("--poll-seconds", type=float, default=5.0, help="[dispatch] poll_seconds (default: the shipped 5)")
    parser.add_argument("--keep-log", type=Path, help="copy the services' JSON log here (it is deleted with the temp dir)")
    args = parser.parse_args()

    with scratch_store("bench", pg=args.pg) as (folder, url):
        return run(args, folder, url)


def run(args: argparse.Namespace, folder: Path, url: str) -> int:
    from socialtui.context import open_practice
    from socialtui.practice_time import now_utc

    platform = LoopbackPlatform().start()
    config = folder / "socialtui.toml"
    config.write_text(dispatch_config(platform.url, poll_seconds=args.poll_seconds), encoding="utf-8")
    practice = open_practice(config, url)
    add_staff_pair(practice)

    lead = 10 + args.posts / 50  # time to write the posts and start the service before they fall due
    due = (now_utc() + timedelta(seconds=lead)).replace(microsecond=0)
    started = time.monotonic()
    approved_posts(practice, [clean_text(n) for n in range(args.posts)], due)
    print(f"store       {practice.store.engine.dialect.name}, {args.workers} serve process(es); {args.posts} posts written in {time.monotonic() - started:.1f} s, "
          f"due at {due:%H:%M:%S} UTC")
    practice.close()

    log = (folder / "serve.log").open("wb")
    services = [subprocess.Popen([sys.executable, "-m", "socialtui", "--db", url, "--config", str(config), "serve"],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
                for _ in range(args.workers)]
    service = services[0]
    try:
        if due.timestamp() < time.time() + 1:
            print("warning: the posts fell due before the service started; lateness includes start-up")
        if not platform.wait_for(args.posts, timeout=lead + 300):
            print(f"FAILED: only {platform.count()} of {args.posts} posts arrived", file=sys.stderr)
            return 1
        time.sleep(1)  # anything sent twice would arrive now
        results = measure_burst(platform, due.timestamp(), args.posts)
        results |= measure_idle(service.pid, args.idle_seconds)
        for each in services:
            each.send_signal(signal.SIGTERM)
        print(f"stop        SIGTERM -> exit {[each.wait(60) for each in services]}")
    finally:
        for each in services:
            if each.poll() is None:
                each.kill()
        log.close()
        platform.stop()
        if args.keep_log:
            shutil.copyfile(folder / "serve.log", args.keep_log)
    missed = [f"{name} = {results[name]:.2f} (target {'<=' if 'p99' in name else '<'} {limit})"
              for name, limit in TARGETS.items() if results[name] > limit]
    print("targets     " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed or results["duplicates"] else 0


def measure_burst(platform: LoopbackPlatform, due: float, posts: int) -> dict[str, float]:
    received = sorted(r.at for r in platform.received)
    lateness = [at - due for at in received]
    counts = Counter(platform.post_ids())
    duplicates = sum(n - 1 for n in counts.values())
    span = received[-1] - received[0]
    p50, p99 = statistics.quantiles(lateness, n=100)[49], statistics.quantiles(lateness, n=100)[98]
    print(f"burst       {len(received)} received, {len(counts)} distinct posts, {duplicates} duplicates")
    print(f"throughput  {posts / max(span, 1e-6):.0f} posts/s (first to last arrival, {span:.2f} s); "
          f"{posts / max(received[-1] - due, 1e-6):.0f} posts/s from the due time")
    print(f"lateness    p50 {p50:.3f} s   p99 {p99:.3f} s   max {lateness[-1]:.3f} s   first {lateness[0]:.3f} s")
    return {"p99 lateness (s)": p99, "duplicates": float(duplicates)}


def measure_idle(pid: int, seconds: float) -> dict[str, float]:
    ticks = os.sysconf("SC_CLK_TCK")
    before, wall = _cpu_ticks(pid), time.monotonic()
    time.sleep(seconds)
    used = (_cpu_ticks(pid) - before) / ticks
    share = 100 * used / (time.monotonic() - wall)
    rss_mb = _rss_kb(pid) / 1024
    print(f"idle        CPU {share:.2f} % over {seconds:.0f} s ({used:.2f} s of CPU);   RSS {rss_mb:.1f} MB")
    return {"idle CPU (%)": share, "RSS (MB)": rss_mb}


def _cpu_ticks(pid: int) -> int:
    # Fields after the parenthesised command name; utime and stime are fields 14 and 15 of stat(5).
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0




if __name__ == "__main__":
    sys.exit(main())
