"""Shared fixtures: one cheap fixture per layer (fresh store, built store, sample corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.rdf.iris import Iris
from kg.store import Store, open_store
from tests.stores import new_location, new_store

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "docs"
SHARED = ROOT.parent / "shared"
BASE = "https://w3id.org/diplokg/"


@pytest.fixture(scope="session")
def iris() -> Iris:
    return Iris(BASE)


@pytest.fixture
def fresh_store() -> Store:
    """An empty store of the kind under test (see tests/stores.py)."""
    return new_store()


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    """The shared sample corpus (../shared/corpus); tests that need it skip without it."""
    corpus = SHARED / "corpus"
    if not (corpus / "docs").is_dir():
        pytest.skip("../shared/corpus is not available")
    return corpus


@pytest.fixture(scope="session")
def built_store(iris: Iris, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store built once per session from the reference data and our own fixture documents
    (read-only by convention: tests must not write to it)."""
    from kg.pipeline.build import build

    store = open_store(new_location(tmp_path_factory.mktemp("built") / "store"))
    report = build(store, [FIXTURE_DOCS] if FIXTURE_DOCS.is_dir() else [], iris=iris)
    assert report.ok, [str(e) for e in report.errors]
    return store
