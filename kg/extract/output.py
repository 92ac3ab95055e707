"""The extraction in the shape of the gold annotations (``GOLD_FORMAT.md``)."""

from __future__ import annotations

from typing import Any

from kg.extract.context import Doc
from kg.extract.gazetteer import UNITED_NATIONS
from kg.extract.mentions import Mentions
from kg.extract.model import ClaimItem
from kg.extract.votes import VoteItem


def _evidence(doc: Doc, start: int, end: int) -> dict:
    """The span, trimmed of the white space at its edges."""
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}


_STANCE_WORDS = {
    "concern": "expressed concern",
    "oppose": "opposed",
    "support": "supported",
    "accuse": "accused",
    "call_for": "called for action",
    "recommend": "recommended",
    "find": "found",
    "assert": "stated",
}


def output(
    doc: Doc,
    mentions: Mentions,
    claims: list[ClaimItem],
    votes: list[VoteItem],
    rel,
    meetings: dict,
) -> dict:
    used: set[str] = set()
    for c in claims:
        used.add(c.claimant)
        used.update(c.about)
        if c.meeting:
            used.add(c.meeting)
    if meetings.get("self"):
        used.add(meetings["self"])
    for v in votes:
        for names in v.named.values():
            used.update(names)
        if v.body:
            used.add(v.body)
    for r in rel.items:
        used.add(r.subject)
        if not r.literal:
            used.add(r.object)
    entities = []
    for e in mentions.entities.values():
        if e.id in (UNITED_NATIONS,) and e.id not in used:
            continue
        if e.type == "Position" and e.id not in used:
            continue
        if not e.mentions and e.id not in used:
            continue
        entities.append(e)
    labels = {e.id: e.label for e in entities}
    day = doc.date.isoformat() if doc.date else meetings.get("date")
    out_claims = []
    for c in claims:
        about = [a for a in c.about if a in labels]
        summary = f"{labels.get(c.claimant, c.claimant)} {_STANCE_WORDS[c.stance]}"
        if about:
            summary += " (about " + ", ".join(labels[a] for a in about[:3]) + ")"
        item: dict[str, Any] = {
            "claimant": c.claimant,
            "stance": c.stance,
            "about": about,
            "summary": summary + ".",
            "evidence": _evidence(doc, c.start, c.end),
            "confidence": c.confidence,
        }
        if c.meeting:
            item["meeting"] = c.meeting
        if day:
            item["date"] = day
        out_claims.append(item)
    out_votes = []
    for v in votes:
        item = {
            "on": v.on,
            "body": v.body,
            "in_favour": v.counts.get("in_favour"),
            "against": v.counts.get("against"),
            "abstentions": v.counts.get("abstentions"),
            "voted_in_favour": v.named.get("in_favour", []),
            "voted_against": v.named.get("against", []),
            "abstained": v.named.get("abstentions", []),
            "result": v.result,
            "evidence": _evidence(doc, v.start, v.end),
        }
        if meetings.get("self"):
            item["meeting"] = meetings["self"]
        if day:
            item["date"] = day
        out_votes.append(item)
    out_rel = [
        {
            "subject": r.subject,
            "predicate": r.predicate,
            "object": r.object,
            "evidence": _evidence(doc, r.start, r.end),
        }
        for r in rel.items
    ]
    return {
        "title": doc.title or None,
        "date": doc.date.isoformat() if doc.date else None,
        "publisher": doc.publisher or None,
        "url": doc.meta.get("url"),
        "entities": [e.as_dict() for e in entities],
        "claims": out_claims,
        "votes": out_votes,
        "relations": out_rel,
    }
