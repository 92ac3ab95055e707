"""The extraction pipeline for one document, and its output in the gold format."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from kg.extract import patterns as P
from kg.extract.claims import ClaimFinder
from kg.extract.context import Doc, is_generic_speaker
from kg.extract.events import find_meetings
from kg.extract.gazetteer import SECURITY_COUNCIL, UNITED_NATIONS, default_gazetteer
from kg.extract.generic import add_generic
from kg.extract.mentions import Mentions, collect
from kg.extract.model import ClaimItem, Entity, Mention
from kg.extract.output import output
from kg.extract.relations import affiliations, positions_held, state_posts
from kg.extract.relations import build as build_relations
from kg.extract.reports import find_reports
from kg.extract.text import fold, fold_key
from kg.extract.votes import VoteItem, find_votes
from kg.iris import slug

_TOPIC_WORDS = re.compile(
    r"\b(the country|the regime|its people|its citizens|the state|human rights situation|"
    r"the government|pyongyang|the peninsula)\b"
)


def _topic(doc: Doc, mentions: Mentions) -> str | None:
    counts: Counter[str] = Counter()
    title = fold(doc.title)
    for m in mentions.items:
        if m.type == "State":
            counts[m.key] += 1
    for key in list(counts):
        e = mentions.entities[key]
        if any(fold(x) in title for x in [e.label, *e.mentions]):
            counts[key] += 3
    return counts.most_common(1)[0][0] if counts else None


def _voice_key(doc: Doc, mentions: Mentions, gaz) -> str | None:
    """The publishing organisation, for documents written in its own voice."""
    publisher = re.sub(r"\s*\([^)]*\)", "", doc.publisher).strip()
    if not publisher:
        return None
    hits = [m for m in gaz.find(publisher, fold(publisher)) if m.type == "Organization"]
    if hits:
        m = hits[0]
        key, label, wd = m.key, m.label, m.wikidata
    else:
        key, label, wd = slug(publisher), publisher, None
    e = mentions.entities.get(key)
    if e is None:
        mentions.entities[key] = Entity(key, label, "Organization", wd, known=bool(hits))
    return key


def _speakers(doc: Doc, mentions: Mentions) -> dict[int, str]:
    """turn start -> speaker entity; a QUESTION turn belongs to the journalist last called."""
    out: dict[int, str] = {}
    last_called: str | None = None
    for t in doc.turns:
        if t.speaker is None:
            continue
        if is_generic_speaker(t.speaker):
            if t.speaker.upper() in ("OPERATOR", "MODERATOR"):
                called = [m for m in mentions.in_span(t.start, t.end) if m.type == "Person"]
                if called:
                    last_called = called[-1].key
            elif t.speaker.upper() in ("QUESTION", "Q") and last_called:
                out[t.start] = last_called
            continue
        ms = [
            m for m in mentions.in_span(t.label_start, t.label_end + 1) if m.start == t.label_start
        ]
        if ms:
            out[t.start] = ms[0].key
    return out


def _journalists(doc: Doc, mentions: Mentions) -> list[tuple[str, str, int, int]]:
    out = []
    for person, at in P.journalists(doc.text):
        outlet = [
            m for m in mentions.in_span(at, at + 200) if m.start == at and m.type == "Organization"
        ]
        if not outlet:
            continue
        existing = [
            m for m in mentions.overlapping(person.start, person.start + 1) if m.type == "Person"
        ]
        key = existing[0].key if existing else person.key
        if not existing:
            mentions.add(person)
            mentions.add_entity(person, known=False)
        out.append((key, outlet[0].key, person.start, outlet[0].end))
    return out


def _state_posts(doc: Doc, mentions: Mentions, ref: Any) -> list[tuple[str, str, str, int, int]]:
    out = []
    for state, person, title in state_posts(doc, mentions, ref):
        state_name = mentions.entities[state.key].label
        post = None
        for b in ref.bodies:
            if (
                b.type == "Position"
                and state_name.lower() in b.label.lower()
                and ("representative" in b.label.lower() or "ambassador" in b.label.lower())
            ):
                post = b
                break
        if post is not None:
            key, label, known = post.id, post.label, True
        else:
            label = f"{title} of {state_name} to the United Nations"
            key, known = slug(label), False
        end = state.end + len(doc.text[state.end : person.start].rstrip())
        m = Mention(
            state.start,
            end,
            key,
            "Position",
            label,
            "name" if known else "pattern",
            surface=doc.text[state.start : end],
        )
        mentions.add_entity(m, known=known)
        out.append((person.key, key, state.key, state.start, person.end))
    return out


class TitleHolders(dict):
    """Position key -> the person holding it in this document (for titles used alone)."""

    def __init__(self, doc: Doc, mentions: Mentions, ref: Any, held: list) -> None:
        super().__init__()
        self.doc, self.mentions, self.ref = doc, mentions, ref
        for person, post, _s, _e in held:
            self[post] = person

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if key in self:
            return self[key]
        e = self.mentions.entities.get(key)
        if e is None:
            return default
        title = fold_key(e.label)
        for post, person in list(self.items()):
            pe = self.mentions.entities.get(post)
            if pe and title and title in fold_key(pe.label):
                self[key] = person
                return person
        if self.doc.date is not None and self.ref.get(key) is not None:
            holders = self.ref.holders(key, self.doc.date)
            if len(holders) == 1:
                h = holders[0]
                ent = self.mentions.entities.get(h.id) or Entity(
                    h.id, h.label, "Person", h.wikidata, known=True
                )
                self.mentions.entities[h.id] = ent
                for m in self.mentions.of_key(key):
                    ent.add_mention(" ".join(m.surface.split()))
                self[key] = h.id
                return h.id
        # nobody named: the title stands for its holder
        hk = f"{key}-holder"
        ent = self.mentions.entities.get(hk) or Entity(hk, e.label, "Person", None)
        self.mentions.entities[hk] = ent
        for m in self.mentions.of_key(key):
            ent.add_mention(" ".join(m.surface.split()))
        self[key] = hk
        return hk


def assemble(text: str, *, doc_id: str, meta: dict[str, Any]) -> dict:
    from kg.reference import load_reference

    ref = load_reference()
    gaz = default_gazetteer()
    doc = Doc.prepare(text, doc_id=doc_id, meta=meta)
    mentions = collect(doc, gaz)
    topic = _topic(doc, mentions)
    add_generic(doc, mentions, ref, topic=topic)
    meetings = find_meetings(doc, mentions, ref, topic=topic)
    find_reports(doc, mentions, ref)
    journalists = _journalists(doc, mentions)
    speakers = _speakers(doc, mentions)
    voice = _voice_key(doc, mentions, gaz) if doc.voice == "author" else None
    held = positions_held(doc, mentions)
    posts = _state_posts(doc, mentions, ref)
    holders = TitleHolders(doc, mentions, ref, held)
    for person, post, _state, _s, _e in posts:
        holders[post] = person
    finder = ClaimFinder(
        doc,
        mentions,
        voice_key=voice,
        speakers=speakers,
        topic=topic,
        self_meeting=meetings.get("self"),
        title_holders=holders,
    )
    claims = finder.run()
    _name_unnamed(finder, mentions, claims)
    votes = find_votes(
        doc, mentions, body_hint=SECURITY_COUNCIL if mentions.of_key(SECURITY_COUNCIL) else None
    )
    _resolve_self_by_vote(meetings, mentions, votes, ref)
    known = ref.get(meetings["self"]) if meetings.get("self") else None
    if known is not None and getattr(known, "date", None):
        meetings["date"] = known.date.isoformat()
    own = {(p, b) for p, b, _s, _e in affiliations(doc, mentions)}
    for c in claims:
        c.about = [a for a in _about(doc, mentions, c, topic, meetings.get("self"))
                   if (c.claimant, a) not in own]  # fmt: skip
        if doc.voice == "narration" and meetings.get("self") and c.cue:
            c.meeting = meetings["self"]
    rel = build_relations(
        doc,
        mentions,
        claims,
        votes,
        ref,
        meetings=meetings,
        topic=topic,
        speakers=speakers,
        journalists=journalists,
        held=held,
        posts=posts,
        holders=holders,
    )
    return output(doc, mentions, claims, votes, rel, meetings)


def _name_unnamed(finder: ClaimFinder, mentions: Mentions, claims: list[ClaimItem]) -> None:
    added: set[int] = set()
    for c in claims:
        if not c.claimant.startswith("unnamed:"):
            continue
        m = finder.unnamed[int(c.claimant.split(":", 1)[1])]
        head = m.kind.split(":", 1)[1]
        key = slug(m.label)
        m.key = key
        e = mentions.add_entity(m, known=False)
        e.add_mention(head.capitalize())
        c.claimant = key
        if id(m) not in added:
            added.add(id(m))
            mentions.add(m)
    # pronouns that pointed at the unnamed speaker
    for c in claims:
        if c.claimant.startswith("unnamed:"):
            c.claimant = finder.unnamed[int(c.claimant.split(":", 1)[1])].key


def _resolve_self_by_vote(
    meetings: dict, mentions: Mentions, votes: list[VoteItem], ref: Any
) -> None:
    """A covered meeting whose vote matches a reference meeting's vote is that meeting."""
    self_key = meetings.get("self")
    if not self_key or not votes or meetings["events"][self_key].known:
        return
    for v in votes:
        for m in ref.meetings:
            rv = m.vote
            if rv is None:
                continue
            if (rv.in_favour, rv.against, rv.abstentions) != (
                v.counts.get("in_favour"),
                v.counts.get("against"),
                v.counts.get("abstentions"),
            ):
                continue
            if set(v.named.get("against", [])) - set(rv.voted_against):
                continue
            if set(v.named.get("abstentions", [])) - set(rv.abstained):
                continue
            _remap(meetings, mentions, self_key, m)
            return


