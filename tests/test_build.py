"""Building the graph: reference data loaded, deterministic and idempotent, valid."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDF, SKOS

from kg.pipeline.build import build
from kg.rdf.iris import DKG, Iris
from kg.store import Store
from kg.validate.store import validate_store
from tests.conftest import FIXTURE_DOCS


def sorted_dump(store: Store) -> list[str]:
    return sorted(store.dump(media_type="application/n-quads").decode("utf-8").splitlines())


def test_building_twice_gives_the_identical_graph(tmp_path: Path, iris: Iris) -> None:
    docs = [FIXTURE_DOCS] if FIXTURE_DOCS.is_dir() else []
    first, second = Store.in_memory(), Store.open(tmp_path / "store")
    build(first, docs, iris=iris)
    build(second, docs, iris=iris)
    build(second, docs, iris=iris)  # rebuilding in place changes nothing either
    assert sorted_dump(first) == sorted_dump(second)


def test_reference_graph_without_documents(fresh_store: Store, iris: Iris) -> None:
    report = build(fresh_store, [], iris=iris)
    assert report.ok and not report.stored
    states = fresh_store.select("SELECT ?s WHERE { ?s a dkg:State }")
    assert len(states) == 195
    china = iris.entity("chn")
    assert fresh_store.ask(
        "ASK { ?c skos:prefLabel ?l ; dkg:iso3166Alpha2 'CN' }",
        bindings={"c": china, "l": Literal("China")},
    )
    members = fresh_store.select(
        "SELECT DISTINCT ?state WHERE { ?m org:member ?state ; org:organization ?sc ; "
        "schema:startDate ?start FILTER(YEAR(?start) = 2024) }",
    )
    assert len(members) == 10  # elected members in 2024 (the five permanent seats are undated)
    assert (china, SKOS.prefLabel, Literal("China")) in set(
        fresh_store.triples(iris.reference_graph())
    )


def test_base_iri_is_configurable(fresh_store: Store) -> None:
    other = Iris("https://kg.example.net/")
    build(fresh_store, [], iris=other)
    assert fresh_store.ask("ASK { ?c a dkg:State }", bindings={"c": other.entity("chn")})


def test_built_graph_conforms_to_the_shapes(built_store: Store) -> None:
    report = validate_store(built_store)
    assert report.conforms, [v.as_dict() for v in report.violations[:5]]


def test_shapes_catch_a_broken_claim(fresh_store: Store, iris: Iris) -> None:
    build(fresh_store, [], iris=iris)
    claim = iris.claim("x", "broken")
    fresh_store.replace_graph(
        iris.doc_graph("x"),
        [
            (claim, RDF.type, DKG.Claim),
            (claim, DKG.claimant, iris.entity("chn")),
            (claim, DKG.claimant, iris.entity("rus")),
        ],
    )
    report = validate_store(fresh_store)
    assert not report.conforms
    assert {v.focus for v in report.violations} == {str(claim)}


def test_both_validators_agree_on_a_built_graph(fresh_store: Store, iris: Iris) -> None:
    build(fresh_store, [FIXTURE_DOCS], iris=iris)
    claim = iris.claim("x", "broken")
    fresh_store.replace_graph(
        iris.doc_graph("x"),
        [(claim, RDF.type, DKG.Claim), (claim, DKG.claimant, iris.entity("chn"))],
    )
    reports = [validate_store(fresh_store, engine=e) for e in ("pyshacl", "sparql")]
    found = [{(v.focus, v.path, v.severity) for v in r.violations} for r in reports]
    assert found[0] == found[1]
    assert {(str(claim), str(DKG.stance), "Violation")} <= found[1]
    assert not reports[0].conforms and not reports[1].conforms
