"""Safe by default: no network or file access from queries, XXE, limits, CORS, error shape."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import URIRef

from api import security
from api.app import create_app
from kg.errors import InvalidQuery, StoreError
from kg.settings import Settings
from kg.store import Store

SECRET = "TOP-SECRET-7f3a9c"


@dataclass
class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it gets."""

    port: int
    connections: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    spy = Listener(port=server.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    spy.connections.append(conn.recv(4096))
                except OSError:
                    spy.connections.append(b"")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield spy
    stop.set()
    thread.join(timeout=2)
    server.close()


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}
    return body["error"]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <{url}/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <{url}/sparql> { ?s ?p ?o } }",
        "PREFIX e: <http://e/> SELECT * WHERE { ?s e:p ?o . SERVICE <{url}/> { ?o ?p ?x } }",
    ],
)
def test_service_is_refused_and_nothing_is_called(client: TestClient, listener, query) -> None:
    response = client.get("/sparql", params={"query": query.replace("{url}", listener.url)})
    assert response.status_code == 400
    assert "SERVICE" in error_of(response)["message"]
    assert listener.connections == []


def test_the_word_service_in_strings_and_names_is_fine(client: TestClient) -> None:
    query = "PREFIX e: <http://e/service#> SELECT ?service WHERE { ?service e:SERVICE 'SERVICE' }"
    assert client.get("/sparql", params={"query": query}).status_code == 200


def test_load_is_refused(writable: TestClient, auth, listener, tmp_path: Path) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text(f'<http://e/s> <http://e/p> "{SECRET}" .', encoding="utf-8")
    for target in (f"{listener.url}/data.ttl", secret.as_uri()):
        response = writable.post("/sparql", data={"update": f"LOAD <{target}>"}, headers=auth)
        assert response.status_code == 400
        assert "LOAD" in error_of(response)["message"]
    ask = f'ASK {{ ?s ?p "{SECRET}" }}'
    assert writable.get("/sparql", params={"query": ask}).json()["boolean"] is False
    assert listener.connections == []


def test_from_never_fetches(client: TestClient, listener) -> None:
    query = (
        f"SELECT * FROM <{listener.url}/a.ttl> FROM NAMED <{listener.url}/b> WHERE {{ ?s ?p ?o }}"
    )
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"] == []
    params = {"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{listener.url}/c.ttl"}
    assert client.get("/sparql", params=params).json()["boolean"] is False
    assert listener.connections == []


def test_xxe_in_rdf_xml_is_not_resolved(writable: TestClient, auth, listener, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    for system in (secret.as_uri(), f"{listener.url}/entity"):
        payload = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "{system}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">
  <rdf:Description rdf:about="http://e/s"><e:p>&xxe;</e:p></rdf:Description>
</rdf:RDF>"""
        response = writable.put(
            "/store",
            params={"graph": "http://example.org/xxe"},
            content=payload.encode(),
            headers={**auth, "Content-Type": "application/rdf+xml"},
        )
        assert response.status_code == 400
        assert SECRET not in response.text
        error_of(response)
        graph = writable.get("/store", params={"graph": "http://example.org/xxe"})
        assert graph.status_code == 404 or SECRET not in graph.text
    dump = writable.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert SECRET not in dump.text
    assert listener.connections == []


def test_the_rdf_xml_parser_itself_never_resolves_external_entities(listener, tmp_path) -> None:
    """Below the API's own refusal of entity declarations: the store's parser."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    store = Store.in_memory()
    for system in (secret.as_uri(), f"{listener.url}/entity"):
        payload = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "{system}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">
  <rdf:Description rdf:about="http://e/s"><e:p>&xxe;</e:p></rdf:Description>
</rdf:RDF>"""
        with pytest.raises(InvalidQuery) as caught:
            store.write_graph(
                URIRef("http://e/g"),
                payload.encode(),
                media_type="application/rdf+xml",
                replace=True,
            )
        assert SECRET not in str(caught.value)
    assert len(store) == 0
    assert listener.connections == []


def test_entity_expansion_is_refused(writable: TestClient, auth) -> None:
    levels = '<!ENTITY a0 "lollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 9)
    )
    payload = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ {levels} ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">
  <rdf:Description rdf:about="http://e/s"><e:p>&a8;</e:p></rdf:Description>
</rdf:RDF>"""
    response = writable.put(
        "/store",
        params={"graph": "http://example.org/laughs"},
        content=payload.encode(),
        headers={**auth, "Content-Type": "application/rdf+xml"},
    )
    assert response.status_code == 400
    assert "entities" in error_of(response)["message"]
    assert writable.get("/store", params={"graph": "http://example.org/laughs"}).status_code == 404


def test_body_size_cap(sample_store: Store) -> None:
    app = create_app(settings=Settings(store="memory", max_body_bytes=1000), store=sample_store)
    with TestClient(app) as c:
        big = "ASK { " + "?s ?p ?o . " * 200 + "}"
        declared = c.post(
            "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}
        )
        assert declared.status_code == 413
        assert error_of(declared)["type"] == "PayloadTooLarge"

        def chunks() -> Iterator[bytes]:
            for _ in range(20):
                yield b"?s ?p ?o . " * 10

        streamed = c.post(
            "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
        )
        assert streamed.status_code == 413
        small = c.post(
            "/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query"}
        )
        assert small.status_code == 200


def test_cors_allows_reads_but_not_credentials(client: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    response = client.get("/api/entities", headers=origin)
    assert response.headers["access-control-allow-origin"] == "*"
    assert "x-kg-rows" in response.headers["access-control-expose-headers"].lower()
    preflight = client.options(
        "/sparql",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    with_token = client.options(
        "/sparql",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert with_token.status_code == 400  # a browser may not send the write token cross-site
    put = client.options("/store", headers={**origin, "Access-Control-Request-Method": "PUT"})
    assert put.status_code == 400


def test_token_is_compared_in_constant_time(monkeypatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = security.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    security.check_token("Bearer right", "right")
    with pytest.raises(Exception, match="Bearer"):
        security.check_token("Bearer wrong", "right")
    assert calls == [(b"right", b"right"), (b"wrong", b"right")]


def test_html_pages_have_a_content_security_policy(client: TestClient) -> None:
    for path in ("/query", "/docs"):
        response = client.get(path)
        assert response.status_code == 200
        csp = response.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["default-src"] == "'none'"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in client.get("/api/entities").headers


def test_error_bodies_have_one_shape_and_no_internals(sample_store: Store) -> None:
    app = create_app(settings=Settings(store="memory"), store=sample_store)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError(f"internal detail at {Path(__file__)}")

    @app.get("/store-down")
    def store_down() -> None:
        raise StoreError("cannot open the store at /secret/path/store: locked")

    with TestClient(app, raise_server_exceptions=False) as c:
        cases = {
            "/boom": (500, "InternalError"),
            "/store-down": (503, "StoreError"),
            "/api/entities/nobody": (404, "NotFound"),
            "/api/claims?limit=0": (422, "InvalidQuery"),
            "/api/claims?stance=shout": (400, "InvalidQuery"),
            "/no/such/route": (404, "NotFound"),
            "/sparql?query=SELECT": (400, "InvalidQuery"),
        }
        for path, (status, kind) in cases.items():
            response = c.get(path)
            assert response.status_code == status, path
            error = error_of(response)
            assert error["type"] == kind, path
            text = json.dumps(error)
            assert "Traceback" not in text and "/secret/" not in text and ".py" not in text
