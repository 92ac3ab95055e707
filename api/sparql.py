"""The SPARQL 1.1 Protocol endpoint at ``/sparql``.

Queries by GET, POST form (``application/x-www-form-urlencoded``) and POST direct
(``application/sparql-query``); updates by POST form or direct (``application/sparql-update``)
only with the write token. Results are negotiated with q-values. A GET without a query returns
the service description. Queries run in killable worker processes (:mod:`api.executor`).
"""

from __future__ import annotations

import binascii
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route
from starlette.types import Send

from api.errors import ERROR_RESPONSES, NotAcceptable, UnsupportedMediaType
from api.executor import Answer, Stream
from api.negotiation import (
    GRAPH_TYPES,
    RDF_TYPES,
    SELECT_TYPES,
    base_type,
    choose,
    with_charset,
)
from api.runtime import Runtime
from api.security import check_token
from api.service_description import describe_service, serialize_graph
from api.worker import Task, run_bounded
from kg.errors import Forbidden, InvalidQuery, KGError
from kg.store.bounded import Analysis, analyse
from kg.store.sparql_text import apply_using, check_iri

log = logging.getLogger("kg.api")
router = APIRouter(tags=["SPARQL"])

_RESULT_CONTENT = {
    media: {"schema": {"type": "string"}}
    for media in dict.fromkeys([*SELECT_TYPES.values(), *RDF_TYPES.values()])
}
_SPARQL_RESPONSES = {
    200: {"description": "Query results (negotiated)", "content": _RESULT_CONTENT},
    **ERROR_RESPONSES,
    503: {"description": "The query ran past the time limit"},
}
_POST_BODY = {
    "requestBody": {
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {"query": {"type": "string"}, "update": {"type": "string"}},
                }
            },
        }
    }
}


@dataclass(frozen=True)
class Operation:
    """A parsed protocol request."""

    kind: str  # "query", "update" or "service"
    text: str
    params: list[tuple[str, str]]

    def values(self, name: str) -> list[str]:
        """Every value of a parameter."""
        return [v for k, v in self.params if k == name]


