"""All 34 tests of the W3C SPARQL 1.1 Protocol manifest, run against the app.

Each request is sent as the manifest describes it (method, path with ``/sparql/`` replaced by
our ``/sparql``, headers, body in its stated encoding); the harness adds only the bearer token
(updates need one). Status, result format and ASK boolean are checked as the manifest says.
"""

from __future__ import annotations

import pytest
from w3c_manifest import (
    W3C,
    Case,
    parse_boolean,
    parse_rdf,
    parse_table,
    read_manifest,
    status_ok,
)

CASES = read_manifest(W3C / "protocol" / "manifest.ttl") if W3C.is_dir() else []


def test_the_manifest_has_all_34_tests(w3c_dir) -> None:
    assert len(CASES) == 34
    assert len({c.name for c in CASES}) == 34


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_protocol(case: Case, w3c_client, load_data) -> None:
    load_data(case.graph_data)
    assert case.requests, "a protocol test has at least one request"
    for request in case.requests:
        response = w3c_client.request(
            request.method, request.path, headers=request.headers, content=request.body
        )
        expected = request.expected
        assert status_ok(response.status_code, expected.statuses), (
            f"{request.method} {request.path}: {response.status_code} {response.text[:300]}"
        )
        if expected.format == "boolean":
            value = parse_boolean(response)
            if expected.boolean is not None:
                assert value is expected.boolean
        elif expected.format == "tabular":
            assert isinstance(parse_table(response), list)
        elif expected.format == "RDF":
            parse_rdf(response)
        if response.status_code >= 400:
            body = response.json()
            assert set(body["error"]) == {"type", "message"}
