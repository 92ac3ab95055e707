"""A compact in-memory index of the actor network, built from the store once per store state.

The explorer's networks (ego networks, overview, paths) are cut from this index, so a view
never scans the store: it walks the adjacency lists of the few nodes it shows. The index holds
entities (label, type, aliases), claims (claimant, targets, stance, date, document) and relation
edges (with dates from tenures and memberships); evidence, facts and texts stay in the store
and are read per view (see :mod:`kg.networks.details`).

Building reads each predicate with one packed query (GROUP_CONCAT), which is several times
faster than a join returning one row per claim: about 1-2 s for a million triples. Callers
cache the index per store generation.

>>> from kg.rdf.iris import SCHEMA, Iris
>>> from kg.store import Store
>>> build_index(Store.in_memory(), iris=Iris("https://example.org/")).claims
[]
"""

from __future__ import annotations

import gc
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kg.queries.common import fold
from kg.queries.entities import RELATION_NAMES
from kg.rdf.common import TYPE_CLASSES
from kg.rdf.iris import SCHEMA, Iris
from kg.store import GraphStore

_FS, _RS = "\u001f", "\u001e"  # field and record separators of packed query results
# Preferred type when an entity has several of our classes.
TYPE_ORDER = tuple(TYPE_CLASSES)
ACTOR_TYPES = ("State", "Person", "Organization", "Mechanism")


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: str
    label: str
    type: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim: ``id`` is the claim IRI's local part (``doc/hash``)."""

    id: str
    claimant: str
    about: tuple[str, ...]
    stance: str
    date: str | None
    document: str | None
    meeting: str | None


@dataclass(frozen=True, slots=True)
class RelationRecord:
    source: str
    predicate: str
    target: str
    start: str | None = None
    end: str | None = None


