"""The extraction pipeline for one document, and its output in the gold format.

documents -> mentions (gazetteer, patterns of prose, people introduced by context) ->
meetings, reports -> actors of the structure (speakers, author, post holders) -> claims
(attribution + discourse) -> votes -> relations -> output.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from kg.extract.actors import (
    TitleHolders,
    author_key,
    journalists,
    publisher_is_ngo,
    speakers_of,
    state_posts_of,
)
from kg.extract.claims import ClaimFinder
from kg.extract.context import Doc
from kg.extract.events import find_meetings
from kg.extract.gazetteer import SECURITY_COUNCIL, UNITED_NATIONS, default_gazetteer
from kg.extract.generic import add_generic
from kg.extract.instruments import find_instruments
from kg.extract.mentions import Mentions, collect
from kg.extract.model import ClaimItem, Entity
from kg.extract.output import output
from kg.extract.posts import unknown_posts
from kg.extract.relations import affiliations, positions_held
from kg.extract.relations import build as build_relations
from kg.extract.reports import find_reports
from kg.extract.shortforms import link_short_forms
from kg.extract.text import fold
from kg.extract.votes import VoteItem, find_votes
from kg.rdf.iris import slug

# Words that point back at the State a document is about ("the country", "its people").
_ANAPHORA = re.compile(
    r"\b(the country|that country|this country|the regime|its people|its citizens|"
    r"the government|the authorities|its government|its authorities|the state)\b"
)
# a word of each phrase: _ANAPHORA is searched only in a text holding one
_ANAPHORA_WORDS = ("country", "regime", "its people", "its citizens", "government")
_ANAPHORA_WORDS += ("authorities", "the state")


def _topic(doc: Doc, mentions: Mentions) -> str | None:
    """The State the document is most about: mentions counted, those in the title thrice."""
    counts: Counter[str] = Counter()
    title = fold(doc.title + " " + doc.text[: doc.heading_end])
    for m in mentions.items:
        if m.type == "State":
            counts[m.key] += 1
    for key in list(counts):
        e = mentions.entities[key]
        if any(fold(x) in title for x in [e.label, *e.mentions]):
            counts[key] += 3
    return counts.most_common(1)[0][0] if counts else None


def assemble(text: str, *, doc_id: str, meta: dict[str, Any]) -> dict:
    from kg.reference.loader import load_reference

    ref = load_reference()
    gaz = default_gazetteer()
    doc = Doc.prepare(text, doc_id=doc_id, meta=meta)
    if doc.voice == "narration" and publisher_is_ngo(doc, gaz, ref):
        doc.voice = "author"
    mentions = collect(doc, gaz)
    topic = _topic(doc, mentions)
    add_generic(doc, mentions, ref, topic=topic)
    find_instruments(doc, mentions)
    link_short_forms(doc, mentions)
    meetings = find_meetings(doc, mentions, ref, topic=topic)
    find_reports(doc, mentions, ref)
    press = journalists(doc, mentions)
    speakers = speakers_of(doc, mentions)
    voice = author_key(doc, mentions, gaz, ref) if doc.voice == "author" else None
    new_posts = unknown_posts(doc, mentions)
    held = positions_held(doc, mentions)
    held += [(p.person, p.post, p.start, p.end) for p in new_posts]
    posts = state_posts_of(doc, mentions, ref)
    holders = TitleHolders(doc, mentions, ref, held)
    for person, post, _state, _s, _e in posts:
        holders[post] = person
    finder = ClaimFinder(doc, mentions, voice_key=voice, speakers=speakers,
                         title_holders=holders)  # fmt: skip
    for p in new_posts:
        if p.state:
            finder.delegates.setdefault(p.person, p.state)
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
        c.about = [a for a in _about(doc, mentions, c, topic)
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
        journalists=press,
        held=held,
        posts=posts,
        holders=holders,
        delegates=finder.delegates,
        author=voice,
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


def _anaphora(folded: str) -> bool:
    return any(w in folded for w in _ANAPHORA_WORDS) and bool(_ANAPHORA.search(folded))


_ABOUT_TYPES = {"State", "Organization", "Mechanism", "Person", "Report", "Instrument", "Meeting"}


def _about(doc: Doc, mentions: Mentions, c: ClaimItem, topic: str | None) -> list[str]:
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
    if topic and (not out or _anaphora(folded)) and topic != c.claimant:
        out.append(topic)
    return list(dict.fromkeys(out))
