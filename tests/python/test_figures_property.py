"""Property tests for ``nkecon.find_figures`` over generated sentences.

Invariants, whatever the sentence: ``text[start:end] == figure["text"]`` (code-point
offsets), ``low <= high``, figures in order and non-overlapping, ``value`` null exactly
for ranges, ``value_usd`` only for dollar amounts. The sentences mix figures with the
things that must not become figures (dates, years, names with numbers, ordinals).
"""

import pytest

nkecon = pytest.importorskip("nkecon")
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

if not hasattr(nkecon, "find_figures"):
    pytest.skip("nkecon.find_figures is not built yet", allow_module_level=True)

KEYS = {"start", "end", "text", "kind", "value", "low", "high", "unit", "approx", "value_usd"}

cues = st.sampled_from(
    ["", "about ", "around ", "some ", "roughly ", "nearly ", "more than ", "less than ",
     "at least ", "up to ", "as many as ", "slightly under ", "well over ", "an estimated ",
     "between ", "only ", "~"]
)
digits = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=99999).map(str),
    st.floats(min_value=0, max_value=10**6, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(["six", "twenty-five", "a dozen", "two hundred", "a hundred", "one", "three"]),
)
scales = st.sampled_from(["", " million", " billion", "m", "bn", " trillion", "k"])
prefixes = st.sampled_from(["", "$", "US$", "€", "RMB ", "KPW ", "£", "¥", "HK$"])
units = st.sampled_from(
    ["", " won", " yuan", " dollars", " percent", "%", " per cent", " tons", " people",
     " workers", " North Korean workers", " years", " days", "-year", " kWh", " barrels",
     " companies", " small power stations", "” workers", " of them", " or so", " or more"]
)
joiners = st.sampled_from([" to ", "-", "–", " and ", " or ", ", ", " "])
noise = st.sampled_from(
    ["Covid-19", "Resolution 2397", "January 2020", "May 24", "the 1990s", "2021–2025",
     "G-20", "Route 1", "10:30", "+82-2-123-4567", "[872]", "second round", "2015-3-2",
     "a 27-year-old", "tripled", "six-fold", "Nov. 1", "the first four months", "(3)",
     "http://example.org/a/2013/04/11", "Kim Jong Un, 39,", "Pier 1", "złoty", "“", "”",
     "Hamhŭng", "—", "\n\n", "é", "日本"]
)
words = st.sampled_from(
    ["Trade", "fell", "rose", "to", "in", "the", "North", "Korea", "said", "a", "source",
     "told", "Daily NK", "between", "from", "of", "and", "market", "price", "was", "at",
     "won", "one", "dollar", "fetched", "exports", "imports", "reportedly", "."]
)


@st.composite
def figure_phrase(draw):
    first = draw(prefixes) + draw(digits) + draw(scales)
    if draw(st.booleans()):
        first += draw(joiners) + draw(prefixes) + draw(digits) + draw(scales)
    return draw(cues) + first + draw(units)


sentences = st.lists(
    st.one_of(figure_phrase(), noise, words), min_size=1, max_size=14
).map(" ".join)


def check(text):
    figs = nkecon.find_figures(text)
    assert isinstance(figs, list)
    last_end = 0
    for f in figs:
        assert KEYS <= set(f), f
        assert 0 <= f["start"] < f["end"] <= len(text), (text, f)
        assert text[f["start"]:f["end"]] == f["text"], (text, f)
        assert f["start"] >= last_end, ("overlap", text, figs)
        last_end = f["end"]
        assert f["low"] <= f["high"], (text, f)
        if f["value"] is None:
            assert f["low"] < f["high"], (text, f)
        else:
            assert f["low"] == f["value"] == f["high"], (text, f)
        assert f["kind"] in {"money", "count", "percent", "quantity", "duration"}
        assert f["approx"] in {"exact", "approx", "over", "under", "at_least", "at_most"}
        if f["value_usd"] is not None:
            assert f["unit"] == "USD", f


@settings(max_examples=600, deadline=None)
@given(sentences)
def test_invariants_on_generated_sentences(text):
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_invariants_on_arbitrary_text(text):
    check(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Exports fell 24 percent to $14.2 million.", [("24 percent", "percent"), ("$14.2 million", "USD")]),
        ("Covid-19 and Resolution 2397 in January 2020.", []),
        ("between 800 and 1,000 workers", [("between 800 and 1,000 workers", "person")]),
    ],
)
def test_examples(text, expected):
    got = [(f["text"], f["unit"]) for f in nkecon.find_figures(text)]
    assert got == expected
