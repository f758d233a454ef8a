"""Accuracy and speed of the safeguard checks.

Run: python bench/checks.py [--split dev] [--posts 10000]

1. Loads every split of the labelled corpus: ``bench/corpus/<split>/*.jsonl`` is the
   split ``<split>``; ``bench/corpus/posts.jsonl`` (written by the rules' own
   authors) is the split ``authors``. Prints precision and recall per check family
   for each split, and the share of clean posts flagged. A family counts as
   "fired" on a post when any of its findings is an error or a warning (info
   findings only advise).
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

import tomllib  # noqa: E402
from datetime import date  # noqa: E402

from socialtui.checks import (  # noqa: E402
    CheckSettings,
    CheckSubject,
    CitationInfo,
    ConsentInfo,
    Severity,
    TargetInfo,
    run_checks,
)

CORPUS_DIR = ROOT / "bench" / "corpus"
AUTHORS_FILE = CORPUS_DIR / "posts.jsonl"
DEMO_CONFIG = ROOT / "config" / "demo.toml"
FAMILIES = ["PRV", "ACC", "ADV", "DIS", "PRO", "TON", "ENG", "PLT"]
PRACTICE_NAMES = ("Dana Reyes", "Sam Ortiz", "Dr. Priya Shah", "Dr. Tom Becker", "Lee Park",
                  "Maple Family Medicine")
"""The demo practice's staff and name: its own people, never patients."""


def load_splits() -> dict[str, list[dict[str, Any]]]:
    """Every split by name: ``authors`` for posts.jsonl, the folder name for the rest."""
    splits: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        name = "authors" if path == AUTHORS_FILE else path.stem
        splits.setdefault(name, []).extend(read_jsonl(path))
    for folder in sorted(p for p in CORPUS_DIR.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.jsonl")):
            splits.setdefault(folder.name, []).extend(read_jsonl(path))
    return splits


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The posts of one corpus file; a line that does not parse is reported and skipped."""
    posts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            posts.append(json.loads(line))
        except json.JSONDecodeError:
            print(f"  skipped {path.name}:{number}: not JSON", file=sys.stderr)
    return posts


def demo_settings() -> CheckSettings:
    """The ``[checks]`` table of the demo practice's config."""
    config = tomllib.loads(DEMO_CONFIG.read_text(encoding="utf-8"))
    return CheckSettings(**config.get("checks", {}))


def subject_of(post: dict[str, Any]) -> CheckSubject:
    """The CheckSubject a corpus line describes."""
    targets = []
    for target in post.get("targets") or ():
        account, _, platform = target.rpartition(":")
        targets.append(TargetInfo(account or platform, platform))
    platforms = frozenset(t.platform for t in targets)
    consents: tuple[ConsentInfo, ...] = ()
    if post.get("consent"):
        consents = (ConsentInfo(1, "P-1", platforms, frozenset({"story", "quote", "photo"}),
                                signed_on=date(2026, 1, 1)),)
    kind = post.get("kind") or "general"
    return CheckSubject(
        text=post["text"],
        kind=kind,
        sponsor=post.get("sponsor") or None,
        affiliations=tuple(post.get("affiliations") or ()),
        citations=tuple(CitationInfo(c) for c in post.get("citations") or ()),
        targets=tuple(targets),
        consents=consents,
        practice_names=PRACTICE_NAMES,
        today=date(2026, 3, 2),
    )


def labels_of(post: dict[str, Any]) -> set[str]:
    """The families a post is labelled with (``"PRV"`` or ``"PRV:error"`` alike)."""
    labels = post.get("labels") or []
    if isinstance(labels, dict):
        labels = list(labels)
    return {str(label)[:3].upper() for label in labels}


def fired(subject: CheckSubject, settings: CheckSettings) -> set[str]:
    """Families with an error or warning finding."""
    return {f.code[:3] for f in run_checks(subject, settings) if f.severity is not Severity.INFO}


def accuracy(posts: list[dict[str, Any]], settings: CheckSettings, verbose: bool, title: str) -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    clean = clean_flagged = 0
    for post in posts:
        got = fired(subject_of(post), settings)
        want = labels_of(post)
        if not want:
            clean += 1
            clean_flagged += bool(got)
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
    print(f"Accuracy, {title}: {len(posts)} labelled posts ({clean} clean, "
          f"{clean_flagged} of them flagged: {clean_flagged / clean if clean else 0:.1%}):")
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
    # Best of several fresh interpreters, like the import time: on a shared machine one run
    # measures the neighbours' load as much as the code.
    firsts = [float(subprocess.run([sys.executable, "-c", first], capture_output=True, text=True, check=True,
                                   cwd=ROOT).stdout) for _ in range(repeats)]
    print(f"Import: `import socialtui.checks` takes {min(runs) * 1000:.0f} ms (best of {repeats}); "
          f"import plus a first full run (lazy libraries loaded) {min(firsts) * 1000:.0f} ms (best of {repeats})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000, help="posts for the speed run")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every false positive and negative")
    parser.add_argument("--split", help="score only this split (e.g. dev, authors)")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed and import-time runs")
    args = parser.parse_args()
    splits = load_splits()
    if args.split and args.split not in splits:
        parser.error(f"no split {args.split!r}; there are: {', '.join(sorted(splits))}")
    settings = demo_settings()
    for name in sorted(splits):
        if args.split in (None, name):
            accuracy(splits[name], settings, args.verbose, f"split {name}")
    if args.no_speed:
        return
    every = [p for name in sorted(splits) for p in splits[name]]
    throughput(every, args.posts, settings)
    import_time()


if __name__ == "__main__":
    main()
