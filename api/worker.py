"""The query worker: a separate process that runs SPARQL queries on a read-only snapshot.

The server sends a :class:`Task` over a pipe; the worker opens (or keeps) the snapshot the
task names, runs the query, serialises at most ``max_rows`` rows (or triples) in the chosen
format and sends back a :class:`Result`. Because it is a process, the server can kill it when
a query runs past its time, which really stops the work (the engine has no cancellation).

This module imports only the store layer, so a worker starts in a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from kg.errors import InvalidQuery, KGError
from kg.store import GraphStore, open_store
from kg.store.results import (
    NATIVE_RESULT_TYPES,
    count_rows,
    native_rows_bytes,
    result_kind,
    row_variables,
    serialize_boolean,
    serialize_solutions,
    serialize_triples,
)


@dataclass(frozen=True)
class Task:
    """One query to run, with its dataset and output format."""

    snapshot: str
    query: str
    results_type: str
    base_iri: str | None = None
    union_default: bool = True
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    max_rows: int = 10_000


@dataclass(frozen=True)
class Result:
    """A serialised result, or an error (``error`` = (type, message, status))."""

    body: bytes = b""
    media_type: str = ""
    rows: int = 0
    truncated: bool = False
    error: tuple[str, str, int] | None = None
    kind: str = field(default="")


# --- execution ---------------------------------------------------------------------------


def _native_solutions(result: Any, task: Task) -> Result | None:
    """SELECT results serialised by the engine itself (much faster than row by row in
    Python); None when there are more rows than the cap allows."""
    try:
        body = native_rows_bytes(result, task.results_type)
    except (RuntimeError, OSError) as exc:  # an evaluation error the engine reports late
        raise InvalidQuery(f"the query failed: {exc}") from None
    rows = count_rows(body, task.results_type)
    if rows > task.max_rows:
        return None
    return Result(body=body, media_type=task.results_type, rows=rows, kind="solutions")


def run(store: GraphStore, task: Task) -> Result:
    """Run one task on an open store (used by the worker loop, and directly in tests)."""
    result = store.raw_query(
        task.query,
        union_default=task.union_default,
        default_graphs=task.default_graphs,  # type: ignore[arg-type]
        named_graphs=task.named_graphs,  # type: ignore[arg-type]
        base_iri=task.base_iri,
    )
    kind = result_kind(result)
    if kind == "boolean":
        body = serialize_boolean(bool(result), task.results_type)
        return Result(body=body, media_type=task.results_type, rows=1, kind="boolean")
    if kind == "rows" and task.results_type in NATIVE_RESULT_TYPES:
        native = _native_solutions(result, task)
        if native is not None:
            return native
        result = store.raw_query(  # over the row cap: again, the rows counted in Python
            task.query,
            union_default=task.union_default,
            default_graphs=task.default_graphs,  # type: ignore[arg-type]
            named_graphs=task.named_graphs,  # type: ignore[arg-type]
            base_iri=task.base_iri,
        )
    rows: list[Any] = []
    truncated = False
    try:
        for item in result:
            if len(rows) >= task.max_rows:
                truncated = True
                break
            rows.append(item)
    except RuntimeError as exc:  # an evaluation error the engine reports while streaming
        raise InvalidQuery(f"the query failed: {exc}") from None
    if kind == "rows":
        names = row_variables(result)
        body = serialize_solutions(names, rows, task.results_type, truncated=truncated)
        kind = "solutions"
    else:
        body = serialize_triples(rows, task.results_type)
        kind = "triples"
    return Result(
        body=body, media_type=task.results_type, rows=len(rows), truncated=truncated, kind=kind
    )


def main(conn: Connection) -> None:
    """The worker loop: one task in, one result out, until the pipe closes."""
    store: GraphStore | None = None
    opened: str | None = None
    while True:
        try:
            task: Task = conn.recv()
        except (EOFError, OSError):
            break
        try:
            if opened != task.snapshot or store is None:
                if store is not None:
                    store.close()
                store = open_store(task.snapshot, read_only=True)
                opened = task.snapshot
            result = run(store, task)
        except KGError as exc:
            result = Result(error=(type(exc).__name__, str(exc), exc.status))
        except Exception as exc:  # never let the worker die on one bad query
            result = Result(error=("StoreError", f"query failed: {type(exc).__name__}", 500))
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            break


if __name__ == "__main__":  # python -m api.worker FD (started by api.executor)
    import sys

    from api import worker  # the importable module, so results unpickle as api.worker.*

    worker.main(Connection(int(sys.argv[1])))
