"""Shared pieces of the query functions: pages, references to entities, term helpers.

Every query function returns plain objects (dataclasses of str / int / float / lists), so the
HTTP API, the CLI and the explorer render the same data their own way.

>>> page = Page(items=[1, 2], total=5, limit=2, offset=0)
>>> page.next_offset
2
>>> Page(items=[5], total=5, limit=2, offset=4).next_offset is None
True
>>> fold("Côte d’Ivoire ")
"cote d'ivoire"
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import InvalidQuery
from kg.rdf.common import CLASS_TYPES, TYPE_CLASSES
from kg.rdf.iris import STANCE, STANCES, Iris
from kg.store import GraphStore

T = TypeVar("T")

MAX_LIMIT = 500

Memo = Callable[[str, Callable[[], list[str]]], list[str]]
"""``memo(key, compute)``: ``compute()`` once per key and store state (the API passes
:meth:`api.runtime.Runtime.cached`), so paging through a result does not redo the search."""


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list: the items, how many there are in all, and where it starts."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        """The offset of the next page, or None on the last page."""
        nxt = self.offset + self.limit
        return nxt if nxt < self.total else None


@dataclass(frozen=True)
class Ref:
    """A reference to a node of the graph: its IRI, and for entities their id, label, type."""

    iri: str
    id: str | None = None
    label: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The span of a document a statement was extracted from (end exclusive)."""

    document: str
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Labels:
    """Preferred label, aliases and types of one entity."""

    label: str | None = None
    aliases: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)


def check_page(limit: int, offset: int) -> None:
    """Refuse a page size or offset outside the allowed range."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InvalidQuery("offset must not be negative")


def page_of(items: list[T], *, limit: int, offset: int) -> Page[T]:
    """Cut a page out of a full (already ordered) list."""
    check_page(limit, offset)
    return Page(items=items[offset : offset + limit], total=len(items), limit=limit, offset=offset)


def fold(text: str) -> str:
    """Lower case, accents stripped, typographic apostrophes unified, spaces trimmed."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def entity_ref(iris: Iris, iri: Node | str, label: Node | str | None = None) -> Ref:
    """A Ref for any node; entity IRIs get their id."""
    value = str(iri)
    return Ref(
        iri=value,
        id=iris.local_id(value),
        label=str(label) if label is not None else None,
    )


def entity_iri(iris: Iris, entity_id: str) -> URIRef:
    """The IRI of an entity id given by a user (normalised like every key)."""
    if not entity_id or not entity_id.strip():
        raise InvalidQuery("an entity id must not be empty")
    return iris.entity(entity_id)


def stance_iri(name: str) -> URIRef:
    """The stance concept for a stance name (``call_for`` or ``call-for``)."""
    key = name.strip().lower().replace("-", "_")
    if key not in STANCES:
        raise InvalidQuery(f"unknown stance '{name}' (choose from {', '.join(STANCES)})")
    return STANCE[key]


def stance_name(iri: Node | str) -> str:
    """``https://w3id.org/diplokg/stance/call_for`` -> ``call_for``."""
    return str(iri).rsplit("/", 1)[-1]


def class_iri(type_name: str) -> URIRef:
    """The class of an entity type name (State, Person, …), case-insensitive."""
    for name, cls in TYPE_CLASSES.items():
        if name.lower() == type_name.strip().lower():
            return cls
    raise InvalidQuery(f"unknown type '{type_name}' (choose from {', '.join(TYPE_CLASSES)})")


def type_name(iri: Node | str) -> str | None:
    """State, Person, … for one of our entity classes, else None."""
    return CLASS_TYPES.get(URIRef(str(iri)))


def date_term(value: str | dt.date | None, *, name: str) -> Literal | None:
    """An xsd:date literal from an ISO date given by a user (None stays None)."""
    if value is None or value == "":
        return None
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidQuery(f"{name} must be an ISO date (YYYY-MM-DD)") from None
    return Literal(day.isoformat(), datatype=XSD.date)


def string(value: Node | None) -> str | None:
    """The lexical form of a term, or None."""
    return None if value is None else str(value)


def integer(value: Node | None) -> int | None:
    """The integer value of a term, or None when absent or not a number."""
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def text(row: Mapping[str, Node], key: str) -> str | None:
    """The string value of a column, or None when unbound."""
    return string(row.get(key))


def number(row: Mapping[str, Node], key: str) -> int | None:
    """The integer value of a column, or None when unbound or not a number."""
    return integer(row.get(key))


def select_bound(
    store: GraphStore, template: str, bindings: Mapping[str, Node | None]
) -> list[dict[str, Node]]:
    """Run a SELECT whose ``{bound}`` placeholder becomes the bound variables' names.

    Values are always passed as RDF terms (never pasted into the text); the variable
    *names* come from our own code. Bound variables must be projected (SEP-0007), so the
    template puts ``{bound}`` in its projection (and GROUP BY where it aggregates).
    """
    values = {k: v for k, v in bindings.items() if v is not None}
    names = " ".join(f"?{k}" for k in values)
    return store.select(template.replace("{bound}", names), bindings=values)


def evidence_from(row: Mapping[str, Node], iris: Iris) -> Evidence | None:
    """An Evidence from the columns ``start``, ``end``, ``evdoc`` (or ``doc``), ``exact``,
    ``prefix`` and ``suffix`` of a row (None when unbound)."""
    start, end = number(row, "start"), number(row, "end")
    doc = row.get("evdoc") or row.get("doc")
    if start is None or end is None or doc is None:
        return None
    return Evidence(
        document=iris.local_id(str(doc), "doc") or str(doc),
        start=start,
        end=end,
        text=text(row, "exact") or "",
        prefix=text(row, "prefix") or "",
        suffix=text(row, "suffix") or "",
    )
