"""A remote store reads SELECT results as they arrive (kg.store.streamed), in bounded memory."""

from __future__ import annotations

import gc
import json

import httpx
import pytest

from kg.errors import InvalidQuery
from kg.store.remote import Endpoint, RemoteStore

ROWS = 5000


class Server:
    """A fake SPARQL endpoint that sends ROWS solutions in 100 chunks and notes how far the
    client has read and whether the response was closed."""

    def __init__(self, status: int = 200) -> None:
        self.status, self.sent, self.closed = status, 0, False

    def chunks(self):
        rows = [{"s": {"type": "uri", "value": f"http://ex.org/{i}"}} for i in range(ROWS)]
        body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": rows}}).encode()
        size = len(body) // 100 + 1
        try:
            for i in range(0, len(body), size):
                self.sent += 1
                yield body[i : i + size]
        finally:
            self.closed = True

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.status != 200:
            return httpx.Response(self.status, text="Parse error: unexpected '}'")
        headers = {"content-type": "application/sparql-results+json"}
        return httpx.Response(200, content=self.chunks(), headers=headers)


def store_on(server: Server) -> RemoteStore:
    store = RemoteStore(Endpoint.parse("http://store.test"), read_only=True)
    store._http = httpx.Client(transport=httpx.MockTransport(server.handle))
    return store


def test_rows_are_read_as_they_arrive() -> None:
    server = Server()
    result = store_on(server).raw_query("SELECT ?s WHERE { ?s ?p ?o }")
    assert server.sent <= 2  # the head only, so far
    rows = iter(result)
    next(rows)
    assert server.sent <= 3 and not server.closed
    assert sum(1 for _ in rows) == ROWS - 1
    assert server.sent == 100 and server.closed


def test_a_result_dropped_half_read_closes_its_response() -> None:
    server = Server()
    result = store_on(server).raw_query("SELECT ?s WHERE { ?s ?p ?o }")
    next(iter(result))
    del result
    gc.collect()
    assert server.closed and server.sent < 100


def test_an_error_status_is_read_and_reported() -> None:
    with pytest.raises(InvalidQuery, match="unexpected"):
        store_on(Server(status=400)).raw_query("SELECT ?s WHERE { ?s ?p ?o }")
