"""Entities: search by name or alias, and everything the graph says about one entity.

>>> from kg.rdf.iris import Iris
>>> from kg.store import Store
>>> search_entities(Store.in_memory(), iris=Iris("https://example.org/"), q="x").total
0
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.errors import NotFound
from kg.queries.claims import Claim, list_claims
from kg.queries.common import (
    Memo,
    Page,
    Ref,
    class_iri,
    entity_iri,
    entity_ref,
    fold,
    page_of,
    text,
    type_name,
)
from kg.queries.records import RecordCache
from kg.queries.stats import compact
from kg.rdf.common import CLASS_TYPES
from kg.rdf.document import RELATION_PREDICATES
from kg.rdf.iris import DKG, ORG, WD, Iris
from kg.store import GraphStore

RELATION_NAMES: dict[str, str] = {str(v): k for k, v in RELATION_PREDICATES.items()} | {
    str(ORG.subOrganizationOf): "subOrganizationOf",
    str(ORG.postIn): "postIn",
}
_RELATION_VALUES = " ".join(f"<{p}>" for p in RELATION_NAMES)
# shown in their own fields, not among "properties"
_NOT_PROPERTIES = {
    str(p)
    for p in (RDF.type, SKOS.prefLabel, SKOS.altLabel, RDFS.label, SKOS.exactMatch)
    + (DKG.mentionedIn, DCTERMS.identifier, PROV.wasDerivedFrom)
}


@dataclass(frozen=True)
class EntitySummary:
    """An entity in a search result."""

    id: str
    iri: str
    label: str
    types: list[str]
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None


@dataclass(frozen=True)
class Relation:
    """A relation between two entities (``object`` is None for literal values)."""

    predicate: str
    predicate_iri: str
    subject: Ref
    object: Ref | None = None
    value: str | None = None


@dataclass(frozen=True)
class BallotCast:
    """One vote an entity cast."""

    event: Ref
    option: str
    motion: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class EntityDetail:
    """Everything about one entity: labels, types, links, relations, claims and votes."""

    id: str
    iri: str
    label: str | None
    aliases: list[str]
    types: list[str]
    wikidata: str | None
    properties: dict[str, list[str]]
    relations_out: list[Relation]
    relations_in: list[Relation]
    claims_made: Page[Claim]
    claims_about: Page[Claim]
    votes: list[BallotCast]
    documents: list[Ref]


# One pattern per query: an entity's label and types are repeated in every document graph
# that names it, and the union default graph keeps those copies, so joining them in one
# query multiplies the copies (minutes on a million triples) before DISTINCT removes them.
_LABELS = "SELECT DISTINCT ?e ?label WHERE { ?e skos:prefLabel ?label }"
_ALTS = "SELECT DISTINCT ?e ?alt WHERE { ?e skos:altLabel ?alt }"
_WIKIDATA = "SELECT DISTINCT ?e ?wd WHERE { ?e skos:exactMatch ?wd }"
_TYPES = "SELECT DISTINCT ?e ?type WHERE { ?e a ?type }"

# The distinct triples first, then their labels: each copy of a triple (one per document graph
# that states it) would otherwise meet each copy of the label.
_OUT = """
SELECT DISTINCT ?e ?p ?o ?ol WHERE {
  { SELECT DISTINCT ?p ?o WHERE { ?e ?p ?o } }
  OPTIONAL { ?o skos:prefLabel ?ol }
} ORDER BY ?p ?o"""

_IN = """
SELECT DISTINCT ?e ?s ?p ?sl WHERE {
  { SELECT DISTINCT ?s ?p WHERE { VALUES ?p { %s } ?s ?p ?e } }
  OPTIONAL { ?s skos:prefLabel ?sl }
} ORDER BY ?p ?s"""  # only relations: a state is the object of thousands of ballots

_BALLOTS = """
SELECT DISTINCT ?e ?event ?option ?text ?date WHERE {
  ?vote opengov:voter ?e ; opengov:option ?option ; opengov:voteEvent ?event .
  OPTIONAL { ?event opengov:motion/opengov:text ?text }
  OPTIONAL { ?event schema:startDate ?date }
} ORDER BY ?date ?event"""

_DESCRIBE = """
CONSTRUCT { ?e ?p ?o . ?s ?q ?e } WHERE {
  { ?e ?p ?o } UNION { ?s ?q ?e . FILTER(?q IN (%s)) }
}"""


def _wikidata_id(iri: str | None) -> str | None:
    return iri[len(str(WD)) :] if iri and iri.startswith(str(WD)) else None


def entity_table(store: GraphStore, *, iris: Iris) -> dict[str, dict]:
    """Every entity's label, aliases, types and Wikidata id, folded for search (computed
    once per store state by callers that search often)."""
    found: dict[str, dict] = {}
    by_iri: dict[str, dict] = {}
    for row in store.select(_LABELS):
        iri = str(row["e"])
        if iri in by_iri or (eid := iris.local_id(iri)) is None:
            continue
        by_iri[iri] = found[eid] = {"iri": iri, "label": str(row["label"]), "alt": {}, "types": {}}
    for row in store.select(_ALTS):
        if (e := by_iri.get(str(row["e"]))) is not None:
            e["alt"][str(row["alt"])] = None
    for row in store.select(_TYPES, values={"type": list(CLASS_TYPES)}):
        if (e := by_iri.get(str(row["e"]))) is not None:
            e["types"][CLASS_TYPES[row["type"]]] = None
    for row in store.select(_WIKIDATA):
        if (e := by_iri.get(str(row["e"]))) is not None:
            e["wd"] = _wikidata_id(str(row["wd"]))
    for e in found.values():
        e["names"] = [fold(n) for n in (e["label"], *e["alt"])]
    return found


QUICK_ENTITIES = 500


@dataclass(frozen=True)
class EntityIndex:
    """Every entity's summary and folded names, laid out for substring search: one string
    of all names (``\\x00`` between them), searched by the str methods in C, and where each
    entity's names start in it."""

    summaries: list[EntitySummary]
    names: list[list[str]]
    sort_keys: list[str]
    names_text: str
    starts: list[int]

    @classmethod
    def of(cls, table: dict[str, dict]) -> EntityIndex:
        """The index of an :func:`entity_table`."""
        summaries, names, keys, starts, parts, at = [], [], [], [], [], 0
        for eid, e in table.items():
            summaries.append(
                EntitySummary(
                    id=eid,
                    iri=e["iri"],
                    label=e["label"],
                    types=sorted(e["types"]),
                    aliases=sorted(e["alt"]),
                    wikidata=e.get("wd"),
                )
            )
            names.append(e["names"])
            keys.append(fold(e["label"]))
            part = "\x00" + "\x00".join(e["names"]) + "\x00"
            starts.append(at)
            parts.append(part)
            at += len(part)
        return cls(summaries, names, keys, "".join(parts), starts)

    def quick(self, q: str | None) -> bool:
        """Is a search for ``q`` sure to be quick (about a millisecond): the index is small,
        or the text is long enough to match few names? The cost of a search grows with the
        entities it matches (an empty text matches them all).

        >>> EntityIndex.of({}).quick(None)
        True
        """
        return len(self.summaries) <= QUICK_ENTITIES or len(fold(q or "")) >= 3

    def containing(self, needle: str) -> list[int]:
        """The positions of the entities one of whose names contains ``needle``."""
        if not needle:
            return list(range(len(self.summaries)))
        if "\x00" in needle:
            return []
        found, text, starts = [], self.names_text, self.starts
        pos = text.find(needle)
        while pos != -1:
            i = bisect_right(starts, pos) - 1
            found.append(i)
            if i + 1 == len(starts):
                break
            pos = text.find(needle, starts[i + 1])
        return found


