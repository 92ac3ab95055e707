"""Name matching backed by the reference data: one Aho-Corasick pass over the folded text.

Names come from the reference data (states with their official and short names, aliases and
capitals; UN bodies, mechanisms, reports, instruments and positions; persons) plus a few
generic names of this genre (sanctions, the Council). Matching is leftmost-longest, so
"Commission of Inquiry on Syria" wins over "Syria".

Case rules keep short names honest: acronyms ("US", "ICC") match only in their own case,
one-word names only when capitalised, longer names in any case ("commission of inquiry").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick_rs

from kg.extract.model import Mention
from kg.extract.text import fold, fold_key

_PREFIXES = ("UN ", "United Nations ", "U.N. ")
# Names that match only when the document already names their longer form.
SECURITY_COUNCIL = "un-security-council"
UNITED_NATIONS = "united-nations"


@dataclass(frozen=True, slots=True)
class Name:
    """One surface name of an entity."""

    text: str
    key: str
    type: str
    label: str
    kind: str  # name | metonym | demonym | council
    wikidata: str | None
    case: str  # exact | capital | any


def _case_rule(text: str, type_: str = "") -> str:
    """exact (acronyms), capital (one word), title (names of actors: their capitalised words
    stay capitalised, so "a Security Council report" is not the NGO "Security Council
    Report"), any (mechanisms, reports, instruments: "commission of inquiry")."""
    letters = [c for c in text if c.isalpha()]
    uppers = sum(c.isupper() for c in letters)
    if " " not in text and (uppers >= 2 and uppers >= len(letters) - 1 or len(letters) <= 3):
        return "exact"
    if " " not in text.strip():
        return "capital"
    if type_ in ("Organization", "State", "Person", "Position"):
        return "title"
    return "any"


def _ref_names(ref: Any) -> Iterator[Name]:
    for s in ref.states:
        wd = getattr(s, "wikidata", None)
        names = [s.name, getattr(s, "official_name", None), *getattr(s, "aliases", [])]
        for n in names:
            if n:
                yield Name(n, s.id, "State", s.name, "name", wd, _case_rule(n, "State"))
        capital = getattr(s, "capital", None)
        if capital:
            yield Name(capital, s.id, "State", s.name, "metonym", wd, "capital")
        for d in getattr(s, "demonyms", None) or []:
            yield Name(d, s.id, "State", s.name, "demonym", wd, "capital")
    for b in ref.bodies:
        wd = getattr(b, "wikidata", None)
        for n in [b.label, *getattr(b, "aliases", [])]:
            if not n:
                continue
            yield Name(n, b.id, b.type, b.label, "name", wd, _case_rule(n, b.type))
            if b.type != "Report" and not n.startswith(_PREFIXES) and " " in n:
                for p in _PREFIXES:
                    yield Name(p + n, b.id, b.type, b.label, "name", wd, "any")
    for p in ref.persons:
        wd = getattr(p, "wikidata", None)
        for n in [p.label, *getattr(p, "aliases", [])]:
            if n:
                yield Name(n, p.id, "Person", p.label, "name", wd, _case_rule(n, "Person"))
        surname = p.label.split()[-1] if " " in p.label else None
        if surname and len(surname) > 3:
            for title in ("Ambassador", "Mr.", "Ms.", "Mrs.", "Dr.", "Judge", "Mr", "Ms"):
                yield Name(f"{title} {surname}", p.id, "Person", p.label, "name", wd, "any")
    for m in getattr(ref, "meetings", []):
        sym = getattr(m, "symbol", None)
        if sym:
            yield Name(sym, m.id, "Meeting", m.label, "name", None, "exact")


# Generic names of the genre that the reference data does not hold.
_GENERIC = (
    ("Council", SECURITY_COUNCIL, "Organization", "council"),
    ("Security Council", SECURITY_COUNCIL, "Organization", "name"),
    ("Rule 37", "rule-37", "Mechanism", "name"),
    ("rule 37", "rule-37", "Mechanism", "name"),
)


class Gazetteer:
    """Finds every known name in a text."""

    def __init__(self, names: list[Name], labels: dict[str, Name]) -> None:
        by_text: dict[str, Name] = {}
        for n in names:
            f = fold(n.text)
            # first name wins; real names beat demonyms and metonyms
            if f not in by_text or (by_text[f].kind != "name" and n.kind == "name"):
                by_text[f] = n
        self.patterns = list(by_text)
        self.names = [by_text[p] for p in self.patterns]
        self.labels = labels  # key -> the entity's preferred Name
        self._ac = ahocorasick_rs.AhoCorasick(
            self.patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )
        self._all = ahocorasick_rs.AhoCorasick(self.patterns)  # every match, for fallbacks
        self._persons: dict[str, Name] | None = None
        self._surnames: dict[str, list[Name]] | None = None

    def entry(self, key: str) -> Name | None:
        return self.labels.get(key)

    def person(self, key: str) -> Name | None:
        """The known person whose name has this :func:`fold_key` (built on first use)."""
        if self._persons is None:
            self._persons = {fold_key(n.text): n for n in self.names if n.type == "Person"}
        return self._persons.get(key)

    def surname(self, key: str, *, title: str = "", day=None) -> Name | None:
        """The reference person called by this surname alone, after a title: the one whose
        post the title names (held on ``day`` when given), or the only one so called."""
        if self._surnames is None:
            self._surnames = {}
            for n in self.names:
                if n.type == "Person" and n.kind == "name" and " " in n.label:
                    last = fold_key(n.label).split()[-1]
                    group = self._surnames.setdefault(last, [])
                    if all(x.key != n.key for x in group):
                        group.append(self.labels.get(n.key, n))
        cands = self._surnames.get(key, [])
        if len(cands) <= 1:
            return cands[0] if cands else None
        from kg.reference.loader import load_reference

        ref = load_reference()
        title = fold(title)
        fitting = []
        for n in cands:
            person = ref.get(n.key)
            for t in getattr(person, "positions", ()):
                post = ref.get(t.position)
                names = [post.label, *post.aliases] if post is not None else []
                named = any(fold(x).removeprefix("un ") in title for x in names)
                if named and (day is None or t.covers(day)):
                    fitting.append(n)
                    break
        return fitting[0] if len({n.key for n in fitting}) == 1 else None

    def find(self, text: str, folded: str) -> list[Mention]:
        """Mentions of known names, boundaries and case rules checked. When the longest
        name at a place fails its checks, the longest shorter one that passes is taken
        ("a Security Council report" is the Council, not the NGO "Security Council
        Report")."""
        out: list[Mention] = []
        for idx, start, end in self._ac.find_matches_as_indexes(folded):
            mention = self._accept(idx, start, end, text, folded)
            if mention is None:
                mention = self._shorter(start, end, text, folded)
            if mention is not None:
                out.append(mention)
        return out

    def _shorter(self, start: int, end: int, text: str, folded: str) -> Mention | None:
        found = [
            (e, i)
            for i, s, e in self._all.find_matches_as_indexes(folded[start:end], overlapping=True)
            if s == 0 and e < end - start
        ]
        for e, i in sorted(found, reverse=True):
            mention = self._accept(i, start, start + e, text, folded)
            if mention is not None:
                return mention
        return None

    def _accept(self, idx: int, start: int, end: int, text: str, folded: str) -> Mention | None:
        n = len(text)
        if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "-"):
            return None
        if end < n and (
            folded[end].isalnum()
            or (folded[end] == "-" and end + 1 < n and text[end + 1].isupper())
        ):
            return None
        name = self.names[idx]
        surface = text[start:end]
        if name.case == "exact" and surface != name.text:
            return None
        if name.case == "capital" and not surface[:1].isupper():
            return None
        if name.kind == "metonym" and _after_given_name(text, start):
            return None  # "Ana Lima": a surname, not Peru's capital
        if name.case == "title" and not _same_capitals(name.text, surface):
            return None
        if (
            name.case == "any"
            and not (surface[:1].isupper() or surface[:1].isdigit())
            and name.kind != "name"
        ):
            return None  # lower case is fine for names ("commission of inquiry")
        return Mention(start, end, name.key, name.type, name.label, kind=name.kind,
                       wikidata=name.wikidata, surface=surface)  # fmt: skip


