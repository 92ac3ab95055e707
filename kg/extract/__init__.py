"""Rule-based extraction: entities, claims, votes and relations, each tied to its evidence.

``extract(text, doc_id=..., meta=...)`` returns a dict in the shape of the gold annotations
(``../shared/corpus/GOLD_FORMAT.md``): entities with their surface mentions, claims with one
claimant and one stance, votes with counts and named states, relations; every evidence is
``{"start", "end", "text"}`` with ``text == document[start:end]``.

>>> out = extract("The representative of Malta expressed concern about the situation.",
...               doc_id="t", meta={"kind": "meeting-summary"})
>>> [(c["claimant"], c["stance"]) for c in out["claims"]]
[('mlt', 'concern')]
>>> out["claims"][0]["evidence"]["text"]
'The representative of Malta expressed concern about the situation.'
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kg.extract.pipeline import assemble


def extract(text: str, *, doc_id: str = "document", meta: dict[str, Any] | None = None) -> dict:
    """The extraction of one document (gold format, offsets into ``text``)."""
    with _collector_paused():
        return assemble(text, doc_id=doc_id, meta=meta or {})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while one document is extracted.

    Extraction allocates many small objects that live until its end and form few cycles;
    the collector would walk them again and again (some 7 % of the time on a long document).
    Whatever cycles there are are collected as usual once it is switched back on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


__all__ = ["extract"]
