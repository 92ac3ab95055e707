"""Queries of the graph as plain functions returning plain objects.

Computed once, rendered many ways: the HTTP API renders these objects as JSON, CSV or RDF,
the explorer as HTML. User values are bound as RDF terms, never pasted into SPARQL text.
"""

from kg.queries.claims import Claim, get_claim, list_claims
from kg.queries.common import Evidence, Page, Ref
from kg.queries.documents import (
    DocumentDetail,
    DocumentSummary,
    Span,
    get_document,
    get_span,
    list_documents,
)
from kg.queries.entities import (
    EntityDetail,
    EntityIndex,
    EntitySummary,
    Relation,
    describe_entity,
    entity_table,
    get_entity,
    search_entities,
)
from kg.queries.paths import EntityPath, shortest_paths
from kg.queries.relations import TripleItem, count_triples, match_triples, parse_term
from kg.queries.votes import VoteEvent, get_vote, list_votes

__all__ = [
    "Claim",
    "DocumentDetail",
    "DocumentSummary",
    "EntityDetail",
    "EntityIndex",
    "EntitySummary",
    "Evidence",
    "Page",
    "EntityPath",
    "Ref",
    "Relation",
    "Span",
    "TripleItem",
    "VoteEvent",
    "count_triples",
    "describe_entity",
    "entity_table",
    "get_claim",
    "get_document",
    "get_entity",
    "get_span",
    "get_vote",
    "list_claims",
    "list_documents",
    "list_votes",
    "match_triples",
    "parse_term",
    "search_entities",
    "shortest_paths",
]
