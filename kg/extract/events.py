"""Meetings and reports: the events and documents a text talks about.

A meeting phrase ("the Council's open briefing on Myanmar",
"today's meeting", "this call") becomes a mention of one of a few meeting entities: the
document's own event (the meeting a summary covers, the call a transcript records), a meeting
resolved against the reference data by topic and date, or a new meeting. A report phrase
("an October 2022 report", "a report on human rights in the DPRK") becomes a Report mention
with its author and date when the text gives them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.model import Entity, Mention
from kg.extract.text import literal_positions, trailing_word
from kg.rdf.iris import slug

_NOUNS = (
    "meeting",
    "briefing",
    "debate",
    "session",
    "consultations",
    "stakeout",
    "call",
    "videoconference",
)
# on folded text, tried where a noun occurs (no noun occurs inside another's match, so this
# is what finditer would give); the start is checked by hand
_EVENT = re.compile(rf"({'|'.join(_NOUNS)})(s)?\b")
_DETS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "next",
    "its",
    "our",
    "their",
    "his",
    "her",
    "today's",
    "tomorrow's",
    "yesterday's",
    "monday's",
    "tuesday's",
    "wednesday's",
    "thursday's",
    "friday's",
    "such",
    "another",
}
_MODS = {
    "open",
    "closed",
    "private",
    "public",
    "emergency",
    "annual",
    "formal",
    "informal",
    "high-level",
    "first",
    "second",
    "third",
    "last",
    "next",
    "special",
    "telephonic",
    "background",
    "press",
    "virtual",
    "arria-formula",
    "ministerial",
    "urgent",
    "upcoming",
    "planned",
    "scheduled",
    "separate",
    "new",
    "rare",
    "regular",
    "briefing",
    "council",
    "security",
    "un",
    "u.n.",
    "united",
    "nations",
    "-led",
    "closed-door",
    "open-door",
}
_TAIL_STOP = re.compile(
    r"\s+(?:since|next|last|later|which|that|when|where|because|as|to|this|after|before|"
    r"until|if|but|while|and then|alongside|with)\b|[,.;:!?()\n\u2013\u2014]|\s+-\s+"
)
_YEAR_TAIL = re.compile(r"\s+in\s+((?:19|20)\d\d)\b")
_FUTURE = re.compile(
    r"\b(next (?:week|month|year|session)|upcoming|will (?:hold|convene|meet|take place)|"
    r"later this (?:week|month|year)|tomorrow|(?:is|are) (?:scheduled|planned|expected) to|"
    r"(?:may|might|could|would|will) (?:try|seek|attempt|request|call)|in the coming "
    r"(?:days|weeks|months))\b"
)


_MEETING_NUMBER = re.compile(
    r"\b(\d{3,5})(?:st|nd|rd|th)\s+[Mm]eeting\b(?:\s*\((?:AM|PM|A\.M\.|P\.M\.|Night|Resumed)\))?"
)


@dataclass
class Event:
    """A meeting entity of this document."""

    key: str
    label: str
    known: bool = False
    topic: set[str] = field(default_factory=set)
    requested_by: list[tuple[str, int, int]] = field(default_factory=list)


def _topic_states(mentions: Mentions, start: int, end: int) -> set[str]:
    return {m.key for m in mentions.in_span(start, end) if m.type == "State"}


def _ref_year(meeting: Any) -> int | None:
    if meeting.date:
        return meeting.date.year
    m = re.search(r"\b((?:19|20)\d\d)\b", meeting.label)
    return int(m.group(1)) if m else None


def resolve_meeting(
    ref: Any, *, topic: set[str], year: int | None, after: dt.date | None, future: bool
) -> Any | None:
    """The reference meeting about ``topic`` in ``year`` (or the next one after ``after``)."""
    cands = [m for m in ref.meetings if topic & set(m.about)]
    if future and after:
        soon = [m for m in cands if m.date and after < m.date <= after + dt.timedelta(days=45)]
        return soon[0] if len(soon) == 1 else None
    if year is not None:
        same = [m for m in cands if _ref_year(m) == year]
        return same[0] if len(same) == 1 else None
    return None


def _phrase(doc: Doc, m: re.Match) -> tuple[int, int, str, list[str], str, int | None]:
    """(start, end, determiner, modifiers, tail, year) of the phrase around an event noun."""
    text, folded = doc.text, doc.folded
    start = m.start()
    mods: list[str] = []
    det = ""
    pos = m.start()
    for _ in range(6):
        before = folded[max(0, pos - 40) : pos]
        word = trailing_word(before, inner="_.'-")
        if not word:
            break
        wstart = pos - (len(before) - len(before.rstrip()) + len(word))
        if word in _DETS:
            det = word
            start = wstart
            break
        orig = text[wstart : wstart + len(word)]
        if (
            word in _MODS
            or word.endswith("-led")
            or re.fullmatch(r"(19|20)\d\d", word)
            or (orig[:1].isupper() and not word.endswith("'s") and word not in ("i",))
        ):
            mods.insert(0, orig)
            start = wstart
            pos = wstart
            continue
        if word.endswith("'s") and orig[:1].isupper():  # "Thomas-Greenfield's stakeout"
            mods.insert(0, orig)
            start = wstart
            pos = wstart
            det = "poss"
            break
        break
    end = m.end()
    tail = ""
    rest = folded[end : end + 160]
    t = re.match(
        r"\s+(?:of the (?:security |un )?council\s+)?(?:on|about|regarding|concerning)\s+", rest
    )
    if t is None:
        t = re.match(r"\s+of the (?:security |un )?council\b", rest)
    year = None
    if t is not None:
        body = rest[t.end() :]
        stop = _TAIL_STOP.search(body)
        cut = stop.start() if stop else len(body)
        phrase = body[:cut]
        y = _YEAR_TAIL.search(phrase)
        if y:
            year = int(y.group(1))
        end = end + t.end() + cut
        tail = text[m.end() : end]
    y = _YEAR_TAIL.match(folded[end : end + 12])
    if y:
        year = int(y.group(1))
    for word in mods:
        if re.fullmatch(r"(19|20)\d\d", word):
            year = int(word)
    return start, end, det, mods, tail, year


def find_meetings(doc: Doc, mentions: Mentions, ref: Any, *, topic: str | None) -> dict:
    """Add meeting mentions to ``mentions``; returns {"self": key or None, "events": {...}}."""
    events: dict[str, Event] = {}
    self_key = _self_event(doc, mentions, ref, events, topic=topic)
    last_other: str | None = None
    for at in literal_positions(doc.folded, _NOUNS):
        m = _EVENT.match(doc.folded, at)
        if m is None or m.group(2) or (m.start() > 0 and doc.folded[m.start() - 1].isalnum()):
            continue
        if doc.skipped(m.start()):
            continue
        noun = m.group(1).lower()
        start, end, det, mods, tail, year = _phrase(doc, m)
        surface = doc.text[start:end]
        sentence = doc.sentence_at(m.start())
        sent_text = doc.folded[sentence.start : sentence.end] if sentence else ""
        lower_mods = [x.lower() for x in mods]
        if noun == "call" and det not in ("this", "the", "our", "today's"):
            continue
        if noun == "call" or (self_key and doc.voice == "speaker" and _same_kind(mods, doc)):
            key = self_key
        elif det in ("today's", "this", "the", "") and not tail and not mods and not year:
            if det == "" and noun != "consultations":
                continue
            key = self_key if doc.voice == "narration" and self_key else last_other or self_key
        elif det in ("a", "an", "another", "such") and not tail and not mods:
            continue
        else:
            tail_start = end - len(tail)
            states = _topic_states(mentions, tail_start, end) if tail else set()
            if not states and noun not in ("stakeout", "call"):
                states = {topic} if topic else set()
            if "this issue" in surface.lower() or "this subject" in surface.lower():
                states = {topic} if topic else states
            future = bool(_FUTURE.search(sent_text)) or "next" in lower_mods
            if not year and "last" in lower_mods:
                year = None
            key = _other_event(
                doc,
                ref,
                events,
                states=states,
                year=year,
                future=future,
                mods=mods,
                noun=noun,
                tail=tail,
                last=last_other,
                self_key=self_key,
            )
        if key is None:
            continue
        if key != self_key and noun not in ("stakeout", "call"):
            last_other = key
        ev = events[key]
        label_mention = Mention(
            start, end, key, "Meeting", ev.label, "name" if ev.known else "pattern", surface=surface
        )
        _add(mentions, label_mention, doc, det)
        for mod in mods:
            if mod.lower().endswith("-led"):
                state = mod[: -len("-led")]
                hits = [x for x in mentions.in_span(start, end) if x.type == "State"]
                for h in hits:
                    ev.requested_by.append((h.key, start, end))
                del state
    return {"self": self_key, "events": events}


def _same_kind(mods: list[str], doc: Doc) -> bool:
    """A phrase naming the same kind of event as the transcript's own ("background briefing")."""
    title = doc.title.lower()
    words = [x.lower() for x in mods if x.lower() not in ("open", "first", "next", "last")]
    return bool(words) and all(w in title for w in words)


