"""Rendering the library's objects: JSON pages with links, CSV, RDF.

Routes parse parameters, call a :mod:`kg.queries` function and hand the result here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeVar
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel
from rdflib import Graph

from api.errors import NotAcceptable
from api.models import PageLinks
from api.negotiation import choose, with_charset
from kg.queries import Page

M = TypeVar("M", bound=BaseModel)
ListFormat = Literal["json", "csv"]
CSV_RESPONSE = {"text/csv": {"schema": {"type": "string"}}}


def page_links(request: Request, page: Page[Any]) -> PageLinks:
    """Root-relative links to this page and the next and previous ones."""

    path = request.url.path
    kept = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "offset"])
    base = f"{path}?{kept}&" if kept else f"{path}?"

    def at(offset: int) -> str:
        return f"{base}offset={offset}"

    prev = max(page.offset - page.limit, 0) if page.offset > 0 else None
    return PageLinks(
        self=at(page.offset),
        next=at(page.next_offset) if page.next_offset is not None else None,
        prev=at(prev) if prev is not None else None,
    )


def page_model(request: Request, page: Page[Any], model: type[M]) -> M:
    """A page response model: the items converted, totals and links."""
    return model.model_validate(
        {
            "items": page.items,
            "total": page.total,
            "limit": page.limit,
            "offset": page.offset,
            "links": page_links(request, page),
        },
        from_attributes=True,
    )


def wants_csv(request: Request, fmt: ListFormat | None) -> bool:
    """``?format=csv`` or an Accept header that prefers CSV over JSON."""
    if fmt is not None:
        return fmt == "csv"
    chosen = choose(request.headers.get("accept"), ["application/json", "text/csv"])
    if chosen is None:
        raise NotAcceptable("lists are served as application/json or text/csv")
    return chosen == "text/csv"


def csv_response(
    rows: Iterable[Any], columns: dict[str, Callable[[Any], Any]], *, headers: dict | None = None
) -> Response:
    """CSV with a header row; each column computed from an item."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if (v := f(row)) is None else v for f in columns.values()])
    return Response(buf.getvalue(), media_type=with_charset("text/csv"), headers=headers)


def page_csv(
    request: Request, page: Page[Any], columns: dict[str, Callable[[Any], Any]]
) -> Response:
    """A page as CSV; totals and the next page travel in headers."""
    links = page_links(request, page)
    headers = {"X-Total-Count": str(page.total)}
    if links.next:
        headers["Link"] = f'<{links.next}>; rel="next"'
    return csv_response(page.items, columns, headers=headers)


RDF_OUT = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
}


def rdf_response(graph: Graph, media_type: str) -> Response:
    """An rdflib graph in Turtle or JSON-LD."""
    data = graph.serialize(format=RDF_OUT[media_type])
    return Response(data, media_type=with_charset(media_type), headers={"Vary": "Accept"})


def joined(values: Iterable[Any]) -> str:
    """Several values in one CSV cell."""
    return "; ".join(str(v) for v in values if v is not None)
