"""The ``kg`` command: a thin shell over the library.

Errors from the library (:class:`kg.errors.KGError`) become one line on stderr and the error's
exit code; nothing prints a stack trace. Other packages add commands (``kg serve``) through the
``kg.commands`` entry-point group, so this package never imports them.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import KGError
from kg.pipeline.ingest import IngestReport
from kg.rdf.iris import Iris
from kg.settings import Settings
from kg.store import open_store

app = typer.Typer(
    help="Build, query and validate a knowledge graph of diplomatic actors and claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store directory, or 'memory' (default: KG_STORE or data/store)."),
]


def settings_for(store: str | None) -> Settings:
    """Settings from the environment, with the --store option on top."""
    return Settings(store=store) if store else Settings()


@contextmanager
def opened(settings: Settings, *, read_only: bool = False):
    store = open_store(settings.store_location, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )


def _run_batch(fn, *, label: str) -> IngestReport:
    with _progress() as bar:
        task = bar.add_task(label, total=None, current="")

        def start(n: int) -> None:
            bar.update(task, total=n)

        def step(name: str) -> None:
            bar.update(task, advance=1, current=name)

        report = fn(progress=step, on_start=start)
    for error in report.errors:
        err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        if getattr(error, "detail", ""):  # a bug: its traceback, for the report
            err.print(error.detail, highlight=False, soft_wrap=True, markup=False)
    err.print(report.summary(), highlight=False)
    return report


def _exit_code(report: IngestReport) -> int:
    """0 when every document went in; 70 when one met a bug in kg; else 1 (bad input)."""
    from kg.errors import InternalError

    if report.ok:
        return 0
    return 70 if any(isinstance(e, InternalError) for e in report.errors) else 1


@app.command()
def build(
    documents: Annotated[list[Path] | None, typer.Argument(help="Files or folders.")] = None,
    store: StoreOpt = None,
    no_extract: Annotated[bool, typer.Option(help="Store documents without extraction.")] = False,
) -> None:
    """Build the graph afresh: ontology, reference data, then DOCUMENTS (files or folders)."""
    from kg.pipeline.build import build as build_graph

    settings = settings_for(store)
    iris = Iris(settings.base_iri)
    with opened(settings) as st:
        report = _run_batch(
            lambda **kw: build_graph(
                st,
                documents or [],
                iris=iris,
                extract=not no_extract,
                max_bytes=settings.max_document_bytes,
                **kw,
            ),
            label="build",
        )
        err.print(f"store: {settings.store_label()} ({len(st)} quads)", highlight=False)
    raise typer.Exit(_exit_code(report))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to add or replace.")],
    store: StoreOpt = None,
    no_extract: Annotated[bool, typer.Option(help="Store documents without extraction.")] = False,
) -> None:
    """Add documents to the graph (a document ingested again replaces its own graph)."""
    from kg.pipeline.ingest import ingest_paths

    settings = settings_for(store)
    iris = Iris(settings.base_iri)
    with opened(settings) as st:
        if not st.has_graph(iris.reference_graph()):
            from kg.pipeline.build import load_ontology_graph, load_reference_graph

            load_ontology_graph(st, iris=iris)
            load_reference_graph(st, iris=iris)
        report = _run_batch(
            lambda **kw: ingest_paths(
                st,
                paths,
                iris=iris,
                extract=not no_extract,
                max_bytes=settings.max_document_bytes,
                **kw,
            ),
            label="ingest",
        )
    raise typer.Exit(_exit_code(report))


@app.command()
def extract(
    document: Annotated[Path, typer.Argument(help="One .txt, .md or .html document.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the gold format).")] = False,
) -> None:
    """Print what extraction finds in one document (nothing is stored)."""
    from kg.documents.reading import read_document
    from kg.extract import extract as run

    doc = read_document(document)
    meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
    result = run(doc.text, doc_id=doc.doc_id, meta=meta)
    result = {"document": doc.path.name, **result}
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    for section in ("entities", "claims", "votes", "relations"):
        out.print(f"[bold]{section}[/bold]: {len(result.get(section, []))}")
    for c in result.get("claims", []):
        out.print(f"  {c['claimant']} [cyan]{c['stance']}[/cyan] {', '.join(c.get('about', []))}")


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or @FILE to read one.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    store: StoreOpt = None,
) -> None:
    """Run a read-only SPARQL query (prefixes dkg:, schema:, org:, skos:… are predeclared)."""
    from kg.queries.output import render_query

    if sparql.startswith("@"):
        sparql = Path(sparql[1:]).read_text(encoding="utf-8")
    with opened(settings_for(store), read_only=True) as st:
        render_query(st, sparql, fmt=fmt, console=out)


EXPORT_HELP = "turtle, nquads, ntriples, trig, jsonld or graphml."
OUTPUT_HELP = "File to write (default: standard output)."


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="turtle, nquads, trig, jsonld, graphml.")
    ] = "turtle",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Export the whole graph."""
    from kg.networks.export import export as run

    settings = settings_for(store)
    with opened(settings, read_only=True) as st:
        data = run(st, fmt=fmt, iris=Iris(settings.base_iri))
    if output:
        output.write_bytes(data)
        err.print(f"wrote {len(data)} bytes to {output}", highlight=False)
    else:
        sys.stdout.buffer.write(data)