def _remap(meetings: dict, mentions: Mentions, old: str, refm: Any) -> None:
    old_entity = mentions.entities.pop(old, None)
    new = Entity(refm.id, refm.label, "Meeting", None, known=True)
    if old_entity:
        new.mentions = list(old_entity.mentions)
    mentions.entities[refm.id] = new
    for m in mentions.of_key(old):
        m.key, m.label = refm.id, refm.label
    mentions.rekey()
    ev = meetings["events"].pop(old)
    ev.key, ev.label, ev.known = refm.id, refm.label, True
    meetings["events"][refm.id] = ev
    meetings["self"] = refm.id


_ABOUT_TYPES = {"State", "Organization", "Mechanism", "Person", "Report", "Instrument", "Meeting"}


def _about(
    doc: Doc, mentions: Mentions, c: ClaimItem, topic: str | None, self_meeting: str | None
) -> list[str]:
    out: list[str] = []
    for m in mentions.in_span(c.start, c.end):
        if (
            m.key == c.claimant
            or m.key in c.group
            or m.type not in _ABOUT_TYPES
            or m.type == "Position"
        ):
            continue
        if m.key == UNITED_NATIONS:
            continue
        out.append(m.key)
    if c.target:
        mechanisms = {m.key for m in mentions.in_span(c.start, c.end) if m.type == "Mechanism"}
        out = [c.target] + [k for k in out if k not in mechanisms]
    folded = doc.folded[c.start : c.end]
    if topic and (not out or _TOPIC_WORDS.search(folded)) and topic != c.claimant:
        out.append(topic)
    return list(dict.fromkeys(out))
