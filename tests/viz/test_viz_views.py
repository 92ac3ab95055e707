"""The explorer's view data as plain objects: index, ego networks with filters and caps,
facets, overview with coalitions, paths, meetings, details with evidence, marked documents."""

from __future__ import annotations

import pytest
from conftest import HOSTILE_DOC, HOSTILE_ID, HOSTILE_LABEL

from kg.errors import InvalidQuery, NotFound
from kg.networks.details import entity_details, meeting_details
from kg.networks.document_view import document_view
from kg.networks.filters import Filters
from kg.networks.index import GraphIndex
from kg.networks.subgraph import ego_network
from kg.networks.views import meeting_network, overview, path_view
from kg.rdf.iris import Iris
from kg.store import Store


def test_index_holds_entities_claims_and_relations(ix: GraphIndex) -> None:
    assert ix.entities["chn"].label == "China" and ix.entities["chn"].type == "State"
    assert ix.entities[HOSTILE_ID].label == HOSTILE_LABEL
    assert len(ix.claims) > 20 and len(ix.relations) > 100
    assert all(c.claimant in ix.entities for c in ix.claims)
    assert [e.id for e in ix.search("China")][0] == "chn"
    assert [e.id for e in ix.search("people's republic of china")][0] == "chn"  # alias


def test_ego_network_has_centre_neighbours_and_aggregated_edges(ix: GraphIndex) -> None:
    sub = ego_network(ix, "chn")
    ids = [n.id for n in sub.nodes]
    assert ids[0] == "chn" and sub.nodes[0].hop == 0
    assert HOSTILE_ID in ids and "amnesty-international" in ids
    claim_edges = [e for e in sub.edges if e.kind == "claim"]
    assert {e.predicate for e in claim_edges} >= {"accuse", "concern", "assert"}
    assert any(e.kind == "relation" and e.predicate == "memberOf" for e in sub.edges)
    shown = set(ids)
    assert all(e.source in shown and e.target in shown for e in sub.edges)
    assert sub.notice is None and not sub.truncated


def test_stance_filter_keeps_only_those_claims(ix: GraphIndex) -> None:
    f = Filters.parse(stances=["accuse"], relations=["none"])
    sub = ego_network(ix, "chn", filters=f)
    assert {(e.kind, e.predicate) for e in sub.edges} == {("claim", "accuse")}
    assert [n.id for n in sub.nodes] == ["chn", HOSTILE_ID]
    assert sub.facets["stances"]["assert"] >= 1  # a facet ignores its own filter


def test_date_and_document_filters_check_each_claim(ix: GraphIndex) -> None:
    in_2024 = ego_network(ix, "chn", filters=Filters.parse(date_from="2024-01-01"))
    dated = [e for e in in_2024.edges if e.kind == "claim"]
    assert dated and all(e.first >= "2024-01-01" for e in dated)
    only = ego_network(ix, "chn", filters=Filters.parse(documents=[HOSTILE_DOC]))
    assert {n.id for n in only.nodes} == {"chn", HOSTILE_ID}
    assert only.facets["years"] == {"2023": 1, "2024": 3} or "2024" in only.facets["years"]


def test_cap_adds_a_more_node_and_a_notice_and_offset_pages_on(ix: GraphIndex) -> None:
    full = ego_network(ix, "un-security-council", limit=300)
    total = len([n for n in full.nodes if n.kind == "entity"]) - 1
    sub = ego_network(ix, "un-security-council", limit=5)
    more = [n for n in sub.nodes if n.kind == "more"]
    assert len(more) == 1 and more[0].remaining == total - 5 and more[0].offset == 5
    assert sub.notice and "5 of" in sub.notice
    page2 = ego_network(ix, "un-security-council", limit=5, offset=5)
    first = {n.id for n in sub.nodes if n.hop == 1 and n.kind == "entity"}
    second = {n.id for n in page2.nodes if n.hop == 1 and n.kind == "entity"}
    assert len(second) == 5 and not first & second


def test_two_hops_reach_further(ix: GraphIndex) -> None:
    one = ego_network(ix, HOSTILE_ID)
    two = ego_network(ix, HOSTILE_ID, hops=2, limit=30)
    assert {n.id for n in one.nodes} == {HOSTILE_ID, "chn"}
    assert any(n.hop == 2 for n in two.nodes) and len(two.nodes) <= 31


@pytest.mark.parametrize(
    "kwargs",
    [{"stances": ["bogus"]}, {"types": ["Planet"]}, {"date_from": "yesterday"}],
)
def test_bad_filters_are_invalid_queries(kwargs: dict) -> None:
    with pytest.raises(InvalidQuery):
        Filters.parse(**kwargs)


