"""The HTTP app: SPARQL endpoint, Graph Store, relations API and the query page.

``create_app()`` builds it from :class:`kg.settings.Settings` (``KG_*`` variables) and an
optional store. Without a token the server is read-only and opens the store read-only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import (
    errors,
    graph_store,
    pages,
    routes_claims,
    routes_entities,
    routes_explore,
    routes_graph,
    sparql,
)
from api.executor import QueryPool
from api.quick import QuickLookups
from api.response_cache import ResponseCache
from api.runtime import Runtime
from api.security import BodyLimit, SecurityHeaders
from kg.rdf.iris import Iris
from kg.settings import Settings
from kg.store import GraphStore, open_store

DESCRIPTION = """
A knowledge graph of actors and claims in UN diplomacy.

* **SPARQL 1.1 Protocol** at `/sparql` (query page at `/query`), **Graph Store Protocol** at
  `/store`. The default graph of queries is the union of every graph.
* **Relations API** under `/api`: entities, claims, votes, triple patterns, paths, analytics;
  lists are paged (`limit`, `offset`, `links.next`) and also come as CSV.
* Writes need `Authorization: Bearer <token>` (set `KG_TOKEN`); otherwise read-only.
"""


def create_app(*, settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app; a store given here is used as is (and not closed by the app)."""
    settings = settings or Settings()
    owns_store = store is None
    if store is None:
        store = open_store(settings.store_location, read_only=not settings.token)
    pool = QueryPool(store, size=settings.query_workers, timeout=settings.query_timeout)
    rt = Runtime(
        settings=settings,
        store=store,
        pool=pool,
        iris=Iris(settings.base_iri),
        owns_store=owns_store,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            rt.close()

    app = FastAPI(
        title="Diplomacy knowledge graph",
        version="0.1.0",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # no OpenTelemetry here: FastAPI would otherwise look for providers on every request
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.runtime = rt
    errors.install(app)
    sparql.install(app)
    for module in (graph_store, routes_entities, routes_claims, routes_graph, pages):
        app.include_router(module.router)
    routes_explore.install(app)  # the explorer: /explore… and /static/viz
    pages.mount_static(app)
    app.add_middleware(
        ResponseCache, runtime=rt, budget_bytes=int(settings.response_cache_mb * 2**20)
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=["X-KG-Rows", "X-Total-Count", "Link"],
        max_age=600,
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(QuickLookups, runtime=rt)  # outermost: index lookups, at once
    return app