@dataclass
class GraphIndex:
    """Entities, claims and relations with adjacency lists (ids are entity ids)."""

    entities: dict[str, EntityRecord] = field(default_factory=dict)
    claims: list[ClaimRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)  # id -> title
    claims_by: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    claims_about: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    rel_out: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    rel_in: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    claims_at: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    claims_in: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    types: dict[str, str | None] = field(default_factory=dict)
    # aggregated adjacency: pairs_out[a][b][(kind, predicate)] = [count, first, last, sample]
    # (pairs_in[b][a] is the same dict); used when no date or document filter applies
    pairs_out: dict[str, dict[str, dict[tuple[str, str], list]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    pairs_in: dict[str, dict[str, dict[tuple[str, str], list]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # per entity: its claims (made or received) counted per stance, document and year
    counts: dict[str, tuple[Counter, Counter, Counter]] = field(default_factory=dict)
    seconds: float = 0.0
    _names: list[tuple[str, tuple[str, ...]]] | None = None

    def label(self, eid: str) -> str:
        rec = self.entities.get(eid)
        return rec.label if rec else eid

    def type(self, eid: str) -> str | None:
        rec = self.entities.get(eid)
        return rec.type if rec else None

    def claims_of(self, eid: str) -> Iterator[ClaimRecord]:
        """Claims made by or about an entity (a claim about it twice counts once)."""
        seen: set[int] = set()
        for i in (*self.claims_by.get(eid, ()), *self.claims_about.get(eid, ())):
            if i not in seen:
                seen.add(i)
                yield self.claims[i]

    def search(self, q: str, *, type: str | None = None, limit: int = 20) -> list[EntityRecord]:
        """Entities whose label or an alias contains ``q`` (case- and accent-insensitive):
        exact matches first, then prefixes, then the most active."""
        if self._names is None:
            self._names = [
                (eid, tuple(fold(n) for n in (rec.label, *rec.aliases)))
                for eid, rec in self.entities.items()
            ]
        needle = fold(q)
        if not needle:
            return []
        ranked = []
        for eid, names in self._names:
            if not any(needle in n for n in names):
                continue
            rec = self.entities[eid]
            if type and rec.type != type:
                continue
            rank = 0 if needle in names else 1 if any(n.startswith(needle) for n in names) else 2
            ranked.append((rank, -self.degree(eid), fold(rec.label), eid))
        ranked.sort()
        return [self.entities[r[3]] for r in ranked[:limit]]

    def claim_facets(self, eid: str) -> tuple[Counter, Counter, Counter]:
        """The entity's claims (made or received) per stance, per document and per year."""
        found = self.counts.get(eid)
        return found if found is not None else (Counter(), Counter(), Counter())

    def degree(self, eid: str) -> int:
        """Claims made + claims received + relations: how connected an entity is."""
        return (
            len(self.claims_by.get(eid, ()))
            + len(self.claims_about.get(eid, ()))
            + len(self.rel_out.get(eid, ()))
            + len(self.rel_in.get(eid, ()))
        )


def aggregate(index: GraphIndex) -> None:
    """Fill the index's types and aggregated adjacency from its records."""
    index.types = {e: rec.type for e, rec in index.entities.items()}

    def add(a: str, b: str, key: tuple[str, str], date: str | None, sample: str | None) -> None:
        groups = index.pairs_out[a].get(b)
        if groups is None:
            groups = index.pairs_out[a][b] = index.pairs_in[b][a] = {}
        agg = groups.get(key)
        if agg is None:
            groups[key] = [1, date, date, sample]
            return
        agg[0] += 1
        if date:
            agg[1] = min(agg[1] or date, date)
            agg[2] = max(agg[2] or date, date)

    counts = index.counts
    for rec in index.claims:
        for about in rec.about:
            add(rec.claimant, about, ("claim", rec.stance), rec.date, rec.id)
        for eid in (rec.claimant, *rec.about):
            mine = counts.get(eid)
            if mine is None:
                mine = counts[eid] = (Counter(), Counter(), Counter())
            mine[0][rec.stance] += 1
            if rec.document:
                mine[1][rec.document] += 1
            if rec.date:
                mine[2][rec.date[:4]] += 1
    for r in index.relations:
        add(r.source, r.target, ("relation", r.predicate), r.start, None)


def _packed(store: GraphStore, where: str, *columns: str) -> Iterator[list[str]]:
    """Rows of ``columns`` (each the STR of a variable) fetched as one packed string."""
    parts = f', "{_FS}", '.join(f"STR(?{c})" for c in columns)
    query = f'SELECT (GROUP_CONCAT(CONCAT({parts}); separator="{_RS}") AS ?all) WHERE {{ {where} }}'
    rows = store.select(query)
    packed = str(rows[0].get("all", "")) if rows else ""
    if not packed:
        return
    for record in packed.split(_RS):
        values = record.split(_FS)
        if len(values) == len(columns):
            yield values


def _pairs(store: GraphStore, predicate: str, *, where: str = "") -> Iterator[tuple[str, str]]:
    yield from ((s, o) for s, o in _packed(store, f"?s {predicate} ?o . {where}", "s", "o"))


def build_index(store: GraphStore, *, iris: Iris, freeze: bool = True) -> GraphIndex:
    """Read the actor network out of the store (see the module docstring).

    ``freeze``: move the index (and everything alive now) out of the cyclic garbage
    collector's reach (``gc.freeze``). The index is millions of long-lived objects; without
    this every full collection walks them all, a pause of about 100 ms on a million triples
    that lands on whichever request happens to trigger it."""
    started = time.perf_counter()
    index = GraphIndex()
    ent = iris.base + "entity/"
    claim_prefix = iris.base + "claim/"
    doc_prefix = iris.base + "doc/"
    n_ent, n_claim, n_doc = len(ent), len(claim_prefix), len(doc_prefix)

    def eid(iri: str) -> str | None:
        return iri[n_ent:] if iri.startswith(ent) else None

    types: dict[str, str] = {}
    rank = {str(cls): i for i, cls in enumerate(TYPE_CLASSES.values())}
    names = {str(cls): name for name, cls in TYPE_CLASSES.items()}
    values = " ".join(f"<{cls}>" for cls in TYPE_CLASSES.values())
    for s, t in _pairs(store, "a", where=f"VALUES ?o {{ {values} }}"):
        e = eid(s)
        if e is not None and (e not in types or rank[t] < rank[str(TYPE_CLASSES[types[e]])]):
            types[e] = names[t]
    labels = {e: lab for s, lab in _pairs(store, "skos:prefLabel") if (e := eid(s))}
    aliases: dict[str, list[str]] = defaultdict(list)
    for s, alias in _pairs(store, "skos:altLabel"):
        if (e := eid(s)) is not None:
            aliases[e].append(alias)
    for e in labels.keys() | types.keys():
        index.entities[e] = EntityRecord(
            id=e,
            label=labels.get(e, e),
            type=types.get(e),
            aliases=tuple(sorted(set(aliases.get(e, ())))),
        )
    index.documents = {
        d[n_doc:]: title
        for d, title in _pairs(store, "schema:name", where="?s a dkg:Document .")
        if d.startswith(doc_prefix)
    }
    about = list(_pairs(store, "schema:about"))
    _claims(
        store, index, about, eid=eid, n_claim=n_claim, claim_prefix=claim_prefix, doc=doc_prefix
    )
    _relations(store, index, about, eid=eid)
    aggregate(index)
    if freeze:
        gc.collect()
        gc.freeze()
    index.seconds = time.perf_counter() - started
    return index


def _claims(
    store: GraphStore,
    index: GraphIndex,
    about_pairs: list[tuple[str, str]],
    *,
    eid: Callable[[str], str | None],
    n_claim: int,
    claim_prefix: str,
    doc: str,
) -> None:
    claimant = {c[n_claim:]: e for c, o in _pairs(store, "dkg:claimant") if (e := eid(o))}
    stance = {
        c[n_claim:]: s.rsplit("/", 1)[-1]
        for c, s in _pairs(store, "dkg:stance")
        if c.startswith(claim_prefix)
    }
    about: dict[str, list[str]] = defaultdict(list)
    for c, o in about_pairs:
        if c.startswith(claim_prefix) and (e := eid(o)) is not None:
            about[c[n_claim:]].append(e)
    created = {c[n_claim:]: d for c, d in _pairs(store, "schema:dateCreated")}
    meeting = {c[n_claim:]: m for c, m in _pairs(store, "dkg:atMeeting")}
    derived = {c[n_claim:]: d for c, d in _pairs(store, "prov:wasDerivedFrom")}
    starts = dict(_pairs(store, "schema:startDate"))
    published = dict(_pairs(store, "schema:datePublished"))
    for cid in sorted(claimant.keys() & stance.keys()):
        m, d = meeting.get(cid), derived.get(cid)
        date = created.get(cid) or starts.get(m or "") or published.get(d or "")
        rec = ClaimRecord(
            id=cid,
            claimant=claimant[cid],
            about=tuple(dict.fromkeys(a for a in about.get(cid, ()) if a != claimant[cid])),
            stance=stance[cid],
            date=date[:10] if date else None,
            document=d[len(doc) :] if d and d.startswith(doc) else None,
            meeting=eid(m) if m else None,
        )
        i = len(index.claims)
        index.claims.append(rec)
        index.claims_by[rec.claimant].append(i)
        for a in rec.about:
            index.claims_about[a].append(i)
        if rec.meeting:
            index.claims_at[rec.meeting].append(i)
        if rec.document:
            index.claims_in[rec.document].append(i)


def _relations(
    store: GraphStore,
    index: GraphIndex,
    about_pairs: list[tuple[str, str]],
    *,
    eid: Callable[[str], str | None],
) -> None:
    found: dict[tuple[str, str, str], RelationRecord] = {}
    about = str(SCHEMA.about)
    values = " ".join(f"<{p}>" for p in RELATION_NAMES if p != about)
    where = f"VALUES ?p {{ {values} }} ?s ?p ?o . FILTER(isIRI(?o))"
    triples = [*_packed(store, where, *"spo"), *((s, about, o) for s, o in about_pairs)]
    for s, p, o in triples:
        a, b = eid(s), eid(o)
        if a and b and a != b and a in index.entities:
            found.setdefault((a, RELATION_NAMES[p], b), RelationRecord(a, RELATION_NAMES[p], b))
    dated = store.select(
        """SELECT ?kind ?a ?b ?start ?end WHERE {
             { ?x dkg:holder ?a ; dkg:post ?b BIND("holdsPosition" AS ?kind) }
             UNION { ?x org:member ?a ; org:organization ?b BIND("memberOf" AS ?kind) }
             OPTIONAL { ?x schema:startDate ?start } OPTIONAL { ?x schema:endDate ?end } }"""
    )
    for row in dated:
        a, b = eid(str(row["a"])), eid(str(row["b"]))
        if not (a and b):
            continue
        key = (a, str(row["kind"]), b)
        start = str(row["start"]) if row.get("start") else None
        end = str(row["end"]) if row.get("end") else None
        old = found.get(key)
        if old is None or (old.start is None and old.end is None):
            found[key] = RelationRecord(a, key[1], b, start, end)
        else:  # several spells: keep the whole span
            found[key] = RelationRecord(
                a,
                key[1],
                b,
                min(filter(None, (old.start, start)), default=None),
                None if old.end is None or end is None else max(old.end, end),
            )
    for key in sorted(found):
        rec = found[key]
        i = len(index.relations)
        index.relations.append(rec)
        index.rel_out[rec.source].append(i)
        index.rel_in[rec.target].append(i)
