"""The sample archive and its gold annotations agree with each other.

The sample pages (python/nkecon/sample/) and tests/data/sample_gold/ are edited by hand;
these checks catch an edit to one that was not carried over to the other. They need
neither the extension nor the shared corpus.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "python" / "nkecon" / "sample"
GOLD = ROOT / "tests" / "data" / "sample_gold"
GOLD_FILES = sorted(GOLD.glob("*.json"))

KINDS = {"money", "count", "percent", "quantity", "duration"}
APPROX = {"exact", "approx", "over", "under", "at_least", "at_most"}
FLOWS = {"total", "export", "import"}


def _date_line(day: dt.date) -> str:
    """`Friday, January 19th, 2024`, as the pages write it."""
    n = day.day
    suffix = "th" if 11 <= n <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{day:%A}, {day:%B} {n}{suffix}, {day.year}"


def _post_text(page: str, title: str, others: list[str]) -> str:
    """The page text from the post's title line to the next post's title line."""
    start = page.index(f"\n{title}\n")
    ends = [page.find(f"\n{t}\n", start + 1) for t in others]
    return page[start : min([e for e in ends if e != -1], default=len(page))]


def _full_texts() -> dict[str, str]:
    """Every post's longest rendering over all sample pages, by title."""
    best: dict[str, str] = {}
    for path in GOLD_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = "\n" + (ROOT / "python" / gold["file"]).read_text(encoding="utf-8")
        titles = [p["title"] for p in gold["posts"]]
        for i, title in enumerate(titles):
            text = _post_text(page, title, titles[i + 1 :])
            if len(text) > len(best.get(title, "")):
                best[title] = text
    return best


def test_every_sample_page_has_gold() -> None:
    pages = {p.stem for p in SAMPLE.glob("*.txt")}
    gold = {p.stem for p in GOLD_FILES}
    assert len(pages) >= 8
    assert pages == gold


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_matches_page(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["file"] == f"nkecon/sample/{path.stem}.txt"
    page = "\n" + (ROOT / "python" / gold["file"]).read_text(encoding="utf-8")
    full = _full_texts()
    titles = [p["title"] for p in gold["posts"]]
    for i, post in enumerate(gold["posts"]):
        shown = _post_text(page, post["title"], titles[i + 1 :])
        assert _date_line(dt.date.fromisoformat(post["published"])) in shown, post["title"]
        if post["author"]:
            assert post["author"] in shown, post["title"]
        assert ("Continue reading" in shown) == post["truncated"], post["title"]
        # figures, claims and dates are those of the full post (the dataset keeps the fullest body)
        body = full[post["title"]]
        for fig in post["figures"]:
            assert fig["text"] in body, fig
            assert fig["kind"] in KINDS and fig["approx"] in APPROX, fig
            assert fig["low"] <= fig["high"], fig
        for text in post["not_figures"]:
            assert text in body, text
        for claim in post["claims"]:
            assert claim["contains"] in body, claim
            assert claim["voice"] in {"author", "quoted"}, claim
        for date in post.get("dates", []):
            assert date["text"] in body, date
            dt.date.fromisoformat(date["resolved"])
        for row in post["trade"]:
            assert row["flow"] in FLOWS and row["country"] == "North Korea", row
            assert any(abs(f["low"] - row["value_usd"]) <= 1e-6 * row["value_usd"] for f in post["figures"]), row


def test_a_post_is_seen_on_several_pages() -> None:
    seen: dict[tuple[str, str], int] = {}
    for path in GOLD_FILES:
        for post in json.loads(path.read_text(encoding="utf-8"))["posts"]:
            key = (post["title"], post["published"])
            seen[key] = seen.get(key, 0) + 1
    assert max(seen.values()) >= 2
    assert any(
        post["truncated"]
        for path in GOLD_FILES
        for post in json.loads(path.read_text(encoding="utf-8"))["posts"]
    )