def _single(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise InvalidQuery(f"more than one '{name}' parameter")
    return values[0] if values else None


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidQuery("the request body is not valid UTF-8") from None


_HEX = {f"{i:02x}".encode(): bytes([i]) for i in range(256)}
_HEX.update({f"{i:02X}".encode(): bytes([i]) for i in range(256)})
_STRAY_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")


def _unquote(raw: bytes) -> str:
    """Percent-decoding of one form-encoded part (``+`` is a space; a ``%`` not followed by
    two hex digits stays as it is, as urllib leaves it). Well-formed input is decoded in C,
    as quoted-printable (``%XX`` written as ``=XX``, a literal ``=`` as ``=3D``)."""
    if b"%" not in raw and b"+" not in raw:
        return raw.decode("utf-8")
    raw = raw.replace(b"+", b" ")
    if not _STRAY_PERCENT.search(raw):
        return binascii.a2b_qp(raw.replace(b"=", b"=3D").replace(b"%", b"=")).decode("utf-8")
    first, *rest = raw.split(b"%")
    out = [first]
    for part in rest:
        byte = _HEX.get(part[:2])
        out.append(byte + part[2:] if byte is not None else b"%" + part)
    return b"".join(out).decode("utf-8")


def url_parameters(query_string: bytes) -> list[tuple[str, str]]:
    """The parameters of a URL's query string, in order (what ``parse_qsl`` gives, in a
    third of its time on a long encoded query).

    >>> url_parameters(b"query=SELECT+%3Fs+%7B%7D&default-graph-uri=&x")
    [('query', 'SELECT ?s {}'), ('default-graph-uri', ''), ('x', '')]
    """
    if len(query_string) <= 16_384:  # the same URLs come again and again
        return list(_remembered_parameters(query_string))
    return _parameters(query_string)


def _parameters(query_string: bytes) -> list[tuple[str, str]]:
    params = []
    try:
        for pair in query_string.split(b"&"):
            if pair:
                name, _, value = pair.partition(b"=")
                params.append((_unquote(name), _unquote(value)))
    except UnicodeDecodeError:
        raise InvalidQuery("the URL's parameters are not valid UTF-8") from None
    return params


@lru_cache(maxsize=512)
def _remembered_parameters(query_string: bytes) -> tuple[tuple[str, str], ...]:
    return tuple(_parameters(query_string))


async def read_operation(request: Request) -> Operation:
    """The operation a request asks for, checked against the protocol's rules."""
    url_params = url_parameters(request.scope.get("query_string", b""))
    if request.method in ("GET", "HEAD"):
        if _single(url_params, "update") is not None:
            raise InvalidQuery("updates must be sent with POST")
        query = _single(url_params, "query")
        return Operation("service" if query is None else "query", query or "", url_params)
    media, params = base_type(request.headers.get("content-type"))
    charset = params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType("only UTF-8 request bodies are accepted")
    body = await request.body()
    if media == "application/x-www-form-urlencoded":
        try:
            form = parse_qsl(_utf8(body), keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise InvalidQuery("the form body is not valid UTF-8") from None
        params_all = url_params + form
        query, update = _single(params_all, "query"), _single(params_all, "update")
        if (query is None) == (update is None):
            raise InvalidQuery("a form POST needs exactly one of 'query' and 'update'")
        if query is not None:
            return Operation("query", query, params_all)
        return Operation("update", update or "", params_all)
    kinds = {"application/sparql-query": "query", "application/sparql-update": "update"}
    if media not in kinds:
        raise UnsupportedMediaType(
            "POST needs application/x-www-form-urlencoded, application/sparql-query or "
            "application/sparql-update"
        )
    if _single(url_params, "query") is not None or _single(url_params, "update") is not None:
        raise InvalidQuery("a direct POST carries the operation in its body only")
    return Operation(kinds[media], _utf8(body), url_params)


def endpoint_url(request: Request) -> str:
    """The endpoint's own URL (the base IRI of queries and updates), made once per scheme,
    host and path: building ``request.url`` costs more than a bounded lookup's query."""
    scope = request.scope
    server = scope.get("server")
    key = (scope.get("scheme"), request.headers.get("host"), tuple(server) if server else None,
           scope.get("root_path"), scope["path"])  # fmt: skip
    found = _ENDPOINT_URLS.get(key)
    if found is None:
        if len(_ENDPOINT_URLS) > 64:
            _ENDPOINT_URLS.clear()
        found = _ENDPOINT_URLS[key] = str(request.url.replace(query="", fragment=""))
    return found


_ENDPOINT_URLS: dict[tuple, str] = {}


def query_task(
    rt: Runtime,
    text: str,
    analysis: Analysis,
    *,
    media: str,
    base_iri: str,
    defaults: list[str] | None = None,
    named: list[str] | None = None,
) -> Task:
    """What the engine is asked to do for a query: its dataset is the protocol's graphs
    (``defaults``, ``named``) if given, else the query's own FROM, else the union of all."""
    protocol_dataset = bool(defaults or named)
    return Task(
        snapshot="",
        query=text,
        results_type=media,
        base_iri=base_iri,
        union_default=not protocol_dataset and not analysis.shape.has_dataset,
        default_graphs=(defaults or []) if protocol_dataset else None,
        named_graphs=(named or []) if protocol_dataset else None,
        max_rows=rt.settings.max_rows,
        own_prefixes=analysis.own_prefixes,
    )


async def run_query(request: Request, rt: Runtime, op: Operation) -> Response:
    """Run a query in a worker and answer in the negotiated format."""
    analysis = analyse(op.text)
    shape = analysis.shape
    defaults = [check_iri(v, name="default-graph-uri") for v in op.values("default-graph-uri")]
    named = [check_iri(v, name="named-graph-uri") for v in op.values("named-graph-uri")]
    # ASK results in CSV / TSV are a bare true or false, as Oxigraph writes them
    offers = RDF_TYPES if shape.form in ("CONSTRUCT", "DESCRIBE") else SELECT_TYPES
    media = choose(request.headers.get("accept"), offers)
    if media is None:
        raise NotAcceptable(f"cannot serve a {shape.form or 'query'} result in the formats asked")
    task = query_task(
        rt, op.text, analysis, media=media, base_iri=endpoint_url(request),
        defaults=defaults, named=named,
    )  # fmt: skip
    headers = {"Vary": "Accept"}
    quick = None
    if rt.inline_bounded and analysis.bounded:  # an index lookup: answered here, at once
        quick = run_bounded(rt.store, task)
    answer = Answer(result=quick) if quick else await run_in_threadpool(rt.pool.run, task)
    if answer.result is not None:  # the whole answer in one part
        result = answer.result
        if result.rows is not None:
            headers["X-KG-Rows"] = str(result.rows)
        body = b"" if request.method == "HEAD" else result.body
        return Response(body, media_type=with_charset(media), headers=headers)
    stream = answer.stream
    assert stream is not None
    if request.method == "HEAD":
        stream.close()
        return Response(b"", media_type=with_charset(media), headers=headers)
    return _Streamed(_chunks(answer.first, stream), media_type=with_charset(media), headers=headers)


async def _chunks(first: bytes, stream: Stream) -> AsyncIterator[bytes]:
    """The answer's chunks as the worker sends them (the worker is released at the end,
    or killed if the iteration stops early)."""
    try:
        yield first
        parts = stream.rest()
        while (part := await run_in_threadpool(next, parts, None)) is not None:
            yield part
    finally:
        stream.close()


class _Streamed(StreamingResponse):
    """A streamed answer. If it fails part-way (the time limit, an error the engine reports
    late) it ends without the final chunk, so the server drops the connection: clients see
    an incomplete response, never a short one that looks whole."""

    async def stream_response(self, send: Send) -> None:
        start = {"type": "http.response.start", "status": self.status_code}
        await send({**start, "headers": self.raw_headers})
        chunks = self.body_iterator
        try:
            async for chunk in chunks:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        except KGError as exc:
            log.warning("a streamed SPARQL answer was cut off: %s", exc)
            return
        finally:
            await chunks.aclose()  # type: ignore[union-attr]
        await send({"type": "http.response.body", "body": b"", "more_body": False})


async def run_update(request: Request, rt: Runtime, op: Operation) -> Response:
    """Run an update with the write token; the store's snapshots are refreshed after."""
    check_token(request.headers.get("authorization"), rt.settings.token)
    if not rt.writable:
        raise Forbidden("the store is open read-only")
    text = apply_using(op.text, op.values("using-graph-uri"), op.values("using-named-graph-uri"))
    base = endpoint_url(request)

    def write() -> None:
        with rt.write_lock:
            rt.store.update(text, base_iri=base)
        rt.after_write()

    await run_in_threadpool(write)
    return Response(status_code=204)


def describe(request: Request, rt: Runtime) -> Response:
    """The service description, or the query page for a browser."""
    media = choose(request.headers.get("accept"), {**GRAPH_TYPES, "text/html": "text/html"})
    if media == "text/html":
        return RedirectResponse("/query", status_code=303)
    if media is None:
        raise NotAcceptable("the service description is available in RDF formats only")
    graph = describe_service(
        endpoint_url(request), settings=rt.settings, store=rt.store, writable=rt.writable
    )
    body = b"" if request.method == "HEAD" else serialize_graph(graph, media)
    return Response(body, media_type=with_charset(media), headers={"Vary": "Accept"})


async def _dispatch(request: Request, rt: Runtime) -> Response:
    op = await read_operation(request)
    if op.kind == "service":
        return describe(request, rt)
    if op.kind == "query":
        return await run_query(request, rt, op)
    return await run_update(request, rt, op)


_ARRAY = {"type": "array", "items": {"type": "string"}}
_GET_PARAMS = {
    "parameters": [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": text,
            "schema": _ARRAY if many else {"type": "string"},
        }
        for name, text, many in (
            ("query", "A SPARQL 1.1 query", False),
            ("default-graph-uri", "Default graph(s)", True),
            ("named-graph-uri", "Named graph(s)", True),
        )
    ]
}

# The handlers take the bare request (parameters are read by read_operation and documented
# through openapi_extra): no per-request dependency solving on the hottest route.


@router.get(
    "/sparql",
    summary="SPARQL query (GET) or service description",
    responses=_SPARQL_RESPONSES,
    response_class=Response,
    openapi_extra=_GET_PARAMS,
)
async def sparql_get(request: Request) -> Response:
    """Run a query given in the URL. Without ``query``: the service description (RDF).

    The default dataset is the union of every graph in the store; ``default-graph-uri`` and
    ``named-graph-uri`` only select graphs already in the store.
    """
    return await _dispatch(request, request.app.state.runtime)


@router.head("/sparql", include_in_schema=False)
async def sparql_head(request: Request) -> Response:
    return await _dispatch(request, request.app.state.runtime)


@router.post(
    "/sparql",
    summary="SPARQL query or update (POST form or direct)",
    responses={**_SPARQL_RESPONSES, 204: {"description": "Update done"}},
    response_class=Response,
    openapi_extra=_POST_BODY,
)
async def sparql_post(request: Request) -> Response:
    """A query (form ``query=`` or ``application/sparql-query``) or an update (form
    ``update=`` or ``application/sparql-update``, with ``Authorization: Bearer <token>``)."""
    return await _dispatch(request, request.app.state.runtime)


async def _endpoint(request: Request) -> Response:
    return await _dispatch(request, request.app.state.runtime)


def install(app: FastAPI) -> None:
    """The routes above document the endpoint (OpenAPI); requests are served by one plain
    Starlette route in front of them, which skips FastAPI's per-request dependency and
    response handling on the hottest path (the same handler, the same errors)."""
    app.include_router(router)
    fast = Route("/sparql", _endpoint, methods=["GET", "HEAD", "POST"], include_in_schema=False)
    app.router.routes.insert(0, fast)
