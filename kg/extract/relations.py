"""Relations between entities, each with the span of text that supports it.

holdsPosition (appositions and titles), represents, memberOf (voters and Council seats named as
such), participatedIn (speakers and voters of a meeting, journalists on a call), requested /
convened (who asked for a meeting), authored, found, recommended, worksFor, about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.model import ClaimItem, Entity, Mention
from kg.extract.text import word_starts_from

SECURITY_COUNCIL = "un-security-council"
_DIPLOMATIC = re.compile(
    r"\b(ambassador|permanent representative|envoy|foreign minister|representative)\s*$"
)


@dataclass(frozen=True, slots=True)
class RelationItem:
    subject: str
    predicate: str
    object: str
    start: int
    end: int
    literal: bool = False


class Relations:
    """Collects relations, one per (subject, predicate, object)."""

    def __init__(self) -> None:
        self.items: list[RelationItem] = []
        self._seen: set[tuple[str, str, str]] = set()

    def add(self, s: str, p: str, o: str, start: int, end: int, *, literal: bool = False) -> None:
        if not s or not o or s == o:
            return
        key = (s, p, o)
        if key in self._seen:
            return
        self._seen.add(key)
        self.items.append(RelationItem(s, p, o, start, end, literal))


def positions_held(doc: Doc, mentions: Mentions) -> list[tuple[str, str, int, int]]:
    """(person, position, start, end) from appositions and titles before names."""
    out = []
    ms = mentions.items
    folded = doc.folded
    for a, b in zip(ms, ms[1:], strict=False):
        gap = folded[a.end : b.start]
        post_types = ("Position", "Mechanism")
        if a.type == "Person" and b.type in post_types and re.fullmatch(r",\s*(the\s+)?", gap):
            out.append((a.key, b.key, a.start, b.end))
        elif a.type in post_types and b.type == "Person" and re.fullmatch(r",?\s*", gap):
            out.append((b.key, a.key, a.start, b.end))
    return out


def affiliations(doc: Doc, mentions: Mentions) -> list[tuple[str, str, int, int]]:
    """'VASSILY A. NEBENZIA (Russian Federation)': (person, state or body, start, end)."""
    out = []
    ms = mentions.items
    for a, b in zip(ms, ms[1:], strict=False):
        if a.type != "Person" or b.type not in ("State", "Organization"):
            continue
        if re.fullmatch(r"[ \t]*\([ \t]*", doc.text[a.end : b.start]) and re.match(
            r"[ \t]*\)", doc.text[b.end : b.end + 3]
        ):
            out.append((a.key, b.key, a.start, b.end + 1))
    return out


def state_posts(doc: Doc, mentions: Mentions, ref: Any) -> list[tuple[Mention, Mention, str]]:
    """'US Ambassador Nikki Haley': (state mention, person mention, title text)."""
    out = []
    ms = mentions.items
    for a, b in zip(ms, ms[1:], strict=False):
        if a.type != "State" or b.type != "Person":
            continue
        gap = doc.text[a.end : b.start]
        m = re.fullmatch(
            r"[ \t]*(Ambassador|Permanent Representative|Deputy Permanent Representative|Envoy|"
            r"Foreign Minister|Representative)(?:[ \t]+to[ \t]+the[ \t]+(?:United Nations|UN|"
            r"U\.N\.))?[ \t]*",
            gap,
        )
        if m:
            out.append((a, b, m.group(1)))
    return out


def build(
    doc: Doc,
    mentions: Mentions,
    claims: list[ClaimItem],
    votes: list,
    ref: Any,
    *,
    meetings: dict,
    topic: str | None,
    speakers: dict[int, str],
    journalists: list[tuple[str, str, int, int]],
    held: list,
    posts: list[tuple[str, str, str, int, int]],
    holders: Any,
    delegates: dict[str, str] | None = None,
    author: str | None = None,
) -> Relations:
    rel = Relations()
    for person, state in (delegates or {}).items():
        ms = mentions.of_key(person)
        if ms:
            rel.add(person, "represents", state, ms[0].start, ms[0].end)
    if author:
        _delivered_by(doc, mentions, rel, author)
    for person, post, s, e in held:
        rel.add(person, "holdsPosition", post, s, e)
    for person, post, state, s, e in posts:
        rel.add(person, "holdsPosition", post, s, e)
        rel.add(person, "represents", state, s, e)
    for person, body, s, e in affiliations(doc, mentions):
        rel.add(person, "represents", body, s, e)
    # reference persons who represent a state, when the text calls them by a diplomatic title
    for m in mentions.items:
        if m.type != "Person":
            continue
        p = ref.get(m.key)
        if p is not None and getattr(p, "represents", None):
            before = doc.folded[max(0, m.start - 40) : m.start]
            if (
                _DIPLOMATIC.search(before.rstrip() + " ")
                or _DIPLOMATIC.search(doc.folded[max(0, m.start - 30) : m.start].strip())
                or "ambassador" in m.surface.lower()
            ):
                rel.add(m.key, "represents", p.represents, m.start, m.end)
    self_key = meetings.get("self")
    events = meetings.get("events", {})
    _speakers_listed(doc, mentions, rel, self_key)
    # "<State>, a non-permanent member of the Council"
    for m in mentions.items:
        if m.type != "State":
            continue
        after = doc.folded[m.end : m.end + 80]
        if _COUNCIL_MEMBER.match(after):
            rel.add(m.key, "memberOf", SECURITY_COUNCIL, m.start, m.end + 40)
    # speakers of a meeting summary took part in the meeting
    if self_key and doc.voice == "narration":
        for c in claims:
            e = mentions.entities.get(c.claimant)
            if (
                c.cue
                and e is not None
                and e.type in _PARTICIPANTS
                and not any(m.kind == "group" for m in mentions.of_key(c.claimant))
            ):
                rel.add(c.claimant, "participatedIn", self_key, c.start, c.end)
    for turn_start, key in speakers.items():
        if self_key:
            rel.add(key, "participatedIn", self_key, turn_start, turn_start + 1)
    for person, outlet, s, e in journalists:
        rel.add(person, "worksFor", outlet, s, e)
        if self_key and doc.voice == "speaker":
            rel.add(person, "participatedIn", self_key, s, e)
    # "X, Asia director at Human Rights Watch": a role at an organisation
    for m in mentions.items:
        if m.type != "Person":
            continue
        role = _ROLE_AT.match(doc.folded, m.end)
        if role:
            org = [x for x in mentions.in_span(role.end(), role.end() + 80)
                   if x.type == "Organization" and x.start == role.end()]  # fmt: skip
            if org:
                rel.add(m.key, "worksFor", org[0].key, m.start, org[0].end)
    # "<Org> official": a person labelled by an organisation's name works for it
    from kg.extract.gazetteer import default_gazetteer
    from kg.extract.text import fold

    for e in mentions.entities.values():
        if e.type != "Person" or not re.search(
            r"\b(official|spokesperson|diplomat|staff)\b", e.label, re.I
        ):
            continue
        for m in default_gazetteer().find(e.label, fold(e.label)):
            if m.type == "Organization" and re.search(
                r"\b" + re.escape(m.surface) + r"\s+(official|spokesperson|diplomat|staff)",
                e.label,
                re.I,
            ):
                ms = mentions.of_key(e.id)
                at = ms[0] if ms else None
                rel.add(e.id, "worksFor", m.key, at.start if at else 0, at.end if at else 0)
    _meeting_relations(doc, mentions, rel, events, claims, self_key, topic)
    _claim_relations(doc, mentions, rel, claims)
    _report_relations(doc, mentions, rel, claims, topic, ref, holders)
    return rel


_PARTICIPANTS = {"State", "Person", "Organization", "Mechanism"}
# Scanned with word_starts_from; only the sentence of a match and its end are used, so a leading
# "also" or "the" is left out.
_LISTED = re.compile(
    r"(?:speaking|participating|taking the floor|making statements|delivering "
    r"(?:the\s+)?(?:briefings?|statements?)|briefing the council)\s+(?:today\s+|this\s+\w+\s+|"
    r"as well\s+)?(?:were|was)\b|"
    r"heard\s+(?:briefings?\s+|statements?\s+)?(?:from|by)\b|"
    r"speakers\s+(?:also\s+)?included\b"
)
_LISTED_HEADS = ("speak", "participating", "taking", "making", "delivering", "briefing", "heard")


def _speakers_listed(doc: Doc, mentions: Mentions, rel: Relations, self_key: str | None) -> None:
    """ "Also speaking today were the representatives of A, B and C", "The meeting also heard
    from X": each took part in the meeting."""
    if not self_key:
        return
    for m in word_starts_from(_LISTED, doc.folded, _LISTED_HEADS):
        s = doc.sentence_at(m.start())
        if s is None:
            continue
        for x in mentions.in_span(m.end(), s.end):
            if x.type in ("State", "Person") and x.kind != "group":
                key = x.key
                if x.type == "Person" and key in _holders_of(mentions, key):
                    continue
                rel.add(key, "participatedIn", self_key, s.start, s.end)