def _add(mentions: Mentions, m: Mention, doc: Doc, det: str) -> None:
    """Record a meeting mention and the name variants it offers for matching."""
    mentions.add(m)
    e = mentions.add_entity(m, known=m.kind == "name")
    surface = " ".join(m.surface.split())
    low = surface.lower()
    for d in sorted(_DETS, key=len, reverse=True):
        if low.startswith(d + " ") and d not in ("this", "today's", "the"):
            surface = surface[len(d) + 1 :]
            break
    for ordinal in ("first ", "second ", "last ", "next "):
        if surface.lower().startswith(ordinal):
            surface = surface[len(ordinal) :]
    e.add_mention(surface)
    base = re.sub(r"\s+in\s+(19|20)\d\d$", "", surface)
    e.add_mention(base)
    unowned = re.sub(r"^(?:[A-Z][\w.-]*\s+)*[\w.-]+['’]s\s+", "", surface)  # "X's stakeout"
    if unowned != surface:
        e.add_mention(unowned)


def _self_event(doc: Doc, mentions: Mentions, ref: Any, events: dict, *, topic: str | None):
    """The document's own event: the meeting a summary covers, the call a transcript records."""
    title = doc.title
    if (
        doc.voice == "speaker"
        or re.search(r"\b(briefing|remarks|press conference)\b", title, re.I)
        and doc.turns
    ):
        phrase = re.search(r"\b(?:during|at|in)\s+(?:an?|the)\s+(.+)$", title, re.I)
        name = phrase.group(1) if phrase else title
        when = f" ({doc.date.isoformat()})" if doc.date else ""
        label = f"{name}{when}"
        key = slug(f"{name}-{doc.date.isoformat() if doc.date else doc.doc_id}")
        events[key] = Event(key, label, topic={topic} if topic else set())
        at = doc.text.find(name)
        if at >= 0:
            _add(
                mentions,
                Mention(at, at + len(name), key, "Meeting", label, "pattern", surface=name),
                doc,
                "",
            )
        return key
    heading = doc.text[: doc.heading_end] + "\n" + title
    number = _MEETING_NUMBER.search(heading)
    covers_meeting = bool(number) or bool(
        re.search(r"\b(council|committee|assembly|session|conference)\b", heading, re.I)
        and re.search(
            r"\b(meets?|met|session|meeting|briefing|debate|holds|adopts?|fails?|"
            r"votes?|approves?|approved|adopted|hears?|told|tells|urges?|considers?)\b",
            heading,
            re.I,
        )
    )
    if doc.voice == "narration" and number:
        n = int(number.group(1))
        refm = next((m for m in ref.meetings if m.meeting_number == n), None)
        if refm is not None:
            events[refm.id] = Event(refm.id, refm.label, known=True, topic=set(refm.about))
            mentions.entities.setdefault(refm.id, Entity(refm.id, refm.label, "Meeting",
                                                         known=True))  # fmt: skip
            _add(mentions, Mention(number.start(), number.end(), refm.id, "Meeting", refm.label,
                                   "name", surface=number.group(0)), doc, "")  # fmt: skip
            return refm.id
        key = f"meeting-{n}"
        body = "Security Council" if re.search(r"\bsecurity council\b|\bSC/", heading, re.I) else ""
        when = f" ({doc.date.isoformat()})" if doc.date else ""
        bare = re.sub(r"\s*\([^)]*\)$", "", number.group(0))
        label = " ".join(f"{body} {bare}{when}".split())
        events[key] = Event(key, label, topic={topic} if topic else set())
        if number.end() <= doc.heading_end:
            _add(mentions, Mention(number.start(), number.end(), key, "Meeting", label, "pattern",
                                   surface=number.group(0)), doc, "")  # fmt: skip
        else:
            mentions.entities.setdefault(key, Entity(key, label, "Meeting"))
        return key
    if doc.voice == "narration" and covers_meeting:
        year = doc.date.year if doc.date else None
        refm = (
            resolve_meeting(
                ref, topic={topic} if topic else set(), year=year, after=None, future=False
            )
            if doc.date
            else None
        )
        if refm is not None and doc.date and refm.date != doc.date:
            refm = None
        if refm is not None:
            events[refm.id] = Event(refm.id, refm.label, known=True, topic=set(refm.about))
            mentions.entities.setdefault(
                refm.id, Entity(refm.id, refm.label, "Meeting", known=True)
            )
            return refm.id
        when = doc.date.isoformat() if doc.date else doc.doc_id
        key = slug(f"meeting-{when}")
        label = f"{title} ({doc.date.isoformat()})" if doc.date else title
        events[key] = Event(key, label, topic={topic} if topic else set())
        mentions.entities.setdefault(key, Entity(key, label, "Meeting"))
        return key
    return None


