"""Shared fixtures: the shared corpus (skipped with a message where absent) and small pages of our own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def _require_shared() -> Path:
    if (SHARED / "corpus").is_dir() and (SHARED / "gold").is_dir():
        return SHARED
    if os.environ.get("NKECON_REQUIRE_SHARED") == "1":
        pytest.fail(f"{SHARED} is missing but NKECON_REQUIRE_SHARED=1 (CI must have the shared corpus)")
    pytest.skip(f"{SHARED} is absent (a user's clone): the shared-corpus tests need ../shared next to the repo")


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path of ../shared (corpus, gold, eval)."""
    return _require_shared()


# Two archive pages of our own: the same post appears on both (monthly and category archive).
MONTHLY = """Archive for March, 2019

Fuel prices ease in Pyongyang markets

Friday, March 22nd, 2019

By Jane Analyst

Petrol sold for about 12,000 won per kilogram in Pyongyang last week, a trader told an outlet.

Share

Tourism season opens early

Monday, March 4th, 2019

Min-ho Park

The first tour groups of the year crossed at Dandong, roughly 200 people in all.

Share
"""

CATEGORY = """Archive for the ‘Energy’ Category

Fuel prices ease in Pyongyang markets

Friday, March 22nd, 2019

By Jane Analyst

Petrol sold for about 12,000 won per kilogram in Pyongyang last week, a trader told an outlet.

Share
"""


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    """A folder with two pages of our own that share one post."""
    d = tmp_path / "pages"
    d.mkdir()
    (d / "2019-03.txt").write_text(MONTHLY, encoding="utf-8")
    (d / "category-energy.txt").write_text(CATEGORY, encoding="utf-8")
    return d
