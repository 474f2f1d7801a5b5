#!/usr/bin/env python3
"""hr-lint benchmark: Django 5.2.8's docs/ (640 .rst files, ~6 MB), a trigger-free file, scaling.

    python benchmarks/run.py [--repeat 3] [--skip-alex] [--skip-scaling]

Fetches Django's sdist once with `pip download` into ~/.cache/hr-lint-bench (outside the
repository). Every figure is the median of --repeat runs, each a fresh process, with the
peak RSS of that process. This is a benchmark, not a test: it prints, it does not judge.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

BENCH = Path(os.environ.get("HR_LINT_BENCH_DIR", Path.home() / ".cache" / "hr-lint-bench"))
DJANGO = "5.2.8"


def django_docs() -> Path:
    docs = BENCH / f"Django-{DJANGO}" / "docs"
    if docs.is_dir():
        return docs
    BENCH.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                    f"django=={DJANGO}", "-d", str(BENCH)], check=True, stdout=subprocess.DEVNULL)
    archive = next(BENCH.glob(f"[dD]jango-{DJANGO}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(BENCH, filter="data")
    extracted = next(p for p in BENCH.iterdir() if p.is_dir() and p.name.lower() == f"django-{DJANGO}")
    if extracted.name != f"Django-{DJANGO}":
        extracted.rename(BENCH / f"Django-{DJANGO}")
    return docs


def timed(cmd: list[str], cwd=None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB and exit code of one fresh process."""
    wrapper = ("import resource, subprocess, sys, time;"
               "t = time.perf_counter();"
               "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
               "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, cwd=cwd).stdout.split()
    return float(out[0]), int(out[1]) // 1024, int(out[2])


def median_run(cmd, repeat, before=None):
    times, rss, code = [], [], None
    for _ in range(repeat):
        if before:
            before()
        t, m, code = timed(cmd)
        times.append(t)
        rss.append(m)
    return statistics.median(times), max(rss), code


def alex_binary() -> str | None:
    """alex from the npm registry, installed once beside the Django sdist (needs npm)."""
    local = BENCH / "node" / "node_modules" / ".bin" / "alex"
    if local.exists():
        return str(local)
    if not shutil.which("npm"):
        return None
    subprocess.run(["npm", "install", "--silent", "--prefix", str(BENCH / "node"), "alex"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return str(local) if local.exists() else None


def size_of(paths) -> int:
    return sum(p.stat().st_size for p in paths)


REGEX_SCAN = r"""
import os, re, sys
from hr_lint.config import builtin_rules
from hr_lint.engine import Engine
pattern = Engine(builtin_rules("en")).prefilter  # English: the floor of the English tree
n = 0
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(('.rst', '.md', '.txt', '.html')):
            with open(os.path.join(root, name), encoding='utf-8', errors='replace') as fh:
                n += sum(1 for _ in pattern.finditer(fh.read().lower()))
print(n)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-alex", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    a = ap.parse_args()
    # the console script beside this interpreter: a pyenv or asdf shim on PATH would add its
    # own start-up (about 0.2 s) to every hr-lint run but not to the regex floor
    here = Path(sys.executable).with_name("hr-lint")
    hr = str(here) if here.exists() else shutil.which("hr-lint") or sys.exit("hr-lint is not installed (pip install .)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    docs = django_docs()
    files = [p for p in docs.rglob("*") if p.suffix in (".rst", ".txt", ".md", ".html")]
    mb = size_of(files) / 1e6
    print(f"corpus: Django {DJANGO} docs/, {len(files)} files, {mb:.1f} MB\n")

    cache = Path(tempfile.mkdtemp(prefix="hr-lint-bench-cache-"))
    rows = []
    regex_t, regex_m, _ = median_run([sys.executable, "-c", REGEX_SCAN, str(docs)], a.repeat)
    rows.append(("bare regex scan (floor)", regex_t, regex_m))
    cold_t, cold_m, code = median_run([hr, "--cache-dir", str(cache), "--statistics", str(docs)], a.repeat,
                                      before=lambda: shutil.rmtree(cache, ignore_errors=True))
    rows.append(("hr-lint cold (empty cache)", cold_t, cold_m))
    warm_t, warm_m, _ = median_run([hr, "--cache-dir", str(cache), "--statistics", str(docs)], a.repeat)
    rows.append(("hr-lint warm cache", warm_t, warm_m))
    j1_t, j1_m, _ = median_run([hr, "--no-cache", "--jobs", "1", "--statistics", str(docs)], a.repeat)
    rows.append(("hr-lint --no-cache --jobs 1", j1_t, j1_m))
    findings = subprocess.run([hr, "--no-cache", "--format", "json", str(docs)], capture_output=True, text=True).stdout
    n_findings = findings.count('"rule":')
    alex_t = None
    alex = alex_binary() if not a.skip_alex else None
    if alex:
        alex_t, alex_m, _ = median_run([alex, "--quiet", str(docs)], 1)
        rows.append(("alex (1 run)", alex_t, alex_m))
    for name, t, m in rows:
        print(f"{name:32s} {t:7.2f} s  {mb / t:6.1f} MB/s  peak {m:4d} MB")
    print(f"\ncold / regex floor: {cold_t / regex_t:.2f}x   warm / cold: {warm_t / cold_t:.2f}x   "
          f"findings on Django docs: {n_findings} (exit {code})")
    if alex_t:
        print(f"alex / hr-lint cold: {alex_t / cold_t:.1f}x")

    # the common pre-commit case: one small new file with no trigger word, default settings
    # (the cache then holds only the file gate; each run's file is new, so no finding is cached)
    with tempfile.TemporaryDirectory() as tmp:
        quiet = Path(tmp) / "note.md"
        counter = iter(range(1_000_000))

        def new_note():
            quiet.write_text(f"# Picnic {next(counter)}\n\nBring a salad and a folding chair. "
                             "We meet at noon by the lake.\n")

        cache_dir = Path(tmp) / "cache"
        new_note()
        subprocess.run([hr, "--cache-dir", str(cache_dir), str(quiet)], stdout=subprocess.DEVNULL)
        base_t, _, _ = median_run([sys.executable, "-c", "import click, yaml"], max(a.repeat, 5))
        one_t, one_m, _ = median_run([hr, "--cache-dir", str(cache_dir), str(quiet)], max(a.repeat, 5),
                                     before=new_note)
        nc_t, _, _ = median_run([hr, "--no-cache", str(quiet)], max(a.repeat, 5), before=new_note)
        print(f"\ntrigger-free Markdown file: {one_t * 1000:.0f} ms (peak {one_m} MB; {nc_t * 1000:.0f} ms with "
              f"--no-cache); python + click + yaml: {base_t * 1000:.0f} ms; ratio {one_t / base_t:.2f}x")

    # a tree of 10,000 small files (Django's documents, repeated)
    with tempfile.TemporaryDirectory() as tmp:
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
        for i in range(10_000):
            sub = Path(tmp) / f"d{i // 500:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"page{i:05d}.txt").write_text(texts[i % len(texts)][:4000], encoding="utf-8")
        t, m, _ = median_run([hr, "--no-cache", "--statistics", tmp], 1)
        print(f"\n10,000-file tree: {t:.2f} s, peak {m} MB per process")

    if not a.skip_scaling:
        print("\nscaling (documents repeated, --no-cache):")
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
        blob = "\n\n".join(texts)
        with tempfile.TemporaryDirectory() as tmp:
            for target in (1, 10, 50, 100):  # 50 MB: the memory target (peak under 400 MB)
                path = Path(tmp) / f"scale-{target}.rst"
                with open(path, "w", encoding="utf-8") as fh:
                    written = 0
                    while written < target * 1_000_000:
                        chunk = blob[: target * 1_000_000 - written]
                        fh.write(chunk + "\n\n")
                        written += len(chunk) + 2
                t, m, _ = median_run([hr, "--no-cache", "--statistics", str(path)], 1 if target >= 50 else a.repeat)
                size = path.stat().st_size / 1e6
                print(f"  {size:6.1f} MB  {t:7.2f} s  {size / t:6.1f} MB/s  peak {m:4d} MB")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
