"""Type stubs of the compiled core ``nkecon._core`` (hand-written; checked by mypy.stubtest)."""

from os import PathLike
from typing import Any, Literal, TypedDict, overload

import pyarrow as pa

__all__ = [
    "__version__",
    "DEBUG_BUILD",
    "read",
    "parse_posts",
    "extract_figures",
    "extract_claims",
    "build_trade",
    "run",
    "find_figures",
    "schema",
    "cli_main",
]

__version__: str
DEBUG_BUILD: bool

_Format = Literal["auto", "text", "jsonl", "html", "warc", "wet", "wp-json", "wxr"]
_TableName = Literal["documents", "posts", "figures", "claims", "trade", "rejects"]

class _Summary(TypedDict):
    """What :func:`run` did."""

    files: int
    bytes: int
    documents: int
    seconds: float
    mb_per_s: float
    threads: int
    counts: dict[str, int]

class _FigureDict(TypedDict):
    """A figure found by :func:`find_figures`; offsets count code points into the text."""

    start: int
    end: int
    text: str
    kind: Literal["money", "count", "percent", "quantity", "duration"]
    value: float | None
    low: float
    high: float
    unit: str | None
    approx: Literal["exact", "approx", "over", "under", "at_least", "at_most"]
    value_usd: float | None

@overload
def read(
    inputs: list[str], format: _Format = "auto", *, with_rejects: Literal[True], threads: int = 0
) -> tuple[pa.Table, pa.Table]: ...
@overload
def read(
    inputs: list[str], format: _Format = "auto", *, with_rejects: bool = False, threads: int = 0
) -> pa.Table:
    """Read files, folders (recursively) and globs into the ``documents`` table.

    ``.txt`` pages, ``.jsonl`` records (``{"text": ..., "url": ...}``), saved HTML
    pages, WARC/WET crawls (``.warc.gz`` streamed record by record), WordPress REST
    dumps (``wp-json``) and exports (``wxr``), plain or ``.gz``/``.zst``; ``"auto"``
    sniffs each file. ``source`` is the path, plus ``#n`` for the n-th record of a
    multi-record file. Unusable inputs are rejected (a warning says how many); with
    ``with_rejects=True`` the result is ``(documents, rejects)``. A named path that
    does not exist raises :class:`nkecon.NkeconFileNotFoundError` (a ``FileNotFoundError``).
    """

@overload
def parse_posts(documents: Any, *, with_rejects: Literal[True], threads: int = 0) -> tuple[pa.Table, pa.Table]: ...
@overload
def parse_posts(documents: Any, *, with_rejects: bool = False, threads: int = 0) -> pa.Table:
    """Cut documents (any Arrow table with a ``text`` column) into posts, deduplicated by ``post_id``."""

def extract_figures(posts: Any, *, threads: int = 0) -> pa.Table:
    """The ``figures`` table of a ``posts`` table (any Arrow object with a ``body`` column)."""

def extract_claims(posts: Any, *, threads: int = 0) -> pa.Table:
    """The ``claims`` table of a ``posts`` table: sentences with figures, attributions or hedges."""

def build_trade(posts: Any, *, threads: int = 0) -> pa.Table:
    """The ``trade`` table of a ``posts`` table: stated (and derived) trade flows."""

def run(
    inputs: list[str],
    out: str | PathLike[str],
    *,
    format: _Format = "auto",
    threads: int = 0,
    floor: bool = False,
    progress: bool = False,
) -> _Summary:
    """Run every stage over ``inputs`` and write the Parquet dataset to ``out`` atomically."""

def find_figures(text: str) -> list[_FigureDict]:
    """The figures in a string, for a quick look; offsets are code points into ``text``."""

def schema(name: _TableName) -> pa.Schema:
    """The pyarrow schema of a table."""

def cli_main(argv: list[str], default_inputs: list[str]) -> int:
    """Run the command line (``run [INPUT...] --out DIR ...``); returns the exit code."""
