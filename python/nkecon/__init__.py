"""nkecon: archives of posts about North Korea's economy, as analysis-ready data.

The stages, each a function from Arrow tables to a ``pyarrow.Table``::

    import nkecon
    docs    = nkecon.read(["archive/"])          # documents: one row per page or record
    posts   = nkecon.parse_posts(docs)            # posts, deduplicated by post_id
    figures = nkecon.extract_figures(posts)       # money, counts, percents, quantities, durations
    claims  = nkecon.extract_claims(posts)        # who said it, how sure, which dates
    trade   = nkecon.build_trade(posts)           # trade flows with period, partner, direction
    summary = nkecon.run(["archive/"], "dataset/")  # all of it, written as Parquet
    panel   = nkecon.trade_panel(trade)           # one row per period/partner/flow/commodity

Stages accept anything that speaks the Arrow PyCapsule interface (pyarrow, polars,
duckdb results). Heavy work runs in Rust without the GIL.
"""

from __future__ import annotations

import os as _os
import warnings as _warnings

from . import _core
from ._core import (
    build_trade,
    extract_claims,
    extract_figures,
    find_figures,
    parse_posts,
    read,
    run,
    schema,
)
from ._panel import trade_panel
from ._errors import (
    NkeconError,
    NkeconFileNotFoundError,
    NkeconInterrupted,
    NkeconIOError,
    NkeconOptionError,
    NkeconRejectWarning,
    NkeconSchemaError,
)

__version__: str = _core.__version__

SAMPLE_DIR: str = _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "sample")
"""Path of the small sample archive that ships with the package (plain-text pages)."""

TABLES: tuple[str, ...] = ("documents", "posts", "figures", "claims", "trade", "rejects")
"""The table names of a dataset, as accepted by :func:`schema`."""

if _core.DEBUG_BUILD:  # pragma: no cover - depends on how the extension was built
    _warnings.warn(
        "nkecon was built in debug mode and runs about 20x slower; "
        "reinstall with `pip install .` (release build) for real work",
        RuntimeWarning,
        stacklevel=2,
    )

__all__ = [
    "read",
    "parse_posts",
    "extract_figures",
    "extract_claims",
    "build_trade",
    "run",
    "find_figures",
    "trade_panel",
    "schema",
    "SAMPLE_DIR",
    "TABLES",
    "NkeconError",
    "NkeconFileNotFoundError",
    "NkeconIOError",
    "NkeconOptionError",
    "NkeconSchemaError",
    "NkeconInterrupted",
    "NkeconRejectWarning",
    "__version__",
]
