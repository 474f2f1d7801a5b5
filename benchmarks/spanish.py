#!/usr/bin/env python3
"""Does a Spanish tree cost more per megabyte than an English one?

    python benchmarks/spanish.py [--mb 4] [--repeat 3]

Two trees of the same size and shape, built in a temporary folder from this repository's
own documents: the English one from the held-out evaluation sets (tests/fixtures/heldout*,
agency pages in five formats), the Spanish one from the Spanish development corpus
(evaluation/es-corpus/docs, the same kinds of pages). Both are dense with trigger words,
the expensive case. Each document is copied under new names until the tree holds --mb
megabytes. Every figure is the median of --repeat fresh processes (`hr-lint --no-cache`),
run in turn (English, Spanish, English...) so that both see the same machine load; the
ratios of the two, measured in the same run, are the figures to read, CPU time (user +
system) the steadier one on a shared machine. Also timed: the same Spanish tree with `--language es` (no detection), a tree of
English files without a trigger word with and without detection's first look, and
detection itself on every paragraph of both trees. This is a benchmark, not a test.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

WRAPPER = ("import resource, subprocess, sys, time;"
           "t = time.perf_counter();"
           "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
           "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
           "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss)")


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS in MB of one fresh process."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]) // 1024

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = (".md", ".html", ".txt", ".rst")


def sources(language: str) -> list[Path]:
    if language == "es":
        folder = ROOT / "evaluation" / "es-corpus" / "docs"
        return sorted(p for p in folder.iterdir() if p.suffix in EXTENSIONS and "bilingue" not in p.name)
    return sorted(p for p in (ROOT / "tests" / "fixtures").glob("heldout*/docs/*") if p.suffix in EXTENSIONS)


def build(folder: Path, files: list[Path], megabytes: float) -> float:
    """Copy `files` round and round into `folder` until it holds `megabytes`; the size written."""
    folder.mkdir(parents=True)
    written = 0
    k = 0
    while written < megabytes * 1_000_000:
        src = files[k % len(files)]
        sub = folder / f"d{k // 200:03d}"
        sub.mkdir(exist_ok=True)
        dst = sub / f"{k:05d}-{src.name}"
        shutil.copyfile(src, dst)
        written += dst.stat().st_size
        k += 1
    return written / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    here = Path(sys.executable).with_name("hr-lint")
    hr = str(here) if here.exists() else shutil.which("hr-lint") or sys.exit("hr-lint is not installed (pip install .)")
    with tempfile.TemporaryDirectory() as tmp:
        trees = {}
        for language in ("en", "es"):
            files = sources(language)
            size = build(Path(tmp) / language, files, a.mb)
            trees[language] = (Path(tmp) / language, size, len(files))
        commands = {language: [hr, "--no-cache", "--statistics", str(folder)]
                    for language, (folder, _, _) in trees.items()}
        commands["es-forced"] = [hr, "--no-cache", "--statistics", "--language", "es", str(trees["es"][0])]
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
        for _ in range(a.repeat):
            for name, cmd in commands.items():  # in turn, so that load falls on all alike
                runs[name].append(timed(cmd))
        per_mb = {}
        for name, measured in runs.items():
            size = trees["es" if name.startswith("es") else name][1]
            wall = statistics.median(r[0] for r in measured)
            cpu = statistics.median(r[1] for r in measured)
            per_mb[name] = (wall / size, cpu / size)
            label = {"en": "en tree", "es": "es tree", "es-forced": "es tree with --language es (no detection)"}[name]
            n = trees["es" if name.startswith("es") else name][2]
            print(f"{label} ({n} documents repeated, {size:.1f} MB): wall {wall:6.2f} s ({wall / size:5.3f} s/MB), "
                  f"cpu {cpu:6.2f} s ({cpu / size:5.3f} s/MB), peak {max(r[2] for r in measured)} MB")
        print(f"\nSpanish / English per MB: wall {per_mb['es'][0] / per_mb['en'][0]:.2f}x, "
              f"cpu {per_mb['es'][1] / per_mb['en'][1]:.2f}x")

        # detection itself: every prose segment of both trees, one process, no spaCy
        from hr_lint import language as lang
        from hr_lint import readers

        segments = []
        for language in ("en", "es"):
            for p in sources(language):
                doc = readers.parse(p.read_text(encoding="utf-8"), readers.format_for_path(str(p)))
                segments += [s.text for s in doc.segments]
        t0 = time.perf_counter()
        for text in segments:
            lang.detect(text)
        per = (time.perf_counter() - t0) / len(segments)
        texts = [p.read_text(encoding="utf-8") for language in ("en", "es") for p in sources(language)]
        t0 = time.perf_counter()
        for _ in range(20):
            for text in texts:
                lang.spanish_hint(text)
        hint = (time.perf_counter() - t0) / (20 * sum(len(x) for x in texts) / 1e6)
        print(f"detection: {per * 1e6:.0f} µs per paragraph ({len(segments)} paragraphs); first look "
              f"(spanish_hint): {hint * 1000:.1f} ms per MB")
        print(f"paragraphs: median {statistics.median(len(s) for s in segments)} characters")


if __name__ == "__main__":
    main()
