#!/usr/bin/env python3
"""Moderation benchmark: 200,000 generated short posts (benchmarks/posts.py), in one run:

  * a bare Python regex scan of the same JSON Lines file (the floor: parse each line, search
    hr-lint's own trigger regex in the lower-cased text);
  * `hr-lint moderate` with 1 and 2 processes (posts/s, peak memory per process);
  * the same texts through the HTTP API (`hr-lint serve`, one keep-alive client);
  * `hr_lint.dask.moderate` on a distributed.LocalCluster with 1 and 2 workers
    (read_json -> moderate -> to_parquet);
  * the projection for 100 million posts on a 32-core Dask cluster.

    python benchmarks/moderate.py [--count 200000] [--repeat 3] [--http-count 20000] [--skip-dask]

Every command-line figure is the median of --repeat fresh processes; HTTP and Dask run
once. This is a benchmark, not a test: it prints, it does not judge.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import posts as generator  # noqa: E402

REGEX_SCAN = r"""
import json, sys
from hr_lint.config import builtin_rules
from hr_lint.engine import Engine
pattern = Engine(builtin_rules()).prefilter
n = hits = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        if pattern.search(json.loads(line)["text"].lower()):
            hits += 1
        n += 1
print(n, hits)
"""


def timed(cmd: list[str]) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS (MB) of the largest process, exit code, and CPU seconds (user +
    system, the process and every child it waited for) of one fresh process."""
    wrapper = ("import resource, subprocess, sys, time;"
               "t = time.perf_counter();"
               "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
               "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
               "print(time.perf_counter() - t, u.ru_maxrss, p.returncode, u.ru_utime + u.ru_stime)")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) // 1024, int(out[2]), float(out[3])


def median_run(cmd, repeat):
    """Median wall, peak MB, exit code, median CPU seconds."""
    runs = [timed(cmd) for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2],
            statistics.median(r[3] for r in runs))


