"""The W3C SPARQL 1.1 Graph Store HTTP Protocol manifests, run against ``/store``.

Both direct (``/store/person/1.ttl``: the graph IRI is the request URL) and indirect
(``/store?graph=IRI``, ``/store?default``) identification are supported, and so is graph
creation by POST (``Location`` is the new graph's IRI), so every test applies.
"""

from __future__ import annotations

import pytest
from w3c_manifest import AUTHORITY, W3C, Case, media, read_manifest, same_graph, status_ok

CASES = read_manifest(W3C / "graph-store-protocol" / "manifest.ttl") if W3C.is_dir() else []


def test_both_manifests_are_read(w3c_dir) -> None:
    names = {c.name for c in CASES}
    assert "put_get_default" in names
    assert {c.name for c in CASES if "DirectGraphIdentification" in c.requires}
    assert {c.name for c in CASES if "IndirectGraphIdentification" in c.requires}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_graph_store(case: Case, w3c_client, load_data) -> None:
    load_data(case.graph_data)
    variables: dict[str, str] = {}
    for request in case.requests:
        path, body = request.path, request.body
        for name, value in variables.items():
            path = path.replace(name, value)
            body = body.replace(name.encode(), value.encode()) if body is not None else None
        response = w3c_client.request(request.method, path, headers=request.headers, content=body)
        expected = request.expected
        assert status_ok(response.status_code, expected.statuses), (
            f"{request.method} {path}: {response.status_code} {response.text[:300]}"
        )
        if expected.location_var:
            variables[expected.location_var] = response.headers["location"]
        if expected.content_type:
            assert media(response) == expected.content_type.split(";")[0].strip()
        if expected.body is not None and request.method != "HEAD":
            graph_url = f"{AUTHORITY}{path}".split("?")[0]
            assert same_graph(response, expected.body, base=graph_url), response.text
