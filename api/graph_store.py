"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/store``.

Graphs are named indirectly (``/store?graph=IRI``, ``/store?default``) or directly (the
graph's IRI is the request URL, ``/store/some/path``). GET and HEAD are open to everyone;
PUT, POST and DELETE need the write token. Bodies are parsed by the store's own parsers
(RDF/XML without external entities: nothing is ever fetched or read from disk).
"""

from __future__ import annotations

import uuid
from email.parser import BytesParser
from email.policy import HTTP
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from rdflib import URIRef
from starlette.concurrency import run_in_threadpool

from api.errors import ERROR_RESPONSES, NotAcceptable, UnsupportedMediaType
from api.negotiation import GRAPH_TYPES, base_type, choose, with_charset
from api.runtime import Runtime, runtime
from api.security import check_token
from kg.errors import Forbidden, InvalidQuery, NotFound
from kg.store.sparql_text import check_iri

router = APIRouter(tags=["Graph Store"])

READABLE = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")
_GRAPH_CONTENT = {m: {"schema": {"type": "string"}} for m in READABLE}
_GET_RESPONSES = {200: {"description": "The graph", "content": _GRAPH_CONTENT}, **ERROR_RESPONSES}
_WRITE_BODY = {"requestBody": {"content": _GRAPH_CONTENT, "required": True}}
_WRITE_RESPONSES = {
    201: {"description": "Graph created"},
    204: {"description": "Graph changed"},
    401: {"description": "Missing or wrong token"},
    403: {"description": "Writes are disabled"},
    **ERROR_RESPONSES,
    413: {"description": "Body too large"},
    415: {"description": "Unsupported body media type"},
}

GraphParam = Annotated[str | None, Query(description="IRI of a named graph")]
DefaultParam = Annotated[
    str | None, Query(description="Present (empty) to address the default graph")
]


def target_graph(request: Request, graph: str | None, default: str | None) -> URIRef | None:
    """The graph a request addresses: a named graph IRI, or None for the default graph."""
    direct = request.path_params.get("path")
    if direct is not None:
        if graph is not None or default is not None:
            raise InvalidQuery("a direct graph URL takes neither 'graph' nor 'default'")
        return URIRef(str(request.url.replace(query="", fragment="")))
    if (graph is None) == (default is None):
        raise InvalidQuery("give exactly one of 'graph=IRI' and 'default'")
    return URIRef(check_iri(graph, name="graph")) if graph is not None else None


def _exists(rt: Runtime, graph: URIRef | None) -> bool:
    return graph is None or rt.store.has_graph(graph)


async def read_graph(request: Request, rt: Runtime, graph: URIRef | None) -> Response:
    """GET / HEAD: the graph in the negotiated format (404 for an unknown named graph)."""
    media = choose(request.headers.get("accept"), GRAPH_TYPES)
    if media is None:
        raise NotAcceptable(f"graphs are served as {', '.join(READABLE)}")
    if not _exists(rt, graph):
        raise NotFound(f"no graph <{graph}>")
    if request.method == "HEAD":
        return Response(media_type=with_charset(media), headers={"Vary": "Accept"})
    data = await run_in_threadpool(
        rt.store.dump, media_type=media, graph=graph, default_graph=graph is None
    )
    return Response(data, media_type=with_charset(media), headers={"Vary": "Accept"})


def _parts(content_type: str, body: bytes) -> list[tuple[str, bytes]]:
    """(media type, data) of each part of a body (multipart/form-data: one per file)."""
    media, _ = base_type(content_type)
    if media != "multipart/form-data":
        return [(content_type, body)]
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise InvalidQuery("malformed multipart body")
    parts = []
    for part in message.iter_parts():
        data = part.get_payload(decode=True)
        parts.append((part.get("content-type", ""), data if isinstance(data, bytes) else b""))
    return parts


def _refuse_entities(media: str, data: bytes) -> None:
    """No entity declarations in RDF/XML: the parser never reads external entities, but it
    does expand internal ones, so a small body could grow into gigabytes ("billion laughs")."""
    if media != "application/rdf+xml":
        return
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UnsupportedMediaType("only UTF-8 bodies are accepted")
    if b"<!ENTITY" in data:
        raise InvalidQuery("RDF/XML bodies may not declare entities")


async def write_graph(
    request: Request, rt: Runtime, graph: URIRef | None, *, replace: bool, create: bool = False
) -> Response:
    """PUT (``replace``) or POST a body into a graph; ``create``: POST to the store itself,
    which makes a new graph and answers with its IRI in ``Location``."""
    check_token(request.headers.get("authorization"), rt.settings.token)
    if not rt.writable:
        raise Forbidden("the store is open read-only")
    content_type = request.headers.get("content-type", "")
    parts = _parts(content_type, await request.body())
    for media, _ in parts:
        kind, params = base_type(media)
        if kind not in READABLE:
            raise UnsupportedMediaType(f"bodies must be one of {', '.join(READABLE)}")
        if params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
            raise UnsupportedMediaType("only UTF-8 bodies are accepted")
    parts = [(base_type(media)[0], data) for media, data in parts]
    for media, data in parts:
        _refuse_entities(media, data)
    if create:
        graph = URIRef(f"{rt.iris.base}graph/upload/{uuid.uuid4()}")
    base = str(graph) if graph is not None else str(request.url.replace(query=""))

    def write() -> bool:
        with rt.write_lock:
            existed = _exists(rt, graph)
            for i, (media, data) in enumerate(parts):
                rt.store.write_graph(
                    graph, data, media_type=media, replace=replace and i == 0, base_iri=base
                )
        rt.after_write()
        return existed

    existed = await run_in_threadpool(write)
    if create:
        return Response(status_code=201, headers={"Location": str(graph)})
    return Response(status_code=204 if existed else 201)


async def delete_graph(request: Request, rt: Runtime, graph: URIRef | None) -> Response:
    """DELETE: drop a named graph (404 if absent) or empty the default graph."""
    check_token(request.headers.get("authorization"), rt.settings.token)
    if not rt.writable:
        raise Forbidden("the store is open read-only")

    def drop() -> bool:
        with rt.write_lock:
            if graph is None:
                rt.store.update("CLEAR DEFAULT")
                found = True
            else:
                found = rt.store.drop_graph(graph)
        rt.after_write()
        return found

    if not await run_in_threadpool(drop):
        raise NotFound(f"no graph <{graph}>")
    return Response(status_code=204)


async def _handle(
    request: Request, rt: Runtime, graph: str | None, default: str | None
) -> Response:
    """Dispatch on the method once the graph is known."""
    direct = request.path_params.get("path") is not None
    if request.method == "POST" and graph is None and default is None and not direct:
        return await write_graph(request, rt, None, replace=False, create=True)
    target = target_graph(request, graph, default)
    if request.method in ("GET", "HEAD"):
        return await read_graph(request, rt, target)
    if request.method == "DELETE":
        return await delete_graph(request, rt, target)
    return await write_graph(request, rt, target, replace=request.method == "PUT")


def _route(path: str, *, direct: bool) -> None:
    """Register the five methods on one path (the direct form stays out of the schema)."""
    label = "a graph named by its URL" if direct else "a graph (?graph=IRI or ?default)"

    async def endpoint(
        request: Request,
        rt: Annotated[Runtime, Depends(runtime)],
        graph: GraphParam = None,
        default: DefaultParam = None,
    ) -> Response:
        return await _handle(request, rt, graph, default)

    common = {"include_in_schema": not direct, "response_class": Response}
    router.add_api_route(
        path, endpoint, methods=["GET"], summary=f"Read {label}", responses=_GET_RESPONSES, **common
    )
    router.add_api_route(path, endpoint, methods=["HEAD"], summary=f"Check {label}", **common)
    router.add_api_route(
        path,
        endpoint,
        methods=["PUT"],
        summary=f"Replace {label} (token)",
        responses=_WRITE_RESPONSES,
        openapi_extra=_WRITE_BODY,
        **common,
    )
    router.add_api_route(
        path,
        endpoint,
        methods=["POST"],
        summary=f"Add to {label}, or create a graph (token)",
        responses=_WRITE_RESPONSES,
        openapi_extra=_WRITE_BODY,
        **common,
    )
    router.add_api_route(
        path,
        endpoint,
        methods=["DELETE"],
        summary=f"Delete {label} (token)",
        responses=_WRITE_RESPONSES,
        **common,
    )


_route("/store", direct=False)
_route("/store/{path:path}", direct=True)
