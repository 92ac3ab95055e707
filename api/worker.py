"""The query worker: a separate process that runs SPARQL queries on a read-only snapshot.

The server sends a :class:`Task` over a pipe; the worker opens (or keeps) the snapshot the
task names, runs the query, serialises at most ``max_rows`` rows (or triples) in the chosen
format and sends back a :class:`Result`. Because it is a process, the server can kill it when
a query runs past its time, which really stops the work (the engine has no cancellation).

This module imports only the store layer, so a worker starts in a fraction of a second.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import InvalidQuery, KGError
from kg.store import Store

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


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


# --- serialisers -------------------------------------------------------------------------


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: _json_term(getattr(term, p)) for p in parts}}
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            dt = quoteattr(term.datatype.value)
            return f"<literal datatype={dt}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if hasattr(term, "value") else str(term)


def serialize_solutions(
    names: list[str], rows: list[Any], media_type: str, *, truncated: bool
) -> bytes:
    """SELECT results in SPARQL JSON, XML, CSV or TSV."""
    if media_type == "application/sparql-results+json":
        bindings = [{n: _json_term(row[n]) for n in names if row[n] is not None} for row in rows]
        doc: dict[str, Any] = {"head": {"vars": names}, "results": {"bindings": bindings}}
        if truncated:
            doc["truncated"] = True
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if media_type == "application/sparql-results+xml":
        out = [f'<?xml version="1.0"?>\n<sparql xmlns="{_RESULTS_NS}"><head>']
        out += [f"<variable name={quoteattr(n)}/>" for n in names]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            for n in names:
                if row[n] is not None:
                    out.append(f"<binding name={quoteattr(n)}>{_xml_term(row[n])}</binding>")
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode("utf-8")
    if media_type == "text/csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_csv_value(row[n]) for n in names])
        return buf.getvalue().encode("utf-8")
    if media_type == "text/tab-separated-values":
        lines = ["\t".join(f"?{n}" for n in names)]
        for row in rows:
            lines.append("\t".join("" if row[n] is None else str(row[n]) for n in names))
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unsupported results type {media_type}")


def serialize_boolean(value: bool, media_type: str) -> bytes:
    """ASK results in SPARQL JSON or XML (CSV and TSV: a bare ``true`` / ``false``)."""
    if media_type == "application/sparql-results+json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    word = "true" if value else "false"
    if media_type in ("text/csv", "text/tab-separated-values"):
        return word.encode()
    return (
        f'<?xml version="1.0"?>\n<sparql xmlns="{_RESULTS_NS}"><head/>'
        f"<boolean>{word}</boolean></sparql>\n"
    ).encode()


def serialize_triples(triples: list[Any], media_type: str) -> bytes:
    """CONSTRUCT / DESCRIBE results in an RDF format (dataset formats: the default graph)."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"unsupported RDF type {media_type}")
    if fmt.supports_datasets:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        return ox.serialize(quads, format=fmt)
    return ox.serialize(triples, format=fmt)


# --- execution ---------------------------------------------------------------------------


_NATIVE = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def count_rows(body: bytes, media_type: str) -> int:
    """The number of solutions in a serialised SELECT result (exact for every format).

    >>> count_rows(b'?a\\n<x>\\n<y>\\n', "text/tab-separated-values")
    2
    >>> count_rows(b'a\\r\\n"x\\r\\ny"\\r\\n', "text/csv")
    1
    """
    if media_type == "application/sparql-results+json":
        return len(json.loads(body)["results"]["bindings"])
    if media_type == "application/sparql-results+xml":  # "<" is escaped inside values
        return body.count(b"<result>") + body.count(b"<result/>")
    if media_type == "text/tab-separated-values":  # newlines are escaped inside values
        return max(0, body.count(b"\n") - 1)
    if b'"' not in body:
        return max(0, body.count(b"\n") - 1)
    return max(0, sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1)


def _native_solutions(result: Any, task: Task) -> Result | None:
    """SELECT results serialised by the engine itself (much faster than row by row in
    Python); None when there are more rows than the cap allows."""
    try:
        body = result.serialize(format=_NATIVE[task.results_type])
    except (RuntimeError, OSError) as exc:  # an evaluation error the engine reports late
        raise InvalidQuery(f"the query failed: {exc}") from None
    rows = count_rows(body, task.results_type)
    if rows > task.max_rows:
        return None
    return Result(body=body, media_type=task.results_type, rows=rows, kind="solutions")


def run(store: Store, task: Task) -> Result:
    """Run one task on an open store (used by the worker loop, and directly in tests)."""
    result = store.raw_query(
        task.query,
        union_default=task.union_default,
        default_graphs=task.default_graphs,  # type: ignore[arg-type]
        named_graphs=task.named_graphs,  # type: ignore[arg-type]
        base_iri=task.base_iri,
    )
    if isinstance(result, ox.QueryBoolean):
        body = serialize_boolean(bool(result), task.results_type)
        return Result(body=body, media_type=task.results_type, rows=1, kind="boolean")
    if isinstance(result, ox.QuerySolutions) and task.results_type in _NATIVE:
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
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
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
    store: Store | None = None
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
                store = Store.open(task.snapshot, read_only=True)
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
