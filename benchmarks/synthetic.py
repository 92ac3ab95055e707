"""A deterministic synthetic knowledge graph shaped like the real one (for benchmarks).

Same seed and size give the same triples. The shape follows ``docs/model.md`` and the reference
data: UN member states (a few real names first, the rest invented), UN bodies, NGOs and
mechanisms, positions held by persons over dated tenures, Security Council memberships per year,
dated Council meetings, and one document per meeting whose text holds one sentence per claim
(evidence spans with quote and position selectors) and whose procedural votes list each
member's ballot. Actors are drawn from a power law (Zipf), so a few states are very popular
claimants and targets, as in the real corpus.

Usage::

    .venv/bin/python benchmarks/synthetic.py --triples 1000000 --store data/bench/synthetic-1m
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.rdf.iris import (  # noqa: E402
    DKG,
    OA,
    OPENGOV,
    ORG,
    SCHEMA,
    STANCE,
    STANCES,
    Iris,
    digest,
)
from kg.store import Store  # noqa: E402

BASE = "https://w3id.org/diplokg/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

MAJOR_STATES = [
    ("usa", "United States", "United States of America"),
    ("chn", "China", "People's Republic of China"),
    ("rus", "Russian Federation", "Russia"),
    ("prk", "Democratic People's Republic of Korea", "DPRK"),
    ("gbr", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland"),
    ("fra", "France", "French Republic"),
    ("kor", "Republic of Korea", "South Korea"),
    ("jpn", "Japan", "Nippon"),
    ("syr", "Syrian Arab Republic", "Syria"),
    ("irn", "Iran (Islamic Republic of)", "Iran"),
    ("ukr", "Ukraine", "Ukraine"),
    ("isr", "Israel", "State of Israel"),
    ("moz", "Mozambique", "Republic of Mozambique"),
    ("alb", "Albania", "Republic of Albania"),
    ("bra", "Brazil", "Federative Republic of Brazil"),
    ("ind", "India", "Republic of India"),
    ("mex", "Mexico", "United Mexican States"),
    ("gha", "Ghana", "Republic of Ghana"),
    ("che", "Switzerland", "Swiss Confederation"),
    ("mlt", "Malta", "Republic of Malta"),
]
UN_BODIES = [
    ("un-security-council", "UN Security Council", "Security Council"),
    ("un-general-assembly", "UN General Assembly", "General Assembly"),
    ("human-rights-council", "Human Rights Council", "HRC"),
    ("ohchr", "Office of the UN High Commissioner for Human Rights", "OHCHR"),
    ("united-nations", "United Nations", "UN"),
    ("unicef", "UNICEF", "United Nations Children's Fund"),
    ("wfp", "World Food Programme", "WFP"),
    ("iaea", "International Atomic Energy Agency", "IAEA"),
]
MECHANISMS = [
    ("coi-dprk", "Commission of Inquiry on the DPRK", "COI"),
    ("icc", "International Criminal Court", "ICC"),
    ("sr-dprk", "Special Rapporteur on the DPRK", "SR"),
    ("panel-of-experts", "Panel of Experts established pursuant to resolution 1874", "PoE"),
]
VERBS = {
    "concern": "expressed deep concern about",
    "oppose": "firmly opposed any action concerning",
    "support": "welcomed the efforts regarding",
    "accuse": "accused the authorities of",
    "call_for": "called for accountability from",
    "recommend": "recommended further measures on",
    "find": "found serious violations involving",
    "assert": "said that the situation was shaped by",
}
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vo", "sa", "dru", "el", "an", "bor", "qui", "zel"]
SURNAMES = ["Orr", "Velt", "Amari", "Kwon", "Sato", "Lind", "Moreau", "Okafor", "Ivanova", "Reyes"]
START = dt.date(2014, 1, 1)
DAYS = 12 * 365


@dataclass
class Summary:
    """What was generated: triples and counts per kind (for the benchmark's printout)."""

    triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


class _Zipf:
    """Draws items with probability proportional to 1 / rank**s (deterministic given rng)."""

    def __init__(self, items: Sequence[str], *, s: float, rng: random.Random) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(items))))
        self.rng = rng

    def draw(self) -> str:
        x = self.rng.random() * self.cum[-1]
        return self.items[bisect.bisect_right(self.cum, x)]


