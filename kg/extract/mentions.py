"""Collect the mentions of a document and resolve them to entities.

Gazetteer names and prose patterns are gathered, overlaps settled (longest span first, names
of the reference data before patterns), and each mention is given the id of its entity: the
reference id when the name is known, else a deterministic id derived from the label.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable, Iterator

import ahocorasick_rs

from kg.extract import patterns as P
from kg.extract.context import Doc, is_generic_speaker
from kg.extract.gazetteer import SECURITY_COUNCIL, Gazetteer
from kg.extract.lexicon import LEX
from kg.extract.model import Entity, Mention
from kg.extract.patterns import speaker_label as speaker_name
from kg.extract.people import context_people
from kg.extract.text import fold, fold_key
from kg.rdf.iris import slug

# A state named with one of these nouns after it stands for the state: "the DPRK government".
_STATE_NOUNS = re.compile(
    r"\s+(government|authorities|regime|delegation|representative|representatives|delegate|"
    r"delegates|ambassador|envoy|mission|side|leadership|officials?|foreign ministry|"
    r"permanent representative|spokesperson|spokesman|spokeswoman|foreign minister)\b"
)
# Demonym + role noun: "the Chinese representative", "the North Korean government".
_ROLE_NOUNS = re.compile(
    r"\s+(representative|representatives|delegate|delegates|delegation|government|"
    r"authorities|regime|ambassador|envoy|permanent representative|foreign minister|"
    r"foreign ministry|mission|side|leadership|officials|spokesperson|spokesman|spokeswoman|"
    r"president|prime minister|leader)\b"
)
_METONYM_BLOCK = re.compile(
    r"\s+(declaration|agreement|accord|accords|convention|treaty|process|summit|protocol|"
    r"consensus|post|times|street|metro|airport|university|office)\b"
)
_PRIORITY = {"name": 0, "role": 0, "speaker": 0, "metonym": 1, "pattern": 2, "title": 2}


class Mentions:
    """The settled mentions of a document and the entities they resolve to.

    Mentions are kept sorted by start (ties in the order they were added). New mentions go
    to a small sorted buffer that is merged into the main list once it fills, so adding
    mentions anywhere in a 5 MB document stays cheap; span lookups look at both.
    """

    _BUFFER = 1024

    def __init__(self) -> None:
        self._items: list[Mention] = []
        self._dirty = False
        self._starts: list[int] = []
        self._new: list[Mention] = []  # the buffer, sorted by start
        self._new_starts: list[int] = []
        self._by_key: dict[str, list[Mention]] = {}
        self.entities: dict[str, Entity] = {}

    def add(self, m: Mention) -> None:
        self._index()
        if not self._new and (not self._starts or m.start >= self._starts[-1]):
            self._items.append(m)  # the usual case while mentions come in text order
            self._starts.append(m.start)
        else:
            i = bisect.bisect_right(self._new_starts, m.start)
            self._new.insert(i, m)
            self._new_starts.insert(i, m.start)
            if len(self._new) >= self._BUFFER:
                self._merge()
        self._by_key.setdefault(m.key, []).append(m)

    def _merge(self) -> None:
        """Move the buffer into the main list (a stable sort of two sorted runs)."""
        if self._new:
            self._items = sorted(self._items + self._new, key=_START)
            self._starts = [m.start for m in self._items]
            self._new, self._new_starts = [], []

    def _index(self) -> None:
        if self._dirty:
            self._merge()
            self._items.sort(key=_START)
            self._starts = [m.start for m in self._items]
            self._by_key = {}
            for m in self._items:
                self._by_key.setdefault(m.key, []).append(m)
            self._dirty = False

    @property
    def items(self) -> list[Mention]:
        self._index()
        self._merge()
        return self._items

    def rekey(self) -> None:
        """Call after changing mentions' keys in place."""
        self._dirty = True

    def add_entity(self, m: Mention, *, known: bool) -> Entity:
        e = self.entities.get(m.key)
        if e is None:
            e = Entity(m.key, m.label, m.type, m.wikidata, known=known)
            self.entities[m.key] = e
        if m.surface:
            surface = m.surface
            if "  " in surface or "\n" in surface or "\t" in surface or "\u00a0" in surface:
                surface = " ".join(surface.split())
            e.add_mention(surface)
        return e

    def in_span(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside [start, end)."""
        return [m for m in self._from(start, end) if m.end <= end]

    def overlapping(self, start: int, end: int, *, reach: int = 200) -> list[Mention]:
        """Mentions that share a character with [start, end) (mentions are < ``reach`` long)."""
        return [m for m in self._from(start - reach, end) if m.end > start]

    def backwards(self, before: int) -> Iterator[Mention]:
        """The mentions that start before ``before``, nearest first (the reverse of
        ``items`` order)."""
        self._index()
        main, new = self._items, self._new
        i = bisect.bisect_left(self._starts, before) - 1
        j = bisect.bisect_left(self._new_starts, before) - 1
        while i >= 0 or j >= 0:
            if j >= 0 and (i < 0 or new[j].start >= main[i].start):  # ties: the newer first
                yield new[j]
                j -= 1
            else:
                yield main[i]
                i -= 1

    def _from(self, lo_start: int, hi_start: int) -> list[Mention]:
        """Mentions starting in [lo_start, hi_start), in order."""
        self._index()
        lo = bisect.bisect_left(self._starts, lo_start)
        found = self._items[lo : bisect.bisect_left(self._starts, hi_start, lo)]
        if self._new:
            lo = bisect.bisect_left(self._new_starts, lo_start)
            extra = self._new[lo : bisect.bisect_left(self._new_starts, hi_start, lo)]
            if extra:
                found = sorted(found + extra, key=_START)  # stable: older ones first on ties
        return found

    def of_key(self, key: str) -> list[Mention]:
        self._index()
        return list(self._by_key.get(key, ()))


_START = operator.attrgetter("start")


def _settle(cands: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longest first, reference names before patterns."""
    ordered = sorted(cands, key=lambda m: (-(m.end - m.start), _PRIORITY.get(m.kind, 3), m.start))
    taken: list[Mention] = []
    occupied = bytearray()
    for m in ordered:
        if len(occupied) < m.end:
            occupied.extend(b"\0" * (m.end - len(occupied)))
        if 1 in occupied[m.start : m.end]:
            continue
        occupied[m.start : m.end] = b"\1" * (m.end - m.start)
        taken.append(m)
    return sorted(taken, key=_START)


def _gazetteer_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    text, folded = doc.text, doc.folded
    out: list[Mention] = []
    skip = bool(doc.skip)
    for m in gaz.find(text, folded):
        if skip and doc.skipped(m.start):
            continue
        after = folded[m.end : m.end + 40]
        if m.kind == "demonym":
            role = _ROLE_NOUNS.match(after)
            if role is None:
                continue
            m.end += role.end()
            m.surface = text[m.start : m.end]
            m.kind = "role"
        elif m.kind == "metonym":
            before = folded[max(0, m.start - 4) : m.start]
            if before.endswith(("in ", "to ", "at ")) or _METONYM_BLOCK.match(after):
                continue
        elif m.type == "State":
            noun = _STATE_NOUNS.match(after)
            if noun and noun.group(1) in ("government", "authorities", "regime"):
                m.end += noun.end()
                m.surface = text[m.start : m.end]
        out.append(m)
    return out


def _council_lowercase(doc: Doc, found: list[Mention]) -> list[Mention]:
    """'the council' in lower case stands for the Security Council once it has been named."""
    if not any(m.key == SECURITY_COUNCIL for m in found):
        return []
    out = []
    text = doc.text
    at = text.find("council")
    while at >= 0:
        end = at + len("council")
        if (at == 0 or not text[at - 1].isalnum()) and (
            end >= len(text) or not text[end].isalnum()
        ):
            before = doc.folded[max(0, at - 20) : at]
            if not _OTHER_COUNCIL.search(before):
                out.append(
                    Mention(
                        at, end, SECURITY_COUNCIL, "Organization", "", "name", surface="council"
                    )
                )
        at = text.find("council", end)
    return out


_OTHER_COUNCIL = re.compile(r"(rights|security|economic|social|trusteeship|european|city) $")


def _speaker_mentions(doc: Doc) -> list[Mention]:
    out = []
    for t in doc.turns:
        if t.speaker is None or is_generic_speaker(t.speaker):
            continue
        label = speaker_name(t.speaker)
        out.append(
            Mention(
                t.label_start,
                t.label_end,
                slug(label),
                "Person",
                label,
                "speaker",
                surface=doc.text[t.label_start : t.label_end],
            )
        )
    return out


def collect(doc: Doc, gaz: Gazetteer) -> Mentions:
    """Every mention of the document, settled and resolved to entity ids."""
    text = doc.text
    found = _gazetteer_mentions(doc, gaz)
    cands: list[Mention] = list(found)
    cands += _council_lowercase(doc, found)
    cands += _speaker_mentions(doc)
    cands += P.families(text)
    cands += P.positions(text, frozenset(m.start for m in found if m.type == "Person"))
    if doc.skip:
        cands = [m for m in cands if not doc.skipped(m.start)]
    settled = _settle(cands)
    people = [m for m in context_people(doc, settled) if not doc.skipped(m.start)]
    settled = _settle(settled + people)
    result = Mentions()
    for m in settled:
        known = m.kind in ("name", "metonym", "role", "council")
        if m.type == "Person" and m.kind in ("pattern", "speaker"):
            hit = _known_person(doc, m, gaz)
            if hit is not None:
                m.key, m.label, m.wikidata, known = hit.key, hit.label, hit.wikidata, True
        if m.kind == "title":
            _resolve_title(m, gaz)
            known = m.kind == "name"
        if m.key == SECURITY_COUNCIL and not m.label:
            entry = gaz.entry(SECURITY_COUNCIL)
            m.label = entry.label if entry else "UN Security Council"
        if not m.key:
            continue
        result.add(m)
        result.add_entity(m, known=known)
    _speaker_persons(result)
    _speaker_aliases(doc, result)
    _surnames_to_full_names(result)
    _short_names(doc, result)
    return result


def _surnames_to_full_names(result: Mentions) -> None:
    """A person called by a surname after a title ("Deputy Secretary-General Eliasson") is
    the person the document names in full ("Jan Eliasson"), when exactly one has it."""
    full: dict[str, list[Entity]] = {}
    for e in result.entities.values():
        if e.type == "Person" and " " in e.label.strip():
            full.setdefault(fold_key(e.label).split()[-1], []).append(e)
    for e in list(result.entities.values()):
        if e.type != "Person" or " " in e.label.strip() or e.known:
            continue
        targets = full.get(fold_key(e.label), [])
        if len(targets) != 1:
            continue
        target = targets[0]
        for m in result.of_key(e.id):
            m.key, m.label = target.id, target.label
        for surface in e.mentions:
            target.add_mention(surface)
        result.entities.pop(e.id, None)
        result.rekey()


def _known_person(doc: Doc, m: Mention, gaz: Gazetteer):
    """The reference person a name found by pattern stands for: by the full name, the name
    without initials, or a surname after a title ("Deputy Secretary-General Eliasson")."""
    key = fold_key(m.label)
    hit = gaz.person(key) or gaz.person(fold_key(_without_initials(m.label)))
    if hit is not None or " " in m.label.strip():
        return hit
    return gaz.surname(key, title=doc.folded[max(0, m.start - 60) : m.start], day=doc.date)


def _without_initials(label: str) -> str:
    """'Vassily A. Nebenzia' -> 'Vassily Nebenzia'."""
    return " ".join(w for w in label.split() if not (len(w) == 2 and w.endswith(".")))


def _resolve_title(m: Mention, gaz: Gazetteer) -> None:
    """A position named by its title: the reference post or mandate when one is inside it."""
    folded = fold(m.surface)
    best = None
    for hit in gaz.find(m.surface, folded):
        if hit.type in ("Position", "Mechanism") and (
            best is None or hit.end - hit.start > best.end - best.start
        ):
            best = hit
    if best is not None and (best.end - best.start) >= 0.6 * len(m.surface):
        m.key, m.label, m.type, m.wikidata = best.key, best.label, best.type, best.wikidata
        m.kind = "name"


def _speaker_persons(result: Mentions) -> None:
    """'AMBASSADOR WOODWARD:' is the 'Ambassador Barbara Woodward' the text names."""
    persons = [e for e in result.entities.values() if e.type == "Person"]
    for m in result.items:
        if m.kind != "speaker":
            continue
        words = [w for w in m.label.split() if w.lower().strip(".") not in LEX.titles_words]
        if not words or m.key not in result.entities:
            continue
        target = None
        for e in persons:
            if e.id == m.key:
                continue
            tokens = e.label.split()
            if words == tokens or (len(words) == 1 and tokens and words[0] == tokens[-1]):
                target = e
                break
        if target is not None:
            speaker = result.entities.pop(m.key)
            for x in result.of_key(m.key):
                x.key, x.label = target.id, target.label
            for surface in speaker.mentions:
                target.add_mention(surface)
            result.rekey()


def _speaker_aliases(doc: Doc, result: Mentions) -> None:
    """'a senior USUN official' in the text is the speaker 'SENIOR USUN OFFICIAL'."""
    for e in list(result.entities.values()):
        if e.type != "Person" or not any(m.kind == "speaker" for m in result.of_key(e.id)):
            continue
        needle = fold(e.label)
        at = doc.folded.find(needle)
        while at >= 0:
            end = at + len(needle)
            surface = doc.text[at:end]
            bounded = (at == 0 or not doc.folded[at - 1].isalnum()) and (
                end >= len(doc.text) or not doc.folded[end].isalnum()
            )
            if bounded and not surface.isupper():
                e.add_mention(surface)
                result.add(Mention(at, end, e.id, "Person", e.label, "name", surface=surface))
            at = doc.folded.find(needle, end)


_NEXT_CAPITAL = re.compile(r"[\s-]*[A-Z]")


def _short_names(doc: Doc, result: Mentions) -> None:
    """A person named in full is later called by a first or last name alone."""
    taken = bytearray(len(doc.text) + 1)
    for m in result.items:
        taken[m.start : m.end] = b"\1" * (m.end - m.start)
    owner: dict[str, Entity] = {}
    for e in result.entities.values():
        if e.type != "Person" or " " not in e.label:
            continue
        tokens = e.label.split()
        for short in (tokens[0], tokens[-1]):
            if len(short) >= 3 and short.lower() not in LEX.not_names:
                owner.setdefault(short, e)
    if not owner:
        return
    names = sorted(owner)
    matcher = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    text = doc.text
    added = []
    for idx, start, end in matcher.find_matches_as_indexes(text):
        if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        if any(taken[start:end]) or _NEXT_CAPITAL.match(text, end):
            continue
        e = owner[names[idx]]
        e.add_mention(names[idx])
        added.append(Mention(start, end, e.id, "Person", e.label, "short", surface=names[idx]))
    for m in added:
        result.add(m)
