"""Complete answers: no silent row cap. A result of any size is streamed whole; an
operator's cap refuses a larger result with an error the standard clients raise; an answer
cut off part-way (the time limit) is an incomplete HTTP response, never a short one that
looks whole."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
from collections.abc import Iterator

import httpx
import pytest
from live_server import LIVE_TIMEOUT
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from api.app import create_app
from api.executor import QueryPool
from api.worker import CHUNK_BYTES, Task
from kg.settings import Settings
from tests.live_server import serve

SIDE = 32  # SIDE ** 3 rows: past the old 10,000-row default cap, and many 64 KB chunks
CAP = 100
JSON_RESULTS = "application/sparql-results+json"


def cube(side: int) -> str:
    """A query of side ** 3 rows that needs no data (three VALUES blocks crossed)."""
    values = " ".join(str(i) for i in range(side))
    blocks = " ".join(f"VALUES ?{v} {{ {values} }}" for v in "abc")
    return f"SELECT ?a ?b ?c WHERE {{ {blocks} }}"


@pytest.fixture(scope="module")
def capped(store_dir: str) -> Iterator[str]:
    """A live server whose operator set a row cap."""
    settings = Settings(store=store_dir, max_rows=CAP, query_workers=1, query_timeout=30)
    with serve(create_app(settings=settings)) as url:
        yield url


def test_a_large_result_comes_whole_in_every_format(live) -> None:
    with httpx.Client(base_url=live.url, timeout=60) as http:
        as_json = http.get("/sparql", params={"query": cube(SIDE)})
        assert as_json.status_code == 200 and "X-KG-Truncated" not in as_json.headers
        rows = as_json.json()["results"]["bindings"]
        assert len(rows) == SIDE**3
        assert {(r["a"]["value"], r["c"]["value"]) for r in rows} >= {("0", "0"), ("31", "31")}
        as_csv = http.get("/sparql", params={"query": cube(SIDE)}, headers={"Accept": "text/csv"})
        assert len(list(csv.reader(io.StringIO(as_csv.text)))) == 1 + SIDE**3
        small = http.get("/sparql", params={"query": cube(3)})  # one part: the count is known
        assert small.headers["X-KG-Rows"] == "27"


def test_standard_clients_read_the_whole_large_result(live) -> None:
    endpoint = SPARQLWrapper(f"{live.url}/sparql")
    endpoint.setQuery(cube(SIDE))
    endpoint.setReturnFormat(JSON)
    assert len(endpoint.query().convert()["results"]["bindings"]) == SIDE**3
    endpoint.setReturnFormat(CSV)
    assert len(endpoint.query().convert().decode().splitlines()) == 1 + SIDE**3
    graph = Graph(store=SPARQLStore(f"{live.url}/sparql", returnFormat="json"))
    assert len(list(graph.query(cube(SIDE)))) == SIDE**3


def test_a_cap_refuses_a_larger_result_before_any_row(capped: str) -> None:
    with httpx.Client(base_url=capped, timeout=60) as http:
        refused = http.get("/sparql", params={"query": cube(5)})  # 125 rows > 100
        assert refused.status_code == 422
        error = refused.json()["error"]
        assert error["type"] == "ResultTooLarge" and str(CAP) in error["message"]
        triples = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        rdf = http.get("/sparql", params={"query": triples}, headers={"Accept": "text/turtle"})
        assert rdf.status_code == 422 and "triples" in rdf.json()["error"]["message"]
        within = http.get("/sparql", params={"query": cube(4)})  # 64 rows: whole
        assert within.status_code == 200 and len(within.json()["results"]["bindings"]) == 64
        described = http.get("/sparql", headers={"Accept": "text/turtle"})
        service = Graph().parse(data=described.text, format="turtle")
        assert any(str(o) == str(CAP) for o in service.objects())


def test_standard_clients_raise_on_a_capped_result(capped: str) -> None:
    endpoint = SPARQLWrapper(f"{capped}/sparql")
    endpoint.setQuery(cube(5))
    endpoint.setReturnFormat(JSON)
    with pytest.raises(urllib.error.HTTPError) as raised:
        endpoint.query()
    assert raised.value.code == 422
    assert json.loads(raised.value.read())["error"]["type"] == "ResultTooLarge"
    graph = Graph(store=SPARQLStore(f"{capped}/sparql", returnFormat="json"))
    with pytest.raises(ValueError) as wrapped:  # rdflib wraps the HTTP error it got
        list(graph.query(cube(5)))
    cause = wrapped.value.__context__
    assert isinstance(cause, urllib.error.HTTPError) and cause.code == 422
    assert len(list(graph.query(cube(4)))) == 64


def test_an_answer_cut_off_by_the_time_limit_is_incomplete(live) -> None:
    """Hundreds of millions of rows: the first chunks go out at once, then the time limit
    stops the query mid-stream; the client gets an error, and the server goes on. (A remote
    store's rows are read as they arrive from it, so it streams the same way.)"""
    runaway = cube(600)
    with httpx.Client(base_url=live.url, timeout=LIVE_TIMEOUT * 10) as http:
        received = 0
        with (
            pytest.raises(httpx.RemoteProtocolError),
            http.stream("GET", "/sparql", params={"query": runaway}) as response,
        ):
            assert response.status_code == 200
            for chunk in response.iter_bytes():
                received += len(chunk)
        assert received > 0
        after = http.get("/sparql", params={"query": cube(3)})
        assert len(after.json()["results"]["bindings"]) == 27


def test_a_stream_closed_early_kills_its_worker(sample_store) -> None:
    """A client gone away mid-answer: the worker still sending is replaced, not left busy."""
    pool = QueryPool(sample_store, size=1, timeout=30)
    try:
        answer = pool.run(Task(snapshot="", query=cube(60), results_type=JSON_RESULTS))
        assert answer.stream is not None and len(answer.first) >= CHUNK_BYTES
        (busy,) = pool._all
        answer.stream.close()
        assert busy.process.poll() is not None and pool._all and pool._all[0] is not busy
        again = pool.run(Task(snapshot="", query=cube(3), results_type=JSON_RESULTS))
        assert again.result is not None and again.result.rows == 27
    finally:
        pool.close()


def test_a_stream_read_to_the_end_is_the_whole_answer(sample_store) -> None:
    pool = QueryPool(sample_store, size=1, timeout=30)
    try:
        answer = pool.run(Task(snapshot="", query=cube(40), results_type=JSON_RESULTS))
        assert answer.stream is not None
        body = answer.first + b"".join(answer.stream.rest())
        assert len(json.loads(body)["results"]["bindings"]) == 40**3
        (worker,) = pool._all
        assert worker.process.poll() is None  # back in the pool, not replaced
    finally:
        pool.close()