class _Writer:
    """Accumulates N-Triples for one named graph."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def t(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def data(self) -> bytes:
        return "".join(self.lines).encode("utf-8")


def _iri(value: str) -> str:
    return str(ox.NamedNode(value))


def _lit(value: str | int, datatype: str | None = None) -> str:
    if datatype is None:
        return str(ox.Literal(str(value)))
    return str(ox.Literal(str(value), datatype=ox.NamedNode(datatype)))


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class Generator:
    """Builds the synthetic graph graph by graph (reference graph first, then documents)."""

    def __init__(self, *, seed: int, iris: Iris) -> None:
        self.rng = random.Random(seed)
        self.iris = iris
        self.p = {  # predicate IRIs in N-Triples form
            "type": _iri(RDF_TYPE),
            "pref": _iri(SKOS + "prefLabel"),
            "alt": _iri(SKOS + "altLabel"),
            "label": _iri(RDFS_LABEL),
            "ident": _iri(DCT + "identifier"),
        }
        self.states: list[str] = []
        self.orgs: list[str] = []
        self.mechanisms: list[str] = []
        self.persons: list[str] = []
        self.labels: dict[str, str] = {}
        self.council: dict[int, list[str]] = {}

    # helpers ---------------------------------------------------------------------------------

    def e(self, eid: str) -> str:
        return _iri(str(self.iris.entity(eid)))

    def describe(self, w: _Writer, eid: str, kind: str, label: str, aliases: Sequence[str]) -> None:
        node = self.e(eid)
        w.t(node, self.p["type"], _iri(str(DKG[kind])))
        if kind in ("State", "Person", "Organization", "Mechanism"):
            w.t(node, self.p["type"], _iri(str(DKG.Actor)))
        w.t(node, self.p["pref"], _lit(label))
        w.t(node, self.p["label"], _lit(label))
        w.t(node, self.p["ident"], _lit(eid))
        for alias in aliases:
            if alias != label:
                w.t(node, self.p["alt"], _lit(alias))
        self.labels[eid] = label

    # the reference graph ---------------------------------------------------------------------

    def reference(self, *, persons: int) -> _Writer:
        w, rng = _Writer(), self.rng
        for eid, label, alias in MAJOR_STATES:
            self.states.append(eid)
            self.describe(w, eid, "State", label, [alias])
        for n in range(193 - len(MAJOR_STATES)):
            eid = f"x{n:02d}"
            label = f"{_name(rng, 3)}ia"
            self.states.append(eid)
            self.describe(w, eid, "State", label, [f"Republic of {label}"])
        for eid in self.states:
            node = self.e(eid)
            w.t(node, _iri(str(DKG.iso3166Alpha3)), _lit(eid.upper()))
            w.t(node, _iri(str(DKG.unStatus)), _lit("member"))
            w.t(node, _iri(str(ORG.memberOf)), self.e("united-nations"))
        for eid, label, alias in UN_BODIES:
            self.orgs.append(eid)
            self.describe(w, eid, "Organization", label, [alias])
        for n in range(300):
            eid = f"ngo-{n:03d}"
            self.orgs.append(eid)
            self.describe(w, eid, "Organization", f"{_name(rng, 2)} Watch {n}", [f"NGO {n}"])
        for eid, label, alias in MECHANISMS:
            self.mechanisms.append(eid)
            self.describe(w, eid, "Mechanism", label, [alias])
        positions = []
        for sid in self.states:
            pid = f"pr-{sid}"
            positions.append((pid, sid))
            self.describe(w, pid, "Position", f"Permanent Representative of {self.labels[sid]}", [])
            w.t(self.e(pid), _iri(str(ORG.postIn)), self.e("united-nations"))
        for n in range(persons):
            eid = f"person-{n:05d}"
            label = f"{_name(rng, 2)} {rng.choice(SURNAMES)} {n}"
            self.persons.append(eid)
            self.describe(w, eid, "Person", label, [label.split(" ")[0]])
            node = self.e(eid)
            if rng.random() < 0.8:
                state = self.states[min(int(rng.paretovariate(1.2)) - 1, len(self.states) - 1)]
                w.t(node, _iri(str(DKG.represents)), self.e(state))
                if rng.random() < 0.3:
                    pid, _ = positions[self.states.index(state)]
                    self._tenure(w, eid, pid)
            else:
                w.t(node, _iri(str(SCHEMA.worksFor)), self.e(rng.choice(self.orgs)))
        for year in range(2014, 2026):
            members = self.states[:5] + rng.sample(self.states[5:], 10)
            self.council[year] = members
            for sid in members:
                m = _iri(str(self.iris.membership(sid, "un-security-council", str(year))))
                w.t(m, self.p["type"], _iri(str(ORG.Membership)))
                w.t(m, _iri(str(ORG.member)), self.e(sid))
                w.t(m, _iri(str(ORG.organization)), self.e("un-security-council"))
                w.t(m, _iri(str(SCHEMA.startDate)), _lit(f"{year}-01-01", XSD + "date"))
                w.t(m, _iri(str(SCHEMA.endDate)), _lit(f"{year}-12-31", XSD + "date"))
        for sid in self.states[:5]:
            w.t(self.e(sid), _iri(str(ORG.memberOf)), self.e("un-security-council"))
        return w

    def _tenure(self, w: _Writer, person: str, post: str) -> None:
        start = START + dt.timedelta(days=self.rng.randrange(DAYS))
        end = start + dt.timedelta(days=self.rng.randrange(200, 1500))
        tenure = _iri(str(self.iris.tenure(person, post, start.isoformat())))
        w.t(self.e(person), _iri(str(ORG.holds)), self.e(post))
        w.t(tenure, self.p["type"], _iri(str(DKG.Tenure)))
        w.t(tenure, _iri(str(DKG.holder)), self.e(person))
        w.t(tenure, _iri(str(DKG.post)), self.e(post))
        w.t(tenure, _iri(str(SCHEMA.startDate)), _lit(start.isoformat(), XSD + "date"))
        w.t(tenure, _iri(str(SCHEMA.endDate)), _lit(end.isoformat(), XSD + "date"))

    # documents -------------------------------------------------------------------------------

    def documents(self, *, claims_per_doc: int) -> Iterator[tuple[str, _Writer, Summary]]:
        """Endless meetings, each with its record document (the caller stops at its size)."""
        rng = self.rng
        actors = self.states[:12] + self.orgs[:8] + self.mechanisms + self.states[12:]
        rest = self.persons + self.orgs[8:]
        rng.shuffle(rest)
        claimants = _Zipf(actors + rest, s=1.0, rng=rng)
        targets = _Zipf(
            ["prk", "chn", "usa", "rus", "un-security-council", *self.mechanisms]
            + self.states[4:]
            + self.orgs,
            s=1.05,
            rng=rng,
        )
        for n in itertools.count():
            yield self._document(n, claimants, targets, claims_per_doc)

    def _document(
        self, n: int, claimants: _Zipf, targets: _Zipf, claims_per_doc: int
    ) -> tuple[str, _Writer, Summary]:
        rng, w, stats = self.rng, _Writer(), Summary()
        number = 7000 + n
        day = START + dt.timedelta(days=(n * 7919) % DAYS)
        date = _lit(day.isoformat(), XSD + "date")
        meeting_id = f"unsc-meeting-{number}"
        doc_id = f"synthetic-{n:05d}"
        doc = _iri(str(self.iris.document(doc_id)))
        meeting = self.e(meeting_id)
        topic = targets.draw()
        self.describe(
            w,
            meeting_id,
            "Meeting",
            f"Security Council meeting {number} ({day.isoformat()})",
            [f"S/PV.{number}"],
        )
        w.t(meeting, _iri(str(SCHEMA.startDate)), date)
        w.t(meeting, _iri(str(DKG.meetingNumber)), _lit(number, XSD + "integer"))
        w.t(meeting, _iri(str(SCHEMA.organizer)), self.e("un-security-council"))
        w.t(meeting, _iri(str(SCHEMA.about)), self.e(topic))
        stats.add("meetings")
        activity = _iri(str(self.iris.activity(doc_id)))
        sentences: list[str] = []
        offset = 0
        mentioned: set[str] = {topic}
        k = max(2, int(rng.expovariate(1 / claims_per_doc)))
        pending: list[tuple[int, int, str, str, list[str]]] = []
        for _ in range(k):
            claimant = claimants.draw()
            abouts = list(dict.fromkeys(targets.draw() for _ in range(rng.choice((1, 1, 2)))))
            abouts = [a for a in abouts if a != claimant] or [topic]
            stance = rng.choice(STANCES)
            sentence = (
                f"The representative of {self.labels[claimant]} {VERBS[stance]} "
                f"{' and '.join(self.labels[a] for a in abouts)}."
            )
            pending.append((offset, offset + len(sentence), claimant, stance, abouts))
            sentences.append(sentence)
            offset += len(sentence) + 1
            mentioned.update([claimant, *abouts])
        vote_sentence = None
        if rng.random() < 0.3:
            vote_sentence = "The Council then voted on the provisional agenda."
            sentences.append(vote_sentence)
        text = " ".join(sentences)
        for start, end, claimant, stance, abouts in pending:
            claim = _iri(str(self.iris.claim(doc_id, digest(claimant, stance, start, end))))
            w.t(claim, self.p["type"], _iri(str(DKG.Claim)))
            w.t(claim, _iri(str(DKG.claimant)), self.e(claimant))
            w.t(claim, _iri(str(DKG.stance)), _iri(str(STANCE[stance])))
            for about in abouts:
                w.t(claim, _iri(str(SCHEMA.about)), self.e(about))
            w.t(claim, _iri(str(DKG.atMeeting)), meeting)
            w.t(claim, _iri(str(SCHEMA.dateCreated)), date)
            w.t(claim, _iri(str(DKG.confidence)), _lit("0.9", XSD + "decimal"))
            w.t(claim, _iri(str(SCHEMA.description)), _lit(f"{claimant} {stance}"))
            w.t(claim, _iri(str(DKG.evidence)), self._evidence(w, doc_id, doc, text, start, end))
            w.t(claim, _iri(PROV + "wasDerivedFrom"), doc)
            w.t(claim, _iri(PROV + "wasGeneratedBy"), activity)
            stats.add("claims")
        if vote_sentence is not None:
            start = text.index(vote_sentence)
            self._vote(w, doc_id, doc, text, meeting, date, day.year, start)
            stats.add("votes")
        for eid in sorted(mentioned):
            w.t(self.e(eid), _iri(str(DKG.mentionedIn)), doc)
        speaker = pending[0][2]
        w.t(self.e(speaker), _iri(str(DKG.participatedIn)), meeting)
        st = _iri(str(self.iris.statement(doc_id, digest(speaker, "participatedIn"))))
        w.t(st, self.p["type"], _iri(str(DKG.RelationStatement)))
        w.t(st, _iri(RDF_NS + "subject"), self.e(speaker))
        w.t(st, _iri(RDF_NS + "predicate"), _iri(str(DKG.participatedIn)))
        w.t(st, _iri(RDF_NS + "object"), meeting)
        w.t(st, _iri(PROV + "wasDerivedFrom"), doc)
        self._document_triples(w, doc_id, doc, text, day, number, activity)
        stats.add("documents")
        return doc_id, w, stats

    def _document_triples(
        self, w: _Writer, doc_id: str, doc: str, text: str, day: dt.date, number: int, act: str
    ) -> None:
        title = f"Security Council, {number}th meeting"
        w.t(doc, self.p["type"], _iri(str(DKG.Document)))
        w.t(doc, self.p["ident"], _lit(doc_id))
        w.t(doc, _iri(str(SCHEMA.name)), _lit(title))
        w.t(doc, self.p["label"], _lit(title))
        w.t(doc, _iri(str(SCHEMA.text)), _lit(text))
        w.t(doc, _iri(str(SCHEMA.datePublished)), _lit(day.isoformat(), XSD + "date"))
        w.t(doc, _iri(str(DKG.publisherName)), _lit("Synthetic Press"))
        w.t(doc, _iri(str(DKG.documentKind)), _lit("meeting-summary"))
        w.t(doc, _iri(str(SCHEMA.encodingFormat)), _lit("text/plain"))
        w.t(doc, _iri(str(DKG.characterCount)), _lit(len(text), XSD + "integer"))
        w.t(act, self.p["type"], _iri(str(DKG.ExtractionActivity)))
        w.t(act, _iri(PROV + "used"), doc)

    def _evidence(self, w: _Writer, doc_id: str, doc: str, text: str, start: int, end: int) -> str:
        ev = _iri(str(self.iris.evidence(doc_id, start, end)))
        quote = _iri(str(self.iris.selector(doc_id, start, end, "quote")))
        pos = _iri(str(self.iris.selector(doc_id, start, end, "position")))
        w.t(ev, self.p["type"], _iri(str(OA.SpecificResource)))
        w.t(ev, _iri(str(OA.hasSource)), doc)
        w.t(ev, _iri(str(OA.hasSelector)), quote)
        w.t(ev, _iri(str(OA.hasSelector)), pos)
        w.t(quote, self.p["type"], _iri(str(OA.TextQuoteSelector)))
        w.t(quote, _iri(str(OA.exact)), _lit(text[start:end]))
        w.t(quote, _iri(str(OA.prefix)), _lit(text[max(0, start - 40) : start]))
        w.t(quote, _iri(str(OA.suffix)), _lit(text[end : end + 40]))
        w.t(pos, self.p["type"], _iri(str(OA.TextPositionSelector)))
        w.t(pos, _iri(str(OA.start)), _lit(start, XSD + "nonNegativeInteger"))
        w.t(pos, _iri(str(OA.end)), _lit(end, XSD + "nonNegativeInteger"))
        return ev

    def _vote(
        self,
        w: _Writer,
        doc_id: str,
        doc: str,
        text: str,
        meeting: str,
        date: str,
        year: int,
        start: int,
    ) -> None:
        key = f"{doc_id}-0-{start}"
        event = _iri(str(self.iris.vote_event(key)))
        motion = _iri(str(self.iris.motion(key)))
        w.t(event, self.p["type"], _iri(str(OPENGOV.VoteEvent)))
        w.t(event, _iri(str(OPENGOV.motion)), motion)
        w.t(motion, self.p["type"], _iri(str(OPENGOV.Motion)))
        w.t(motion, _iri(str(OPENGOV.text)), _lit("provisional agenda"))
        w.t(motion, _iri(str(OPENGOV.organization)), self.e("un-security-council"))
        w.t(event, _iri(str(DKG.atMeeting)), meeting)
        w.t(event, _iri(str(SCHEMA.startDate)), date)
        ballots: dict[str, list[str]] = {"yes": [], "no": [], "abstain": []}
        for sid in self.council[min(max(year, 2014), 2025)]:
            option = self.rng.choices(("yes", "no", "abstain"), weights=(10, 3, 2))[0]
            ballots[option].append(sid)
        result = "adopted" if len(ballots["yes"]) >= 9 else "rejected"
        w.t(event, _iri(str(OPENGOV.result)), _lit(result))
        for option, voters in ballots.items():
            count = _iri(str(self.iris.count(key, option)))
            w.t(event, _iri(str(OPENGOV["count"])), count)
            w.t(count, self.p["type"], _iri(str(OPENGOV.Count)))
            w.t(count, _iri(str(OPENGOV.option)), _lit(option))
            w.t(count, _iri(str(OPENGOV.value)), _lit(len(voters), XSD + "integer"))
            for sid in voters:
                vote = _iri(str(self.iris.vote(key, sid)))
                w.t(event, _iri(str(OPENGOV.vote)), vote)
                w.t(vote, self.p["type"], _iri(str(OPENGOV.Vote)))
                w.t(vote, _iri(str(OPENGOV.voteEvent)), event)
                w.t(vote, _iri(str(OPENGOV.voter)), self.e(sid))
                w.t(vote, _iri(str(OPENGOV.option)), _lit(option))
        end = start + len("The Council then voted on the provisional agenda.")
        w.t(event, _iri(str(DKG.evidence)), self._evidence(w, doc_id, doc, text, start, end))
        w.t(event, _iri(PROV + "wasDerivedFrom"), doc)


def generate(
    store: Store,
    *,
    triples: int = 1_000_000,
    seed: int = 7,
    iris: Iris | None = None,
    persons: int | None = None,
    claims_per_doc: int = 18,
) -> Summary:
    """Fill ``store`` with about ``triples`` triples (stopping after the document that reaches
    the target); deterministic for a given seed and size."""
    iris = iris or Iris(BASE)
    started = time.perf_counter()
    gen = Generator(seed=seed, iris=iris)
    summary = Summary()
    persons = persons if persons is not None else max(50, triples // 160)
    ref = gen.reference(persons=persons)
    store.load_graph(iris.reference_graph(), ref.data(), media_type="application/n-triples")
    summary.triples += len(ref.lines)
    summary.add("states", len(gen.states))
    summary.add("persons", len(gen.persons))
    summary.add("organizations", len(gen.orgs) + len(gen.mechanisms))
    for doc_id, w, stats in gen.documents(claims_per_doc=claims_per_doc):
        if summary.triples >= triples:
            break
        store.load_graph(iris.doc_graph(doc_id), w.data(), media_type="application/n-triples")
        summary.triples += len(w.lines)
        for kind, n in stats.counts.items():
            summary.add(kind, n)
    summary.seconds = time.perf_counter() - started
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path, required=True, help="a new store directory")
    args = parser.parse_args(argv)
    if args.store.exists() and any(args.store.iterdir()):
        print(f"error: {args.store} is not empty", file=sys.stderr)
        return 2
    store = Store.open(args.store)
    summary = generate(store, triples=args.triples, seed=args.seed)
    store.close()
    counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items()))
    print(f"{summary.triples} triples in {summary.seconds:.1f} s ({counts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
