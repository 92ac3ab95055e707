"""The query page: served offline (own HTML/JS/CSS, nothing from elsewhere) and its example
queries answer the common questions on the sample graph."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from api.pages import STATIC


class Assets(HTMLParser):
    """Every script src, stylesheet href and inline script of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            if values.get("src"):
                self.urls.append(values["src"] or "")
            else:
                self._in_script = True
        if tag == "link" and values.get("href"):
            self.urls.append(values["href"] or "")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


@pytest.mark.parametrize("path", ["/query", "/docs"])
def test_pages_load_only_their_own_assets(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = Assets()
    assets.feed(page.text)
    assert assets.urls, "the page has its scripts and styles"
    assert assets.inline_scripts == 0  # the CSP forbids inline scripts
    for url in assets.urls:
        assert url.startswith("/static/"), url
        assert client.get(url).status_code == 200, url


def test_query_page_has_editor_results_and_formats(client: TestClient) -> None:
    html = client.get("/query").text
    for element in ('<textarea id="query"', 'id="results"', '<select id="format"'):
        assert element in html
    script = client.get("/static/query.js").text
    assert "http://" not in script.replace("http://www.w3.org", "")
    assert "innerHTML" not in script  # results are inserted as text


def examples() -> list[dict]:
    return json.loads((STATIC / "examples.json").read_text(encoding="utf-8"))


def run(client: TestClient, title: str) -> list[dict]:
    example = next(e for e in examples() if e["title"] == title)
    response = client.post(
        "/sparql", content=example["query"], headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def test_who_opposed_the_meeting(client: TestClient) -> None:
    rows = run(client, "Who opposed the meeting?")
    assert [r["actorLabel"]["value"] for r in rows] == ["China", "Russian Federation"]


def test_how_did_each_state_vote(client: TestClient) -> None:
    rows = run(client, "How did each state vote?")
    votes = {r["stateLabel"]["value"]: r["option"]["value"] for r in rows}
    assert votes["China"] == "no" and votes["Mozambique"] == "abstain"
    assert votes["France"] == "yes" and len(votes) == 6


def test_what_did_the_special_rapporteur_call_for(client: TestClient) -> None:
    rows = run(client, "What did the Special Rapporteur call for?")
    assert len(rows) == 1
    assert "release of every detainee" in rows[0]["evidence"]["value"]


def test_which_claims_mention_the_icc(client: TestClient) -> None:
    rows = run(client, "Which claims mention the ICC?")
    assert [r["claimantLabel"]["value"] for r in rows] == ["France"]
    assert "International Criminal Court" in rows[0]["evidence"]["value"]


def test_every_example_runs(client: TestClient) -> None:
    for example in examples():
        accept = example.get("format", "application/sparql-results+json")
        response = client.post(
            "/sparql",
            content=example["query"],
            headers={"Content-Type": "application/sparql-query", "Accept": accept},
        )
        assert response.status_code == 200, (example["title"], response.text)
        assert response.content.strip()
