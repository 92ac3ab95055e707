"""What the routes share: settings, the store, the query pool and cached computations."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import networkx as nx
from fastapi import Request
from starlette.concurrency import run_in_threadpool

from api.executor import QueryPool
from kg.networks.actors import entity_graph
from kg.queries import Claim, VoteEvent
from kg.queries.records import RecordCache
from kg.rdf.iris import Iris
from kg.settings import Settings
from kg.store import GraphStore

T = TypeVar("T")
_MISSING = object()


@dataclass
class Runtime:
    """One per app: the store it serves and everything derived from it.

    ``generation`` counts writes; computations cached per generation (the networkx entity
    graph, analytics) are recomputed after a write.
    """

    settings: Settings
    store: GraphStore
    pool: QueryPool
    iris: Iris
    owns_store: bool = False
    generation: int = 0
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: OrderedDict[str, tuple[int, Any]] = field(default_factory=OrderedDict)
    cache_size: int = 512
    """Most computations kept (least recently used dropped first): views and layouts are
    cached per URL, and URLs are many."""
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)
    claims: RecordCache[Claim] = field(default_factory=RecordCache)
    """Claims already read, by IRI (pages of the relations API and entity pages)."""
    votes: RecordCache[VoteEvent] = field(default_factory=RecordCache)
    """Vote events already read, by IRI."""

    @property
    def writable(self) -> bool:
        """Writes are allowed: a token is set and the store is open read-write."""
        return bool(self.settings.token) and not self.store.read_only

    @property
    def inline_bounded(self) -> bool:
        """Bounded queries (:mod:`kg.store.bounded`) are answered in this process: the
        engine is embedded here and the setting allows it."""
        return self.settings.inline_bounded and not self.store.is_remote

    def after_write(self) -> None:
        """Call after every change to the store."""
        with self._cache_lock:
            self.generation += 1
            self._cache.clear()
        self.claims.clear()
        self.votes.clear()
        self.pool.invalidate()

    async def on_loop(self, compute: Callable[[], T], *, cheap: bool) -> T:
        """``compute()`` on the event loop when it is ``cheap`` (bounded by an index or an
        in-memory structure, and the engine is embedded: no thread hop for a lookup), else
        in a worker thread, so that nothing long ever holds up the other requests."""
        if cheap and self.inline_bounded:
            return compute()
        return await run_in_threadpool(compute)

    async def cached_off_loop(self, key: str, compute: Callable[[], T]) -> T:
        """:meth:`cached`, computing a missing value in a worker thread."""
        value = self._kept(key)
        if value is not _MISSING:
            return value
        return await run_in_threadpool(self.cached, key, compute)

    def _kept(self, key: str) -> Any:
        """``key``'s value for the current generation, or ``_MISSING``."""
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is None or hit[0] != self.generation:
                return _MISSING
            self._cache.move_to_end(key)
            return hit[1]

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per store generation."""
        generation = self.generation
        value = self._kept(key)
        if value is not _MISSING:
            return value
        value = compute()
        with self._cache_lock:
            if self.generation == generation:
                self._cache[key] = (generation, value)
                self._cache.move_to_end(key)
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return value

    def entity_graph(self) -> nx.MultiDiGraph:
        """The actor network of the current store (computed once per generation)."""
        return self.cached("entity_graph", lambda: entity_graph(self.store, iris=self.iris))

    def close(self) -> None:
        """Stop the query workers; close the store if the app opened it."""
        self.pool.close()
        if self.owns_store:
            self.store.close()


async def runtime(request: Request) -> Runtime:
    """FastAPI dependency: the app's runtime."""
    return request.app.state.runtime
