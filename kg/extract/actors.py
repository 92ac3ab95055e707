"""The actors a document's structure names: transcript speakers, journalists and their
outlets, the author of first-person prose, posts held by people named with a State's title,
and the holders of posts named by their title alone."""

from __future__ import annotations

import re
from typing import Any

from kg.extract.context import Doc, is_generic_speaker
from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import Mentions
from kg.extract.model import Entity, Mention
from kg.extract.relations import state_posts
from kg.extract.text import fold, fold_key
from kg.rdf.iris import slug

_MISSION = re.compile(
    r"\b(mission|delegation|government|ministry|embassy|permanent representative|"
    r"department of state|foreign office|presidency|prime minister)\b",
    re.I,
)
_STATEMENT_BY = re.compile(
    r"\b(?:statement|remarks|address|intervention|explanation of vote|"
    r"joint statement)\s+(?:delivered\s+)?by\s+(?:the\s+)?(?:delegation\s+of\s+(?:the\s+)?)?",
    re.I,
)
_STATE_STATEMENT = re.compile(  # "UK Statement", "Statement of Norway" in a heading
    r"\b([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\s+(?:statement|remarks|intervention)\b"
)
_NGO_WORDS = re.compile(
    r"non-governmental|non-profit|nonprofit|human rights movement|advocacy|humanitarian "
    r"organization|charity|independent organization|civil society",
    re.I,
)


def author_key(doc: Doc, mentions: Mentions, gaz: Gazetteer, ref: Any) -> str | None:
    """Whose voice a first-person statement or a commentary is: a State whose mission,
    delegation or government published it (or whom its heading names: "Statement by the
    United States"), else the publishing organisation."""
    publisher = re.sub(r"\s*\([^)]*\)", "", doc.publisher).strip()
    hits = gaz.find(publisher, fold(publisher)) if publisher else []
    states = [m for m in hits if m.type == "State"]
    if states and _MISSION.search(publisher):
        return _ensure(mentions, states[0])
    full = doc.publisher  # "Foreign Office (UK Mission to the UN in Geneva)"
    in_brackets = [m for m in gaz.find(full, fold(full)) if m.type == "State"] if full else []
    if in_brackets and _MISSION.search(full):
        return _ensure(mentions, in_brackets[0])
    heading = doc.text[: doc.heading_end] + "\n" + doc.title
    own = _STATE_STATEMENT.search(heading)
    if own:
        found = [m for m in gaz.find(own.group(1), fold(own.group(1))) if m.type == "State"]
        if found:
            return _ensure(mentions, found[0])
    for m in _STATEMENT_BY.finditer(heading):
        found = gaz.find(heading[m.end() : m.end() + 80], fold(heading[m.end() : m.end() + 80]))
        if found and found[0].start == 0 and found[0].type in ("State", "Organization"):
            return _ensure(mentions, found[0])
    orgs = [m for m in hits if m.type == "Organization"]
    if orgs:
        return _ensure(mentions, orgs[0])
    if states:
        return _ensure(mentions, states[0])
    if not publisher:
        return None
    key = slug(publisher)
    mentions.entities.setdefault(key, Entity(key, publisher, "Organization", None))
    return key


def publisher_is_ngo(doc: Doc, gaz: Gazetteer, ref: Any) -> bool:
    """Is the publisher a non-governmental organisation of the reference data?"""
    publisher = re.sub(r"\s*\([^)]*\)", "", doc.publisher).strip()
    for m in gaz.find(publisher, fold(publisher)) if publisher else []:
        body = ref.get(m.key)
        if m.type == "Organization" and body is not None:
            return bool(_NGO_WORDS.search(getattr(body, "description", "") or ""))
    return False


def _ensure(mentions: Mentions, m: Mention) -> str:
    if m.key not in mentions.entities:
        mentions.entities[m.key] = Entity(m.key, m.label, m.type, m.wikidata, known=True)
    return m.key


def speakers_of(doc: Doc, mentions: Mentions) -> dict[int, str]:
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


_WITH = re.compile(r"[ \t]+(?:with|from)[ \t]+(?:the[ \t]+)?")


def journalists(doc: Doc, mentions: Mentions) -> list[tuple[str, str, int, int]]:
    """(person, outlet, start, end): "Jane Roe with Reuters" in a transcript."""
    if not doc.turns:
        return []
    out = []
    items = mentions.items
    for a, b in zip(items, items[1:], strict=False):
        if a.type != "Person" or b.type != "Organization":
            continue
        gap = _WITH.fullmatch(doc.folded, a.end, b.start)
        if gap:
            out.append((a.key, b.key, a.start, b.end))
    return out


def state_posts_of(doc: Doc, mentions: Mentions, ref: Any) -> list[tuple[str, str, str, int, int]]:
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
