"""SHACL validation of the built graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.store import Store


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


def validate_graph(data: Graph) -> ValidationReport:
    """Validate an rdflib graph (union of all named graphs) against the shapes."""
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


def validate_store(store: Store) -> ValidationReport:
    """Validate everything in the store."""
    data = Graph()
    for triple in store.triples():
        data.add(triple)
    return validate_graph(data)
