#!/usr/bin/env python3
"""Speed of nkecon's figure extraction against quantulum3 on the same text.

    python scripts/bench_quantulum.py [--mb 1.0] [--corpus ../shared/corpus]

Builds about 1 MB of text from the corpus pages (repeated as needed), times
``nkecon.find_figures`` on it (or, when the Python module is not built, the Rust
example ``figures_speed`` in release mode), then installs quantulum3 in a throwaway
virtual environment (a temporary directory, deleted afterwards: quantulum3 never
becomes a dependency of nkecon), times ``quantulum3.parser.parse`` on the same
text, and prints both speeds and their ratio.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def corpus_text(root: Path, mb: float) -> str:
    pages = []
    for p in sorted((root / "seed").glob("*.txt")):
        pages.append(p.read_text(encoding="utf-8"))
    for p in sorted((root / "dev").glob("*.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pages.append(json.loads(line)["text"])
    if not pages:
        sys.exit(f"no corpus pages under {root}")
    target = int(mb * 1_000_000)
    out, size = [], 0
    while size < target:
        for page in pages:
            out.append(page)
            size += len(page.encode("utf-8"))
            if size >= target:
                break
    return "\n\n".join(out)


def time_nkecon(text: str, chunks: list[str], use_module: bool) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, figures) for nkecon on the chunks."""
    if use_module:
        try:
            import nkecon  # noqa: PLC0415

            if hasattr(nkecon, "find_figures"):
                t0, c0 = time.perf_counter(), time.process_time()
                n = sum(len(nkecon.find_figures(c)) for c in chunks)
                return time.perf_counter() - t0, time.process_time() - c0, n
        except ImportError:
            pass
    # fall back to the Rust example, built in release mode
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        out = subprocess.run(
            ["cargo", "run", "--quiet", "--release", "--example", "figures_speed", "--", path],
            cwd=REPO, check=True, capture_output=True, text=True,
        ).stdout
        secs, n, cpu = out.split()[:3]
        return float(secs), float(cpu), int(n)
    finally:
        os.unlink(path)


QUANTULUM_RUNNER = r"""
import sys, time
from quantulum3 import parser
chunks = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
parser.parse("It cost 5 dollars.")  # load models and tables outside the timing
t0, c0 = time.perf_counter(), time.process_time()
n = 0
for c in chunks:
    if c.strip():
        n += len(parser.parse(c))
print(time.perf_counter() - t0, n, time.process_time() - c0)
"""


def time_quantulum(text: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, quantities) for quantulum3, in a throwaway venv."""
    with tempfile.TemporaryDirectory(prefix="quantulum-venv-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        py = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "quantulum3"], check=True)
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        data = Path(tmp) / "text.txt"
        data.write_text(text, encoding="utf-8")
        runner = Path(tmp) / "run.py"
        runner.write_text(QUANTULUM_RUNNER, encoding="utf-8")
        out = subprocess.run(
            [str(py), str(runner), str(data)], check=True, capture_output=True, text=True, env=env
        ).stdout
        secs, n, cpu = out.split()[:3]
        return float(secs), float(cpu), int(n)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="megabytes of text (default 1)")
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--rust", action="store_true", help="time the Rust example even if the module is importable")
    args = ap.parse_args()
    text = corpus_text(Path(args.corpus), args.mb)
    mb = len(text.encode("utf-8")) / 1e6
    chunks = [c for c in text.split("\n\n") if c.strip()]
    nw, nc, nn = time_nkecon(text, chunks, not args.rust)
    print(f"nkecon     {mb:.2f} MB: wall {nw:8.3f} s = {mb / nw:10.2f} MB/s, CPU {nc:8.3f} s = {mb / max(nc, 1e-9):10.2f} MB/s ({nn} figures)")
    qw, qc, qn = time_quantulum(text)
    print(f"quantulum3 {mb:.2f} MB: wall {qw:8.3f} s = {mb / qw:10.4f} MB/s, CPU {qc:8.3f} s = {mb / max(qc, 1e-9):10.4f} MB/s ({qn} quantities)")
    print(f"speed ratio nkecon/quantulum3: wall {qw / nw:,.0f}x, CPU {qc / max(nc, 1e-9):,.0f}x")


if __name__ == "__main__":
    main()
