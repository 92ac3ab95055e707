"""The benchmark's queries, written once in SPARQL, with their relations-API equivalents.

Every query runs over the default graph as the union of the named graphs. Aggregates and
projections use DISTINCT where a triple can sit in several graphs (an entity's label is
repeated in each document graph that describes it): Oxigraph's union default graph keeps
such duplicates, rdflib's does not, so DISTINCT makes the three systems comparable.

>>> [q.name for q in QUERIES][:3]
['lookup', 'claims_by', 'about_by_stance']
>>> all(q.sparql.startswith("PREFIX") for q in QUERIES)
True
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.rdf.iris import sparql_prefixes

E = "https://w3id.org/diplokg/entity/"
PREFIXES = sparql_prefixes()


@dataclass(frozen=True)
class Query:
    """One benchmark query: SPARQL text, and the relations-API request that answers the same
    question (None when the API has no equivalent)."""

    name: str
    title: str
    body: str
    api: tuple[str, dict[str, str]] | None = None
    heavy: bool = False  # a join rdflib is not expected to finish in time

    @property
    def sparql(self) -> str:
        return PREFIXES + self.body.strip() + "\n"


QUERIES: list[Query] = [
    Query(
        "lookup",
        "entity lookup by label",
        'SELECT DISTINCT ?e WHERE { { ?e skos:prefLabel "China" } '
        'UNION { ?e skos:altLabel "China" } }',
        api=("/api/entities", {"q": "China", "limit": "20"}),
    ),
    Query(
        "claims_by",
        "claims by an actor, with evidence",
        f"""
SELECT ?claim ?stance ?doc ?exact ?start ?end WHERE {{
  ?claim dkg:claimant <{E}bra> ; prov:wasDerivedFrom ?doc ; dkg:stance ?stance ;
         dkg:evidence ?ev .
  ?ev oa:hasSelector ?qs . ?qs oa:exact ?exact .
  ?ev oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end .
}} ORDER BY ?doc ?start ?claim LIMIT 20""",
        api=("/api/claims", {"claimant": "bra", "limit": "20"}),
    ),
    Query(
        "about_by_stance",
        "claims about an entity, by stance",
        f"""
SELECT ?stance (COUNT(DISTINCT ?claim) AS ?n) WHERE {{
  ?claim schema:about <{E}prk> ; dkg:stance ?stance .
}} GROUP BY ?stance ORDER BY DESC(?n) ?stance""",
    ),
    Query(
        "votes_of",
        "one state's votes across meetings",
        f"""
SELECT ?event ?date ?option ?meeting WHERE {{
  ?vote opengov:voter <{E}chn> ; opengov:option ?option ; opengov:voteEvent ?event .
  OPTIONAL {{ ?event schema:startDate ?date }}
  OPTIONAL {{ ?event dkg:atMeeting ?meeting }}
}} ORDER BY ?date ?event""",
        api=("/api/votes", {"state": "chn", "limit": "20"}),
    ),
    Query(
        "top_actors",
        "top actors by claims",
        """
SELECT ?actor (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c dkg:claimant ?actor }
GROUP BY ?actor ORDER BY DESC(?n) ?actor LIMIT 20""",
    ),
    Query(
        "triple_page",
        "triple-pattern page with offset",
        f"SELECT DISTINCT ?s WHERE {{ ?s dkg:claimant <{E}chn> }} LIMIT 50 OFFSET 50",
        api=(
            "/api/relations",
            {"predicate": "dkg:claimant", "object": "chn", "limit": "50", "offset": "50"},
        ),
    ),
    Query(
        "ego_2hop",
        "2-hop ego network (claims)",
        f"""
SELECT DISTINCT ?a ?b WHERE {{
  {{ SELECT DISTINCT ?a WHERE {{
      {{ ?c1 dkg:claimant <{E}mex> ; schema:about ?a }}
      UNION {{ ?c1 schema:about <{E}mex> ; dkg:claimant ?a }} }} }}
  {{ ?c2 dkg:claimant ?a ; schema:about ?b }} UNION {{ ?c2 schema:about ?a ; dkg:claimant ?b }}
}}""",
        heavy=True,
    ),
    Query(
        "co_stance",
        "co-stance pairs of states (heavy join)",
        """
SELECT ?a ?b (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?a ?s ?t WHERE {
      ?c dkg:claimant ?a ; dkg:stance ?s ; schema:about ?t . ?a a dkg:State } }
  { SELECT DISTINCT ?b ?s ?t WHERE {
      ?c dkg:claimant ?b ; dkg:stance ?s ; schema:about ?t . ?b a dkg:State } }
  FILTER(STR(?a) < STR(?b))
} GROUP BY ?a ?b ORDER BY DESC(?n) ?a ?b LIMIT 50""",
        heavy=True,
    ),
]
BY_NAME = {q.name: q for q in QUERIES}
