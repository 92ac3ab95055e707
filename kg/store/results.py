"""Raw query results, engine-neutral for callers outside the store: what kind of result it
is, and its standard serialisations.

>>> from kg.store import Store
>>> store = Store.in_memory()
>>> result_kind(store.raw_query("ASK { ?s ?p ?o }"))
'boolean'
>>> result_kind(store.raw_query("SELECT ?s WHERE { ?s ?p ?o }"))
'rows'
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

# The interface's result types, declared here once: what ``GraphStore.raw_query`` returns
# (the remote store builds the same objects from the server's answer). Code outside
# kg/store reads them only through the functions of this module.
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

_ROW_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV}


def result_kind(result: Any) -> str:
    """``boolean`` (ASK), ``rows`` (SELECT) or ``graph`` (CONSTRUCT, DESCRIBE)."""
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    if isinstance(result, ox.QuerySolutions):
        return "rows"
    return "graph"


def graph_turtle(result: Any) -> bytes:
    """A CONSTRUCT or DESCRIBE result as Turtle."""
    return ox.serialize(list(result), format=ox.RdfFormat.TURTLE)


def rows_bytes(result: Any, fmt: str) -> bytes:
    """A SELECT result in the SPARQL results format ``json`` or ``csv``."""
    return result.serialize(format=_ROW_FORMATS[fmt])


def row_variables(result: Any) -> list[str]:
    """The variable names of a SELECT result."""
    return [v.value for v in result.variables]


def json_term(term: Any) -> dict[str, Any]:
    """A term as a binding of the SPARQL 1.1 JSON results format."""
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
        return {"type": "triple", "value": {p: json_term(getattr(term, p)) for p in parts}}
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


def serialize_solutions(names: list[str], rows: list[Any], media_type: str) -> bytes:
    """SELECT results in SPARQL JSON, XML, CSV or TSV."""
    if media_type == "application/sparql-results+json":
        bindings = [{n: json_term(row[n]) for n in names if row[n] is not None} for row in rows]
        doc: dict[str, Any] = {"head": {"vars": names}, "results": {"bindings": bindings}}
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


_NATIVE = {  # media type -> the engine's own serialiser
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


# In the engine's JSON results, a solution starts with '{"var":{"type":"': a '{' followed
# by a '"' never occurs inside a string (a quote there is escaped, and a closing quote is
# followed by ':', ',', '}' or ']'), so each match is a solution, counted without parsing.
# Solutions that bind nothing ('{}') and RDF-star triple terms (whose parts look like
# solutions) are counted by parsing.
_SOLUTION_START = re.compile(rb'\{"[^"\\]*":\{"type":"')


def _json_rows(body: bytes) -> int:
    """The solutions of SPARQL JSON results as the engine writes them.

    >>> tricky = {"s": {"type": "literal", "value": '{"s":{"type":"x'}}
    >>> results = {"head": {"vars": ["s"]}, "results": {"bindings": [tricky, tricky]}}
    >>> _json_rows(json.dumps(results, separators=(",", ":")).encode())
    2
    """
    if b"{}" in body or b'"type":"triple"' in body:
        return len(json.loads(body)["results"]["bindings"])
    return len(_SOLUTION_START.findall(body))


def count_rows(body: bytes, media_type: str) -> int:
    """The number of solutions in a serialised SELECT result (exact for every format).

    >>> count_rows(b'?a\\n<x>\\n<y>\\n', "text/tab-separated-values")
    2
    >>> count_rows(b'a\\r\\n"x\\r\\ny"\\r\\n', "text/csv")
    1
    """
    if media_type == "application/sparql-results+json":
        return _json_rows(body)
    if media_type == "application/sparql-results+xml":  # "<" is escaped inside values
        return body.count(b"<result>") + body.count(b"<result/>")
    if media_type == "text/tab-separated-values":  # newlines are escaped inside values
        return max(0, body.count(b"\n") - 1)
    if b'"' not in body:
        return max(0, body.count(b"\n") - 1)
    return max(0, sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1)


def serialize_result(result: Any, media_type: str, output: Any) -> None:
    """A SELECT, CONSTRUCT or DESCRIBE result written by the engine itself into ``output``
    (a binary file-like object) as it evaluates it: in bounded memory, whatever the size.
    Evaluation errors surface here (``RuntimeError`` / ``OSError``)."""
    if isinstance(result, ox.QuerySolutions):
        result.serialize(output, _NATIVE[media_type])
        return
    if not isinstance(result, ox.QueryTriples):  # the remote store's list of triples
        output.write(serialize_triples(list(result), media_type))
        return
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"unsupported RDF type {media_type}")
    result.serialize(output, fmt)
