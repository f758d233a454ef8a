"""Accuracy and speed of the safeguard checks.

Run: python bench/checks.py [--posts 10000]

1. Loads the labelled corpus (bench/corpus/posts.jsonl) and prints precision and
   recall per check family and overall. A family counts as "fired" on a post when
   any of its findings is an error or a warning (info findings only advise).
2. Runs every rule over N posts built by recombining the corpus's sentences
   (so each text is new to the caches) and prints posts per second on one core.
3. Prints the import time of ``socialtui.checks`` in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from socialtui.checks import (  # noqa: E402
    CheckSettings,
    CheckSubject,
    CitationInfo,
    Severity,
    TargetInfo,
    run_checks,
)

CORPUS = ROOT / "bench" / "corpus" / "posts.jsonl"
FAMILIES = ["PRV", "ACC", "ADV", "DIS", "PRO", "TON", "ENG", "PLT"]


def subject_of(post: dict[str, Any]) -> CheckSubject:
    """The CheckSubject a corpus line describes."""
    targets = []
    for target in post.get("targets", []):
        account, _, platform = target.rpartition(":")
        targets.append(TargetInfo(account or platform, platform))
    return CheckSubject(
        text=post["text"],
        kind=post.get("kind", "general"),
        sponsor=post.get("sponsor"),
        affiliations=tuple(post.get("affiliations", [])),
        citations=tuple(CitationInfo(c) for c in post.get("citations", [])),
        targets=tuple(targets),
    )


def fired(subject: CheckSubject, settings: CheckSettings) -> set[str]:
    """Families with an error or warning finding."""
    return {f.code[:3] for f in run_checks(subject, settings) if f.severity is not Severity.INFO}


def accuracy(posts: list[dict[str, Any]], settings: CheckSettings, verbose: bool, title: str) -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for post in posts:
        got = fired(subject_of(post), settings)
        want = set(post["labels"])
        for family in got | want:
            if family in got and family in want:
                tp[family] += 1
            elif family in got:
                fp[family] += 1
                if verbose:
                    print(f"  FP {family} {post['id']}: {post['text'][:90]}")
            else:
                fn[family] += 1
                if verbose:
                    print(f"  FN {family} {post['id']}: {post['text'][:90]}")
    print(f"Accuracy, {title}: {len(posts)} labelled posts "
          f"({sum(1 for p in posts if not p['labels'])} clean):")
    print(f"  {'family':<8}{'labelled':>9}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}")
    for family in [*FAMILIES, "ALL"]:
        if family == "ALL":
            t, f_, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            t, f_, n = tp[family], fp[family], fn[family]
        precision = t / (t + f_) if t + f_ else 1.0
        recall = t / (t + n) if t + n else 1.0
        print(f"  {family:<8}{t + n:>9}{t:>5}{f_:>5}{n:>5}{precision:>11.3f}{recall:>8.3f}")


SENTENCE = re.compile(r"(?<=[.!?])\s+")


def synthetic_posts(posts: list[dict[str, Any]], count: int, seed: int = 7) -> list[CheckSubject]:
    """``count`` new posts, each 1–4 sentences drawn from different corpus posts."""
    rng = random.Random(seed)
    sentences = [s for p in posts for s in SENTENCE.split(p["text"]) if s.strip()]
    kinds = ["general"] * 6 + ["reply", "event", "promotion"]
    return [
        CheckSubject(text=" ".join(rng.sample(sentences, rng.randint(1, 4))), kind=rng.choice(kinds))
        for _ in range(count)
    ]


def throughput(posts: list[dict[str, Any]], count: int, settings: CheckSettings) -> None:
    subjects = synthetic_posts(posts, count)
    run_checks(subjects[0], settings)  # load the lazily imported libraries first
    started = time.perf_counter()
    cpu_started = time.process_time()
    findings = 0
    for subject in subjects:
        findings += len(run_checks(subject, settings))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    chars = sum(len(s.text) for s in subjects) / len(subjects)
    print(f"Speed: {count} posts (mean {chars:.0f} characters, {findings} findings) in {elapsed:.2f} s: "
          f"{count / elapsed:,.0f} posts/s wall clock, {count / cpu:,.0f} posts/s of CPU time, one core")


def import_time(repeats: int = 5) -> None:
    code = ("import time; t = time.perf_counter(); import socialtui.checks; "
            "print(time.perf_counter() - t)")
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(float(out.stdout))
    first = ("import time; t = time.perf_counter(); "
             "from socialtui.checks import run_checks, CheckSubject; "
             "run_checks(CheckSubject('Call 312-867-5309 about the 500 mg dose. ' * 8, citations=())); "
             "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", first], capture_output=True, text=True, check=True, cwd=ROOT)
    print(f"Import: `import socialtui.checks` takes {min(runs) * 1000:.0f} ms (best of {repeats}); "
          f"import plus a first full run (lazy libraries loaded) {float(out.stdout) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000, help="posts for the speed run")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    posts = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    settings = CheckSettings()
    accuracy(posts, settings, args.verbose, "all posts")
    for split in ("tuning", "holdout", "holdout2"):
        chosen = [p for p in posts if p.get("split") == split]
        if chosen:
            accuracy(chosen, settings, args.verbose and False, f"{split} split")
    throughput(posts, args.posts, settings)
    import_time()


if __name__ == "__main__":
    main()
