"""The embedded engine: Oxigraph (``pyoxigraph``), persistent on disk or in memory.

The rest of the library talks to :class:`Store` with rdflib terms and plain Python values;
:mod:`kg.store.remote` puts a remote SPARQL 1.1 store behind the same methods.

One named graph per source document plus one for the reference data. Replacing a graph is one
SPARQL update, hence one transaction: readers see the old graph or the new one, never half.

"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from kg.errors import InvalidQuery, StoreError
from kg.store.base import GraphStore
from kg.store.results import QueryResult
from kg.store.terms import PREFIXES, Triple, bind, from_ox, to_ox

# --- the store -------------------------------------------------------------------------------


class Store(GraphStore):
    """The embedded store of named graphs.

    Queries see the union of all named graphs as their default graph unless told otherwise.
    """

    def __init__(
        self, engine: ox.Store, *, path: Path | None = None, read_only: bool = False
    ) -> None:
        self._engine = engine
        self.path = path
        self.read_only = read_only

    @classmethod
    def in_memory(cls) -> Store:
        """A fresh store that lives only as long as the object."""
        return cls(ox.Store())

    @classmethod
    def open(cls, path: Path | str | None, *, read_only: bool = False) -> Store:
        """Open (creating if needed) a persistent store in a directory; None gives memory.

        A URL is no directory: :func:`kg.store.open_store` opens remote stores.
        """
        if isinstance(path, str) and path.startswith(("http://", "https://")):
            raise StoreError(f"{path} is a URL; open remote stores with kg.store.open_store")
        if path is None:
            return cls.in_memory()
        path = Path(path)
        try:
            if read_only:
                if not path.exists():
                    raise StoreError(f"no store at {path}: run 'kg build' first")
                return cls(ox.Store.read_only(str(path)), path=path, read_only=True)
            path.mkdir(parents=True, exist_ok=True)
            return cls(ox.Store(str(path)), path=path)
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB reports a damaged store
            raise StoreError(f"cannot open the store at {path}: {exc}") from None

    @property
    def location(self) -> str | None:
        """Where the store lives: its directory (None for an in-memory store)."""
        return None if self.path is None else str(self.path)

    @property
    def is_remote(self) -> bool:
        return False

    def reader_location(self) -> str | None:
        """A location other processes can open read-only to see the current data, or None
        when they need a :meth:`snapshot` (an in-memory or writable on-disk store)."""
        return str(self.path) if self.read_only and self.path is not None else None

    def optimize(self) -> None:
        """Compact the engine's files after a bulk load: reads of a store written in many
        chunks are several times slower until it is compacted (seconds per million
        triples). Does nothing in memory or read-only."""
        if self.path is not None and not self.read_only:
            self._engine.optimize()

    def close(self) -> None:
        """Flush and release the engine (the object must not be used afterwards)."""
        if self.path is not None and not self.read_only:
            with contextlib.suppress(OSError):
                self._engine.flush()
        self._engine = None  # type: ignore[assignment]

    # writes ---------------------------------------------------------------------------------

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Atomically replace a named graph's content; returns the number of triples written.

        Blank nodes are refused: every node must have a deterministic IRI.
        """
        oxtriples = []
        for s, p, o in triples:
            if isinstance(s, BNode) or isinstance(o, BNode):
                raise StoreError("blank nodes are not allowed: mint a deterministic IRI")
            oxtriples.append(ox.Triple(to_ox(s), to_ox(p), to_ox(o)))
        unique = list(dict.fromkeys(oxtriples))
        body = ox.serialize(unique, format=ox.RdfFormat.N_TRIPLES).decode("utf-8") if unique else ""
        g = f"<{graph}>"
        update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
        try:
            self._engine.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot write graph {graph}: {exc}") from None
        return len(unique)

    def bulk_load(self, data: bytes, *, media_type: str = "application/n-quads") -> None:
        """Load a large dataset fast (N-Quads or TriG, adding to what is there).

        Not transactional: meant for building a fresh store, where nothing reads it yet.
        """
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None or not fmt.supports_datasets:
            raise InvalidQuery(f"bulk loading needs a dataset format, not {media_type}")
        try:
            self._engine.bulk_load(data, format=fmt)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"bulk load failed: {exc}") from None

    def drop_graph(self, graph: URIRef) -> bool:
        """Remove a named graph; False if it was not there."""
        node = ox.NamedNode(str(graph))
        if not self._engine.contains_named_graph(node):
            return False
        self._engine.remove_graph(node)
        return True

    def clear(self) -> None:
        """Remove everything."""
        self._engine.clear()

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 update (callers decide whether updates are allowed).

        ``base_iri`` resolves relative IRIs in the update text.
        """
        try:
            self._engine.update(sparql, prefixes=PREFIXES, base_iri=base_iri)
        except SyntaxError as exc:
            raise InvalidQuery(f"invalid SPARQL update: {exc}") from None
        except RuntimeError as exc:  # e.g. CREATE of a graph that exists, DROP of one that does not
            raise InvalidQuery(f"cannot run the update: {exc}") from None
        except OSError as exc:
            raise StoreError(f"update failed: {exc}") from None

    def load_graph(self, graph: URIRef | None, data: bytes, *, media_type: str) -> None:
        """Parse RDF data into a graph (None: the default graph), adding to what is there."""
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise InvalidQuery(f"unsupported RDF media type: {media_type}")
        target = ox.DefaultGraph() if graph is None else ox.NamedNode(str(graph))
        try:
            self._engine.load(data, format=fmt, to_graph=target)
        except SyntaxError as exc:
            raise InvalidQuery(f"cannot parse the {media_type} body: {exc}") from None

    def write_graph(
        self,
        graph: URIRef | None,
        data: bytes,
        *,
        media_type: str,
        replace: bool,
        base_iri: str | None = None,
    ) -> int:
        """Parse RDF data into a graph (None: the default graph) in one transaction.

        ``replace`` drops what the graph held first (Graph Store PUT); otherwise the triples
        are added (POST). Blank nodes are allowed (they become fresh nodes). A named graph
        exists afterwards even when the data is empty. Returns the number of triples parsed.
        """
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None or fmt.supports_datasets:
            raise InvalidQuery(f"unsupported RDF media type: {media_type}")
        try:
            triples = [
                ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(data, format=fmt, base_iri=base_iri)
            ]
        except (SyntaxError, ValueError) as exc:
            raise InvalidQuery(f"cannot parse the {media_type} body: {exc}") from None
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        if graph is None:
            ops = ["DROP SILENT DEFAULT"] if replace else []
            ops.append(f"INSERT DATA {{\n{body}\n}}")
        else:
            g = str(ox.NamedNode(str(graph)))  # validated IRI in <> form
            ops = [f"DROP SILENT GRAPH {g}"] if replace else []
            ops += [f"CREATE SILENT GRAPH {g}", f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"]
        try:
            self._engine.update(" ;\n".join(ops))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot write graph {graph or 'default'}: {exc}") from None
        return len(triples)

    def snapshot(self, target: Path | str) -> None:
        """Write a consistent, independent copy of the dataset to a new directory.

        Other processes can open it with ``Store.open(target, read_only=True)`` while this
        store keeps changing. On-disk stores make a checkpoint (hard links when on the same
        file system, so it is cheap); in-memory stores are copied.
        """
        try:
            if self.path is not None:
                self._engine.backup(str(target))
                return
            copy = ox.Store(str(target))
            data = self._engine.dump(format=ox.RdfFormat.N_QUADS)
            copy.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            copy.flush()
        except OSError as exc:
            raise StoreError(f"cannot snapshot the store: {exc}") from None

    # reads ----------------------------------------------------------------------------------

    def graph_names(self) -> list[URIRef]:
        """Every named graph, sorted."""
        return sorted(URIRef(g.value) for g in self._engine.named_graphs())

    def has_graph(self, graph: URIRef) -> bool:
        return self._engine.contains_named_graph(ox.NamedNode(str(graph)))

    def __len__(self) -> int:
        return len(self._engine)

    def count(self, graph: URIRef | None = None) -> int:
        """Number of quads in one named graph, or in the whole store."""
        if graph is None:
            return len(self._engine)
        return sum(1 for _ in self._engine.quads_for_pattern(None, None, None, to_ox(graph)))

    def triples(self, graph: URIRef | None = None) -> Iterator[Triple]:
        """Triples of one named graph (or of every graph, duplicates possible)."""
        g = None if graph is None else ox.NamedNode(str(graph))
        for q in self._engine.quads_for_pattern(None, None, None, g):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)  # type: ignore[misc]

    def raw_query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        values: Mapping[str, Sequence[Node]] | None = None,
        union_default: bool = True,
        default_graphs: list[URIRef] | None = None,
        named_graphs: list[URIRef] | None = None,
        base_iri: str | None = None,
        builtin_prefixes: bool = True,
    ) -> QueryResult:
        """Run a query and return the engine's own result object (for streaming serialisers).

        ``base_iri`` resolves relative IRIs in the query text. ``builtin_prefixes=False``
        when the text declares every prefix it uses (parsing is then a little cheaper; a
        text that does not is parsed again with them).
        """
        kwargs: dict[str, Any] = {"prefixes": PREFIXES} if builtin_prefixes else {}
        if base_iri is not None:
            kwargs["base_iri"] = base_iri
        if default_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(str(g)) for g in default_graphs]
        elif union_default:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(str(g)) for g in named_graphs]
        sparql = bind(sparql, bindings=bindings, values=values)
        try:
            try:
                return self._engine.query(sparql, **kwargs)
            except SyntaxError:
                if builtin_prefixes:
                    raise
                return self._engine.query(sparql, prefixes=PREFIXES, **kwargs)
        except SyntaxError as exc:
            raise InvalidQuery(f"invalid SPARQL query: {exc}") from None
        except RuntimeError as exc:  # e.g. a bound variable missing from the projection
            raise InvalidQuery(f"cannot run the query: {exc}") from None
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from None

    # export ---------------------------------------------------------------------------------

    def dump(
        self, *, media_type: str, graph: URIRef | None = None, default_graph: bool = False
    ) -> bytes:
        """Serialise the whole dataset (N-Quads, TriG) or merged triples (Turtle, N-Triples…).

        ``graph`` gives one named graph only; ``default_graph=True`` the unnamed graph only.
        """
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise InvalidQuery(f"unsupported RDF media type: {media_type}")
        if default_graph:
            return self._engine.dump(format=fmt, from_graph=ox.DefaultGraph())
        if graph is not None:
            return self._engine.dump(format=fmt, from_graph=ox.NamedNode(str(graph)))
        if fmt.supports_datasets:
            return self._engine.dump(format=fmt)
        triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in self._engine)
        return ox.serialize(list(triples), format=fmt, prefixes=PREFIXES)