def _holders_of(mentions: Mentions, key: str) -> set[str]:
    return set()


_COUNCIL_MEMBER = re.compile(
    r",\s+(?:the|a|an|one)\s+(?:[a-z-]+\s+){0,2}(?:member of the (?:security )?council|"
    r"council member|member of the council)\b"
)
_DELIVERED = re.compile(r"\b(?:as\s+)?(?:delivered|presented|read)\s+by\s+")


def _delivered_by(doc: Doc, mentions: Mentions, rel: Relations, author: str) -> None:
    """'As delivered by Jane Roe' in a statement: she speaks for its author."""
    e = mentions.entities.get(author)
    if e is None or e.type not in ("State", "Organization"):
        return
    for hit in _DELIVERED.finditer(doc.folded, 0, max(doc.heading_end, 1) + 400):
        people = [m for m in mentions.in_span(hit.end(), hit.end() + 80) if m.type == "Person"]
        if people and people[0].start == hit.end():
            pred = "represents" if e.type == "State" else "worksFor"
            rel.add(people[0].key, pred, author, hit.start(), people[0].end)


_ROLE_AT = re.compile(
    r",\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,4}?(?:director|head|chief|"
    r"researcher|spokesperson|spokesman|spokeswoman|official|adviser|advisor|"
    r"officer|counsel|representative|chair|president|analyst|correspondent|"
    r"reporter|editor|expert|fellow|founder|coordinator|manager)\s+"
    r"(?:at|of|with|for)\s+(?:the\s+)?"
)
_REQUEST = re.compile(  # scanned with word_starts_from
    r"(?:(?:called for|requested|convened|sought|proposed)\b[^.;()]{0,80}?\bby|"
    r"at the (?:request|initiative) of)\s+(?:the\s+)?"
)
_REQUEST_HEADS = ("called for", "requested", "convened", "sought", "proposed", "at the ")
_REQUESTED_ACTIVE = re.compile(  # scanned with word_starts_from; an auxiliary before is _AUX_END
    r"(requested|called for|convened|sought)\s+(?:the|this|today's|"
    r"today’s)\s+(?:meeting|session|briefing|debate)\b"
)
_REQUESTED_HEADS = ("requested", "called for", "convened", "sought")
_AUX_END = re.compile(r"(?<!\w)(?:had|have|has)$")
_OWN_COUNTRY = re.compile(r"\b(?:his|her|its|my|our|their)\s+(?:country|delegation|government)\b")


