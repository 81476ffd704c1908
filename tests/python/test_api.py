"""The Python surface: read, parse_posts, the stages, schema, errors and Arrow interop."""

from __future__ import annotations

import gzip
import json
import warnings
from pathlib import Path

import pyarrow as pa
import pytest

import nkecon

DESIGN_COLUMNS = {
    "documents": ["source", "url", "format", "text"],
    "posts": ["post_id", "title", "published", "author", "body", "paragraphs", "sources", "categories", "seen_in", "url", "words"],
    "figures": ["figure_id", "post_id", "claim_id", "start", "end", "text", "kind", "value", "low", "high", "unit", "approx", "value_usd"],
    "claims": ["claim_id", "post_id", "sentence", "start", "end", "text", "voice", "speaker", "speaker_kind", "verb", "outlet", "hedges", "certainty", "entities", "dates", "figure_ids"],
    "trade": ["trade_id", "post_id", "claim_id", "figure_id", "period", "period_first", "period_last", "country", "partner", "flow", "commodity", "value_usd", "approx", "change_pct", "change_basis", "derived", "published"],
    "rejects": ["source", "stage", "reason", "detail"],
}


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_schema_has_the_design_columns(name: str) -> None:
    s = nkecon.schema(name)
    assert isinstance(s, pa.Schema)
    assert s.names[: len(DESIGN_COLUMNS[name])] == DESIGN_COLUMNS[name]


def test_schema_types() -> None:
    posts = nkecon.schema("posts")
    assert posts.field("published").type == pa.date32()
    assert posts.field("body").type == pa.large_string()
    para = posts.field("paragraphs").type.value_type
    assert [f.name for f in para] == ["start", "end", "voice"]
    assert nkecon.schema("trade").field("derived").type == pa.bool_()


def test_unknown_table_lists_the_names() -> None:
    with pytest.raises(nkecon.NkeconOptionError, match="documents"):
        nkecon.schema("tables")  # type: ignore[arg-type]


def test_read_folder_sorted_with_sources(pages: Path) -> None:
    docs = nkecon.read([str(pages)])
    assert docs.column_names == DESIGN_COLUMNS["documents"]
    sources = docs.column("source").to_pylist()
    assert sources == [f"{pages}/2019-03.txt", f"{pages}/category-energy.txt"]
    assert set(docs.column("format").to_pylist()) == {"text"}


def test_read_jsonl_gz_and_zst_records(tmp_path: Path) -> None:
    recs = [{"url": "https://example.org/a", "text": "Title A\n\nbody"}, {"text": "Title B\n\nbody"}]
    data = "\n".join(json.dumps(r) for r in recs) + "\n"
    (tmp_path / "crawl.jsonl.gz").write_bytes(gzip.compress(data.encode()))
    docs = nkecon.read([str(tmp_path / "crawl.jsonl.gz")])
    assert docs.column("source").to_pylist() == [f"{tmp_path}/crawl.jsonl.gz#1", f"{tmp_path}/crawl.jsonl.gz#2"]
    assert docs.column("url").to_pylist() == ["https://example.org/a", None]
    assert docs.column("format").to_pylist() == ["jsonl", "jsonl"]


def test_read_gzip_text_normalises_newlines(tmp_path: Path) -> None:
    # zstd frames are tested on the Rust side (tests/read.rs), where an encoder is at hand.
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress("Héllo\r\nworld\n".encode()))
    docs = nkecon.read([str(tmp_path / "page.txt.gz")])
    assert docs.column("text").to_pylist() == ["Héllo\nworld\n"]


def test_read_glob(pages: Path) -> None:
    docs = nkecon.read([str(pages / "*.txt")])
    assert docs.num_rows == 2


def test_missing_path_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as e:
        nkecon.read([str(tmp_path / "nope")])
    assert isinstance(e.value, nkecon.NkeconError)
    assert "nope" in str(e.value)


def test_bad_format_lists_allowed_values(pages: Path) -> None:
    with pytest.raises(ValueError, match=r"one of \{auto, text, jsonl.*got 'pdf'"):
        nkecon.read([str(pages)], format="pdf")  # type: ignore[arg-type]


