"""Render a SPARQL query's result for the terminal: a table, SPARQL JSON or CSV."""

from __future__ import annotations

import sys

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from kg.errors import InvalidQuery
from kg.store import Store

FORMATS = ("table", "json", "csv")


def render_query(store: Store, sparql: str, *, fmt: str, console: Console) -> None:
    """Run a read-only query and print its result in the chosen format."""
    if fmt not in FORMATS:
        raise InvalidQuery(f"unknown output format '{fmt}' (choose from {', '.join(FORMATS)})")
    result = store.raw_query(sparql)
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            sys.stdout.write(f'{{"head": {{}}, "boolean": {str(bool(result)).lower()}}}\n')
        else:
            console.print(str(bool(result)).lower())
        return
    if not isinstance(result, ox.QuerySolutions):  # CONSTRUCT / DESCRIBE
        data = ox.serialize(list(result), format=ox.RdfFormat.TURTLE)
        sys.stdout.write(data.decode("utf-8"))
        return
    if fmt == "json":
        sys.stdout.buffer.write(result.serialize(format=ox.QueryResultsFormat.JSON) + b"\n")
        return
    if fmt == "csv":
        sys.stdout.buffer.write(result.serialize(format=ox.QueryResultsFormat.CSV))
        return
    names = [v.value for v in result.variables]
    table = Table(*names)
    n = 0
    for solution in result:
        table.add_row(*(_show(solution[name]) for name in names))
        n += 1
    console.print(table)
    console.print(f"{n} row(s)")


def _show(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)
