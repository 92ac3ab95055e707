"""The ontology, the stance scheme and the SHACL shapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS

from kg.rdf.iris import DKG, OA, OPENGOV, ORG, SCHEMA, STANCE, STANCES
from kg.validate import store as validation
from kg.validate.store import ValidationReport, Violation
from ontology import ONTOLOGY_DIR, ONTOLOGY_IRI, declared_terms, load_ontology, load_shapes

ROOT = Path(__file__).resolve().parents[1]
VANN = Namespace("http://purl.org/vocab/vann/")
# a plain Namespace: rdflib's XSD DefinedNamespace warns when pytest inspects this module
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
EX = Namespace("https://example.org/")

# ---------------------------------------------------------------------------------------------
# The ontology graph
# ---------------------------------------------------------------------------------------------


@pytest.fixture(params=["pyshacl", "sparql"], autouse=True)
def engine(request: pytest.FixtureRequest) -> str:
    """Every shape test runs with pyshacl and with the SPARQL validator: same results."""
    return request.param


def validate_graph(g: Graph) -> ValidationReport:
    return validation.validate_graph(g, engine=_ENGINE[0])


_ENGINE = ["pyshacl"]


@pytest.fixture(autouse=True)
def _use_engine(engine: str) -> None:
    _ENGINE[0] = engine


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def test_ontology_files_are_package_data() -> None:
    for name in ("diplokg.ttl", "stances.ttl", "shapes.ttl"):
        assert (ONTOLOGY_DIR / name).is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'ontology = ["*.ttl"]' in pyproject


def test_ontology_has_no_blank_nodes(onto: Graph) -> None:
    blank = [t for t in onto if any(isinstance(term, BNode) for term in t)]
    assert blank == []


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    for pred in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, DCTERMS.license):
        assert onto.value(ONTOLOGY_IRI, pred) is not None, pred
    assert str(onto.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "dkg"
    assert str(onto.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(DKG)


def test_load_ontology_returns_a_copy() -> None:
    first = load_ontology()
    first.remove((DKG.Claim, None, None))
    assert (DKG.Claim, RDF.type, OWL.Class) in load_ontology()


def own_terms(onto: Graph) -> set[URIRef]:
    return {
        s
        for s in onto.subjects()
        if isinstance(s, URIRef) and (s.startswith(str(DKG)) or s.startswith(str(STANCE)))
    }


def test_every_own_term_has_a_label_and_a_comment(onto: Graph) -> None:
    terms = own_terms(onto)
    assert len(terms) > 50
    missing = sorted(
        str(t)
        for t in terms
        if onto.value(t, RDFS.label) is None or onto.value(t, RDFS.comment) is None
    )
    assert missing == []


def test_every_term_is_defined_by_its_vocabulary(onto: Graph) -> None:
    """Every declared class or property names the vocabulary it comes from."""
    kinds = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
    terms = {s for kind in kinds for s in onto.subjects(RDF.type, kind)}
    undefined = sorted(str(t) for t in terms if onto.value(t, RDFS.isDefinedBy) is None)
    assert undefined == []
    for t in terms:
        assert onto.value(t, RDFS.label) is not None, t


MODEL_CLASSES = {
    DKG.Actor: {PROV.Agent},
    DKG.State: {DKG.Actor, ORG.FormalOrganization, SCHEMA.Country},
    DKG.Person: {DKG.Actor, SCHEMA.Person, PROV.Person},
    DKG.Organization: {DKG.Actor, ORG.Organization},
    DKG.Mechanism: {DKG.Actor, ORG.Organization},
    DKG.Report: {SCHEMA.Report, PROV.Entity},
    DKG.Instrument: {SCHEMA.Legislation},
    DKG.Position: {ORG.Post},
    DKG.Meeting: {SCHEMA.Event},
    DKG.Document: {SCHEMA.CreativeWork, PROV.Entity},
    DKG.Claim: {SCHEMA.Claim, PROV.Entity},
    DKG.Tenure: {PROV.Influence},
    DKG.RelationStatement: {RDF.Statement},
    DKG.ExtractionActivity: {PROV.Activity},
}


@pytest.mark.parametrize("cls", sorted(MODEL_CLASSES), ids=lambda c: c.rsplit("#", 1)[-1])
def test_classes_link_to_the_standard_classes(onto: Graph, cls: URIRef) -> None:
    assert (cls, RDF.type, OWL.Class) in onto
    assert set(onto.objects(cls, RDFS.subClassOf)) == MODEL_CLASSES[cls]
    for parent in MODEL_CLASSES[cls]:
        assert parent in declared_terms()


def test_property_axioms(onto: Graph) -> None:
    assert (DKG.claimant, RDFS.subPropertyOf, PROV.wasAttributedTo) in onto
    assert (DKG.authored, OWL.inverseOf, SCHEMA.author) in onto
    assert (DKG.stance, RDFS.range, SKOS.Concept) in onto
    assert (DKG.evidence, RDFS.range, OA.SpecificResource) in onto
    assert (DKG.confidence, RDFS.range, XSD.decimal) in onto
    assert (DKG.found, RDF.type, OWL.DatatypeProperty) in onto
    assert (DKG.represents, RDF.type, OWL.ObjectProperty) in onto


_NAMESPACES = {
    "DKG": DKG,
    "SCHEMA": SCHEMA,
    "ORG": ORG,
    "OPENGOV": OPENGOV,
    "OA": OA,
    "PROV": PROV,
    "SKOS": SKOS,
    "DCTERMS": DCTERMS,
    "RDFS": RDFS,
    "RDF": RDF,
}
_TERM = re.compile(r"\b(" + "|".join(_NAMESPACES) + r")\.([A-Za-z_][A-Za-z0-9_]*)")


def code_terms() -> set[URIRef]:
    """Every ``NS.term`` the Python code writes or queries (kg and api packages)."""
    found: set[URIRef] = set()
    for package in ("kg", "api"):
        for path in (ROOT / package).rglob("*.py"):
            for ns, name in _TERM.findall(path.read_text(encoding="utf-8")):
                found.add(URIRef(str(_NAMESPACES[ns]) + name))
    return found - {RDF.type}


def test_every_term_named_in_the_code_is_declared() -> None:
    """A cheap version of tests/test_terms_declared.py that needs no built store."""
    terms = code_terms()
    assert DKG.claimant in terms and OA.hasSelector in terms
    missing = sorted(str(t) for t in terms - declared_terms())
    assert missing == []


# ---------------------------------------------------------------------------------------------
# The stance scheme
# ---------------------------------------------------------------------------------------------


def test_stance_scheme_has_exactly_the_eight_concepts(onto: Graph) -> None:
    assert (DKG.StanceScheme, RDF.type, SKOS.ConceptScheme) in onto
    in_scheme = set(onto.subjects(SKOS.inScheme, DKG.StanceScheme))
    assert in_scheme == {STANCE[s] for s in STANCES}
    assert set(onto.subjects(RDF.type, SKOS.Concept)) == in_scheme
    assert set(onto.objects(DKG.StanceScheme, SKOS.hasTopConcept)) == in_scheme


@pytest.mark.parametrize("key", STANCES)
def test_each_stance_is_fully_described(onto: Graph, key: str) -> None:
    concept = STANCE[key]
    assert (concept, RDF.type, SKOS.Concept) in onto
    assert (concept, SKOS.topConceptOf, DKG.StanceScheme) in onto
    assert str(onto.value(concept, SKOS.notation)) == key
    assert len(list(onto.objects(concept, SKOS.prefLabel))) == 1
    for pred in (SKOS.definition, RDFS.label, RDFS.comment, SKOS.example):
        value = onto.value(concept, pred)
        assert isinstance(value, Literal) and len(str(value)) > 2, (key, pred)


# ---------------------------------------------------------------------------------------------
# The shapes graph
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    property_shapes = set(shapes.objects(None, SH.property)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    sparql = set(shapes.objects(None, SH.sparql))
    assert len(property_shapes) > 30 and len(sparql) >= 7
    silent = [s for s in property_shapes | sparql if shapes.value(s, SH.message) is None]
    assert silent == []


def test_sparql_constraints_declare_their_prefixes(shapes: Graph) -> None:
    declared = {
        str(shapes.value(d, SH.prefix))
        for holder in shapes.subjects(SH.declare, None)
        for d in shapes.objects(holder, SH.declare)
    }
    for constraint in shapes.objects(None, SH.sparql):
        holder = shapes.value(constraint, SH.prefixes)
        assert holder is not None, constraint
        query = str(shapes.value(constraint, SH.select))
        used = set(re.findall(r"\b([a-z]+):[A-Za-z]", query))
        assert used <= declared, (constraint, used - declared)


def test_shape_targets_are_declared_classes(shapes: Graph) -> None:
    targets = set(shapes.objects(None, SH.targetClass))
    assert {DKG.Claim, OA.SpecificResource, OPENGOV.VoteEvent, DKG.Actor} <= targets
    assert targets <= declared_terms()


# ---------------------------------------------------------------------------------------------
# Validation of small graphs
# ---------------------------------------------------------------------------------------------

TEXT = "China expressed deep concern about the situation. Russia objected to the meeting."
DOC = EX["doc/d"]
CHINA, RUSSIA = EX["entity/chn"], EX["entity/rus"]
CLAIM = EX["claim/d/1"]


def evidence(g: Graph, start: int, end: int) -> URIRef:
    """An oa:SpecificResource for TEXT[start:end], as the RDF mapper writes it."""
    ev = EX[f"evidence/d/{start}-{end}"]
    quote, pos = EX[f"evidence/d/{start}-{end}/quote"], EX[f"evidence/d/{start}-{end}/position"]
    g.add((ev, RDF.type, OA.SpecificResource))
    g.add((ev, OA.hasSource, DOC))
    g.add((ev, OA.hasSelector, quote))
    g.add((ev, OA.hasSelector, pos))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(TEXT[start:end])))
    g.add((quote, OA.prefix, Literal(TEXT[max(0, start - 10) : start])))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    return ev


def base_graph() -> Graph:
    """A document and two described states."""
    g = Graph()
    g.add((DOC, RDF.type, DKG.Document))
    g.add((DOC, DCTERMS.identifier, Literal("d")))
    g.add((DOC, DKG.sha256, Literal("0" * 64)))
    g.add((DOC, SCHEMA.text, Literal(TEXT)))
    g.add((DOC, DKG.characterCount, Literal(len(TEXT), datatype=XSD.integer)))
    for node, label in ((CHINA, "China"), (RUSSIA, "Russian Federation")):
        g.add((node, RDF.type, DKG.State))
        g.add((node, RDF.type, DKG.Actor))
        g.add((node, SKOS.prefLabel, Literal(label)))
    return g


def claim_graph() -> Graph:
    """A minimal valid claim: one claimant, one stance, one evidence span."""
    g = base_graph()
    g.add((CLAIM, RDF.type, DKG.Claim))
    g.add((CLAIM, DKG.claimant, CHINA))
    g.add((CLAIM, DKG.stance, STANCE.concern))
    g.add((CLAIM, SCHEMA.about, RUSSIA))
    g.add((CLAIM, DKG.confidence, Literal("0.9", datatype=XSD.decimal)))
    g.add((CLAIM, SCHEMA.dateCreated, Literal("2024-06-12", datatype=XSD.date)))
    g.add((CLAIM, DKG.evidence, evidence(g, 0, TEXT.index(".") + 1)))
    return g


def shape_names(report: ValidationReport) -> set[tuple[str, str | None, str | None]]:
    """(focus, path, shape local name) of each result, shape names without the namespace."""
    return {
        (v.focus, v.path, (v.shape or "").replace(str(DKG), "dkg:") or None)
        for v in report.violations
    }


def only(report: ValidationReport) -> Violation:
    assert len(report.violations) == 1, [v.as_dict() for v in report.violations]
    return report.violations[0]


def test_a_valid_claim_conforms() -> None:
    report = validate_graph(claim_graph())
    assert report.conforms, [v.as_dict() for v in report.violations]
    assert report.violations == []


def test_a_report_may_be_the_claimant_of_a_finding() -> None:
    g = claim_graph()
    commission_report = EX["entity/coi-report"]
    g.add((commission_report, RDF.type, DKG.Report))
    g.add((commission_report, SKOS.prefLabel, Literal("Report of the commission")))
    g.set((CLAIM, DKG.claimant, commission_report))
    g.set((CLAIM, DKG.stance, STANCE["find"]))
    report = validate_graph(g)
    assert report.conforms, [v.as_dict() for v in report.violations]


def test_a_claim_with_two_claimants_is_rejected() -> None:
    g = claim_graph()
    g.add((CLAIM, DKG.claimant, RUSSIA))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (
        str(CLAIM),
        str(DKG.claimant),
        str(DKG.ClaimClaimantCountShape),
    )
    assert v.severity == "Violation" and "exactly one claimant" in v.message


def test_a_claimant_that_is_not_an_actor_is_rejected() -> None:
    g = claim_graph()
    meeting = EX["entity/s-pv-9653"]
    g.add((meeting, RDF.type, DKG.Meeting))
    g.add((meeting, SKOS.prefLabel, Literal("9653rd meeting")))
    g.set((CLAIM, DKG.claimant, meeting))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (
        str(CLAIM),
        str(DKG.claimant),
        str(DKG.ClaimClaimantKindShape),
    )


def test_a_stance_outside_the_scheme_is_rejected() -> None:
    g = claim_graph()
    g.set((CLAIM, DKG.stance, STANCE.threaten))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (
        str(CLAIM),
        str(DKG.stance),
        str(DKG.ClaimStanceValueShape),
    )
    assert "stance scheme" in v.message


def test_a_claim_with_two_stances_is_rejected() -> None:
    g = claim_graph()
    g.add((CLAIM, DKG.stance, STANCE.oppose))
    v = only(validate_graph(g))
    assert (v.focus, v.shape) == (str(CLAIM), str(DKG.ClaimStanceCountShape))


def test_a_claim_without_evidence_is_rejected() -> None:
    g = claim_graph()
    g.remove((CLAIM, DKG.evidence, None))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (
        str(CLAIM),
        str(DKG.evidence),
        str(DKG.ClaimEvidenceCountShape),
    )


def test_a_claim_whose_evidence_is_not_described_is_rejected() -> None:
    g = claim_graph()
    g.set((CLAIM, DKG.evidence, EX["evidence/d/999-1000"]))
    report = validate_graph(g)
    assert not report.conforms
    on_claim = {(v.path, v.shape) for v in report.violations if v.focus == str(CLAIM)}
    assert on_claim == {(str(DKG.evidence), str(DKG.ClaimEvidenceValueShape))}
    # pyshacl attaches why the evidence fails (sh:detail); those results name the evidence
    assert {v.focus for v in report.violations} <= {str(CLAIM), str(EX["evidence/d/999-1000"])}


def test_a_confidence_above_one_is_rejected() -> None:
    g = claim_graph()
    g.set((CLAIM, DKG.confidence, Literal("1.5", datatype=XSD.decimal)))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (
        str(CLAIM),
        str(DKG.confidence),
        str(DKG.ClaimConfidenceShape),
    )


def test_evidence_with_start_not_before_end_is_rejected() -> None:
    g = base_graph()
    ev = evidence(g, 20, 10)
    g.set((EX["evidence/d/20-10/quote"], OA.exact, Literal("x")))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (str(ev), str(OA.hasSelector), str(DKG.EvidenceShape))
    assert "smaller than its end" in v.message


def test_offsets_read_back_from_the_store_as_integers_conform() -> None:
    """Oxigraph returns xsd:nonNegativeInteger offsets as xsd:integer; both are fine."""
    g = claim_graph()
    pos = EX[f"evidence/d/0-{TEXT.index('.') + 1}/position"]
    for pred in (OA.start, OA.end):
        value = g.value(pos, pred)
        g.set((pos, pred, Literal(int(value), datatype=XSD.integer)))
    assert validate_graph(g).conforms
    g.set((pos, OA.start, Literal(-1, datatype=XSD.integer)))
    report = validate_graph(g)
    assert (str(pos), str(OA.start)) in {(v.focus, v.path) for v in report.violations}


def test_evidence_whose_quote_does_not_match_its_offsets_is_rejected() -> None:
    g = base_graph()
    ev = evidence(g, 0, 5)
    g.set((EX["evidence/d/0-5/quote"], OA.exact, Literal("Chinese")))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (str(ev), str(OA.hasSelector), str(DKG.EvidenceShape))
    assert "as long as its offsets" in v.message


def test_evidence_past_the_end_of_the_document_is_rejected() -> None:
    g = base_graph()
    ev = evidence(g, len(TEXT) - 5, len(TEXT) + 5)
    g.set((EX[f"evidence/d/{len(TEXT) - 5}-{len(TEXT) + 5}/quote"], OA.exact, Literal("x" * 10)))
    v = only(validate_graph(g))
    assert (v.focus, v.shape) == (str(ev), str(DKG.EvidenceShape))
    assert "length of its source" in v.message


def test_evidence_without_a_source_or_a_quote_is_rejected() -> None:
    g = base_graph()
    ev = evidence(g, 0, 5)
    g.remove((ev, OA.hasSource, None))
    g.remove((ev, OA.hasSelector, EX["evidence/d/0-5/quote"]))
    report = validate_graph(g)
    assert {(v.focus, v.path, v.shape) for v in report.violations} == {
        (str(ev), str(OA.hasSource), str(DKG.EvidenceSourceShape)),
        (str(ev), str(OA.hasSelector), str(DKG.EvidenceQuoteShape)),
    }


EVENT = EX["vote/m-agenda"]


def vote_graph(named_yes: list[URIRef], yes: int = 1) -> Graph:
    """A vote event with counts yes / no=1 / abstain=0, and the given states named yes."""
    g = base_graph()
    motion = EX["motion/m-agenda"]
    g.add((EVENT, RDF.type, OPENGOV.VoteEvent))
    g.add((EVENT, OPENGOV.motion, motion))
    g.add((motion, RDF.type, OPENGOV.Motion))
    g.add((motion, OPENGOV.text, Literal("adoption of the provisional agenda")))
    for option, value in (("yes", yes), ("no", 1), ("abstain", 0)):
        count = EX[f"vote/m-agenda/count/{option}"]
        g.add((EVENT, OPENGOV["count"], count))
        g.add((count, RDF.type, OPENGOV.Count))
        g.add((count, OPENGOV.option, Literal(option)))
        g.add((count, OPENGOV.value, Literal(value, datatype=XSD.integer)))
    for voter in named_yes:
        add_vote(g, voter, "yes")
    return g


def add_vote(g: Graph, voter: URIRef, option: str) -> URIRef:
    vote = EX[f"vote/m-agenda/{voter.rsplit('/', 1)[-1]}"]
    g.add((EVENT, OPENGOV.vote, vote))
    g.add((vote, RDF.type, OPENGOV.Vote))
    g.add((vote, OPENGOV.voteEvent, EVENT))
    g.add((vote, OPENGOV.voter, voter))
    g.add((vote, OPENGOV.option, Literal(option)))
    return vote


def test_a_vote_naming_no_more_states_than_counted_conforms() -> None:
    report = validate_graph(vote_graph([CHINA]))
    assert report.conforms, [v.as_dict() for v in report.violations]
    assert validate_graph(vote_graph([])).conforms  # fewer named than counted is fine


def test_a_vote_naming_more_states_than_counted_is_rejected() -> None:
    v = only(validate_graph(vote_graph([CHINA, RUSSIA], yes=1)))
    assert (v.focus, v.path, v.shape) == (str(EVENT), str(OPENGOV.vote), str(DKG.VoteEventShape))
    assert v.message == "A vote event names 2 states voting yes, more than its count of 1."
    assert validate_graph(vote_graph([CHINA, RUSSIA], yes=2)).conforms


def test_a_state_named_twice_in_one_vote_is_rejected() -> None:
    g = vote_graph([CHINA])
    vote = add_vote(g, CHINA, "no")  # the same vote IRI, now with two options
    report = validate_graph(g)
    assert shape_names(report) == {
        (str(EVENT), str(OPENGOV.vote), "dkg:VoteEventShape"),
        (str(vote), str(OPENGOV.option), "dkg:VoteOptionShape"),
    }
    named_twice = [v for v in report.violations if v.focus == str(EVENT)]
    assert str(CHINA) in named_twice[0].message


def test_two_counts_for_one_option_are_rejected() -> None:
    g = vote_graph([])
    extra = EX["vote/m-agenda/count/yes-again"]
    g.add((EVENT, OPENGOV["count"], extra))
    g.add((extra, RDF.type, OPENGOV.Count))
    g.add((extra, OPENGOV.option, Literal("yes")))
    g.add((extra, OPENGOV.value, Literal(3, datatype=XSD.integer)))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (
        str(EVENT),
        str(OPENGOV["count"]),
        str(DKG.VoteEventShape),
    )
    assert "at most one count per option" in v.message


def test_a_count_with_a_bad_option_or_value_is_rejected() -> None:
    g = vote_graph([])
    count = EX["vote/m-agenda/count/abstain"]
    g.set((count, OPENGOV.option, Literal("maybe")))
    g.set((count, OPENGOV.value, Literal(-1, datatype=XSD.integer)))
    report = validate_graph(g)
    assert {(v.focus, v.path, v.shape) for v in report.violations} >= {
        (str(count), str(OPENGOV.option), str(DKG.CountOptionShape)),
        (str(count), str(OPENGOV.value), str(DKG.CountValueShape)),
    }
    assert {v.focus for v in report.violations} == {str(count), str(EVENT)}


def test_an_actor_with_two_preferred_labels_is_rejected() -> None:
    g = base_graph()
    g.add((CHINA, SKOS.prefLabel, Literal("People's Republic of China")))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (
        str(CHINA),
        str(SKOS.prefLabel),
        str(DKG.ActorLabelShape),
    )


def test_an_actor_typed_only_by_its_class_is_checked_too() -> None:
    """A person not also typed dkg:Actor still gets the actor shape."""
    g = base_graph()
    g.add((EX["entity/volker-turk"], RDF.type, DKG.Person))
    v = only(validate_graph(g))
    assert (v.focus, v.shape) == (str(EX["entity/volker-turk"]), str(DKG.ActorLabelShape))


def test_a_report_without_a_preferred_label_is_rejected() -> None:
    g = base_graph()
    g.add((EX["entity/r"], RDF.type, DKG.Report))
    v = only(validate_graph(g))
    assert (v.focus, v.shape) == (str(EX["entity/r"]), str(DKG.NamedEntityLabelShape))


def test_a_membership_ending_before_it_starts_is_rejected() -> None:
    g = base_graph()
    m = EX["membership/chn-sc-2024"]
    g.add((m, RDF.type, ORG.Membership))
    g.add((m, ORG.member, CHINA))
    g.add((m, ORG.organization, EX["entity/un-security-council"]))
    g.add((m, DKG.seatType, Literal("elected")))
    g.add((m, SCHEMA.startDate, Literal("2024-01-01", datatype=XSD.date)))
    g.add((m, SCHEMA.endDate, Literal("2024-12-31", datatype=XSD.date)))
    assert validate_graph(g).conforms
    g.set((m, SCHEMA.endDate, Literal("2023-12-31", datatype=XSD.date)))
    v = only(validate_graph(g))
    assert (v.focus, v.path, v.shape) == (str(m), str(SCHEMA.endDate), str(DKG.MembershipShape))


def test_a_tenure_without_a_post_is_rejected() -> None:
    g = base_graph()
    t = EX["tenure/x"]
    g.add((t, RDF.type, DKG.Tenure))
    g.add((t, DKG.holder, EX["entity/volker-turk"]))
    v = only(validate_graph(g))
    assert (v.focus, v.path) == (str(t), str(DKG.post))


def test_a_document_with_a_wrong_checksum_or_length_is_rejected() -> None:
    g = base_graph()
    g.set((DOC, DKG.sha256, Literal("not-a-digest")))
    g.set((DOC, DKG.characterCount, Literal(len(TEXT) + 1, datatype=XSD.integer)))
    report = validate_graph(g)
    assert {(v.focus, v.path) for v in report.violations} == {
        (str(DOC), str(DKG.sha256)),
        (str(DOC), str(DKG.characterCount)),
    }


def test_a_valid_claim_conforms_with_the_ontology_in_the_data() -> None:
    """As in the store, where the union of all graphs includes the ontology graph."""
    report = validate_graph(claim_graph() + load_ontology())
    assert report.conforms and report.violations == []


def test_the_ontology_itself_is_not_flagged() -> None:
    """Validating the ontology graph alone (mixed in as the ontology too) finds nothing."""
    assert validate_graph(load_ontology()).violations == []
