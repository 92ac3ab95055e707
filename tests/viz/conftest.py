"""Fixtures of the explorer tests: one store with the fixture documents (real extraction)
and a hostile document (script tags in its text and title, an entity named like an HTML
element), an in-process client over it, and uvicorn on a real 127.0.0.1 port."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.networks.index import GraphIndex, build_index
from kg.pipeline.build import build
from kg.pipeline.ingest import ingest_paths
from kg.rdf.iris import Iris
from kg.settings import Settings
from kg.store import Store
from tests.live_server import serve

# Same arrangement as tests/api/conftest.py: pytest imports package-less conftest files as
# the module "conftest"; this one is not collected again for doctests and frees the name.
collect_ignore = ["conftest.py"]


def pytest_plugin_registered(plugin: object) -> None:
    if plugin is sys.modules.get(__name__) and __name__ == "conftest":
        del sys.modules["conftest"]


ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "docs"
HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_ID = "img-src-x-onerror-alert-1"
HOSTILE_DOC = "hostile-note"
HOSTILE_TITLE = "<script>alert('title')</script> Hostile note"
HOSTILE_TEXT = (
    f"A group calling itself {HOSTILE_LABEL} issued a statement. "
    "It read: <script>alert('text')</script> and nothing else. "
    "The group accused China of ignoring its letters."
)


def hostile_extractor(text: str, *, doc_id: str, meta: dict[str, Any]) -> dict[str, Any]:
    """A stand-in extractor: the hostile entity, and one claim by it about China whose
    evidence is the sentence with the script tag."""
    start = text.index("It read:")
    end = text.index("nothing else.") + len("nothing else.")
    second = text.index("The group accused")
    return {
        "entities": [
            {
                "id": HOSTILE_ID,
                "label": HOSTILE_LABEL,
                "type": "Organization",
                "mentions": [HOSTILE_LABEL],
            },
        ],
        "claims": [
            {
                "claimant": HOSTILE_ID,
                "stance": "accuse",
                "about": ["chn"],
                "evidence": {"start": start, "end": end, "text": text[start:end]},
                "confidence": 0.9,
            },
            {
                "claimant": HOSTILE_ID,
                "stance": "concern",
                "about": ["chn"],
                "evidence": {"start": second, "end": len(text), "text": text[second:]},
                "confidence": 0.9,
            },
        ],
        "votes": [],
        "relations": [],
    }


@pytest.fixture(scope="session")
def explorer_store(iris: Iris, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Reference data, the fixture documents and the hostile note (read-only by use)."""
    folder = tmp_path_factory.mktemp("hostile")
    doc = folder / f"{HOSTILE_DOC}.txt"
    doc.write_text(HOSTILE_TEXT, encoding="utf-8")
    meta = {"title": HOSTILE_TITLE, "date": "2024-05-01", "publisher": "<b>Nobody</b>"}
    (folder / f"{HOSTILE_DOC}.txt.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    store = Store.open(tmp_path_factory.mktemp("explorer") / "store")
    report = build(store, [FIXTURE_DOCS], iris=iris)
    assert report.ok, [str(e) for e in report.errors]
    report = ingest_paths(store, [doc], iris=iris, extractor=hostile_extractor)
    assert report.ok, [str(e) for e in report.errors]
    return store


@pytest.fixture(scope="session")
def ix(explorer_store: Store, iris: Iris) -> GraphIndex:
    return build_index(explorer_store, iris=iris)


@pytest.fixture(scope="session")
def explorer(explorer_store: Store) -> Iterator[TestClient]:
    app = create_app(settings=Settings(store="memory", query_timeout=20), store=explorer_store)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def explorer_url(explorer_store: Store) -> Iterator[str]:
    app = create_app(
        settings=Settings(store="memory", query_timeout=20, query_workers=1), store=explorer_store
    )
    with serve(app) as url:
        yield url
