"""Whole records (a claim, a vote event, the evidence span behind either) read by following
the properties of a page of nodes: one query per hop for the whole page, each an index
lookup from written terms, then assembled here.

One query with OPTIONAL groups per record is slower at every size: the engine plans each
group on its own, and from a VALUES block of many records it scans every record first.

>>> from kg.store import Store
>>> from rdflib import Literal, URIRef
>>> from rdflib.namespace import SKOS
>>> store = Store.in_memory()
>>> g = URIRef("https://example.org/doc/d")
>>> _ = store.replace_graph(g, [(URIRef("https://example.org/entity/chn"), SKOS.prefLabel,
...     Literal("China"))])
>>> labels(store, [URIRef("https://example.org/entity/chn")])
{'https://example.org/entity/chn': 'China'}
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from rdflib import URIRef
from rdflib.term import Node

from kg.queries.common import Evidence, integer
from kg.rdf.iris import OA, Iris
from kg.store import GraphStore

T = TypeVar("T")
Props = dict[str, list[Node]]
"""A node's properties: predicate IRI -> objects (each once, in order)."""

_PROPERTIES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
_LABELS = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label }"
_HAS_SOURCE, _HAS_SELECTOR = str(OA.hasSource), str(OA.hasSelector)
_EXACT, _PREFIX, _SUFFIX = str(OA.exact), str(OA.prefix), str(OA.suffix)
_START, _END = str(OA.start), str(OA.end)


def _iris(nodes: Iterable[Node | None]) -> list[URIRef]:
    return list(dict.fromkeys(n for n in nodes if isinstance(n, URIRef)))


def properties(store: GraphStore, nodes: Iterable[Node | None]) -> dict[str, Props]:
    """Every property of each IRI among ``nodes``, in one query; nodes the graph says
    nothing about are left out. A triple stated in several graphs counts once."""
    wanted = _iris(nodes)
    if not wanted:
        return {}
    out: dict[str, Props] = {}
    for row in store.select(_PROPERTIES, values={"s": wanted}):
        objects = out.setdefault(str(row["s"]), {}).setdefault(str(row["p"]), [])
        if row["o"] not in objects:
            objects.append(row["o"])
    return out


def labels(store: GraphStore, nodes: Iterable[Node | None]) -> dict[str, str]:
    """The preferred label of each IRI among ``nodes`` that has one (the least, when an
    entity has several), in one query."""
    wanted = _iris(nodes)
    found: dict[str, str] = {}
    if not wanted:
        return found
    for row in store.select(_LABELS, values={"s": wanted}):
        key, label = str(row["s"]), str(row["label"])
        if key not in found or label < found[key]:
            found[key] = label
    return found


def one(props: Mapping[str, list[Node]], predicate: Any) -> Node | None:
    """The value of a property (the least, as a string, when there are several: the same
    choice on every build), or None."""
    values = props.get(str(predicate))
    if not values:
        return None
    return values[0] if len(values) == 1 else min(values, key=str)


def every(props: Mapping[str, list[Node]], predicate: Any) -> list[Node]:
    """Every value of a property, in IRI / lexical order."""
    return sorted(props.get(str(predicate), ()), key=str)


def selectors(evidence: Mapping[str, Props]) -> list[Node]:
    """The selectors of some evidence nodes (to read with :func:`properties`)."""
    return [s for props in evidence.values() for s in props.get(_HAS_SELECTOR, ())]


def evidence_of(
    node: Node | None, evidence: Mapping[str, Props], found: Mapping[str, Props], iris: Iris
) -> Evidence | None:
    """The span an evidence node points at: its source, its quote selector (``oa:exact``,
    optional prefix and suffix) and its position selector (``oa:start``, ``oa:end``); None
    when a part is missing. ``evidence``: the evidence nodes' properties; ``found``: their
    selectors'."""
    props = evidence.get(str(node)) if node is not None else None
    if not props or (source := one(props, _HAS_SOURCE)) is None:
        return None
    quote = position = None
    for sel in sorted(props.get(_HAS_SELECTOR, ()), key=str):
        sp = found.get(str(sel), {})
        if quote is None and _EXACT in sp:
            quote = sp
        if position is None and _START in sp and _END in sp:
            position = sp
    if quote is None or position is None:
        return None
    start, end = integer(one(position, _START)), integer(one(position, _END))
    if start is None or end is None:
        return None
    return Evidence(
        document=iris.local_id(str(source), "doc") or str(source),
        start=start,
        end=end,
        text=str(one(quote, _EXACT)),
        prefix=str(one(quote, _PREFIX) or ""),
        suffix=str(one(quote, _SUFFIX) or ""),
    )


def read_records(
    keys: list[str],
    read: Callable[[list[str]], dict[str, T]],
    records: RecordCache[T] | None = None,
) -> dict[str, T]:
    """``read(keys)``, through ``records`` when the caller keeps some."""
    return records.fill(keys, read) if records is not None else read(keys)


class RecordCache(Generic[T]):
    """Records already read, by IRI, for callers that serve the same ones often (the API):
    the least recently used are dropped past ``size``; :meth:`clear` after every write.

    >>> cache = RecordCache(size=2)
    >>> cache.fill(["a", "b"], lambda keys: {k: k.upper() for k in keys})
    {'a': 'A', 'b': 'B'}
    >>> cache.fill(["a", "c"], lambda keys: {k: k * 2 for k in keys})  # "a" is known
    {'a': 'A', 'c': 'cc'}
    >>> len(cache)
    2
    """

    def __init__(self, *, size: int = 10_000) -> None:
        self.size = size
        self._data: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        """Forget every record (records being read meanwhile are not kept either)."""
        with self._lock:
            self._generation += 1
            self._data.clear()

    def fill(self, keys: list[str], read: Callable[[list[str]], dict[str, T]]) -> dict[str, T]:
        """The records of ``keys``: those known, and ``read(missing)`` for the others (keys
        it leaves out have no record)."""
        with self._lock:
            generation = self._generation
            found = {k: self._data[k] for k in keys if k in self._data}
            for k in found:
                self._data.move_to_end(k)
        missing = [k for k in keys if k not in found]
        if missing:
            new = read(missing)
            found.update(new)
            with self._lock:
                if generation == self._generation:
                    self._data.update(new)
                    while len(self._data) > self.size:
                        self._data.popitem(last=False)
        return found
