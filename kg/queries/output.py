"""Render a SPARQL query's result for the terminal: a table, SPARQL JSON or CSV."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from kg.errors import InvalidQuery
from kg.store import GraphStore
from kg.store.results import graph_turtle, result_kind, row_variables, rows_bytes

FORMATS = ("table", "json", "csv")


def render_query(store: GraphStore, sparql: str, *, fmt: str, console: Console) -> None:
    """Run a read-only query and print its result in the chosen format."""
    if fmt not in FORMATS:
        raise InvalidQuery(f"unknown output format '{fmt}' (choose from {', '.join(FORMATS)})")
    result = store.raw_query(sparql)
    kind = result_kind(result)
    if kind == "boolean":
        if fmt == "json":
            sys.stdout.write(f'{{"head": {{}}, "boolean": {str(bool(result)).lower()}}}\n')
        else:
            console.print(str(bool(result)).lower())
        return
    if kind == "graph":  # CONSTRUCT / DESCRIBE
        sys.stdout.write(graph_turtle(result).decode("utf-8"))
        return
    if fmt == "json":
        sys.stdout.buffer.write(rows_bytes(result, "json") + b"\n")
        return
    if fmt == "csv":
        sys.stdout.buffer.write(rows_bytes(result, "csv"))
        return
    names = row_variables(result)
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
