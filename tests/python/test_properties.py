"""Property tests: whatever the page, spans slice the body and ids are stable."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

import nkecon

WORDS = st.sampled_from(
    ["rice", "trade", "Sinŭiju", "won", "“quoted”", "—", "Pyongyang", "fell", "$14.2 million", "about 300 people", "Daily NK", "said", "the", "of", "é", "🙂"]
)
SENTENCE = st.lists(WORDS, min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
DAY = st.integers(min_value=1, max_value=28)


@st.composite
def page(draw: st.DrawFn) -> str:
    posts = []
    for i in range(draw(st.integers(1, 3))):
        title = f"Post {i} about " + draw(st.sampled_from(["rice", "trade", "Kaesong", "coal"]))
        date = f"Monday, March {draw(DAY)}th, 2021"
        paras = draw(st.lists(PARAGRAPH, min_size=1, max_size=5))
        intro = draw(st.sampled_from(["", "According to Yonhap:\n\n"]))
        posts.append(f"{title}\n\n{date}\n\nBy Jo Writer\n\n{intro}" + "\n\n".join(paras) + "\n\nShare\n")
    return "Archive for March, 2021\n\n" + "\n\n".join(posts)


@settings(max_examples=60, deadline=None)
@given(page())
def test_paragraph_spans_slice_the_body(text: str) -> None:
    docs = pa.table({"source": ["p.txt"], "text": [text]})
    posts = nkecon.parse_posts(docs)
    for row in posts.to_pylist():
        body = row["body"]
        prev_end = 0
        for p in row["paragraphs"]:
            assert prev_end <= p["start"] < p["end"] <= len(body)
            chunk = body[p["start"] : p["end"]]
            assert chunk.strip() == chunk and "\n\n" not in chunk
            assert p["voice"] in {"author", "quoted", "citation"}
            prev_end = p["end"]
        assert row["words"] == len(body.split())


@settings(max_examples=40, deadline=None)
@given(page())
def test_post_ids_are_stable_and_unique(text: str) -> None:
    docs = pa.table({"source": ["p.txt"], "text": [text]})
    a = nkecon.parse_posts(docs).column("post_id").to_pylist()
    b = nkecon.parse_posts(docs).column("post_id").to_pylist()
    assert a == b
    assert len(set(a)) == len(a)
    assert all(len(x) == 16 and x == x.lower() for x in a)