def _other_event(
    doc: Doc,
    ref: Any,
    events: dict,
    *,
    states: set[str],
    year: int | None,
    future: bool,
    mods: list[str],
    noun: str,
    tail: str,
    last: str | None,
    self_key: str | None,
) -> str | None:
    refm = None
    if noun not in ("stakeout", "call"):
        refm = resolve_meeting(ref, topic=states, year=year, after=doc.date, future=future)
        if refm is None and not year and not future and doc.date:
            # an undated meeting in a dated text: the one coming up soon, if there is one
            refm = resolve_meeting(ref, topic=states, year=None, after=doc.date, future=True)
    if (
        refm is None
        and not year
        and not future
        and doc.date
        and any(x.lower().endswith("-led") for x in mods)
    ):
        refm = resolve_meeting(ref, topic=states, year=doc.date.year, after=None, future=False)
    if refm is not None:
        events.setdefault(refm.id, Event(refm.id, refm.label, known=True, topic=set(refm.about)))
        return refm.id
    anchor = str(year) if year else ("future" if future else "undated")
    if noun in ("stakeout", "call", "press conference"):
        anchor = f"{noun}-{anchor}"
    for key, ev in events.items():
        if key != self_key and not ev.known and ev.topic == states and key.endswith(anchor):
            return key
    if (
        anchor == "undated"
        and last is not None
        and not events[last].label.lower().endswith(("stakeout", "call"))
    ):
        return last
    words = " ".join(x for x in mods if not x.lower().endswith("-led"))
    label = " ".join(f"{words} {noun}{tail}".split())
    key = slug(f"{label}-{anchor}")
    events[key] = Event(key, label[0].upper() + label[1:], topic=set(states))
    return key
