"""The W3C harness's app: an in-memory store, writes enabled with a token.

One app (and one pair of query workers) serves every test of a module; before each test the
store is emptied and the test's data loaded, so tests never see each other's graphs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import URIRef
from w3c_manifest import AUTHORITY, TOKEN, W3C

from api.app import create_app
from api.runtime import Runtime
from kg.settings import Settings
from tests.stores import new_store

# pytest imports every package-less conftest.py as the module "conftest"; with
# --doctest-modules it then imports them again for their doctests and refuses a "conftest"
# that is another file. So this one is never collected for doctests, and once registered it
# leaves the name "conftest" free for the others (tests/conftest.py).
collect_ignore = ["conftest.py"]


def pytest_plugin_registered(plugin: object) -> None:
    if plugin is sys.modules.get(__name__) and __name__ == "conftest":
        del sys.modules["conftest"]


@pytest.fixture(scope="session")
def w3c_dir() -> Path:
    if not W3C.is_dir():
        pytest.skip("../shared/w3c-protocol is not available")
    return W3C


@pytest.fixture(scope="module")
def w3c_client() -> Iterator[TestClient]:
    settings = Settings(store="memory", token=TOKEN, query_workers=1, query_timeout=20)
    app = create_app(settings=settings, store=new_store())
    with TestClient(app, base_url=AUTHORITY, follow_redirects=False) as client:
        client.headers["Authorization"] = f"Bearer {TOKEN}"
        yield client


@pytest.fixture
def load_data(w3c_client: TestClient) -> Callable[[list[tuple[Path, str]]], None]:
    """Empty the store, then load (file, graph name) pairs as named graphs."""

    def load(data: list[tuple[Path, str]]) -> None:
        rt: Runtime = w3c_client.app.state.runtime  # type: ignore[attr-defined]
        rt.store.clear()
        for path, graph in data:
            rt.store.write_graph(
                URIRef(graph), path.read_bytes(), media_type="application/n-triples", replace=True
            )
        rt.after_write()

    return load
