"""Relations-API answers are kept per store state: sent again with an ETag, revalidated with
If-None-Match, and never served stale after a write."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from kg.settings import Settings
from kg.store import Store

CLAIMS = "/api/claims?claimant=chn"


# every claim of China's becomes a call for action
RESTANCE = (
    "DELETE { GRAPH ?g { ?c dkg:stance ?s } } INSERT { GRAPH ?g { ?c dkg:stance "
    "<https://w3id.org/diplokg/stance/call_for> } } WHERE { GRAPH ?g { ?c dkg:claimant ?who ; "
    "dkg:stance ?s FILTER(STRENDS(STR(?who), '/chn')) } }"
)


def test_an_answer_comes_again_with_its_etag(client: TestClient) -> None:
    first = client.get(CLAIMS)
    again = client.get(CLAIMS)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and first.json()["total"] > 0
    assert first.headers["etag"] == again.headers["etag"]
    assert first.headers["content-type"] == again.headers["content-type"]
    assert again.headers["x-content-type-options"] == "nosniff"  # outer middleware still runs


def test_if_none_match_gives_304(client: TestClient) -> None:
    etag = client.get(CLAIMS).headers["etag"]
    unchanged = client.get(CLAIMS, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["etag"] == etag
    other = client.get(CLAIMS, headers={"If-None-Match": '"0-other"'})
    assert other.status_code == 200 and other.json()["total"] > 0


def test_negotiated_formats_are_kept_apart(client: TestClient) -> None:
    as_json = client.get(CLAIMS)
    as_csv = client.get(CLAIMS, headers={"Accept": "text/csv"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_json.headers["etag"] != as_csv.headers["etag"]


def test_errors_are_not_kept(client: TestClient) -> None:
    for _ in range(2):
        missing = client.get("/api/entities/no-such-entity")
        assert missing.status_code == 404 and "etag" not in missing.headers


def test_a_write_is_seen_at_once(writable: TestClient, auth) -> None:
    before = writable.get(CLAIMS)
    assert {c["stance"] for c in before.json()["items"]} != {"call_for"}
    writable.get(CLAIMS)  # kept (the answer, and the claims read for it)
    done = writable.post("/sparql", data={"update": RESTANCE}, headers=auth)
    assert done.status_code == 204
    after = writable.get(CLAIMS, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert after.json()["total"] == before.json()["total"]
    assert {c["stance"] for c in after.json()["items"]} == {"call_for"}


def test_the_cache_can_be_turned_off(sample_store: Store) -> None:
    settings = Settings(store="memory", response_cache_mb=0)
    with TestClient(create_app(settings=settings, store=sample_store)) as c:
        answer = c.get(CLAIMS)
        assert answer.status_code == 200 and "etag" not in answer.headers
