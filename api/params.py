"""Parameter types shared by the relations API routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from api.errors import ERROR_RESPONSES
from api.render import CSV_RESPONSE, ListFormat
from api.runtime import Runtime, runtime

Rt = Annotated[Runtime, Depends(runtime)]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]
FormatParam = Annotated[ListFormat | None, Query(description="json (default) or csv")]


def id_query(description: str) -> object:
    """A Query() for an optional id filter."""
    return Query(min_length=1, max_length=200, description=description)


LIST_RESPONSES: dict[int | str, dict] = {200: {"content": CSV_RESPONSE}, **ERROR_RESPONSES}