def _requests(doc: Doc, mentions: Mentions, rel: Relations, claims: list, self_key) -> None:
    """Who asked for a meeting: "asked for in a letter ... by five Council members",
    "at the request of France", "her delegation and four others had requested this
    meeting" (his country: the speaker's State)."""
    from kg.extract.groups import group_after, group_before

    folded = doc.folded
    for m in word_starts_from(_REQUEST, folded, _REQUEST_HEADS):
        s = doc.sentence_at(m.start())
        if s is None:
            continue
        meeting = [x for x in mentions.in_span(s.start, m.start()) if x.type == "Meeting"]
        target = meeting[-1].key if meeting else self_key
        if not target:
            continue
        pred = "convened" if "convened" in m.group(0) else "requested"
        g = group_after(doc, mentions, m.end(), s.end)
        if g is not None:
            rel.add(g, pred, target, m.start(), m.end() + 40)
        stop = re.search(r"[;(]|\s(?:which|who|that|expressing|to)\s", folded[m.end() : s.end])
        end = m.end() + stop.start() if stop else s.end
        for st in mentions.in_span(m.end(), end):
            if st.type == "State":
                rel.add(st.key, pred, target, s.start, s.end)
    first_speaker: dict[int, str] = {}  # sentence start -> its first attributed claimant
    for m in word_starts_from(_REQUESTED_ACTIVE, folded, _REQUESTED_HEADS):
        at, lead = _with_auxiliary(folded, m.start())
        s = doc.sentence_at(at)
        if s is None or not self_key:
            continue
        pred = "convened" if m.group(1) == "convened" else "requested"
        clause_start = max(
            folded.rfind(",", s.start, at),
            folded.rfind(" said ", s.start, at) + 5,
            folded.rfind(" that ", s.start, at) + 5,
            s.start,
        )
        g = group_before(doc, mentions, clause_start, at + lead)
        seg_end = at
        g = g or group_before(doc, mentions, clause_start, seg_end)
        if g is not None:
            rel.add(g, pred, self_key, clause_start, m.end())
        for st in mentions.in_span(clause_start, seg_end):
            if st.type == "State":
                rel.add(st.key, pred, self_key, clause_start, m.end())
        if _OWN_COUNTRY.search(folded, clause_start, seg_end):
            if not first_speaker:
                for c in reversed(claims):
                    if c.cue:
                        first_speaker[c.start] = c.claimant
            speaker = first_speaker.get(s.start)
            if speaker:
                rel.add(speaker, pred, self_key, clause_start, m.end())


