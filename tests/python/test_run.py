"""run() and the command line: the dataset layout, atomic replacement, the sample archive."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

import nkecon

TABLES = ["posts", "figures", "claims", "trade", "rejects"]


def test_run_writes_the_design_layout(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    summary = nkecon.run([str(pages)], out)
    assert summary["counts"]["posts"] == 2
    assert summary["files"] == 2 and summary["documents"] == 2
    for t in TABLES:
        files = sorted((out / t).glob("part-*.parquet"))
        assert files, t
        table = ds.dataset(out / t).to_table()
        assert table.schema.names == nkecon.schema(t).names
        assert table.num_rows == summary["counts"][t]
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["counts"] == summary["counts"]
    assert {i["path"] for i in manifest["inputs"]} == {f"{pages}/2019-03.txt", f"{pages}/category-energy.txt"}
    assert all(len(i["xxh3"]) == 16 and i["size"] > 0 for i in manifest["inputs"])
    meta = pq.ParquetFile(next((out / "posts").glob("*.parquet"))).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert meta.row_group(0).column(0).statistics is not None


def test_duckdb_and_polars_read_the_dataset(pages: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    pl = pytest.importorskip("polars")
    out = tmp_path / "ds"
    nkecon.run([str(pages)], out)
    rows = duckdb.sql(f"select count(*) from '{out}/posts/*.parquet'").fetchall()
    assert rows == [(2,)]
    assert pl.scan_parquet(f"{out}/figures/*.parquet").collect().height >= 1


def test_rerun_replaces_and_is_deterministic(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    nkecon.run([str(pages)], out)
    first = {t: ds.dataset(out / t).to_table() for t in TABLES}
    nkecon.run([str(pages)], out)
    for t in TABLES:
        assert ds.dataset(out / t).to_table().equals(first[t]), t
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".ds.tmp")]
    assert leftovers == []


def test_failed_run_leaves_the_old_dataset(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    nkecon.run([str(pages)], out)
    before = ds.dataset(out / "posts").to_table()
    with pytest.raises(FileNotFoundError):
        nkecon.run([str(tmp_path / "missing")], out)
    assert ds.dataset(out / "posts").to_table().equals(before)


def test_run_refuses_to_replace_a_foreign_folder(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("precious")
    with pytest.raises(nkecon.NkeconError, match="not an nkecon dataset"):
        nkecon.run([str(pages)], out)
    assert (out / "notes.txt").read_text() == "precious"


def test_sample_archive_ships_with_the_package() -> None:
    sample = Path(nkecon.SAMPLE_DIR)
    pages = sorted(sample.glob("*.txt"))
    assert 8 <= len(pages) <= 12
    posts = nkecon.parse_posts(nkecon.read([str(sample)])).to_pylist()
    assert any(len(p["seen_in"]) >= 2 for p in posts), "one post should be seen on two pages"
    assert len({c for p in posts for c in p["categories"]}) >= 2
    assert any(p["url"] is None and len(p["seen_in"]) == 1 for p in posts)


def test_cli_runs_on_the_sample_and_prints_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    res = subprocess.run([sys.executable, "-m", "nkecon", "run", "--out", str(out)], capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr
    assert "MB/s" in res.stdout and "posts" in res.stdout
    assert list((out / "posts").glob("*.parquet")) and (out / "rejects").is_dir() and (out / "_manifest.json").is_file()


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "nkecon", "run", "--format", "pdf", "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert res.returncode == 2
    assert "'pdf'" in res.stderr
    res = subprocess.run([sys.executable, "-m", "nkecon", "run"], capture_output=True, text=True)
    assert res.returncode == 2 and "--out" in res.stderr
