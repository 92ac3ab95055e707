"""The doctests of the api package (pytest's --doctest-modules only covers tests/ and kg/)."""

from __future__ import annotations

import doctest

import pytest

from api import negotiation
from kg.store import sparql_text as sparql_text


@pytest.mark.parametrize("module", [negotiation, sparql_text])
def test_doctests(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