_PREVIOUS_WORD = re.compile(r"(?:^|(?<=\s))([A-Z][a-z]+\.?)[ \t]$")
_NOT_GIVEN = frozenset(
    ("in", "at", "from", "to", "the", "and", "but", "for", "of", "on", "by", "with", "as",
     "if", "when", "while", "after", "before", "since", "during", "near", "outside",
     "inside", "today", "yesterday", "meanwhile", "also", "then")
)  # fmt: skip


def _after_given_name(text: str, start: int) -> bool:
    """Is the word just before ``start`` a capitalised word that could be a given name?"""
    m = _PREVIOUS_WORD.search(text, max(0, start - 24), start)
    return bool(m) and m.group(1).rstrip(".").lower() not in _NOT_GIVEN


def _same_capitals(name: str, surface: str) -> bool:
    """Every word capitalised in the name is capitalised in the text too."""
    for a, b in zip(name.split(), surface.split(), strict=False):
        if a[:1].isupper() and not b[:1].isupper():
            return False
    return True


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the embedded reference data (built once per process)."""
    from kg.reference.loader import load_reference

    ref = load_reference()
    names = list(_ref_names(ref))
    labels: dict[str, Name] = {}
    for n in names:
        if n.kind == "name":
            labels.setdefault(
                n.key, Name(n.label, n.key, n.type, n.label, "name", n.wikidata, "any")
            )
    for text, key, type_, kind in _GENERIC:
        label = labels[key].label if key in labels else text
        names.append(
            Name(text, key, type_, label, kind, None, "capital" if kind == "council" else "any")
        )
        labels.setdefault(key, Name(label, key, type_, label, "name", None, "any"))
    return Gazetteer(names, labels)
