"""SHACL validation run as SPARQL queries inside the store, for graphs too big for pyshacl.

pyshacl copies the whole graph into rdflib and checks one focus node at a time; that takes
minutes and gigabytes at a million triples. This module reads the same ``ontology/shapes.ttl``
and turns each constraint into one query over every focus node at once, evaluated by the
store's engine. It covers the SHACL features the shapes use: ``sh:targetClass``; property
shapes with an IRI ``sh:path`` and ``sh:minCount``, ``sh:maxCount``, ``sh:nodeKind sh:IRI``,
``sh:datatype``, ``sh:class``, ``sh:in``, ``sh:minInclusive``, ``sh:maxInclusive``,
``sh:pattern``, ``sh:minLength``, ``sh:or`` of class or datatype alternatives,
``sh:qualifiedValueShape`` with a class and qualified counts, ``sh:node``; ``sh:severity``; and
SPARQL-based constraints (``sh:sparql`` with ``$this``). A test checks it reports what pyshacl
reports on the same graphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kg.errors import ShapeViolation
from kg.store import GraphStore
from kg.store.sparql_text import tokens
from kg.store.terms import to_ox

_VALUE_KEYS = (SH.nodeKind, SH.datatype, SH["class"], SH["in"], SH.minInclusive,
               SH.maxInclusive, SH.pattern, SH.minLength, SH["or"])  # fmt: skip
_SUPPORTED = {
    RDF.type, SH.path, SH.minCount, SH.maxCount, SH.message, SH.severity, SH.qualifiedValueShape,
    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.node, *_VALUE_KEYS,
    URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
}  # fmt: skip


@dataclass(frozen=True)
class Check:
    """One query: it returns ``?this`` (and maybe ``?value``) for every violating focus."""

    query: str
    shape: str
    path: str | None
    message: str
    severity: str


def _term(node: Node) -> str:
    return str(to_ox(node))


def _message(shapes: Graph, *subjects: Node) -> str:
    for s in subjects:
        for m in shapes.objects(s, SH.message):
            return str(m)
    return "does not conform"


def _severity(shapes: Graph, *subjects: Node) -> str:
    for s in subjects:
        value = shapes.value(s, SH.severity)
        if value is not None:
            return str(value).rsplit("#", 1)[-1]
    return "Violation"


def _value_test(shapes: Graph, prop: Node) -> str | None:
    """A SPARQL expression true when ``?v`` breaks one of the value constraints of ``prop``."""
    tests = []
    if shapes.value(prop, SH.nodeKind) == SH.IRI:
        tests.append("!isIRI(?v)")
    for dt in shapes.objects(prop, SH.datatype):
        tests.append(f"!(isLiteral(?v) && datatype(?v) = {_term(dt)})")
    for cls in shapes.objects(prop, SH["class"]):
        tests.append(f"NOT EXISTS {{ ?v a {_term(cls)} }}")
    for head in shapes.objects(prop, SH["in"]):
        allowed = ", ".join(_term(x) for x in Collection(shapes, head))
        tests.append(f"?v NOT IN ({allowed})")
    for bound, op in ((SH.minInclusive, ">="), (SH.maxInclusive, "<=")):
        for x in shapes.objects(prop, bound):
            tests.append(f"!(?v {op} {_term(x)})")
    for pat in shapes.objects(prop, SH.pattern):
        tests.append(f"!REGEX(STR(?v), {_term(Literal(str(pat)))})")
    for n in shapes.objects(prop, SH.minLength):
        tests.append(f"STRLEN(STR(?v)) < {int(n)}")
    for head in shapes.objects(prop, SH["or"]):
        alternatives = []
        for alt in Collection(shapes, head):
            parts = [f"EXISTS {{ ?v a {_term(c)} }}" for c in shapes.objects(alt, SH["class"])]
            parts += [f"(isLiteral(?v) && datatype(?v) = {_term(d)})"
                      for d in shapes.objects(alt, SH.datatype)]  # fmt: skip
            if not parts:
                raise ShapeViolation(f"unsupported sh:or alternative in {prop}")
            alternatives.append(" && ".join(parts))
        tests.append("!(" + " || ".join(f"({a})" for a in alternatives) + ")")
    return " || ".join(f"({t})" for t in tests) if tests else None


def _property_checks(shapes: Graph, node_shape: Node, prop: Node, focus: str) -> Iterator[Check]:
    unknown = set(shapes.predicates(prop)) - _SUPPORTED
    if unknown:
        raise ShapeViolation(f"the SPARQL validator does not support {sorted(unknown)} in {prop}")
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise ShapeViolation(f"the SPARQL validator supports IRI paths only ({prop})")
    p = _term(path)
    meta = {"shape": str(prop), "path": str(path), "message": _message(shapes, prop),
            "severity": _severity(shapes, prop, node_shape)}  # fmt: skip
    n = shapes.value(prop, SH.minCount)
    if n is not None and int(n) > 0:
        yield Check(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {p} ?v }} }} GROUP BY ?this "
                    f"HAVING (COUNT(DISTINCT ?v) < {int(n)})", **meta)  # fmt: skip
    n = shapes.value(prop, SH.maxCount)
    if n is not None:
        yield Check(f"SELECT ?this WHERE {{ {focus} ?this {p} ?v }} GROUP BY ?this "
                    f"HAVING (COUNT(DISTINCT ?v) > {int(n)})", **meta)  # fmt: skip
    test = _value_test(shapes, prop)
    if test:
        yield Check(f"SELECT DISTINCT ?this ?v WHERE {{ {focus} ?this {p} ?v FILTER({test}) }}",
                    **meta)  # fmt: skip
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        classes = " ".join(f"?v a {_term(c)} ." for c in shapes.objects(qualified, SH["class"]))
        low, high = (
            shapes.value(prop, SH.qualifiedMinCount),
            shapes.value(prop, SH.qualifiedMaxCount),
        )
        having = [f"COUNT(DISTINCT ?v) < {int(low)}"] if low is not None else []
        having += [f"COUNT(DISTINCT ?v) > {int(high)}"] if high is not None else []
        yield Check(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {p} ?v . {classes} }} }} "
                    f"GROUP BY ?this HAVING ({' || '.join(having)})", **meta)  # fmt: skip
    for target in shapes.objects(prop, SH.node):
        # the value must conform to another shape: checked against that shape's violators
        yield Check(f"NODE {target} SELECT DISTINCT ?this ?v WHERE {{ {focus} ?this {p} ?v }}",
                    **meta)  # fmt: skip


def _sparql_checks(shapes: Graph, node_shape: Node, focus: str) -> Iterator[Check]:
    for constraint in shapes.objects(node_shape, SH.sparql):
        select = str(shapes.value(constraint, SH.select))
        prefixes = ""
        for decl_owner in shapes.objects(constraint, SH.prefixes):
            for decl in shapes.objects(decl_owner, SH.declare):
                prefix = shapes.value(decl, SH.prefix)
                ns = shapes.value(decl, SH.namespace)
                prefixes += f"PREFIX {prefix}: <{ns}>\n"
        query = _with_focus(select.replace("$this", "?this"), focus)
        yield Check(prefixes + query, str(node_shape), None, _message(shapes, constraint),
                    _severity(shapes, constraint, node_shape))  # fmt: skip


def _with_focus(select: str, focus: str) -> str:
    """The SELECT with the focus pattern added at the start of its WHERE group."""
    toks = tokens(select)
    where = next(i for i, t in enumerate(toks) if t.keyword == "WHERE")
    brace = next(t for t in toks[where:] if t.text == "{")
    return select[: brace.end] + f" {focus} " + select[brace.end :]


def compile_shapes(shapes: Graph) -> dict[str, list[Check]]:
    """node shape IRI -> its checks (with the focus as its targets)."""
    out: dict[str, list[Check]] = {}
    for node_shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = list(shapes.objects(node_shape, SH.targetClass))
        if not targets:
            continue
        union = " UNION ".join(f"{{ ?this a {_term(c)} }}" for c in targets)
        focus = f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"
        checks = [c for prop in shapes.objects(node_shape, SH.property)
                  for c in _property_checks(shapes, node_shape, prop, focus)]  # fmt: skip
        checks += list(_sparql_checks(shapes, node_shape, focus))
        out[str(node_shape)] = checks
    return out


def _run(store: GraphStore, check: Check) -> list[tuple[str, str | None, str | None, str]]:
    """(focus, value, path, message) of each violation the check's query finds; the message's
    ``{?var}`` placeholders are filled from the row, as SHACL-SPARQL says."""
    rows = store.select(check.query)
    out = []
    for r in rows:
        value = r.get("v", r.get("value"))
        path = r.get("path")
        message = _PLACEHOLDER.sub(lambda m, r=r: str(r.get(m.group(1), m.group(0))),
                                   check.message)  # fmt: skip
        out.append((str(r["this"]), None if value is None else str(value),
                    str(path) if path is not None else check.path, message))  # fmt: skip
    return out


_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


def validate_with_sparql(store: GraphStore, shapes: Graph) -> list[dict]:
    """Every result as ``{"focus", "path", "message", "severity", "shape"}`` dicts."""
    compiled = compile_shapes(shapes)
    violators: dict[str, set[str]] = {}
    results: list[dict] = []
    pending: list[tuple[str, Check]] = []
    for shape, checks in compiled.items():
        bad: set[str] = set()
        for check in checks:
            if check.query.startswith("NODE "):
                pending.append((shape, check))
                continue
            for focus, _value, path, message in _run(store, check):
                bad.add(focus)
                results.append({"focus": focus, "path": path, "message": message,
                                "severity": check.severity, "shape": check.shape})  # fmt: skip
        violators[shape] = bad
    for _shape, check in pending:
        target, _, query = check.query[len("NODE ") :].partition(" ")
        bad = violators.get(target, set())
        if not bad:
            continue
        values_check = Check(query, check.shape, check.path, check.message, check.severity)
        for focus, value, _path, _message in _run(store, values_check):
            if value in bad:
                results.append({"focus": focus, "path": check.path, "message": check.message,
                                "severity": check.severity, "shape": check.shape})  # fmt: skip
    unique = {tuple(sorted(r.items())): r for r in results}
    return sorted(unique.values(), key=lambda r: (r["focus"], r["path"] or "", r["message"]))


__all__ = ["Check", "compile_shapes", "validate_with_sparql", "XSD"]