def test_rejects_warn_or_return(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"text": "ok page\\n\\nbody"}\n{not json\n', encoding="utf-8")
    with pytest.warns(nkecon.NkeconRejectWarning, match="1 input"):
        docs = nkecon.read([str(tmp_path)])
    assert docs.num_rows == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        docs, rejects = nkecon.read([str(tmp_path)], with_rejects=True)
    assert rejects.column("source").to_pylist() == [f"{tmp_path}/bad.jsonl#2"]
    assert rejects.column("reason").to_pylist() == ["bad_json"]


def test_invalid_utf8_kept_and_flagged(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_bytes(b"Title\n\nSome \xff text\n")
    docs, rejects = nkecon.read([str(tmp_path)], with_rejects=True)
    assert docs.column("text")[0].as_py() == "Title\n\nSome \ufffd text\n"
    assert rejects.column("reason").to_pylist() == ["invalid_utf8"]


def test_parse_posts_dedupes_across_pages(pages: Path) -> None:
    posts = nkecon.parse_posts(nkecon.read([str(pages)]))
    assert posts.column_names == DESIGN_COLUMNS["posts"]
    rows = {r["title"]: r for r in posts.to_pylist()}
    assert set(rows) == {"Fuel prices ease in Pyongyang markets", "Tourism season opens early"}
    fuel = rows["Fuel prices ease in Pyongyang markets"]
    assert len(fuel["seen_in"]) == 2
    assert fuel["categories"] == ["Energy"]
    assert str(fuel["published"]) == "2019-03-22"
    assert fuel["author"] == "Jane Analyst"
    assert len(fuel["post_id"]) == 16 and int(fuel["post_id"], 16) >= 0
    assert rows["Tourism season opens early"]["author"] == "Min-ho Park"


def test_paragraph_spans_slice_the_body(pages: Path) -> None:
    posts = nkecon.parse_posts(nkecon.read([str(pages)]))
    for row in posts.to_pylist():
        body = row["body"]
        for p in row["paragraphs"]:
            chunk = body[p["start"] : p["end"]]
            assert chunk and chunk == chunk.strip()
            assert "\n\n" not in chunk


def test_stages_accept_polars_and_string_columns(pages: Path) -> None:
    pl = pytest.importorskip("polars")
    docs = nkecon.read([str(pages)])
    via_polars = nkecon.parse_posts(pl.DataFrame(docs))
    direct = nkecon.parse_posts(docs)
    assert via_polars.column("post_id").to_pylist() == direct.column("post_id").to_pylist()
    # Spark hands over `string`, not `large_string`.
    small = docs.cast(pa.schema([f.with_type(pa.string()) if f.type == pa.large_string() else f for f in docs.schema]))
    assert nkecon.parse_posts(small).column("post_id").to_pylist() == direct.column("post_id").to_pylist()


def test_stages_accept_duckdb_results(pages: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    posts = nkecon.parse_posts(nkecon.read([str(pages)]))
    rel = duckdb.sql("select * from posts where title like 'Fuel%'")
    figs = nkecon.extract_figures(rel)
    assert set(figs.column("post_id").to_pylist()) <= set(posts.column("post_id").to_pylist())


def test_stage_without_body_is_a_schema_error() -> None:
    with pytest.raises(nkecon.NkeconSchemaError, match="body"):
        nkecon.extract_figures(pa.table({"title": ["x"]}))


def test_figure_ids_and_offsets_join(pages: Path) -> None:
    posts = nkecon.parse_posts(nkecon.read([str(pages)]))
    bodies = dict(zip(posts.column("post_id").to_pylist(), posts.column("body").to_pylist()))
    figs = nkecon.extract_figures(posts)
    claims = nkecon.extract_claims(posts)
    claim_ids = set(claims.column("claim_id").to_pylist())
    assert figs.num_rows > 0
    for f in figs.to_pylist():
        assert bodies[f["post_id"]][f["start"] : f["end"]] == f["text"]
        assert f["figure_id"].startswith(f["claim_id"] + ":")
        assert f["claim_id"] in claim_ids
        assert f["low"] <= f["high"]
    for c in claims.to_pylist():
        assert bodies[c["post_id"]][c["start"] : c["end"]] == c["text"]


def test_find_figures_offsets_are_code_points() -> None:
    text = "In Sinŭiju — rice was 5,200 won a kilogram."
    figs = nkecon.find_figures(text)
    assert figs, "expected a figure"
    for f in figs:
        assert text[f["start"] : f["end"]] == f["text"]
    assert any(f["low"] == 5200 for f in figs)


def test_release_warning_flag_is_a_bool() -> None:
    assert isinstance(nkecon._core.DEBUG_BUILD, bool)
    assert nkecon.__version__.count(".") == 2