def _with_auxiliary(folded: str, verb: int) -> tuple[int, int]:
    """Where "requested the meeting" starts with the words before it: an auxiliary ("had
    requested") or the white space after a word; and 1 when that start is white space."""
    ws = verb
    while ws > 0 and folded[ws - 1].isspace():
        ws -= 1
    aux = _AUX_END.search(folded, max(0, ws - 4), ws)
    if aux is not None:
        return aux.start(), 0
    if ws < verb and ws > 0 and (folded[ws - 1].isalnum() or folded[ws - 1] == "_"):
        return ws, int(folded[ws] == " ")
    return verb, 0


def _meeting_relations(
    doc: Doc,
    mentions: Mentions,
    rel: Relations,
    events: dict,
    claims: list[ClaimItem],
    self_key: str | None,
    topic: str | None,
) -> None:
    for key, ev in events.items():
        for state in sorted(ev.topic):
            ms = mentions.of_key(key)
            if ms:
                rel.add(key, "about", state, ms[0].start, ms[0].end)
        for state, s, e in ev.requested_by:
            rel.add(state, "requested", key, s, e)
    _requests(doc, mentions, rel, claims, self_key)
    by_sentence: dict[int, list[ClaimItem]] = {}
    for c in claims:
        by_sentence.setdefault(c.start, []).append(c)
    # possessive events: "Ambassador X's stakeout" -> X took part
    for m in mentions.items:
        if m.type != "Meeting":
            continue
        persons = [p for p in mentions.overlapping(m.start - 2, m.end) if p.type == "Person"]
        for p in persons:
            if re.match(r"['’]s\b", doc.text[p.end : p.end + 2]):
                rel.add(p.key, "participatedIn", m.key, min(p.start, m.start), m.end)
        # "When the Council last met for a briefing on ... in 2017, X stated": X took part
        if m.key == self_key:
            continue
        s = doc.sentence_at(m.start)
        if s is None or not re.match(r"(when|at|during)\b", doc.folded[s.start : s.start + 7]):
            continue
        for c in by_sentence.get(s.start, ()):
            if c.cue:
                rel.add(c.claimant, "participatedIn", m.key, s.start, s.end)


