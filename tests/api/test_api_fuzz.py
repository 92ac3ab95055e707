"""Fuzzing the OpenAPI schema with schemathesis: no input may cause a server error.

25 examples per operation, derandomized (the same inputs every run), against the app in
process over the sample graph (read-only: writes answer 401/403).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from sample_graph import fill
from schemathesis.checks import not_a_server_error, response_schema_conformance

from api.app import create_app
from kg.rdf.iris import Iris
from kg.settings import Settings
from tests.stores import new_store

APP = create_app(
    settings=Settings(store="memory", query_timeout=10, query_workers=1),
    store=fill(new_store(), Iris("https://w3id.org/diplokg/")),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _stop_workers() -> Iterator[None]:
    yield
    APP.state.runtime.close()


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_causes_a_server_error(case) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
