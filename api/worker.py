"""The query worker: a separate process that runs SPARQL queries on a read-only snapshot.

The server sends a :class:`Task` over a pipe; the worker opens (or keeps) the snapshot the
task names, runs the query and sends the answer back as the engine serialises it: data
messages of 64 KB, then a :class:`Result` with the rest (or the error). With an operator's
row cap (``max_rows``) a larger result is an error, sent before any row. Because it is a
process, the server can kill it when a query runs past its time, which really stops the
work (the engine has no cancellation).

This module imports only the store layer, so a worker starts in a fraction of a second.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from kg.errors import InvalidQuery, KGError, ResultTooLarge
from kg.store import GraphStore, open_store
from kg.store.results import (
    count_rows,
    result_kind,
    row_variables,
    serialize_boolean,
    serialize_result,
    serialize_solutions,
    serialize_triples,
)


@dataclass(frozen=True)
class Task:
    """One query to run, with its dataset and output format. ``max_rows`` is the operator's
    cap (None: no cap, the whole result is streamed)."""

    snapshot: str
    query: str
    results_type: str
    base_iri: str | None = None
    union_default: bool = True
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    max_rows: int | None = None
    own_prefixes: bool = False
    """The query declares every prefix it uses (the built-in ones need not be given)."""


@dataclass(frozen=True)
class Result:
    """The end of an answer: the last (or only) part of the body, or an error (``error`` =
    (type, message, status)). ``rows`` is known only for an answer sent in one part."""

    body: bytes = b""
    media_type: str = ""
    rows: int | None = None
    error: tuple[str, str, int] | None = None
    kind: str = field(default="")


# An answer is zero or more data messages (CHUNK, then the bytes) and one pickled Result.
CHUNK = b"D"
CHUNK_BYTES = 1 << 16
WORKER_NICENESS = 5


class ChunkWriter:
    """A file-like object the engine serialises into: every ``size`` bytes are sent as one
    data message, so a result of any size passes through in bounded memory."""

    def __init__(self, send: Callable[[bytes], None], *, size: int = CHUNK_BYTES) -> None:
        self._send, self._size = send, size
        self._parts: list[bytes] = []
        self._held = 0
        self.sent = False

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._held += len(data)
        if self._held >= self._size:
            self._send(CHUNK + b"".join(self._parts))
            self._parts, self._held, self.sent = [], 0, True
        return len(data)

    def flush(self) -> None:
        """Nothing: parts go out when a chunk is full (and the rest with the Result)."""

    def rest(self) -> bytes:
        """What has not been sent yet."""
        body, self._parts, self._held = b"".join(self._parts), [], 0
        return body


# --- execution ---------------------------------------------------------------------------


def _query(store: GraphStore, task: Task) -> Any:
    return store.raw_query(
        task.query,
        union_default=task.union_default,
        default_graphs=task.default_graphs,  # type: ignore[arg-type]
        named_graphs=task.named_graphs,  # type: ignore[arg-type]
        base_iri=task.base_iri,
        builtin_prefixes=not task.own_prefixes,
    )


def _too_large(cap: int, noun: str) -> ResultTooLarge:
    return ResultTooLarge(
        f"the result has more than {cap} {noun}, the most this endpoint returns: "
        "narrow the query or page through it with ORDER BY, LIMIT and OFFSET"
    )


def _capped(result: Any, kind: str, task: Task) -> Result:
    """At most ``max_rows`` rows or triples, serialised in one part; a larger result is an
    error before anything is sent (never a partial answer that looks complete)."""
    cap = task.max_rows or 0
    items: list[Any] = []
    for item in result:
        if len(items) == cap:
            raise _too_large(cap, "rows" if kind == "rows" else "triples")
        items.append(item)
    if kind == "rows":
        body = serialize_solutions(row_variables(result), items, task.results_type)
        return Result(body=body, media_type=task.results_type, rows=len(items), kind="solutions")
    body = serialize_triples(items, task.results_type)
    return Result(body=body, media_type=task.results_type, rows=len(items), kind="triples")


def run(store: GraphStore, task: Task, *, send: Callable[[bytes], None] | None = None) -> Result:
    """Run one task on an open store. The body is streamed through ``send`` in data
    messages as the engine writes it (the returned Result holds the rest); without
    ``send`` it is all in the Result (tests)."""
    result = _query(store, task)
    kind = result_kind(result)
    if kind == "boolean":
        body = serialize_boolean(bool(result), task.results_type)
        return Result(body=body, media_type=task.results_type, rows=1, kind="boolean")
    try:
        if task.max_rows is not None:
            return _capped(result, kind, task)
        parts: list[bytes] = []
        writer = ChunkWriter(send or (lambda b: parts.append(b[len(CHUNK) :])))
        serialize_result(result, task.results_type, writer)
    except (RuntimeError, OSError) as exc:  # an evaluation error the engine reports late
        raise InvalidQuery(f"the query failed: {exc}") from None
    body = b"".join(parts) + writer.rest()
    rows = None
    if kind == "rows" and not (send and writer.sent):
        rows = count_rows(body, task.results_type)
    out = "solutions" if kind == "rows" else "triples"
    return Result(body=body, media_type=task.results_type, rows=rows, kind=out)


class _OverBudget(Exception):
    """A bounded query wrote more than its budget: it goes to a worker after all."""


class _BudgetWriter:
    """Collects what the engine writes, up to ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self._left = limit

    def write(self, data: bytes) -> int:
        self._left -= len(data)
        if self._left < 0:
            raise _OverBudget
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the parts are joined at the end."""


def run_bounded(store: GraphStore, task: Task, *, max_bytes: int = CHUNK_BYTES) -> Result | None:
    """Run a bounded query (:func:`kg.store.bounded.bounded`) here, in the caller's process;
    None when its answer outgrows ``max_bytes``: stopping the serialisation stops the work,
    and the task then goes to a worker."""
    result = _query(store, task)
    kind = result_kind(result)
    if kind == "boolean":
        body = serialize_boolean(bool(result), task.results_type)
        return Result(body=body, media_type=task.results_type, rows=1, kind="boolean")
    writer = _BudgetWriter(max_bytes)
    try:
        serialize_result(result, task.results_type, writer)
    except _OverBudget:
        return None
    except (RuntimeError, OSError) as exc:
        raise InvalidQuery(f"the query failed: {exc}") from None
    body = b"".join(writer.parts)
    if kind != "rows":
        return None if task.max_rows is not None else Result(body=body, kind="triples")
    rows = count_rows(body, task.results_type)
    if task.max_rows is not None and rows > task.max_rows:
        raise _too_large(task.max_rows, "rows")
    return Result(body=body, media_type=task.results_type, rows=rows, kind="solutions")


def main(conn: Connection) -> None:
    """The worker loop: one task in, one answer out, until the pipe closes. Workers run at a
    lower CPU priority than the server, so queries that use every core never slow down
    the server's own answers (bounded lookups, the relations API)."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(WORKER_NICENESS)
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
            result = run(store, task, send=conn.send_bytes)
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