def _claim_relations(doc: Doc, mentions: Mentions, rel: Relations, claims: list[ClaimItem]):
    for c in claims:
        ctype = mentions.entities[c.claimant].type if c.claimant in mentions.entities else ""
        if (
            c.stance == "find"
            and ctype in ("Report", "Mechanism")
            and c.content
            and c.cue in ("found", "finds", "concluded", "concludes", "determined", "established")
        ):
            text = _content(doc, *c.content)
            if text:
                rel.add(c.claimant, "found", text, c.start, c.end, literal=True)
        if c.stance == "recommend" and c.content:
            for m in mentions.in_span(*c.content):
                if m.type == "Mechanism" and m.key != c.claimant:
                    rel.add(c.claimant, "recommended", m.key, c.start, c.end)


def _content(doc: Doc, start: int, end: int) -> str:
    text = doc.text[start:end]
    text = re.sub(r"^\s*(that\s+)?", "", text)
    cut = re.search(r"\s+and\s+(recommended|called|urged|concluded|found)\b|;", text)
    if cut:
        text = text[: cut.start()]
    return text.strip().rstrip(".").strip()


def _states_named_in(label: str) -> list[str]:
    from kg.extract.gazetteer import default_gazetteer
    from kg.extract.text import fold

    return [m.key for m in default_gazetteer().find(label, fold(label)) if m.type == "State"]


_ISSUED = re.compile(
    r"\b(issued|published|released|presented|submitted|produced|wrote|"
    r"authored)\s+(?:an?|the|its|his|her|their)\s+"
)


def _report_relations(
    doc: Doc,
    mentions: Mentions,
    rel: Relations,
    claims: list[ClaimItem],
    topic: str | None,
    ref: Any,
    holders: Any,
) -> None:
    by_sentence: dict[int, list[ClaimItem]] = {}
    for c in claims:
        by_sentence.setdefault(c.start, []).append(c)

    def holder(key: str) -> str:
        e = mentions.entities.get(key)
        return holders.get(key, key) if e is not None and e.type == "Position" else key

    authors: dict[str, str] = dict(doc.meta.get("_report_authors", {}))
    for e in mentions.entities.values():  # a report of the reference data: its known author
        if e.type == "Report" and e.known and e.id not in authors:
            b = ref.get(e.id)
            if b is not None and getattr(b, "author", None):
                authors[e.id] = b.author
                if b.author not in mentions.entities:
                    a = ref.get(b.author)
                    mentions.entities[b.author] = Entity(
                        b.author, a.label, a.entity_type, a.wikidata, known=True
                    )
    for report, author in authors.items():
        ms = mentions.of_key(report)
        if ms:
            rel.add(holder(author), "authored", report, ms[0].start, ms[0].end)
    for m in mentions.items:
        if m.type != "Report":
            continue
        s = doc.sentence_at(m.start)
        if s is None:
            continue
        before = doc.folded[s.start : m.start]
        issued = _ISSUED.search(before[-40:] + " ") if before else None
        if issued:
            agents = [
                x
                for x in mentions.in_span(s.start, m.start)
                if x.type in ("Person", "Organization", "Mechanism", "Position")
            ]
            if agents:
                rel.add(holder(agents[-1].key), "authored", m.key, s.start, s.end)
        # "In an October 2022 report, X highlighted": the claimant wrote it
        if re.search(r"\bin\s+(an?|its|his|her|their|the)\s+[^,]{0,40}$", before):
            for c in by_sentence.get(s.start, ()):
                if c.cue:
                    rel.add(c.claimant, "authored", m.key, s.start, s.end)
                    break
        states = [x.key for x in mentions.in_span(m.start, m.end) if x.type == "State"]
        if not states:
            near = [
                x for x in mentions.in_span(m.end, min(s.end, m.end + 120)) if x.type == "Mechanism"
            ]
            for x in near:
                states += [y.key for y in mentions.in_span(x.start, x.end) if y.type == "State"]
                states += _states_named_in(x.label)
        if not states and topic:
            states = [topic]
        for st in dict.fromkeys(states):
            rel.add(m.key, "about", st, m.start, m.end)
