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
    put("read_compressed", gzip.compress(page[:8192], mtime=0))
    try:
        z = subprocess.run(["zstd", "-q", "-c"], input=page[:8192], capture_output=True, check=True).stdout
        put("read_compressed", z)
    except (OSError, subprocess.CalledProcessError):
        pass
# the HTML-based formats: corpus pages wrapped the way WordPress, crawlers and the
# REST API ship them (titles and dates from the first lines of each piece)
import html as H
def parts(page):
    paras = [p.strip() for p in page.decode("utf-8", "replace").split("\n\n") if p.strip()]
    return (paras[0] if paras else "Untitled"), paras[1:8]
for k, page in enumerate(pages[:30]):
    for piece in pieces(page, 3000)[:3]:
        title, paras = parts(piece)
        body = "".join(("<blockquote><p>%s</p></blockquote>" if i % 3 == 2 else "<p>%s</p>") % H.escape(p) for i, p in enumerate(paras))
        url = "https://blog.example/2020/%02d/post-%d/" % (k % 12 + 1, k)
        doc = ('<!DOCTYPE html><html><head><title>%s</title><link rel="canonical" href="%s"></head><body>'
               '<div id="content"><article class="post"><h2 class="entry-title"><a href="%s">%s</a></h2>'
               '<span class="posted-on"><time datetime="2020-%02d-14T09:00:00+00:00">March 14, 2020</time></span>'
               '<div class="entry-content">%s</div><footer>Share</footer></article></div></body></html>'
               % (H.escape(title), url, url, H.escape(title), k % 12 + 1, body))
        put("parse_html", doc.encode())
        http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + doc).encode()
        warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url.encode() +
                b"\r\nWARC-Date: 2020-03-14T09:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
                str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
        text = ("\n".join([title] + paras)).encode()
        wet = (b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: " + url.encode() +
               b"\r\nContent-Type: text/plain\r\nContent-Length: " + str(len(text)).encode() + b"\r\n\r\n" + text + b"\r\n\r\n")
        put("read_warc", warc + wet)
        rendered = "".join("<p>%s</p>" % H.escape(p) for p in paras)
        api = [{"id": k, "date": "2020-%02d-14T09:00:00" % (k % 12 + 1), "link": url, "slug": "post-%d" % k,
                "title": {"rendered": H.escape(title)}, "content": {"rendered": rendered},
                "excerpt": {"rendered": ""}}]
        put("read_wpjson", json.dumps(api).encode())
        wxr = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
               '<title>Blog</title><link>https://blog.example</link><item><title>%s</title><link>%s</link>'
               '<dc:creator><![CDATA[jroe]]></dc:creator><category domain="category" nicename="trade"><![CDATA[Trade]]></category>'
               '<content:encoded><![CDATA[%s]]></content:encoded><wp:post_date><![CDATA[2020-%02d-14 09:00:00]]></wp:post_date>'
               '<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item></channel></rss>\n'
               % (H.escape(title), url, "\n\n".join(paras), k % 12 + 1))
        put("read_wxr", wxr.encode())
for t in sorted(os.listdir(dst)):
    print(f"{t}: {len(os.listdir(dst / t))} seeds")
PY
