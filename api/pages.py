"""HTML pages served by the app, all offline: the SPARQL query page and the API docs.

The query page is our own HTML, JavaScript and CSS (``api/static/``); the API docs use the
Swagger UI files shipped in the ``fastapi-offline`` package when it is installed (no CDN).
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)


def _swagger_dir() -> Path | None:
    spec = find_spec("fastapi_offline")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


_DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API docs</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""
_DOCS_FALLBACK = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API docs</title>
<link rel="stylesheet" href="/static/query.css"></head>
<body><main><h1>API docs</h1>
<p>The interactive docs need the <code>fastapi-offline</code> package. The OpenAPI
description is at <a href="/openapi.json">/openapi.json</a>; the SPARQL query page is at
<a href="/query">/query</a>.</p></main></body></html>
"""


@router.get("/")
def home() -> RedirectResponse:
    """The root leads to the query page."""
    return RedirectResponse("/query", status_code=307)


@router.get("/query")
def query_page() -> FileResponse:
    """The SPARQL query page."""
    return FileResponse(STATIC / "query.html", media_type="text/html; charset=utf-8")


@router.get("/docs")
def docs() -> HTMLResponse:
    """Swagger UI, served from this server."""
    return HTMLResponse(_DOCS_HTML if _swagger_dir() else _DOCS_FALLBACK)


def mount_static(app: FastAPI) -> None:
    """Our static files, and Swagger UI's when available."""
    swagger = _swagger_dir()
    if swagger is not None:
        app.mount("/static/swagger", StaticFiles(directory=swagger), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