def search_entities(
    store: GraphStore,
    *,
    iris: Iris,
    q: str | None = None,
    type: str | None = None,
    limit: int = 50,
    offset: int = 0,
    table: dict[str, dict] | None = None,
    index: EntityIndex | None = None,
) -> Page[EntitySummary]:
    """Entities whose label or an alias contains ``q`` (case- and accent-insensitive),
    optionally of one type; exact matches first, then prefixes, then by label. ``index``
    (or ``table``): a prepared :class:`EntityIndex` (:func:`entity_table`), else it is read
    from the store."""
    wanted = type_name(class_iri(type)) if type else None
    if index is None:
        index = EntityIndex.of(table if table is not None else entity_table(store, iris=iris))
    needle = fold(q) if q else ""
    ranked: list[tuple[int, str, str, EntitySummary]] = []
    for i in index.containing(needle):
        summary = index.summaries[i]
        if wanted and wanted not in summary.types:
            continue
        names = index.names[i]
        rank = 0 if needle in names else 1 if any(n.startswith(needle) for n in names) else 2
        ranked.append((rank, index.sort_keys[i], summary.id, summary))
    ranked.sort(key=lambda t: t[:3])
    return page_of([t[3] for t in ranked], limit=limit, offset=offset)


def get_entity(
    store: GraphStore,
    entity_id: str,
    *,
    iris: Iris,
    claims_limit: int = 20,
    cache: Memo | None = None,
    records: RecordCache[Claim] | None = None,
) -> EntityDetail:
    """The entity page's data; NotFound when the graph says nothing about the id
    (``cache``: see :func:`kg.queries.claims.list_claims`)."""
    node = entity_iri(iris, entity_id)
    out_rows = store.select(_OUT, bindings={"e": node})
    if not out_rows:
        raise NotFound(f"no entity '{entity_id}'")
    eid = iris.local_id(str(node)) or entity_id
    values: dict[str, list] = {}
    for row in out_rows:
        values.setdefault(str(row["p"]), []).append(row)
    label = next((str(r["o"]) for r in values.get(str(SKOS.prefLabel), [])), None)
    subject = Ref(iri=str(node), id=eid, label=label)
    wikidata = next(
        (w for r in values.get(str(SKOS.exactMatch), []) if (w := _wikidata_id(str(r["o"])))),
        None,
    )
    relations_out = [
        Relation(
            predicate=RELATION_NAMES[p],
            predicate_iri=p,
            subject=subject,
            object=entity_ref(iris, r["o"], r.get("ol")) if isinstance(r["o"], URIRef) else None,
            value=None if isinstance(r["o"], URIRef) else str(r["o"]),
        )
        for p, rows in values.items()
        if p in RELATION_NAMES
        for r in rows
    ]
    relations_in = [
        Relation(
            predicate=RELATION_NAMES[str(row["p"])],
            predicate_iri=str(row["p"]),
            subject=entity_ref(iris, row["s"], row.get("sl")),
            object=subject,
        )
        for row in store.select(_IN % _RELATION_VALUES, bindings={"e": node})
        if str(row["p"]) in RELATION_NAMES and iris.local_id(str(row["s"])) is not None
    ]
    votes = [
        BallotCast(
            event=Ref(iri=str(r["event"]), id=iris.local_id(str(r["event"]), "vote")),
            option=str(r["option"]),
            motion=text(r, "text"),
            date=text(r, "date"),
        )
        for r in store.select(_BALLOTS, bindings={"e": node})
    ]
    documents = sorted(
        {str(r["o"]) for r in values.get(str(DKG.mentionedIn), [])},
    )
    return EntityDetail(
        id=eid,
        iri=str(node),
        label=label,
        aliases=sorted({str(r["o"]) for r in values.get(str(SKOS.altLabel), [])}),
        types=sorted({t for r in values.get(str(RDF.type), []) if (t := type_name(r["o"]))}),
        wikidata=wikidata,
        properties={
            compact(p): [str(r["o"]) for r in rows]
            for p, rows in values.items()
            if p not in _NOT_PROPERTIES and p not in RELATION_NAMES
        },
        relations_out=relations_out,
        relations_in=relations_in,
        claims_made=list_claims(
            store, iris=iris, claimant=eid, limit=claims_limit, cache=cache, records=records
        ),
        claims_about=list_claims(
            store, iris=iris, about=eid, limit=claims_limit, cache=cache, records=records
        ),
        votes=votes,
        documents=[Ref(iri=d, id=iris.local_id(d, "doc")) for d in documents],
    )


def describe_entity(store: GraphStore, entity_id: str, *, iris: Iris) -> Graph:
    """The entity's own triples and the relations pointing at it, as an RDF graph."""
    node = entity_iri(iris, entity_id)
    predicates = ", ".join(f"<{p}>" for p in RELATION_NAMES)
    graph = store.construct(_DESCRIBE % predicates, bindings={"e": node})
    if len(graph) == 0:
        raise NotFound(f"no entity '{entity_id}'")
    for prefix, ns in (("skos", SKOS), ("dkg", DKG), ("org", ORG), ("wd", WD)):
        graph.bind(prefix, ns)
    return graph
