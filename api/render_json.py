"""JSON pages of the hot list routes, assembled from pieces rendered once.

A page of 50 triples or entities rendered through pydantic (validate the items into
response models, dump them, then FastAPI validates the answer again) costs more than the
engine's query for it. The response models stay the definition of the JSON: each item is
rendered by its model once per object (the library's objects are frozen, and the terms and
entity summaries recur from page to page) and kept in a :class:`Fragments` cache; the page
around the items is written here with the fields of :class:`api.models.PageOut` in their
order. ``tests/api/test_api_render_json.py`` checks that the result equals what the models
give, field for field.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from api.render import page_links
from kg.queries import Page


class Fragments:
    """The JSON of library objects through one response model, kept per object (by identity:
    the object itself is kept with its JSON, so its id cannot be reused while cached; the
    oldest are dropped first past ``size``).

    >>> from api.models import PageLinks
    >>> links = PageLinks(self="/a")
    >>> Fragments(PageLinks, size=2)(links)
    '{"self":"/a","next":null,"prev":null}'
    """

    def __init__(self, model: type[BaseModel], *, size: int = 20_000) -> None:
        self.model, self.size = model, size
        self._kept: OrderedDict[int, tuple[Any, str]] = OrderedDict()
        self._lock = Lock()

    def __call__(self, obj: Any, *, keep: bool = True) -> str:
        """The object's JSON; ``keep=False`` for objects not worth keeping (one-off, long)."""
        key = id(obj)
        hit = self._kept.get(key)
        if hit is not None and hit[0] is obj:
            return hit[1]
        text = self.model.model_validate(obj, from_attributes=True).model_dump_json()
        if keep:
            with self._lock:
                self._kept[key] = (obj, text)
                if len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return text


def page_json(request: Request, page: Page[Any], item: Callable[[Any], str]) -> Response:
    """A page as JSON: ``item`` gives each item's JSON text; the totals and links around
    them are the fields of :class:`api.models.PageOut`, in its order."""
    links = page_links(request, page).model_dump_json()
    items = ",".join(item(i) for i in page.items)
    head = f'"total":{int(page.total)},"limit":{int(page.limit)},"offset":{int(page.offset)}'
    body = f'{{{head},"links":{links},"items":[{items}]}}'
    return Response(body.encode(), media_type="application/json")
