#!/usr/bin/env python3
"""End-to-end benchmark of nkecon on a generated corpus, against its own floor.

    python scripts/bench_run.py [--mb 200] [--page-kb 4] [--data bench-data] [--repeat 3] [--skip-python] [--only-full] [--exe PATH]

Builds a corpus of N MB of ~4 KB page files from ../shared/corpus (or the shipped
sample): distinct posts with varied titles and dates, sentences kept but their
numbers re-drawn, every other sentence's words shuffled — prose-like, so zstd sees
realistic text. Then runs, each in a fresh process:

  floor      `nkecon run --floor`  (read + split into posts + write posts)
  full       `nkecon run`          (every table), 2 threads and 1 thread
  python     read → parse_posts → extract_figures → extract_claims → build_trade

and prints MB/s, posts/s, figures/s, peak RSS and the ratios the issues ask for.
With `--repeat N` the CLI runs go round N times (floor, 1 thread, 2 threads, then
again), and each line reports the median run. `cpu s` is user + system time and
`cores` the cores kept busy on average (cpu s / seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def source_posts() -> list[dict]:
    import nkecon

    shared = ROOT.parent / "shared" / "corpus"
    src = str(shared) if shared.is_dir() else nkecon.SAMPLE_DIR
    return nkecon.parse_posts(nkecon.read([src], with_rejects=True)[0]).to_pylist()


def vary_sentence(s: str, rng: random.Random) -> str:
    s = re.sub(r"\d", lambda m: str(rng.randint(0, 9)), s)
    if rng.random() < 0.5:
        words = s.split()
        if len(words) > 3:
            mid = words[1:-1]
            rng.shuffle(mid)
            s = " ".join([words[0], *mid, words[-1]])
    return s


def render_post(p: dict, k: int, rng: random.Random) -> str:
    import datetime as dt

    day = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 7000))
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    date = f"{WEEKDAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}{suffix}, {day.year}"
    title = f"{p['title']} ({k})"
    paras = []
    for para in p["body"].split("\n\n"):
        sents = re.split(r"(?<=[.!?])\s+", para)
        paras.append(" ".join(vary_sentence(s, rng) for s in sents))
    author = f"By {p['author']}\n\n" if p.get("author") else ""
    return f"{title}\n\n{date}\n\n{author}" + "\n\n".join(paras) + "\n\nShare\n\n"


def build(data: Path, mb: int, page_kb: int) -> None:
    stamp = data / f".built-{mb}-{page_kb}"
    if stamp.exists():
        return
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    posts = source_posts()
    rng = random.Random(42)
    total, n, k = 0, 0, 0
    target = mb * 1_000_000
    while total < target:
        sub = data / f"{n // 1000:04d}"
        sub.mkdir(exist_ok=True)
        page = f"Archive for {rng.choice(MONTHS)}, {rng.randint(2005, 2024)}\n\n"
        while len(page) < page_kb * 1000:
            page += render_post(posts[k % len(posts)], k, rng)
            k += 1
        (sub / f"p{n:07d}.txt").write_text(page, encoding="utf-8")
        total += len(page.encode())
        n += 1
    stamp.write_text(json.dumps({"files": n, "bytes": total, "posts": k}))


def timed(cmd: list[str]) -> tuple[float, float, str, float]:
    """Runs a command; returns wall seconds, its own peak RSS in MB (wait4), stdout and
    CPU seconds (user + system)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{err.read()}")
        return secs, usage.ru_maxrss / 1024, out.read(), usage.ru_utime + usage.ru_stime


