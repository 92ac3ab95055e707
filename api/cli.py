"""``kg serve``: serve the built store over HTTP (registered in the ``kg.commands`` group)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from kg.errors import InputError
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
    http_workers: Annotated[
        int | None,
        typer.Option(
            help="HTTP server processes (default: KG_HTTP_WORKERS or 1), e.g. one per core; "
            "more than one needs a read-only store on disk (no KG_TOKEN).",
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

    given = {"host": host, "port": port, "store": store}
    given |= {"query_workers": workers, "http_workers": http_workers}
    overrides = {k: v for k, v in given.items() if v is not None}
    settings = Settings(**overrides)
    if settings.http_workers > 1:
        if settings.token:
            raise InputError(
                "--http-workers: several HTTP processes serve a read-only store only: unset "
                "KG_TOKEN (writes need one process, which sees its own writes at once)"
            )
        path = settings.store_path
        if not settings.store_is_remote and (path is None or not path.is_dir()):
            raise InputError(
                "--http-workers: several HTTP processes need a built store directory (or a "
                f"remote store) they can all open (store: {settings.store_label()})"
            )
    app = create_app(settings=settings) if settings.http_workers == 1 else None
    shown = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    base = f"http://{f'[{shown}]' if ':' in shown else shown}:{settings.port}"
    mode = "read-write (token required)" if settings.token else "read-only"
    typer.echo(f"Serving {settings.store_label()} ({mode})")
    typer.echo(f"  API docs:        {base}/docs")
    typer.echo(f"  Query page:      {base}/query")
    typer.echo(f"  Explorer:        {base}/explore")
    typer.echo(f"  SPARQL endpoint: {base}/sparql")
    typer.echo(f"  Relations API:   {base}/api")
    address = {"host": settings.host, "port": settings.port, "log_level": "info"}
    if app is not None:
        uvicorn.run(app, **address)
        return
    typer.echo(f"  ({settings.http_workers} HTTP processes)")
    # each process builds its app from the environment: the options given here go with it
    for name, value in overrides.items():
        os.environ[f"KG_{name.upper()}"] = str(value)
    uvicorn.run("api.app:create_app", factory=True, workers=settings.http_workers, **address)
