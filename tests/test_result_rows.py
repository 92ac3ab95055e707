"""Counting the rows of serialised results without parsing them (kg.store.results)."""

from __future__ import annotations

import json

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.store.results import count_rows

JSON = "application/sparql-results+json"
# text made of the characters JSON results are built from, so that literals look like them
TRICKY = st.text(alphabet='{}[]":,\\ atypeuriliteralvalue\n\u00e9', max_size=30)
TERM = st.one_of(
    st.builds(ox.Literal, TRICKY),
    st.builds(lambda t: ox.Literal(t, language="en"), TRICKY),
    st.builds(lambda n: ox.NamedNode(f"http://ex.org/{n}"), st.integers(0, 5)),
    st.builds(lambda t: ox.Literal(t, datatype=ox.NamedNode("http://ex.org/dt")), TRICKY),
)
ROW = st.tuples(st.none() | TERM, st.none() | TERM)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(ROW, max_size=8))
def test_json_rows_are_counted_as_parsing_counts_them(rows) -> None:
    store = ox.Store()
    values = " ".join(
        "(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")" for row in rows
    )
    where = f"VALUES (?a ?b) {{ {values} }}" if rows else "FILTER(false)"
    result = store.query(f"SELECT ?a ?b WHERE {{ {where} }}")
    body = result.serialize(format=ox.QueryResultsFormat.JSON)
    assert count_rows(body, JSON) == len(json.loads(body)["results"]["bindings"]) == len(rows)