@app.command()
def validate(
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    engine: Annotated[
        str,
        typer.Option(help="pyshacl, sparql (inside the store, for big graphs) or auto."),
    ] = "auto",
) -> None:
    """Check the graph against the SHACL shapes; exit code 4 when it does not conform."""
    from kg.validate.store import validate_store

    with opened(settings_for(store), read_only=True) as st:
        report = validate_store(st, engine=engine)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        for v in report.violations:
            out.print(
                f"[red]{v.severity}[/red] {v.focus} {v.path or ''}: {v.message}", highlight=False
            )
        out.print("conforms" if report.conforms else f"{len(report.violations)} violation(s)")
    raise typer.Exit(0 if report.conforms else 4)


@app.command()
def stats(
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts per class, per stance and per document."""
    from kg.queries.stats import graph_stats

    settings = settings_for(store)
    with opened(settings, read_only=True) as st:
        data = graph_stats(st, iris=Iris(settings.base_iri))
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    out.print(f"{data['triples']} quads in {data['graphs']} named graphs")
    for title, rows, cols in (
        ("classes", data["classes"], ("class", "count")),
        ("stances", data["stances"], ("stance", "count")),
        ("documents", data["documents"], ("id", "title", "claims", "triples")),
    ):
        table = Table(*cols, title=title)
        for row in rows:
            table.add_row(*(str(row[c]) for c in cols))
        out.print(table)


def _load_plugins() -> None:
    """Add the commands of the ``kg.commands`` entry points. A command that fails to load is
    still listed; running it reports why it cannot run (exit 70) instead of hiding it."""
    for ep in entry_points(group="kg.commands"):
        try:
            command = ep.load()
        except Exception as exc:  # noqa: BLE001 - reported when the command is used
            command = _unavailable(ep.name, exc)
        app.command(name=ep.name)(command)


def _unavailable(name: str, exc: Exception):
    reason = f"{type(exc).__name__}: {exc}"

    def command() -> None:
        from kg.errors import InternalError

        raise InternalError(f"the '{name}' command cannot load ({reason})")

    command.__doc__ = f"(unavailable: {reason})"
    return command


def main() -> None:
    """Console entry point."""
    _load_plugins()
    try:
        code = app(standalone_mode=False)  # click returns the code of typer.Exit here
        sys.exit(code if isinstance(code, int) else 0)
    except KGError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        err.print(f"[red]internal error:[/red] {exc!r}", highlight=False, soft_wrap=True)
        sys.exit(70)


if __name__ == "__main__":
    main()
