#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, gitignored) from ../shared/corpus at
# run time: whole pages, pages cut into pieces of a few KiB (libFuzzer mutates small
# inputs faster), single paragraphs, JSON lines, and gzip/zstd copies. Nothing of the
# corpus text is ever committed. Usage: bash fuzz/seed.sh [path/to/shared/corpus]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${1:-$here/../../shared/corpus}"
if [ ! -d "$src" ]; then
  echo "seed.sh: no corpus at $src; the targets start from empty corpora" >&2
  exit 0
fi
python3 - "$src" "$here/corpus" <<'PY'
import gzip, hashlib, json, os, pathlib, subprocess, sys

src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
pages, lines = [], []
for p in sorted(src.rglob("*")):
    if p.suffix == ".txt":
        pages.append(p.read_bytes())
    elif p.suffix == ".jsonl":
        for line in p.read_bytes().splitlines():
            if line.strip():
                lines.append(line)
                try:
                    pages.append(json.loads(line)["text"].encode())
                except (ValueError, KeyError, TypeError):
                    pass

def put(target, data):
    d = dst / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

def pieces(page, size=4096):
    out, cur = [], b""
    for para in page.split(b"\n\n"):
        if cur and len(cur) + len(para) > size:
            out.append(cur)
            cur = b""
        cur += para + b"\n\n"
    if cur:
        out.append(cur)
    return out

for page in pages:
    for piece in pieces(page):
        for t in ("parse_posts", "analyze", "read_text"):
            put(t, piece)
    for para in page.split(b"\n\n"):
        if len(para) > 40:
            put("figures", para)
            put("trade", b"\x10\x27" + para)
for i in range(0, len(lines), 3):
    chunk = b"\n".join(lines[i:i + 3]) + b"\n"
    put("read_jsonl", chunk[:16384])
for page in pages[:40]:
    put("read_compressed", gzip.compress(page[:8192]))
    try:
        z = subprocess.run(["zstd", "-q", "-c"], input=page[:8192], capture_output=True, check=True).stdout
        put("read_compressed", z)
    except (OSError, subprocess.CalledProcessError):
        pass
for t in sorted(os.listdir(dst)):
    print(f"{t}: {len(os.listdir(dst / t))} seeds")
PY
