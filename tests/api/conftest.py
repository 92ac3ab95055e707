"""Fixtures of the HTTP tests: apps over the made-up sample graph, and live servers.

* ``sample_store``: the sample graph (``sample_graph.py``) in memory;
* ``client``: a read-only app (no token) over it, in process;
* ``writable``: a fresh app with a token over its own copy, for tests that write;
* ``live``: uvicorn on a real 127.0.0.1 socket, serving an on-disk store opened read-only
  exactly as ``kg serve`` does (query time limit 3 s).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from live_server import LIVE_TIMEOUT, TOKEN, Live
from sample_graph import fill

from api.app import create_app
from kg.rdf.iris import Iris
from kg.settings import Settings
from kg.store import Store, open_store
from tests.live_server import serve
from tests.stores import new_location, new_store

# pytest imports every package-less conftest.py as the module "conftest"; with
# --doctest-modules it then imports them again for their doctests and refuses a "conftest"
# that is another file. So this one is never collected for doctests, and once registered it
# leaves the name "conftest" free for the others (tests/conftest.py).
collect_ignore = ["conftest.py"]


def pytest_plugin_registered(plugin: object) -> None:
    if plugin is sys.modules.get(__name__) and __name__ == "conftest":
        del sys.modules["conftest"]


@pytest.fixture(scope="session")
def sample_store(iris: Iris) -> Store:
    return fill(new_store(), iris)


@pytest.fixture(scope="session")
def client(sample_store: Store) -> Iterator[TestClient]:
    app = create_app(settings=Settings(store="memory", query_timeout=20), store=sample_store)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def writable(iris: Iris) -> Iterator[TestClient]:
    settings = Settings(store="memory", token=TOKEN, query_timeout=20, query_workers=1)
    app = create_app(settings=settings, store=fill(new_store(), iris))
    with TestClient(app) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def store_dir(iris: Iris, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample graph in a persistent store (closed again, as after ``kg build``): a
    directory, or an Oxigraph server when the suite runs against a remote store."""
    location = new_location(tmp_path_factory.mktemp("served") / "store")
    store = open_store(location)
    fill(store, iris)
    store.close()
    return location


@pytest.fixture(scope="session")
def live(store_dir: str) -> Iterator[Live]:
    settings = Settings(store=store_dir, query_timeout=LIVE_TIMEOUT, query_workers=2)
    app = create_app(settings=settings)
    with serve(app) as url:
        yield Live(url=url, app=app)
