"""Pages assembled from kept fragments (``api.render_json``) say what the response models say."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from api.models import EntityPage, PageLinks
from api.models_graph import TriplePage
from api.render import page_model
from api.render_json import Fragments
from kg.queries import EntityIndex, entity_table, match_triples, parse_term, search_entities
from kg.rdf.iris import Iris
from kg.store import Store


def request_for(path: str, query: str) -> Request:
    scope = {"type": "http", "method": "GET", "path": path, "query_string": query.encode()}
    scope |= {"headers": [], "root_path": "", "scheme": "http", "server": ("testserver", 80)}
    return Request(scope)


@pytest.mark.parametrize(
    "query",
    [
        "subject=fra&limit=4",  # IRIs and literals (labels with languages, dates)
        "subject=fra&limit=3&offset=3",
        "predicate=skos:prefLabel",  # literal objects only
        "object=chn",
        "predicate=rdf:type&object=dkg:State&limit=2&offset=1",
        "subject=nobody",  # an empty page
    ],
)
def test_triple_pages_equal_the_model(
    client: TestClient, sample_store: Store, iris: Iris, query: str
) -> None:
    response = client.get(f"/api/relations?{query}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    params = dict(p.split("=") for p in query.split("&"))
    terms = {k: parse_term(params[k], iris=iris) for k in ("subject", "predicate", "object")
             if k in params}  # fmt: skip
    paging = {k: int(params[k]) for k in ("limit", "offset") if k in params}
    page = match_triples(sample_store, iris=iris, **terms, **paging)
    expected = page_model(request_for("/api/relations", query), page, TriplePage)
    assert response.json() == json.loads(expected.model_dump_json())
    assert list(response.json()) == list(expected.model_dump())  # the fields, in order


@pytest.mark.parametrize("query", ["q=ru&limit=2", "type=State&limit=3&offset=2", "q=zzz"])
def test_entity_pages_equal_the_model(
    client: TestClient, sample_store: Store, iris: Iris, query: str
) -> None:
    response = client.get(f"/api/entities?{query}")
    assert response.status_code == 200
    params = dict(p.split("=") for p in query.split("&"))
    paging = {k: int(params.pop(k)) for k in ("limit", "offset") if k in params}
    index = EntityIndex.of(entity_table(sample_store, iris=iris))
    page = search_entities(sample_store, iris=iris, index=index, **params, **paging)
    expected = page_model(request_for("/api/entities", query), page, EntityPage)
    assert response.json() == json.loads(expected.model_dump_json())
    assert page.items and response.json()["items"] or query == "q=zzz"


def test_fragments_are_kept_per_object_and_dropped_oldest_first() -> None:
    seen: list[str] = []

    class Counting(PageLinks):
        @classmethod
        def model_validate(cls, obj, **kwargs):
            seen.append(obj.self)
            return super().model_validate(obj, **kwargs)

    fragments = Fragments(Counting, size=2)
    a, b, c = (PageLinks(self=f"/{x}") for x in "abc")
    twin = PageLinks(self="/a")  # equal to a, but another object
    assert [fragments(x) for x in (a, a, b, twin)][0] == fragments(twin)  # twin: kept
    assert seen == ["/a", "/b", "/a"]  # a once; keeping twin dropped a, the oldest
    fragments(a)
    assert seen[-1] == "/a" and len(seen) == 4
    fragments(c, keep=False)
    fragments(c, keep=False)
    assert seen[-2:] == ["/c", "/c"]
