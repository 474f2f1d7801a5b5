#!/usr/bin/env python3
"""A/B timing of two hr-lint installations on Django's docs, interleaved.

    python benchmarks/ab.py OLD_HR_LINT NEW_HR_LINT [--repeat 7] [--args "--no-cache --jobs 1"] [--path DIR]
                            [--dense] [--cold-cache]

OLD_HR_LINT and NEW_HR_LINT are `hr-lint` scripts (e.g. one in a virtual environment
installed from main, one from your branch). Each round runs A then B (then B then A, in
turn), each a fresh process, so both see the same machine load; the medians of wall time
and of CPU time (user + system of the process and its children) are compared as a ratio
B / A. CPU time is the steadier figure on a shared machine. It prints, it does not judge.
Django's docs come from the same cache as benchmarks/run.py (downloaded once with pip);
`--path DIR` times another folder instead (`--dense` builds one: the evaluation documents
and the development corpus, repeated, where nearly every paragraph holds a term).
"""
from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import django_docs  # noqa: E402

WRAPPER = ("import resource, subprocess, sys, time;"
           "t = time.perf_counter();"
           "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
           "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
           "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, p.returncode)")


def dense_corpus() -> Path:
    """tests/fixtures/heldout*/docs and ../shared/corpus/docs, 20 copies, in a temporary folder."""
    import shutil
    import tempfile

    root = Path(__file__).parent.parent
    sources = sorted(root.glob("tests/fixtures/heldout*/docs/*")) + sorted((root.parent / "shared" / "corpus" / "docs").glob("*"))
    out = Path(tempfile.mkdtemp(prefix="hr-lint-dense-"))
    for i in range(20):
        for src in sources:
            if src.suffix in (".md", ".html", ".txt", ".rst"):
                shutil.copy(src, out / f"{i:02d}-{src.parent.parent.name}-{src.name}")
    return out


def once(cmd: list[str]) -> tuple[float, float, int]:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--args", default="--no-cache --jobs 1 --statistics",
                    help="hr-lint options for both runs (default: %(default)s)")
    ap.add_argument("--path", help="the folder to lint (default: Django's docs)")
    ap.add_argument("--cold-cache", action="store_true",
                    help="give each run an empty --cache-dir (the cold run of benchmarks/run.py)")
    ap.add_argument("--dense", action="store_true",
                    help="lint a term-dense folder: the evaluation documents and the dev corpus, 20 times")
    a = ap.parse_args()
    if a.dense:
        docs = str(dense_corpus())
    else:
        docs = a.path or str(django_docs())
    extra = shlex.split(a.args)
    runs = {"A": ([a.old, *extra, docs], [], []), "B": ([a.new, *extra, docs], [], [])}
    codes = set()
    for i in range(a.repeat):
        for name in ("AB" if i % 2 == 0 else "BA"):
            cmd, walls, cpus = runs[name]
            if a.cold_cache:
                import tempfile

                with tempfile.TemporaryDirectory(prefix="hr-lint-ab-cache-") as cache:
                    wall, cpu, code = once([*cmd[:-1], "--cache-dir", cache, cmd[-1]])
            else:
                wall, cpu, code = once(cmd)
            walls.append(wall)
            cpus.append(cpu)
            codes.add((name, code))
    print(f"{docs}, hr-lint {' '.join(extra)}, {a.repeat} interleaved runs each")
    for name, label in (("A", a.old), ("B", a.new)):
        _, walls, cpus = runs[name]
        print(f"  {name}: wall {statistics.median(walls):6.2f} s  cpu {statistics.median(cpus):6.2f} s  {label}")
    wa, ca = statistics.median(runs["A"][1]), statistics.median(runs["A"][2])
    wb, cb = statistics.median(runs["B"][1]), statistics.median(runs["B"][2])
    print(f"  B / A: wall {wb / wa:.3f}x  cpu {cb / ca:.3f}x   exit codes {sorted(codes)}")
    if a.dense:
        import shutil

        shutil.rmtree(docs, ignore_errors=True)


if __name__ == "__main__":
    main()