def test_unknown_entity_and_bad_limits(ix: GraphIndex) -> None:
    with pytest.raises(NotFound):
        ego_network(ix, "atlantis")
    with pytest.raises(InvalidQuery):
        ego_network(ix, "chn", hops=9)
    with pytest.raises(InvalidQuery):
        ego_network(ix, "chn", limit=1000)


def test_overview_ranks_actors_and_finds_coalitions(ix: GraphIndex) -> None:
    sub = overview(ix, limit=10)
    assert len(sub.nodes) == 10 and sub.notice
    assert all(n.type in {"State", "Person", "Organization", "Mechanism"} for n in sub.nodes)
    weights = [n.weight for n in sub.nodes]
    assert weights == sorted(weights, reverse=True)
    assert sub.communities and all(c["size"] >= 2 for c in sub.communities)


def test_path_between_two_entities(ix: GraphIndex) -> None:
    sub = path_view(ix, HOSTILE_ID, "rus")
    assert sub.paths and all(p[0] == HOSTILE_ID and p[-1] == "rus" for p in sub.paths)
    assert len(sub.paths) > 1 and {len(p) for p in sub.paths} == {4}
    assert all(p[1] == "chn" for p in sub.paths)  # the hostile group only talks of China
    on_path = {n.id for n in sub.nodes}
    assert all(e.source in on_path and e.target in on_path for e in sub.edges)


def test_meeting_shows_speakers_claims_and_ballots(
    ix: GraphIndex, explorer_store: Store, iris: Iris
) -> None:
    meeting = "meeting-2023-07-11"
    details = meeting_details(explorer_store, ix, meeting, iris=iris)
    assert details.claims and all(c.evidence for c in details.claims)
    vote = details.votes[0]
    assert vote.counts == {"yes": 13, "no": 1, "abstain": 1}
    assert {(b.voter.id, b.option) for b in vote.ballots} == {("rus", "no"), ("chn", "abstain")}
    sub = meeting_network(ix, meeting, votes=details.votes)
    kinds = {e.kind for e in sub.edges}
    assert {"spoke", "claim", "vote"} <= kinds
    rus_vote = [e for e in sub.edges if e.kind == "vote" and e.source == "rus"]
    assert [e.predicate for e in rus_vote] == ["no"]


def test_entity_details_have_facts_positions_and_evidence(
    ix: GraphIndex, explorer_store: Store, iris: Iris
) -> None:
    d = entity_details(explorer_store, ix, "chn", iris=iris)
    assert d.wikidata == "Q148" and d.wikidata_url.endswith("/Q148")
    assert any(s.kind == "member of" and s.other.id == "un-security-council" for s in d.spells)
    assert d.claims_received_total >= 3 and d.claims_made_total >= 1
    accused = next(c for c in d.claims_received if c.stance == "accuse")
    ev = accused.evidence
    assert accused.claimant.id == HOSTILE_ID and accused.document == HOSTILE_DOC
    assert ev is not None and "<script>" in ev.text and ev.document == HOSTILE_DOC
    dated = entity_details(
        explorer_store, ix, "chn", iris=iris, filters=Filters.parse(stances=["accuse"])
    )
    assert [c.stance for c in dated.claims_received] == ["accuse"]


def test_document_view_marks_every_span(ix: GraphIndex, explorer_store: Store, iris: Iris) -> None:
    doc = document_view(explorer_store, ix, "syria-draft-resolution-vetoed", iris=iris)
    text = "".join(s.text for s in doc.segments)
    assert text.startswith("Security Council Fails")
    marked = [s for s in doc.segments if s.spans]
    assert len(doc.spans) >= 5 and marked
    for span in doc.spans:
        assert text[span.start : span.end]
    claim_ids = {c.id for c in doc.claims}
    linked = {cid for s in doc.spans for cid in s.claims}
    assert linked and linked <= claim_ids
    assert any("vote" in s.others for s in doc.spans)


def test_a_relation_in_two_graphs_is_one_tie_with_both_sources() -> None:
    from rdflib import RDF, RDFS, Literal, URIRef

    from kg.networks.index import build_index
    from kg.rdf.iris import DKG, ORG

    iris = Iris("https://example.org/")
    store = Store.in_memory()
    chn, council = iris.entity("chn"), iris.entity("un-security-council")
    reference = [
        (chn, RDF.type, DKG.State),
        (chn, RDFS.label, Literal("China")),
        (council, RDF.type, DKG.Organization),
        (council, RDFS.label, Literal("UN Security Council")),
        (chn, ORG.memberOf, council),
    ]
    store.replace_graph(URIRef("https://example.org/graph/reference"), reference)
    store.replace_graph(URIRef("https://example.org/graph/doc1"), [(chn, ORG.memberOf, council)])
    d = entity_details(store, build_index(store, iris=iris), "chn", iris=iris)
    assert [(t.label, t.other.id) for t in d.ties] == [("member of", "un-security-council")]
    assert len(d.ties[0].sources) == 2
