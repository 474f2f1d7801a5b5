#!/usr/bin/env python3
"""Memory on a stream of new words: peak RSS and CPU of `hr-lint moderate`, A/B.

    python benchmarks/memory.py OLD_HR_LINT NEW_HR_LINT [--count 1000000] [--new-words 3]
                                [--repeat 1] [--plain-count 200000] [--plain-repeat 3]

OLD_HR_LINT and NEW_HR_LINT are `hr-lint` commands (scripts of two installations, e.g.
main before and after a change). Two files are generated (deterministic, in a temporary
folder):

  * `--count` posts of benchmarks/posts.py (10% with a stigmatizing term, 20% a benign
    trigger word, 70% neither), each signed with `--new-words` made-up words that no other
    post holds ("Signed Bofuka lezimo tavure."): a stream of names, handles and typos, where
    every post that reaches spaCy brings words its vocabulary has never seen;
  * `--plain-count` posts of benchmarks/posts.py as they are (a small, repeated vocabulary:
    the moderation benchmark's file), where memory never grows and the guard should cost
    nothing.

Each run is a fresh `hr-lint moderate FILE --jobs 1 -o /dev/null`; A and B alternate (A B,
then B A...) so both see the same machine load. Reported: medians of wall time, CPU time
(user + system) and peak RSS (the process's maximum resident set), and the ratios B / A.
It prints, it does not judge.
"""
from __future__ import annotations

import argparse
import json
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import posts as generator  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from texts import made_up  # noqa: E402

WRAPPER = ("import resource, subprocess, sys, time;"
           "t = time.perf_counter();"
           "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
           "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
           "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, p.returncode)")

def write_new_words(path: Path, count: int, per_post: int) -> None:
    k = 80 ** 3  # four syllables and more: few English words
    with open(path, "w", encoding="utf-8") as out:
        for pid, _, text in generator.posts(count):
            words = [made_up(k + j) for j in range(per_post)]
            k += per_post
            words[0] = words[0].capitalize()
            out.write(json.dumps({"id": pid, "text": f"{text} Signed {' '.join(words)}."}) + "\n")


def write_plain(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        generator.write_jsonl(out, count)


def once(cmd: list[str]) -> tuple[float, float, float, int]:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]) / 1024, int(out[3])


def compare(old: list[str], new: list[str], path: Path, repeat: int, posts: int) -> None:
    runs: dict[str, list[tuple[float, float, float, int]]] = {"A": [], "B": []}
    for i in range(repeat):
        for name in ("AB" if i % 2 == 0 else "BA"):
            cmd = (old if name == "A" else new) + ["moderate", str(path), "--jobs", "1", "--no-progress",
                                                   "--quiet", "-o", "/dev/null"]
            runs[name].append(once(cmd))
            wall, cpu, rss, code = runs[name][-1]
            print(f"  {name}: wall {wall:.1f} s, CPU {cpu:.1f} s, peak RSS {rss:.0f} MB, exit {code}", flush=True)
    med = {name: [statistics.median(r[k] for r in rs) for k in range(3)] for name, rs in runs.items()}
    for name in "AB":
        wall, cpu, rss = med[name]
        print(f"{name}: median wall {wall:.1f} s, CPU {cpu:.1f} s ({cpu / posts * 1e6:.1f} us per post), "
              f"peak RSS {rss:.0f} MB")
    (wa, ca, ra), (wb, cb, rb) = med["A"], med["B"]
    print(f"B / A: wall {wb / wa:.3f}x, CPU {cb / ca:.3f}x, peak RSS {rb / ra:.3f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old", help="the A command, e.g. /path/to/old/.venv/bin/hr-lint (quoted words allowed)")
    ap.add_argument("new", help="the B command")
    ap.add_argument("--count", type=int, default=1_000_000, help="posts with new words (default %(default)s)")
    ap.add_argument("--new-words", type=int, default=3, help="made-up words per post (default %(default)s)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each on that file (default %(default)s)")
    ap.add_argument("--plain-count", type=int, default=200_000, help="posts.py posts (0: skip; default %(default)s)")
    ap.add_argument("--plain-repeat", type=int, default=3, help="runs of each on that file (default %(default)s)")
    a = ap.parse_args()
    old, new = shlex.split(a.old), shlex.split(a.new)
    with tempfile.TemporaryDirectory(prefix="hr-lint-memory-") as tmp:
        if a.count:
            path = Path(tmp) / "new-words.jsonl"
            write_new_words(path, a.count, a.new_words)
            print(f"{a.count:,} posts, {a.new_words} new words each ({path.stat().st_size / 1e6:.0f} MB):")
            compare(old, new, path, a.repeat, a.count)
        if a.plain_count:
            path = Path(tmp) / "posts.jsonl"
            write_plain(path, a.plain_count)
            print(f"{a.plain_count:,} posts of benchmarks/posts.py ({path.stat().st_size / 1e6:.0f} MB):")
            compare(old, new, path, a.plain_repeat, a.plain_count)


if __name__ == "__main__":
    main()
