"""SHACL validation of the built graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.errors import InvalidQuery
from kg.store import GraphStore, Store


@dataclass(frozen=True)
class Violation:
    """One SHACL result, as plain strings."""

    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": [v.as_dict() for v in self.violations],
        }


def validate_graph(data: Graph, *, engine: str = "pyshacl") -> ValidationReport:
    """Validate an rdflib graph (union of all named graphs) against the shapes.

    ``engine="sparql"`` loads it into an in-memory store and validates it there.
    """
    if engine == "sparql":
        store = Store.in_memory()
        store.replace_graph(URIRef("urn:x-kg:validate"), list(data))
        return validate_store(store, engine="sparql")
    import pyshacl

    from ontology import load_shapes

    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        allow_warnings=True,
    )
    violations = []
    top = [r for rep in report.subjects(RDF.type, SH.ValidationReport)
           for r in report.objects(rep, SH.result)]  # fmt: skip
    for result in top:  # nested sh:detail results are part of their parent, not extra

        def one(pred, result=result) -> str | None:
            value = report.value(result, pred)
            return None if value is None else str(value)

        violations.append(
            Violation(
                focus=one(SH.focusNode) or "",
                path=one(SH.resultPath),
                message=one(SH.resultMessage) or "",
                severity=(one(SH.resultSeverity) or "").rsplit("#", 1)[-1],
                shape=one(SH.sourceShape),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations)


PYSHACL_LIMIT = 100_000
"""Stores up to this many quads are validated by pyshacl; bigger ones by SPARQL queries."""
ENGINES = ("auto", "pyshacl", "sparql")


def validate_store(store: GraphStore, *, engine: str = "auto") -> ValidationReport:
    """Validate everything in the store against the shapes.

    ``engine``: ``pyshacl`` (the reference implementation: copies the graph into rdflib),
    ``sparql`` (:mod:`kg.validate.sparql`: one query per constraint inside the store, for big
    graphs), or ``auto`` (pyshacl up to :data:`PYSHACL_LIMIT` quads).
    """
    if engine not in ENGINES:
        raise InvalidQuery(f"unknown validation engine {engine!r} (one of {', '.join(ENGINES)})")
    if engine == "sparql" or (engine == "auto" and len(store) > PYSHACL_LIMIT):
        from kg.validate.sparql import validate_with_sparql
        from ontology import load_shapes

        found = [Violation(**r) for r in validate_with_sparql(store, load_shapes())]
        conforms = not any(v.severity == "Violation" for v in found)
        return ValidationReport(conforms=conforms, violations=found)
    data = Graph()
    for triple in store.triples():
        data.add(triple)
    return validate_graph(data)