PY_STAGES = r"""
import json, resource, sys, time, nkecon, warnings
warnings.simplefilter("ignore")
def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime
c0 = cpu()
t = time.perf_counter()
docs = nkecon.read([sys.argv[1]]); t1 = time.perf_counter()
posts = nkecon.parse_posts(docs); t2 = time.perf_counter()
figs = nkecon.extract_figures(posts); t3 = time.perf_counter()
claims = nkecon.extract_claims(posts); t4 = time.perf_counter()
trade = nkecon.build_trade(posts); t5 = time.perf_counter()
c5 = cpu()
print(json.dumps({"read": t1 - t, "parse_posts": t2 - t1, "figures": t3 - t2, "claims": t4 - t3, "trade": t5 - t4,
                  "total": t5 - t, "cpu": c5 - c0, "posts": posts.num_rows, "figures_rows": figs.num_rows,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--page-kb", type=int, default=4)
    ap.add_argument("--data", default=str(ROOT / "bench-data"))
    ap.add_argument("--skip-python", action="store_true")
    ap.add_argument("--exe", help="the nkecon executable to time (default: the installed one), e.g. an older build")
    ap.add_argument("--only-full", action="store_true", help="run only the full 2-thread run (memory check on large inputs)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of CLI runs; each line reports the median")
    args = ap.parse_args()
    data = Path(args.data) / f"{args.mb}mb"
    build(data, args.mb, args.page_kb)
    meta = json.loads((data / f".built-{args.mb}-{args.page_kb}").read_text())
    mb = meta["bytes"] / 1e6
    exe = args.exe or shutil.which("nkecon") or sys.exit("nkecon is not installed (pip install .)")
    load = os.getloadavg()
    print(f"corpus: {meta['files']} files, {mb:.1f} MB, load average {load[0]:.2f} {load[1]:.2f}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ds"
        runs = [("floor (2 threads)", ["--floor", "--threads", "2"]), ("full (1 thread)", ["--threads", "1"]), ("full (2 threads)", ["--threads", "2"])]
        if args.only_full:
            runs = runs[2:]
        results = {}
        timings: dict[str, list[tuple[float, float, float, dict]]] = {name: [] for name, _ in runs}
        for _ in range(max(1, args.repeat)):
            for name, extra in runs:
                secs, rss, _, cpu = timed([exe, "run", str(data), "--out", str(out), "--quiet", *extra])
                counts = json.loads((out / "_manifest.json").read_text())["counts"]
                timings[name].append((secs, rss, cpu, counts))
        for name, _ in runs:
            ts = sorted(timings[name], key=lambda t: t[0])
            secs, _, cpu, counts = ts[len(ts) // 2]
            rss = max(t[1] for t in ts)
            results[name] = secs
            rows.append((name, secs, mb / secs, counts.get("posts", 0) / secs, counts.get("figures", 0) / secs, rss, cpu))
        if not args.skip_python:
            secs, rss, stdout, _ = timed([sys.executable, "-c", PY_STAGES, str(data)])
            r = json.loads(stdout.strip().splitlines()[-1])
            results["python"] = r["total"]
            rows.append(("python stages", r["total"], mb / r["total"], r["posts"] / r["total"], r["figures_rows"] / r["total"], r["rss_mb"], r["cpu"]))
            stages = ", ".join(f"{k} {r[k]:.2f}s" for k in ("read", "parse_posts", "figures", "claims", "trade"))
    print(f"{'run':20s} {'seconds':>8s} {'MB/s':>8s} {'posts/s':>10s} {'figures/s':>10s} {'peak RSS MB':>12s} {'cpu s':>7s} {'cores':>6s}")
    for name, secs, mbs, ps, fs, rss, cpu in rows:
        print(f"{name:20s} {secs:8.2f} {mbs:8.1f} {ps:10.0f} {fs:10.0f} {rss:12.0f} {cpu:7.2f} {cpu / secs:6.2f}")
    if not args.only_full:
        print(f"full/floor speed ratio (2 threads): {results['floor (2 threads)'] / results['full (2 threads)']:.2f}")
        print(f"2 threads vs 1 thread: {results['full (1 thread)'] / results['full (2 threads)']:.2f}x")
    if "python" in results:
        print(f"python stages vs CLI: {results['python'] / results['full (2 threads)']:.2f}x the time ({stages})")


if __name__ == "__main__":
    main()
