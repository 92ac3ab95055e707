"""The shortest path for index lookups (``api.quick``): the same answers as the full path.

Each request goes to two apps over the same store on disk: the default one, where
:class:`api.quick.QuickLookups` answers bounded GET queries itself, and one with
``inline_bounded`` off, where every query goes through the routes to a query worker.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import api.quick
import api.worker
from api.app import create_app
from kg.settings import Settings

E = "https://w3id.org/diplokg/entity/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LOOKUPS = [
    f'SELECT ?e WHERE {{ ?e <{SKOS}prefLabel> "France" }}',
    f"SELECT DISTINCT ?p ?o WHERE {{ <{E}fra> ?p ?o }} LIMIT 3 OFFSET 1",
    f"ASK {{ <{E}fra> ?p ?o }}",
    f'PREFIX skos: <{SKOS}> SELECT * WHERE {{ {{ ?e skos:prefLabel "China" }} UNION '
    f"{{ <{E}chn> skos:altLabel ?l }} }} LIMIT 4",
]
ACCEPTS = [
    None,
    "*/*",
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values;q=0.9, text/csv;q=0.1",
]


@pytest.fixture(scope="module")
def quick(store_dir: str) -> Iterator[TestClient]:
    """The default app over the sample graph on disk (its workers open the same directory,
    so unordered results come in the same order from both paths)."""
    with TestClient(create_app(settings=Settings(store=store_dir, query_timeout=20))) as c:
        yield c


@pytest.fixture(scope="module")
def full_path(store_dir: str) -> Iterator[TestClient]:
    settings = Settings(store=store_dir, query_timeout=20, inline_bounded=False)
    with TestClient(create_app(settings=settings)) as c:
        yield c


@pytest.fixture
def quick_answers(monkeypatch) -> list[object]:
    """The answers the quick path gave itself (its calls of run_bounded that succeeded)."""
    answered: list[object] = []
    real = api.quick.run_bounded

    def counted(store, task):
        result = real(store, task)
        if result is not None:
            answered.append(result)
        return result

    monkeypatch.setattr(api.quick, "run_bounded", counted)
    return answered


def same(response, expected) -> None:
    def kept(r) -> dict[str, str]:
        return {k: v for k, v in r.headers.items() if k not in ("date", "server")}

    assert (response.status_code, kept(response)) == (expected.status_code, kept(expected))
    assert response.content == expected.content


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize("query", LOOKUPS)
def test_lookups_are_answered_at_once_as_the_full_path_answers(
    quick: TestClient, full_path: TestClient, quick_answers: list, query: str, accept
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = quick.get("/sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200
    same(response, full_path.get("/sparql", params={"query": query}, headers=headers))
    inline = quick.app.state.runtime.inline_bounded  # off against a remote store
    assert len(quick_answers) == (1 if inline else 0)


@pytest.mark.parametrize(
    ("params", "headers", "status"),
    [
        ({"query": LOOKUPS[0]}, {"Origin": "https://example.org"}, 200),  # CORS: the app's
        ({"query": LOOKUPS[0], "default-graph-uri": f"{E}none"}, {}, 200),  # a dataset
        ({"query": "SELECT ?s WHERE { ?s ?p ?o . ?o ?q ?r } LIMIT 2"}, {}, 200),  # a join
        ({"query": "SELECT ?s WHERE { ?s ?p }"}, {}, 400),  # a syntax error
        ({"query": "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"}, {}, 400),  # refused
        ({"query": LOOKUPS[0]}, {"Accept": "text/turtle"}, 406),  # no such results format
        ({"query": LOOKUPS[0], "query ": "x"}, {}, 200),  # another parameter
        ({}, {"Accept": "text/turtle"}, 200),  # the service description
    ],
)
def test_everything_else_goes_to_the_app(
    quick: TestClient, full_path: TestClient, quick_answers: list, params, headers, status
) -> None:
    response = quick.get("/sparql", params=params, headers=headers)
    assert response.status_code == status
    same(response, full_path.get("/sparql", params=params, headers=headers))
    assert quick_answers == []


def test_an_answer_over_the_budget_goes_to_a_worker(quick: TestClient, monkeypatch) -> None:
    given: list[object] = []

    def small_budget(store, task):
        given.append(result := api.worker.run_bounded(store, task, max_bytes=10))
        return result

    monkeypatch.setattr(api.quick, "run_bounded", small_budget)
    response = quick.get("/sparql", params={"query": LOOKUPS[1]})
    assert response.status_code == 200 and len(response.json()["results"]["bindings"]) == 3
    assert given == ([None] if quick.app.state.runtime.inline_bounded else [])


@pytest.mark.parametrize(
    "prologue",
    [
        "",  # skos: is a built-in prefix
        f"PREFIX skos: <{SKOS}>\n",  # declared
        "# PREFIX skos: <http://example.org/not-skos#>\n",  # only in a comment
    ],
)
def test_built_in_prefixes_whether_declared_or_not(quick: TestClient, prologue: str) -> None:
    query = prologue + 'SELECT ?e WHERE { ?e skos:prefLabel "France" }'
    response = quick.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert [b["e"]["value"] for b in response.json()["results"]["bindings"]] == [f"{E}fra"]
