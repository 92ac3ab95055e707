"""The shortest path from uvicorn to the engine: index lookups sent as ``GET /sparql``.

:class:`QuickLookups` is the outermost layer of the app. A GET of ``/sparql`` whose only
parameter is ``query``, whose query is bounded (:func:`kg.store.bounded.bounded`) and whose
answer fits the in-process budget is answered here, with the same status, headers and body
the full path gives (``tests/api/test_api_quick.py`` compares them), but without building
a Request, routing, or passing through the other middleware: on a one-row lookup these
cost about as much as the engine's own work. Every other request, and every request this
path cannot answer cleanly (a cross-origin request, a bad query, a dataset given in the
URL, an answer over the budget, any error), goes to the app unchanged, so errors come out
of one place, in one shape.
"""

from __future__ import annotations

from functools import lru_cache

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from api.negotiation import SELECT_TYPES, choose, with_charset
from api.runtime import Runtime
from api.security import NOSNIFF
from api.sparql import endpoint_url, query_task, url_parameters
from api.worker import run_bounded
from kg.errors import KGError
from kg.store.bounded import analyse

PATH = "/sparql"


class QuickLookups:
    """Pure ASGI middleware answering bounded ``GET /sparql`` queries directly (see the
    module's docstring); ``runtime``: the app's :class:`Runtime`."""

    def __init__(self, app: ASGIApp, *, runtime: Runtime) -> None:
        self.app, self.rt = app, runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == PATH:
            answer = self._answer(scope)
            if answer is not None:
                headers, body = answer
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    def _answer(self, scope: Scope) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
        """(headers, body), or None to leave the request to the app."""
        if not self.rt.inline_bounded:
            return None
        accept = None
        for name, value in scope["headers"]:
            if name == b"origin":
                return None  # CORS headers are the app's to add
            if name == b"accept":
                if accept is not None:
                    return None
                accept = value.decode("latin-1")
        try:
            params = url_parameters(scope.get("query_string", b""))
            if len(params) != 1 or params[0][0] != "query":
                return None
            text = params[0][1]
            analysis = analyse(text)
            if not analysis.bounded or analysis.shape.has_dataset:
                return None
            media, content_type = _results_format(accept)
            if media is None:
                return None
            base = endpoint_url(Request(scope))
            task = query_task(self.rt, text, analysis, media=media, base_iri=base)
            result = run_bounded(self.rt.store, task)
        except KGError:
            return None  # the app gives the error, in its one shape
        if result is None or result.rows is None:
            return None
        headers = [
            (b"content-type", content_type),
            (b"content-length", str(len(result.body)).encode()),
            (b"vary", b"Accept, Origin"),  # Origin: as CORS adds it when a request has none
            (b"x-kg-rows", str(result.rows).encode()),
            NOSNIFF,
        ]
        return headers, result.body


@lru_cache(maxsize=256)
def _results_format(accept: str | None) -> tuple[str | None, bytes]:
    """The results format for an Accept header, and its Content-Type (once per header)."""
    media = choose(accept, SELECT_TYPES)
    return media, with_charset(media or "").encode()
