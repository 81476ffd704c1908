"""One clean series per trade flow: :func:`trade_panel` collapses the ``trade`` table.

Pure Python over pyarrow (``pyarrow.compute`` and ``Table.group_by``); no pandas needed.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["trade_panel"]

#: The columns of ``trade`` that :func:`trade_panel` reads.
REQUIRED = ("period", "period_first", "period_last", "partner", "flow", "value_usd")

_KEYS = ("partner", "flow", "commodity", "period")


def _as_table(trade: Any) -> pa.Table:
    """A ``pyarrow.Table`` from a table, a record batch reader or any Arrow stream producer."""
    if isinstance(trade, pa.Table):
        return trade
    if isinstance(trade, pa.RecordBatch):
        return pa.Table.from_batches([trade])
    if isinstance(trade, pa.RecordBatchReader):
        return trade.read_all()
    if hasattr(trade, "__arrow_c_stream__"):
        from_stream = getattr(pa.RecordBatchReader, "from_stream", None)
        if from_stream is not None:  # pyarrow >= 15
            return from_stream(trade).read_all()
        return pa.table(trade)
    raise TypeError(
        "trade_panel() takes a pyarrow.Table or an object with __arrow_c_stream__ "
        f"(polars, duckdb), got {type(trade).__name__}"
    )


def _column(t: pa.Table, name: str, default: pa.Array) -> pa.ChunkedArray | pa.Array:
    return t.column(name) if name in t.column_names else default


def _normalise(t: pa.Table) -> pa.Table:
    """The columns the panel needs, with defaults for the optional ones."""
    missing = [c for c in REQUIRED if c not in t.column_names]
    if missing:
        raise ValueError(f"trade_panel(): the table lacks column(s) {missing}; expected the trade table")
    n = t.num_rows
    str_null = pa.nulls(n, pa.string())
    cols = {
        "period": pc.cast(t.column("period"), pa.string()),
        "period_first": pc.cast(t.column("period_first"), pa.date32()),
        "period_last": pc.cast(t.column("period_last"), pa.date32()),
        "country": pc.cast(_column(t, "country", pa.array(["North Korea"] * n, pa.string())), pa.string()),
        "partner": pc.cast(t.column("partner"), pa.string()),
        "flow": pc.cast(t.column("flow"), pa.string()),
        "commodity": pc.cast(_column(t, "commodity", str_null), pa.string()),
        "value_usd": pc.cast(t.column("value_usd"), pa.float64()),
        "approx": pc.cast(_column(t, "approx", pa.array(["exact"] * n, pa.string())), pa.string()),
        "published": pc.cast(_column(t, "published", pa.nulls(n, pa.date32())), pa.date32()),
        "post_id": pc.cast(_column(t, "post_id", str_null), pa.string()),
        "trade_id": pc.cast(_column(t, "trade_id", str_null), pa.string()),
        "derived": pc.cast(_column(t, "derived", pa.array([False] * n, pa.bool_())), pa.bool_()),
    }
    # Dictionary-encoded strings (as Parquet hands them back) become plain strings above.
    out = pa.table(cols)
    return out.filter(pc.is_valid(out.column("value_usd")))


def _collapse(rows: pa.Table) -> pa.Table:
    """One row per key: newest value (by ``published``) plus counts and spread."""
    rows = rows.sort_by(
        [(k, "ascending") for k in _KEYS] + [("published", "descending"), ("trade_id", "ascending")]
    )
    g = rows.group_by(list(_KEYS), use_threads=False).aggregate(
        [
            ("value_usd", "first"),
            ("approx", "first"),
            ("published", "first"),
            ("post_id", "first"),
            ("trade_id", "first"),
            ("period_first", "first"),
            ("period_last", "first"),
            ("country", "first"),
            ("value_usd", "min"),
            ("value_usd", "max"),
            ("value_usd", "count"),
            ("post_id", "count_distinct"),
            ("value_usd", "count_distinct"),
        ]
    )
    return g.rename_columns(
        {
            "value_usd_first": "value_usd",
            "approx_first": "approx",
            "published_first": "published",
            "post_id_first": "post_id",
            "trade_id_first": "trade_id",
            "period_first_first": "period_first",
            "period_last_first": "period_last",
            "country_first": "country",
            "value_usd_min": "value_min",
            "value_usd_max": "value_max",
            "value_usd_count": "n_reports",
            "post_id_count_distinct": "n_posts",
            "value_usd_count_distinct": "n_values",
        }
    )


def _period_kind(period: pa.ChunkedArray | pa.Array) -> pa.Array:
    """month, quarter, half, year or range, from the period label."""
    length = pc.utf8_length(period)
    return pc.case_when(
        pc.make_struct(
            pc.match_substring(period, ".."),
            pc.match_substring(period, "-Q"),
            pc.match_substring(period, "-H"),
            pc.equal(length, 4),
            pc.equal(length, 7),
        ),
        "range",
        "quarter",
        "half",
        "year",
        "month",
        pa.scalar(None, pa.string()),
    )


_ORDER = [
    "partner",
    "flow",
    "commodity",
    "period",
    "period_kind",
    "period_first",
    "period_last",
    "value_usd",
    "approx",
    "n_posts",
    "n_reports",
    "n_values",
    "value_min",
    "value_max",
    "spread_pct",
    "published",
    "post_id",
    "trade_id",
    "derived",
    "country",
]


def trade_panel(trade: Any, *, include_derived: bool = True) -> pa.Table:
    """Collapse the ``trade`` table into one row per (period, partner, flow, commodity).

    Several posts often report the same flow (a preliminary figure, a revision, a
    different agency). The panel keeps, for each period, partner, flow and commodity:

    - ``value_usd``, ``approx``, ``published``, ``post_id``, ``trade_id``: the newest
      stated report (latest ``published``; undated reports count as oldest);
    - ``n_posts``: how many distinct posts state it; ``n_reports``: how many rows;
      ``n_values``: how many distinct values were reported;
    - ``value_min`` / ``value_max``: the spread across reports, and ``spread_pct``
      (``(max - min) / max * 100``) to spot disagreements;
    - ``period_first`` / ``period_last`` (``date32``) for a time axis, and
      ``period_kind`` (``month``, ``quarter``, ``half``, ``year``, ``range``) so that a
      plot does not mix monthly values with year totals;
    - ``derived``: true when no post states the value and it was computed
      (e.g. imports = total − exports); such rows have ``n_posts == 0``. Pass
      ``include_derived=False`` to leave them out.

    Rows are sorted by partner, flow, commodity (goods-level rows after the
    aggregate, whose commodity is null) and ``period_first``.

    Args:
        trade: the ``trade`` table (``nkecon.build_trade(posts)``, or
            ``pyarrow.dataset.dataset("OUT/trade").to_table()``), as a ``pyarrow.Table``
            or anything with ``__arrow_c_stream__`` (polars, duckdb).
        include_derived: keep computed flows where no post states them.

    Returns:
        A ``pyarrow.Table``.

    Example:
        >>> import datetime as dt
        >>> import pyarrow as pa
        >>> from nkecon import trade_panel
        >>> d = dt.date
        >>> trade = pa.table({
        ...     "post_id": ["a", "b", "b"],
        ...     "period": ["2022-09", "2022-09", "2022-09"],
        ...     "period_first": [d(2022, 9, 1)] * 3,
        ...     "period_last": [d(2022, 9, 30)] * 3,
        ...     "partner": ["China"] * 3,
        ...     "flow": ["total", "total", "export"],
        ...     "commodity": [None, None, None],
        ...     "value_usd": [142.7e6, 142.9e6, 14.2e6],
        ...     "published": [d(2022, 10, 25), d(2022, 11, 20), d(2022, 11, 20)],
        ...     "derived": [False, False, False],
        ... })
        >>> panel = trade_panel(trade)
        >>> panel.select(["period", "flow", "value_usd", "n_posts", "value_min"]).to_pylist()  # doctest: +NORMALIZE_WHITESPACE
        [{'period': '2022-09', 'flow': 'export', 'value_usd': 14200000.0, 'n_posts': 1, 'value_min': 14200000.0},
         {'period': '2022-09', 'flow': 'total', 'value_usd': 142900000.0, 'n_posts': 2, 'value_min': 142700000.0}]
    """
    t = _normalise(_as_table(trade))
    stated = t.filter(pc.invert(t.column("derived")))
    parts = []
    if stated.num_rows:
        s = _collapse(stated)
        parts.append(s.append_column("derived", pa.array([False] * s.num_rows, pa.bool_())))
    if include_derived:
        derived = t.filter(t.column("derived"))
        if derived.num_rows:
            d = _collapse(derived)
            if stated.num_rows:
                # Keep derived values only where no post states the flow.
                key = lambda tab: pc.binary_join_element_wise(  # noqa: E731
                    *[pc.fill_null(tab.column(k), "\x00") for k in _KEYS], "\x1f"
                )
                d = d.filter(pc.invert(pc.is_in(key(d), value_set=key(parts[0]).combine_chunks())))
            n = d.num_rows
            d = d.set_column(d.column_names.index("n_posts"), "n_posts", pa.array([0] * n, pa.int64()))
            d = d.set_column(d.column_names.index("n_reports"), "n_reports", pa.array([0] * n, pa.int64()))
            parts.append(d.append_column("derived", pa.array([True] * n, pa.bool_())))
    if not parts:
        empty = _collapse(t.slice(0, 0))
        parts.append(empty.append_column("derived", pa.array([], pa.bool_())))
    panel = pa.concat_tables(parts)
    vmax = panel.column("value_max")
    spread = pc.multiply(pc.divide(pc.subtract(vmax, panel.column("value_min")), vmax), 100.0)
    panel = panel.append_column("spread_pct", spread)
    panel = panel.append_column("period_kind", _period_kind(panel.column("period")))
    panel = panel.sort_by(
        [
            ("partner", "ascending"),
            ("flow", "ascending"),
            ("commodity", "ascending"),
            ("period_first", "ascending"),
            ("period_last", "ascending"),
        ]
    )
    return panel.select(_ORDER)
