"""Namespaces and deterministic IRIs.

Every instance IRI is derived from a normalised key, so building the same input twice gives
the same graph.

>>> slug("Volker Türk")
'volker-turk'
>>> slug("  Democratic People's Republic of Korea ")
'democratic-people-s-republic-of-korea'
>>> ids = Iris("https://example.org/")
>>> ids.entity("chn")
rdflib.term.URIRef('https://example.org/entity/chn')
>>> ids.doc_graph("000_abc")
rdflib.term.URIRef('https://example.org/graph/doc/000-abc')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

DKG = Namespace("https://w3id.org/diplokg/ontology#")
STANCE = Namespace("https://w3id.org/diplokg/stance/")
ORG = Namespace("http://www.w3.org/ns/org#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

STANCES = ("concern", "oppose", "support", "accuse", "call_for", "recommend", "find", "assert")

PREFIXES: dict[str, Namespace] = {
    "dkg": DKG,
    "stance": STANCE,
    "org": ORG,
    "opengov": OPENGOV,
    "schema": SCHEMA,
    "oa": OA,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "wd": WD,
}

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Normalise a key: accents stripped, lower case, runs of other characters to ``-``."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub("-", ascii_text).strip("-") or "x"


def digest(*parts: object, length: int = 12) -> str:
    """A short stable hash of the parts (for claim and statement keys)."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to put before a query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


class Iris:
    """Mints instance IRIs under a base IRI."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _mint(self, *path: str) -> URIRef:
        return URIRef(self.base + "/".join(path))

    def entity(self, entity_id: str) -> URIRef:
        return self._mint("entity", slug(entity_id))

    def document(self, doc_id: str) -> URIRef:
        return self._mint("doc", slug(doc_id))

    def doc_graph(self, doc_id: str) -> URIRef:
        return self._mint("graph", "doc", slug(doc_id))

    def reference_graph(self) -> URIRef:
        return self._mint("graph", "reference")

    def claim(self, doc_id: str, key: str) -> URIRef:
        return self._mint("claim", slug(doc_id), key)

    def evidence(self, doc_id: str, start: int, end: int) -> URIRef:
        return self._mint("evidence", slug(doc_id), f"{start}-{end}")

    def selector(self, doc_id: str, start: int, end: int, kind: str) -> URIRef:
        return self._mint("evidence", slug(doc_id), f"{start}-{end}", kind)

    def statement(self, doc_id: str, key: str) -> URIRef:
        return self._mint("statement", slug(doc_id), key)

    def vote_event(self, key: str) -> URIRef:
        return self._mint("vote", slug(key))

    def motion(self, key: str) -> URIRef:
        return self._mint("motion", slug(key))

    def vote(self, key: str, voter: str) -> URIRef:
        return self._mint("vote", slug(key), slug(voter))

    def count(self, key: str, option: str) -> URIRef:
        return self._mint("vote", slug(key), "count", option)

    def tenure(self, person: str, position: str, start: str | None) -> URIRef:
        return self._mint("tenure", slug(f"{person}-{position}-{start or 'undated'}"))

    def membership(self, member: str, body: str, start: str | None) -> URIRef:
        return self._mint("membership", slug(f"{member}-{body}-{start or 'undated'}"))

    def activity(self, doc_id: str) -> URIRef:
        return self._mint("activity", "extract", slug(doc_id))

    def local_id(self, iri: str, kind: str = "entity") -> str | None:
        """The id part of an instance IRI of the given kind, or None if it is not one."""
        prefix = f"{self.base}{kind}/"
        return iri[len(prefix) :] if iri.startswith(prefix) else None
