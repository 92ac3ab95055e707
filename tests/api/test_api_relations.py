"""The relations API (``/api``) over the sample graph, through the app in process."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS
from sample_graph import BRIEFING_TEXT, MEETING_TEXT

BASE = "https://w3id.org/diplokg/"


def ids(items: list[dict]) -> list[str]:
    return [i["id"] for i in items]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("cote d'ivoire", ["civ"]),
        ("CÔTE", ["civ"]),
        ("ivory", ["civ"]),
        ("turk", ["volker-turk"]),
        ("Russia", ["rus"]),
        ("icc", ["icc"]),
    ],
)
def test_entity_search_ignores_case_and_accents(client: TestClient, q, expected) -> None:
    response = client.get("/api/entities", params={"q": q})
    assert response.status_code == 200
    assert ids(response.json()["items"]) == expected


def test_entity_search_by_type_pages_with_totals(client: TestClient) -> None:
    first = client.get("/api/entities", params={"type": "State", "limit": 3}).json()
    assert first["total"] == 7 and len(first["items"]) == 3
    seen = ids(first["items"])
    link = first["links"]["next"]
    while link:
        page = client.get(link).json()
        seen += ids(page["items"])
        link = page["links"]["next"]
    assert sorted(seen) == ["chn", "civ", "fra", "moz", "rur", "rus", "usa"]
    assert all(e["link"] == f"/api/entities/{e['id']}" for e in first["items"])
    bad = client.get("/api/entities", params={"type": "Planet"})
    assert bad.status_code == 400


def test_entity_page(client: TestClient) -> None:
    e = client.get("/api/entities/fra").json()
    assert e["label"] == "France" and e["types"] == ["State"]
    assert e["aliases"] == ["French Republic"]
    assert e["wikidata"] == "Q142"
    assert e["links"]["wikidata"] == "https://www.wikidata.org/wiki/Q142"
    assert {(r["predicate"], r["object"]["id"]) for r in e["relations_out"]} == {
        ("memberOf", "un-security-council")
    }
    made = e["claims_made"]
    assert made["total"] == 3
    assert {c["stance"] for c in made["items"]} == {"support", "call_for"}
    assert made["link"] == "/api/claims?claimant=fra"
    assert [(v["option"], v["motion"]) for v in e["votes"]] == [("yes", "provisional agenda")]
    assert {d["id"] for d in e["documents"]} == {"council-meeting", "press-briefing"}

    council = client.get("/api/entities/un-security-council").json()
    members = {r["subject"]["id"] for r in council["relations_in"] if r["predicate"] == "memberOf"}
    assert members == {"chn", "rus", "fra", "usa", "moz"}
    about = council["claims_about"]
    assert {c["claimant"]["id"] for c in about["items"]} == {"usa", "fra"}


@pytest.mark.parametrize(
    ("params", "headers", "fmt"),
    [
        ({"format": "ttl"}, {}, "turtle"),
        ({"format": "jsonld"}, {}, "json-ld"),
        ({}, {"Accept": "text/turtle"}, "turtle"),
        ({}, {"Accept": "application/ld+json"}, "json-ld"),
    ],
)
def test_entity_as_rdf(client: TestClient, params, headers, fmt) -> None:
    response = client.get("/api/entities/chn", params=params, headers=headers)
    assert response.status_code == 200
    g = Graph().parse(data=response.text, format=fmt)
    chn = URIRef(f"{BASE}entity/chn")
    assert str(g.value(chn, SKOS.prefLabel)) == "China"
    assert URIRef("http://www.wikidata.org/entity/Q148") in set(g.objects(chn, SKOS.exactMatch))


def test_claims_filters(client: TestClient) -> None:
    def claimants(**params) -> list[str]:
        response = client.get("/api/claims", params=params)
        assert response.status_code == 200, response.text
        return sorted(c["claimant"]["id"] for c in response.json()["items"])

    assert claimants(stance="oppose") == ["chn", "rus"]
    assert claimants(stance="oppose", claimant="chn") == ["chn"]
    assert claimants(about="icc") == ["fra"]
    assert claimants(about="rur", stance="call_for") == ["fra", "special-rapporteur-on-ruritania"]
    assert claimants(meeting="meeting-9700", stance="support") == ["civ", "fra"]
    assert claimants(document="press-briefing") == ["fra", "usa", "usa"]
    assert claimants(**{"from": "2024-06-20"}) == ["fra", "usa", "usa"]
    assert claimants(**{"to": "2024-06-12", "stance": "call_for"}) == [
        "fra",
        "special-rapporteur-on-ruritania",
    ]
    assert claimants(claimant="nobody") == []


def test_each_claim_has_evidence_and_a_link_to_its_span(client: TestClient) -> None:
    page = client.get("/api/claims", params={"limit": 100}).json()
    assert page["total"] == 9 and len(page["items"]) == 9
    texts = {"council-meeting": MEETING_TEXT, "press-briefing": BRIEFING_TEXT}
    for claim in page["items"]:
        ev = claim["evidence"]
        assert ev["text"] == texts[ev["document"]][ev["start"] : ev["end"]]
        span = client.get(ev["link"]).json()
        assert span["text"] == ev["text"]
        assert claim["document_link"] == f"/api/documents/{claim['document']}"


def test_claims_as_csv(client: TestClient) -> None:
    for response in (
        client.get("/api/claims", params={"stance": "oppose", "format": "csv"}),
        client.get("/api/claims", params={"stance": "oppose"}, headers={"Accept": "text/csv"}),
    ):
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert sorted(r["claimant"] for r in rows) == ["chn", "rus"]
        assert all(r["evidence"] in MEETING_TEXT for r in rows)
        assert response.headers["X-Total-Count"] == "2"


def test_votes(client: TestClient) -> None:
    page = client.get("/api/votes", params={"state": "moz"}).json()
    assert page["total"] == 1
    vote = page["items"][0]
    assert vote["counts"] == {"yes": 12, "no": 2, "abstain": 1}
    ballots = {b["voter"]["id"]: b["option"] for b in vote["ballots"]}
    assert ballots == {
        "chn": "no",
        "rus": "no",
        "moz": "abstain",
        "fra": "yes",
        "civ": "yes",
        "usa": "yes",
    }
    assert vote["meeting"]["id"] == "meeting-9700" and vote["body"]["id"] == "un-security-council"
    assert vote["evidence"]["text"].startswith("The provisional agenda was adopted")
    assert client.get("/api/votes", params={"state": "rur"}).json()["total"] == 0
    assert client.get("/api/votes", params={"meeting": "meeting-9700"}).json()["total"] == 1
    rows = list(csv.DictReader(io.StringIO(client.get("/api/votes?format=csv").text)))
    assert rows[0]["voted_no"] == "chn; rus" and rows[0]["yes"] == "12"


def test_relations_are_triple_patterns(client: TestClient) -> None:
    everything = client.get("/api/relations", params={"limit": 1}).json()
    assert everything["total"] > 300 and everything["links"]["next"]
    chn = client.get("/api/relations", params={"subject": "chn", "limit": 4}).json()
    assert chn["total"] == 9 and len(chn["items"]) == 4
    collected, link = [], chn["links"]["self"]
    while link:
        page = client.get(link).json()
        collected += [(t["predicate"]["value"], t["object"]["value"]) for t in page["items"]]
        link = page["links"]["next"]
    assert len(collected) == len(set(collected)) == 9
    members = client.get(
        "/api/relations", params={"predicate": "org:memberOf", "object": "un-security-council"}
    ).json()
    assert sorted(t["subject"]["id"] for t in members["items"]) == [
        "chn",
        "fra",
        "moz",
        "rus",
        "usa",
    ]
    assert members["items"][0]["subject"]["link"].startswith("/api/entities/")
    by_literal = client.get(
        "/api/relations", params={"predicate": "skos:prefLabel", "object": '"Côte d\'Ivoire"'}
    ).json()
    assert [t["subject"]["id"] for t in by_literal["items"]] == ["civ"]
    full_iri = client.get("/api/relations", params={"subject": f"<{BASE}entity/chn>"}).json()
    assert full_iri["total"] == 9
    assert client.get("/api/relations", params={"predicate": "nope:x"}).status_code == 400


def test_paths(client: TestClient) -> None:
    found = client.get("/api/paths", params={"from": "chn", "to": "icc"}).json()
    assert found["paths"] and all(p["length"] == 3 for p in found["paths"])
    first = found["paths"][0]
    assert first["nodes"][0]["id"] == "chn" and first["nodes"][-1]["id"] == "icc"
    assert any(e["predicate"] == "call_for" and e["source"] == "fra" for e in first["edges"])
    assert (
        client.get("/api/paths", params={"from": "chn", "to": "icc", "max": 2}).json()["paths"]
        == []
    )
    missing = client.get("/api/paths", params={"from": "chn", "to": "atlantis"})
    assert missing.status_code == 404


def test_documents(client: TestClient) -> None:
    listing = client.get("/api/documents").json()
    assert ids(listing["items"]) == ["council-meeting", "press-briefing"]
    doc = client.get("/api/documents/press-briefing").json()
    assert doc["summary"]["title"] == "Press briefing" and doc["summary"]["date"] == "2024-07-01"
    assert doc["characters"] == len(BRIEFING_TEXT)
    kinds = [u["kind"] for s in doc["spans"] for u in s["used_by"]]
    assert kinds.count("claim") == 3
    for span in doc["spans"]:
        assert span["text"] == BRIEFING_TEXT[span["start"] : span["end"]]
    assert doc["claims"] == "/api/claims?document=press-briefing"
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/documents/press-briefing/span?start=5&end=2").status_code == 400


def test_analytics(client: TestClient) -> None:
    central = client.get("/api/analytics/centrality", params={"limit": 3}).json()
    assert central["by"] == "degree" and len(central["items"]) == 3
    degrees = [s["degree"] for s in central["items"]]
    assert degrees == sorted(degrees, reverse=True)
    states = client.get("/api/analytics/centrality", params={"type": "State"}).json()["items"]
    assert {s["type"] for s in states} == {"State"}
    coalitions = client.get("/api/analytics/coalitions").json()["items"]
    groups = [set(m["id"] for m in c["members"]) for c in coalitions]
    assert {"chn", "rus"} in groups
    assert not any({"chn", "fra"} <= g for g in groups)
    assert any({"fra", "usa"} <= g for g in groups)
    together = next(c for c in coalitions if {m["id"] for m in c["members"]} == {"chn", "rus"})
    assert {(p["kind"], p["key"]) for p in together["shared"]} == {
        ("claim", "oppose"),
        ("vote", "no"),
    }
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/analytics/coalitions?format=csv").text))
    )
    assert {r["member"] for r in rows} >= {"chn", "rus", "fra"}


def test_every_api_route_is_documented_with_a_response_model(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    api_paths = {p for p in spec["paths"] if p.startswith("/api")}
    assert api_paths == {
        "/api",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/claims",
        "/api/votes",
        "/api/relations",
        "/api/paths",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/documents/{doc_id}/span",
        "/api/analytics/centrality",
        "/api/analytics/coalitions",
    }
    for path in api_paths:
        ok = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert "$ref" in ok["schema"], path
    assert {"/sparql", "/store"} <= set(spec["paths"])


def test_user_values_never_reach_the_query_text(client: TestClient) -> None:
    hostile = 'chn> } ; DROP ALL ; SELECT * { ?s ?p "'
    response = client.get("/api/claims", params={"claimant": hostile})
    assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/entities/chn").status_code == 200
