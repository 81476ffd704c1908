"""trade_panel: one row per (period, partner, flow, commodity), on hand-built trade tables."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pyarrow as pa
import pytest

try:  # the installed package (re-exported as nkecon.trade_panel)
    from nkecon._panel import trade_panel
except ImportError:  # the extension is not built: load the pure-Python module by path
    _path = Path(__file__).resolve().parents[2] / "python" / "nkecon" / "_panel.py"
    _spec = importlib.util.spec_from_file_location("nkecon_panel", _path)
    assert _spec is not None and _spec.loader is not None
    _mod = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_mod)
    trade_panel = _mod.trade_panel

d = dt.date


def make(rows: list[dict]) -> pa.Table:
    """A trade table with the DESIGN columns from short row dicts."""
    full = []
    for i, r in enumerate(rows):
        period = r.get("period", "2022-09")
        full.append(
            {
                "trade_id": r.get("trade_id", f"t{i:03d}"),
                "post_id": r.get("post_id", "p1"),
                "claim_id": "c",
                "figure_id": None if r.get("derived") else "f",
                "period": period,
                "period_first": r.get("period_first", d(2022, 9, 1)),
                "period_last": r.get("period_last", d(2022, 9, 30)),
                "country": "North Korea",
                "partner": r.get("partner", "China"),
                "flow": r.get("flow", "total"),
                "commodity": r.get("commodity"),
                "value_usd": r["value_usd"],
                "approx": r.get("approx", "exact"),
                "change_pct": None,
                "change_basis": None,
                "derived": r.get("derived", False),
                "published": r.get("published"),
            }
        )
    schema = pa.schema(
        [
            ("trade_id", pa.string()),
            ("post_id", pa.string()),
            ("claim_id", pa.string()),
            ("figure_id", pa.string()),
            ("period", pa.string()),
            ("period_first", pa.date32()),
            ("period_last", pa.date32()),
            ("country", pa.string()),
            ("partner", pa.string()),
            ("flow", pa.string()),
            ("commodity", pa.string()),
            ("value_usd", pa.float64()),
            ("approx", pa.string()),
            ("change_pct", pa.float64()),
            ("change_basis", pa.string()),
            ("derived", pa.bool_()),
            ("published", pa.date32()),
        ]
    )
    return pa.Table.from_pylist(full, schema=schema)


def by_key(panel: pa.Table) -> dict:
    return {(r["period"], r["partner"], r["flow"], r["commodity"]): r for r in panel.to_pylist()}


def test_newest_value_wins_and_spread_is_kept():
    t = make(
        [
            {"post_id": "old", "value_usd": 142.7e6, "published": d(2022, 10, 25)},
            {"post_id": "new", "value_usd": 142.9e6, "published": d(2022, 11, 20), "approx": "approx"},
            {"post_id": "undated", "value_usd": 150.0e6, "published": None},
        ]
    )
    p = trade_panel(t)
    assert p.num_rows == 1
    row = p.to_pylist()[0]
    assert row["value_usd"] == 142.9e6
    assert row["approx"] == "approx"
    assert row["post_id"] == "new"
    assert row["published"] == d(2022, 11, 20)
    assert row["n_posts"] == 3
    assert row["n_reports"] == 3
    assert row["n_values"] == 3
    assert row["value_min"] == 142.7e6
    assert row["value_max"] == 150.0e6
    assert row["spread_pct"] == pytest.approx((150.0 - 142.7) / 150.0 * 100)
    assert row["period_kind"] == "month"
    assert row["derived"] is False


def test_posts_are_counted_once_each():
    t = make(
        [
            {"post_id": "a", "value_usd": 1e6, "published": d(2020, 1, 1)},
            {"post_id": "a", "value_usd": 1e6, "published": d(2020, 1, 1)},
            {"post_id": "b", "value_usd": 1e6, "published": d(2020, 2, 1)},
        ]
    )
    row = trade_panel(t).to_pylist()[0]
    assert (row["n_posts"], row["n_reports"], row["n_values"]) == (2, 3, 1)


@pytest.mark.parametrize(
    ("key", "expected_rows"),
    [
        ({"partner": "South Korea"}, 2),
        ({"flow": "export"}, 2),
        ({"commodity": "coal"}, 2),
        ({"period": "2022-08", "period_first": d(2022, 8, 1), "period_last": d(2022, 8, 31)}, 2),
        ({}, 1),
    ],
)
def test_each_key_part_separates_rows(key, expected_rows):
    t = make([{"value_usd": 1e6}, {"value_usd": 2e6, **key}])
    assert trade_panel(t).num_rows == expected_rows


def test_derived_rows_fill_gaps_only():
    t = make(
        [
            {"flow": "total", "value_usd": 142.7e6},
            {"flow": "export", "value_usd": 14.2e6},
            {"flow": "import", "value_usd": 128.5e6, "derived": True},
            # A stated import elsewhere makes the derived one for that period redundant.
            {"period": "2022-10", "period_first": d(2022, 10, 1), "flow": "import", "value_usd": 100e6},
            {"period": "2022-10", "period_first": d(2022, 10, 1), "flow": "import", "value_usd": 99e6, "derived": True},
        ]
    )
    rows = by_key(trade_panel(t))
    derived = rows[("2022-09", "China", "import", None)]
    assert derived["derived"] is True
    assert derived["n_posts"] == 0
    assert derived["value_usd"] == 128.5e6
    stated = rows[("2022-10", "China", "import", None)]
    assert stated["derived"] is False
    assert stated["value_usd"] == 100e6
    assert len(rows) == 4
    without = trade_panel(t, include_derived=False)
    assert without.num_rows == 3
    assert not any(without.column("derived").to_pylist())


@pytest.mark.parametrize(
    ("period", "kind"),
    [
        ("2022-09", "month"),
        ("2022-Q1", "quarter"),
        ("2017-H1", "half"),
        ("2014", "year"),
        ("2017-01..2017-06", "range"),
    ],
)
def test_period_kind(period, kind):
    t = make([{"period": period, "value_usd": 1.0}])
    assert trade_panel(t).column("period_kind").to_pylist() == [kind]


def test_sorted_for_plotting():
    t = make(
        [
            {"period": "2022-10", "period_first": d(2022, 10, 1), "value_usd": 3.0},
            {"period": "2022-08", "period_first": d(2022, 8, 1), "value_usd": 1.0},
            {"period": "2022-09", "period_first": d(2022, 9, 1), "value_usd": 2.0},
            {"partner": "Russia", "value_usd": 9.0},
        ]
    )
    p = trade_panel(t)
    assert p.column("partner").to_pylist() == ["China", "China", "China", "Russia"]
    assert p.column("value_usd").to_pylist() == [1.0, 2.0, 3.0, 9.0]


def test_accepts_arrow_stream_producers_and_dictionary_columns():
    t = make([{"value_usd": 5.0}, {"value_usd": 6.0, "flow": "export"}])

    class Stream:
        def __init__(self, table):
            self.table = table

        def __arrow_c_stream__(self, requested_schema=None):
            return self.table.__arrow_c_stream__(requested_schema)

    assert trade_panel(Stream(t)).num_rows == 2
    assert trade_panel(t.to_reader()).num_rows == 2
    enc = t.set_column(t.column_names.index("partner"), "partner", t.column("partner").dictionary_encode())
    assert trade_panel(enc).column("partner").to_pylist() == ["China", "China"]


def test_minimal_columns_are_enough():
    t = pa.table(
        {
            "period": ["2014"],
            "period_first": pa.array([d(2014, 1, 1)], pa.date32()),
            "period_last": pa.array([d(2014, 12, 31)], pa.date32()),
            "partner": ["China"],
            "flow": ["total"],
            "value_usd": [6.39e9],
        }
    )
    row = trade_panel(t).to_pylist()[0]
    assert row["value_usd"] == 6.39e9
    assert row["derived"] is False
    assert row["commodity"] is None


def test_empty_and_bad_input():
    empty = make([{"value_usd": 1.0}]).slice(0, 0)
    p = trade_panel(empty)
    assert p.num_rows == 0
    assert "value_usd" in p.column_names
    with pytest.raises(ValueError, match="value_usd"):
        trade_panel(pa.table({"period": ["2014"]}))
    with pytest.raises(TypeError):
        trade_panel([1, 2, 3])


def test_polars_frames_work():
    pl = pytest.importorskip("polars")
    t = make([{"value_usd": 5.0}])
    assert trade_panel(pl.from_arrow(t)).num_rows == 1
