"""The explorer over HTTP: every view is a page with its .json (and .graphml) beside it,
served offline under a strict CSP, with every label, title and text escaped."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from conftest import HOSTILE_DOC, HOSTILE_ID, HOSTILE_LABEL, HOSTILE_TITLE
from fastapi.testclient import TestClient
from htmlparse import Page

VIEWS = [
    "/explore",
    "/explore?q=China",
    "/explore/entity/chn",
    "/explore/entity/chn?stances=accuse&stances=concern&from=2024-01-01",
    f"/explore/entity/{HOSTILE_ID}",
    "/explore/meeting/meeting-2023-07-11",
    "/explore/path?from=chn&to=rus",
    "/explore/document/syria-draft-resolution-vetoed",
    f"/explore/document/{HOSTILE_DOC}",
]
ASSET_TAGS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}


def beside(url: str, suffix: str) -> str:
    path, _, query = url.partition("?")
    return f"{path}{suffix}" + (f"?{query}" if query else "")


def data_block(page: Page) -> dict:
    block = page.by_id("kg-data")
    assert block is not None and block.attrs["type"] == "application/json"
    return json.loads(block.text)


@pytest.mark.parametrize("url", VIEWS)
def test_every_view_is_a_page_with_its_json_beside_it(explorer: TestClient, url: str) -> None:
    response = explorer.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"].split("style")[0]
    data = explorer.get(beside(url, ".json"))
    assert data.status_code == 200 and data.headers["content-type"] == "application/json"
    assert data_block(Page(response.text)) == data.json()


@pytest.mark.parametrize("url", VIEWS)
def test_pages_load_only_their_own_assets(explorer: TestClient, url: str) -> None:
    page = Page(explorer.get(url).text)
    assets = []
    for element in page.elements:
        attr = ASSET_TAGS.get(element.tag)
        if attr and element.attrs.get(attr):
            assets.append(element.attrs[attr])
        if element.tag == "script" and not element.attrs.get("src"):
            assert element.attrs.get("type") == "application/json"  # data, never code
    assert "/static/viz/vis-network.min.js" in assets and "/static/viz/explorer.js" in assets
    for asset in assets:
        assert not asset.startswith(("http:", "https:", "//")), asset
        if not asset.startswith("data:"):
            assert explorer.get(asset).status_code == 200, asset


def test_static_files_fetch_nothing_from_elsewhere(explorer: TestClient) -> None:
    for path in ("/static/viz/explorer.css", "/explore/palette.css"):
        css = explorer.get(path).text
        assert "http" not in css and "@import" not in css
    script = explorer.get("/static/viz/explorer.js").text
    assert "innerHTML" not in script and "eval(" not in script
    assert [u for u in ("http://", "cdn") if u in script] == []


@pytest.mark.parametrize(
    "url",
    [
        "/explore.graphml",
        "/explore/entity/chn.graphml",
        "/explore/meeting/meeting-2023-07-11.graphml",
        "/explore/path.graphml?from=chn&to=rus",
    ],
)
def test_graphml_beside_the_views(explorer: TestClient, url: str) -> None:
    response = explorer.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.number_of_nodes() > 1 and graph.number_of_edges() > 0
    label = {n: d.get("label") for n, d in graph.nodes(data=True)}
    if "chn" in label:
        assert label["chn"] == "China"


def test_search_lists_matches_with_type_and_counts(explorer: TestClient) -> None:
    page = Page(explorer.get("/explore?q=China").text)
    results = page.by_id("results")
    assert results is not None
    first = next(a for a in page.find("a") if page.inside(a, results))
    assert first.attrs["href"] == "/explore/entity/chn" and first.text == "China"
    found = explorer.get("/explore/search.json?q=china").json()["results"][0]
    assert found["id"] == "chn" and found["type"] == "State"
    assert found["claims_received"] >= 3 and found["relations"] > 0


def test_entity_view_data(explorer: TestClient) -> None:
    data = explorer.get("/explore/entity/chn.json").json()
    vis = data["network"]["vis"]
    assert vis["nodes"][0]["id"] == "chn" and len(vis["nodes"]) == len(data["network"]["nodes"])
    shapes = {n["type"]: n["shape"] for n in vis["nodes"]}
    assert shapes["State"] == "dot" and shapes["Organization"] == "square"
    claim_edges = [e for e in vis["edges"] if e["kind"] == "claim"]
    assert claim_edges and all(e["label"] and not e["dashes"] for e in claim_edges)
    relation_edges = [e for e in vis["edges"] if e["kind"] == "relation"]
    assert relation_edges and all(e["dashes"] for e in relation_edges)
    assert data["details"]["wikidata"] == "Q148"
    assert data["facets"]["stances"]["accuse"] >= 1
    assert data["links"]["graphml"] == "/explore/entity/chn.graphml?hops=1&limit=60"


def test_stance_filter_changes_the_edges(explorer: TestClient) -> None:
    everything = explorer.get("/explore/entity/chn.json").json()["network"]["edges"]
    accuse = explorer.get("/explore/entity/chn.json?stances=accuse").json()["network"]["edges"]
    claims = {e["predicate"] for e in accuse if e["kind"] == "claim"}
    assert claims == {"accuse"} and len(accuse) < len(everything)
    hidden = explorer.get("/explore/entity/chn.json?stances=none").json()["network"]["edges"]
    assert not [e for e in hidden if e["kind"] == "claim"]


def test_table_matches_the_network(explorer: TestClient) -> None:
    html = explorer.get("/explore/entity/chn").text
    page, data = Page(html), data_block(Page(html))
    rows = page.by_id("node-rows")
    assert rows is not None
    ids = [tr.attrs["data-id"] for tr in page.find("tr") if page.inside(tr, rows)]
    assert ids == [n["id"] for n in data["network"]["nodes"]]


def test_cap_more_node_and_precomputed_layout(explorer: TestClient) -> None:
    data = explorer.get("/explore/entity/un-security-council.json?limit=5").json()
    more = [n for n in data["network"]["vis"]["nodes"] if n["kind"] == "more"]
    assert len(more) == 1 and more[0]["offset"] == 5 and more[0]["label"].startswith("+")
    assert data["network"]["notice"] and data["network"]["truncated"]
    page = Page(explorer.get("/explore/entity/un-security-council?limit=5").text)
    assert [p.text for p in page.find("p") if p.attrs.get("class") == "notice"]
    big = explorer.get("/explore/entity/un-security-council.json?limit=300").json()["network"]
    if len(big["nodes"]) > 80:
        assert big["layout"] == "precomputed"
        assert all("x" in n and n["physics"] is False for n in big["vis"]["nodes"])


def test_meeting_page_shows_claims_and_ballots(explorer: TestClient) -> None:
    page = Page(explorer.get("/explore/meeting/meeting-2023-07-11").text)
    cells = [td.text for td in page.find("td")]
    assert "Russian Federation" in cells and "no" in cells
    assert len(page.find("mark")) >= 5  # evidence of each claim, highlighted


def test_document_page_marks_spans_linked_to_claims(explorer: TestClient) -> None:
    page = Page(explorer.get("/explore/document/syria-draft-resolution-vetoed").text)
    text = page.by_id("doctext")
    marks = [m for m in page.find("mark") if text and page.inside(m, text)]
    assert len(marks) >= 5
    links = [a for a in page.find("a") if any(page.inside(a, m) for m in marks)]
    assert links
    for link in links:
        assert page.by_id(link.attrs["href"][1:]) is not None  # the claim it points to


def test_errors(explorer: TestClient) -> None:
    page = explorer.get("/explore/entity/atlantis")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "NotFound" in Page(page.text).find("h1")[0].text
    data = explorer.get("/explore/entity/atlantis.json")
    assert data.status_code == 404 and data.json()["error"]["type"] == "NotFound"
    bad = explorer.get("/explore/entity/chn.json?stances=bogus")
    assert bad.status_code == 400 and bad.json()["error"]["type"] == "InvalidQuery"
    assert explorer.get("/explore/entity/chn?hops=7").status_code == 422
    assert explorer.get("/explore/path.json?from=chn&to=nobody-at-all-xyz").status_code == 404


def test_hostile_labels_titles_and_text_stay_text(explorer: TestClient) -> None:
    for url in (
        f"/explore/entity/{HOSTILE_ID}",
        "/explore/entity/chn",
        f"/explore/document/{HOSTILE_DOC}",
        f"/explore?q={HOSTILE_LABEL}",
    ):
        html = explorer.get(url).text
        page = Page(html)
        assert not page.find("img"), url
        scripts = [s for s in page.find("script") if not s.attrs.get("src")]
        assert all(s.attrs.get("type") == "application/json" for s in scripts), url
        assert "<script>alert" not in html and "<img src=x" not in html, url
    entity = Page(explorer.get(f"/explore/entity/{HOSTILE_ID}").text)
    assert entity.find("h1")[0].text.startswith(HOSTILE_LABEL)
    doc = Page(explorer.get(f"/explore/document/{HOSTILE_DOC}").text)
    assert doc.find("h1")[0].text.startswith(HOSTILE_TITLE)
    assert "<script>alert('text')</script>" in doc.by_id("doctext").text
    data = explorer.get(f"/explore/entity/{HOSTILE_ID}.json").json()
    assert data["network"]["vis"]["nodes"][0]["title"] == f"{HOSTILE_LABEL} (Organization)"


def test_url_parameters_are_escaped(explorer: TestClient) -> None:
    q = '"><script>alert(1)</script>'
    page = Page(explorer.get("/explore", params={"q": q}).text)
    assert page.by_id("q").attrs["value"] == q
    assert all(s.attrs.get("src") or s.attrs.get("type") for s in page.find("script"))
