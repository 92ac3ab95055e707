"""``kg serve``: serve the built store over HTTP (registered in the ``kg.commands`` group)."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.settings import Settings


def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface to listen on (default: KG_HOST or 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port (default: KG_PORT or 8000).", min=1, max=65535)
    ] = None,
    store: Annotated[
        str | None,
        typer.Option("--store", help="Store directory, or 'memory' (default: KG_STORE)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="SPARQL query worker processes (default: KG_QUERY_WORKERS or 2); a query "
            "past KG_QUERY_TIMEOUT is stopped by killing its worker.",
            min=1,
            max=32,
        ),
    ] = None,
) -> None:
    """Serve the SPARQL endpoint, the Graph Store, the relations API and the query page.

    Read-only unless KG_TOKEN is set (then writes need 'Authorization: Bearer <token>').
    """
    import uvicorn

    from api.app import create_app

    overrides = {"host": host, "port": port, "store": store, "query_workers": workers}
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    app = create_app(settings=settings)
    shown = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    base = f"http://{f'[{shown}]' if ':' in shown else shown}:{settings.port}"
    mode = "read-write (token required)" if settings.token else "read-only"
    typer.echo(f"Serving {settings.store_label()} ({mode})")
    typer.echo(f"  API docs:        {base}/docs")
    typer.echo(f"  Query page:      {base}/query")
    typer.echo(f"  Explorer:        {base}/explore")
    typer.echo(f"  SPARQL endpoint: {base}/sparql")
    typer.echo(f"  Relations API:   {base}/api")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