def load() -> str:
    try:
        return "load average %.1f %.1f %.1f" % os.getloadavg()
    except OSError:  # pragma: no cover
        return "load average unknown"


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def http_rate(hr: str, texts: list[str]) -> tuple[float, float, float]:
    """(posts/s through POST /api/lint with one keep-alive client, posts per server
    CPU-second, server start-up s)."""
    import httpx

    started = time.perf_counter()
    proc = subprocess.Popen([hr, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = None
        for line in proc.stdout:
            if "serving on" in line:
                url = line.split("serving on", 1)[1].strip()
                break
        if url is None:
            raise RuntimeError("hr-lint serve did not start")
        with httpx.Client(base_url=url, timeout=60) as client:
            client.post("/api/lint", json={"text": texts[0], "format": "text"}).raise_for_status()
            startup = time.perf_counter() - started
            cpu = _cpu(proc.pid)
            t = time.perf_counter()
            for text in texts:
                client.post("/api/lint", json={"text": text, "format": "text"}).raise_for_status()
            seconds = time.perf_counter() - t
            return len(texts) / seconds, len(texts) / (_cpu(proc.pid) - cpu), startup
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def dask_runs(path: Path, count: int, workers_list=(1, 2)) -> list[tuple[int, float, float, int]]:
    """[(workers, seconds for read -> moderate -> to_parquet, cluster start-up s, peak worker MB)]."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import hr_lint.dask

    out = []
    for workers in workers_list:
        started = time.perf_counter()
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
        client = Client(cluster)
        startup = time.perf_counter() - started
        try:
            with tempfile.TemporaryDirectory() as tmp:
                cpu = sum(client.run(_worker_cpu).values())
                t = time.perf_counter()
                ddf = dd.read_json(str(path), lines=True, blocksize=4_000_000)
                result = hr_lint.dask.moderate(ddf, text="text", id="id")
                result.to_parquet(tmp, write_index=False)
                seconds = time.perf_counter() - t
                cpu = sum(client.run(_worker_cpu).values()) - cpu
                flagged = int(dd.read_parquet(tmp)["flagged"].sum().compute())
            peak = max(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values()) // 1024
        finally:
            client.close()
            cluster.close()
        out.append((workers, seconds, startup, peak, flagged, cpu))
    return out


def _worker_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--http-count", type=int, default=20_000)
    ap.add_argument("--skip-dask", action="store_true")
    a = ap.parse_args()
    here = Path(sys.executable).with_name("hr-lint")
    hr = str(here) if here.exists() else shutil.which("hr-lint") or sys.exit("hr-lint is not installed (pip install .)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    work = Path(tempfile.mkdtemp(prefix="hr-lint-moderate-bench-"))
    try:
        path = work / "posts.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            generator.write_jsonl(fh, a.count)
        texts = [json.loads(line)["text"] for _, line in zip(range(a.http_count), open(path, encoding="utf-8"))]
        size = path.stat().st_size / 1e6
        print(f"input: {a.count:,} posts, {size:.1f} MB of JSON Lines (benchmarks/posts.py: 10% stigmatizing, "
              f"20% a benign trigger word, 70% neither)\n")

        print(f"before: {load()}")
        rows = []
        regex_t, regex_m, _, regex_cpu = median_run([sys.executable, "-c", REGEX_SCAN, str(path)], a.repeat)
        rows.append(("bare regex scan (floor)", regex_t, regex_m, regex_cpu))
        results = {}
        for jobs in (1, 2):
            out = work / f"out-{jobs}.jsonl"
            t, m, code, cpu = median_run([hr, "moderate", "--isolated", "--jobs", str(jobs), "-o", str(out), str(path)],
                                         a.repeat)
            results[jobs] = (t, out.read_bytes(), cpu)
            rows.append((f"hr-lint moderate --jobs {jobs}", t, m, cpu))
        assert results[1][1] == results[2][1], "--jobs 1 and --jobs 2 disagree"
        lines = results[1][1].splitlines()
        flagged = sum(1 for line in lines if b'"flagged": true' in line)
        print(f"{'':30s} {'wall':>8s} {'posts/s':>9s} {'x floor':>7s}   {'CPU':>7s} {'posts/CPU-s':>11s} {'x floor':>7s}"
              f"   peak per process")
        for name, t, m, cpu in rows:
            print(f"{name:30s} {t:7.2f}s {a.count / t:9,.0f} {t / regex_t:6.1f}x   {cpu:6.2f}s {a.count / cpu:11,.0f} "
                  f"{cpu / regex_cpu:6.1f}x   {m:4d} MB")
        print(f"results: {len(lines):,} lines, {flagged:,} flagged (exit {code})")

        rate, rate_cpu, startup = http_rate(hr, texts)
        print(f"\nHTTP API (POST /api/lint, one keep-alive client, first {len(texts):,} posts): {rate:,.0f} posts/s, "
              f"{rate_cpu:,.0f} per server CPU-second (server start {startup:.1f} s); "
              f"hr-lint moderate --jobs 1 does {a.count / results[1][0] / rate:.0f}x the posts/s")

        per_core = a.count / results[1][2]
        source = "hr-lint moderate --jobs 1, posts per CPU-second"
        if not a.skip_dask:
            try:
                runs = dask_runs(path, a.count)
            except ImportError:
                print("\nDask: not installed (pip install 'hr-lint[dask]')")
                runs = []
            for workers, seconds, cluster_start, peak, dask_flagged, cpu in runs:
                print(f"Dask LocalCluster, {workers} worker{'s' if workers > 1 else ' '}: {seconds:6.2f}s "
                      f"{a.count / seconds:9,.0f} posts/s, {a.count / cpu:,.0f} per worker CPU-second "
                      f"(read_json -> moderate -> to_parquet; cluster start {cluster_start:.1f} s not counted; "
                      f"peak {peak} MB per worker; {dask_flagged:,} flagged)")
            if runs:
                per_core = a.count / runs[0][5]
                source = "Dask, 1 worker, posts per worker CPU-second"
        seconds = 100e6 / (per_core * 32)
        print(f"\nprojection: 100,000,000 posts / ({per_core:,.0f} posts/s per core [{source}] x 32 cores) = "
              f"{seconds:,.0f} s ({seconds / 60:.0f} min), if the cluster scales linearly")
        print(f"after: {load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
