"""The lexicons of diplomatic prose, read from ``kg/extract/data/``.

- ``verbs.tsv``: reporting verbs (``lemma  stance  confidence  [third,past,ing]``); a lemma
  may be phrasal ("call for", "point out"): its first word inflects.
- ``nouns.tsv``: nouns that carry a stance when expressed ("voiced concern").
- ``content_cues.tsv``: words inside what was said that show its stance ("must" → call_for).
- ``roles.txt``: titles before names, person roles, group nouns, quantifiers.
- ``not_names.txt``, ``procedural.txt``: capitalised words that are never names; talk about
  the occasion itself (courtesies, logistics of a press call).

Everything is matched on folded text (:func:`kg.extract.text.fold`: lower case, no
accents, plain quotes).

>>> LEX.cues["stressed"].lemma, LEX.cues["stressed"].stance
('stress', 'assert')
>>> LEX.cues["called for"].stance, LEX.cues["calling for"].form
('call_for', 'ing')
>>> verb_forms("urge")
('urge', 'urges', 'urged', 'urging')
>>> LEX.content_stances("the council must act now")[0][0]
'call_for'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

import ahocorasick_rs

STANCES = ("concern", "oppose", "support", "accuse", "call_for", "recommend", "find", "assert")
_DOUBLE = {
    "regret", "commit", "admit", "omit", "submit", "abet", "refer", "prefer", "deter",
    "rebut", "allot", "compel", "propel", "dispel", "patrol", "control", "permit", "transmit",
    "acquit", "confer", "infer", "aver", "occur", "plan", "stop", "ban", "bar", "veto",
}  # fmt: skip


def verb_forms(base: str) -> tuple[str, str, str, str]:
    """(base, third person, past, -ing) of a regular verb."""
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base.endswith("ie"):
        ing = base[:-2] + "ying"
    elif base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        ing = base[:-1] + "ing"
    elif base in _DOUBLE and base != "veto":
        ing = base + base[-1] + "ing"
    else:
        ing = base + "ing"
    if base.endswith("e"):
        past = base + "d"
    elif base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        past = base[:-1] + "ied"
    elif base in _DOUBLE and base != "veto":
        past = base + base[-1] + "ed"
    else:
        past = base + "ed"
    return base, third, past, ing


@dataclass(frozen=True, slots=True)
class Cue:
    """One form of a reporting verb (or a fixed cue such as "according to")."""

    lemma: str
    stance: str
    confidence: float
    form: str  # base | third | past | ing | prep


def _lines(name: str) -> list[str]:
    folder = resources.files("kg.extract").joinpath("data")
    data = folder.joinpath(name).read_text("utf-8")
    return [ln.rstrip("\n") for ln in data.splitlines()]


def _rows(name: str) -> list[list[str]]:
    out = []
    for ln in _lines(name):
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        out.append([c.strip() for c in ln.split("\t")])
    return out


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for ln in _lines(name):
        s = ln.strip()
        if not s:
            continue
        if s.startswith("#"):
            head = s.lstrip("#").strip().split()
            if head and head[0].replace("_", "").isalpha() and len(head) == 1:
                current = head[0].lower()
            continue
        out.setdefault(current, []).append(s)
    return out


def _fold(text: str) -> str:
    from kg.extract.text import fold

    return fold(text)


def _phrase_regex(phrases: list[str]) -> re.Pattern:
    """One alternation of phrases on word boundaries; ``*`` ends a word prefix."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        rx = re.escape(p).replace(r"\*", r"[\w'-]*").replace(r"\ ", r"\s+")
        parts.append(rx)
    return re.compile(r"(?<![\w'-])(?:" + "|".join(parts) + r")(?![\w-])")


class HeadIndex:
    """Where phrases of ``_phrase_regex`` can start: an automaton of their first words (up
    to a ``*``, a space or other punctuation), each mapped to the groups of phrases that
    begin with it. A group's pattern need only be tried at those places.

    >>> [(i, sorted(g)) for i, g in HeadIndex([["call for"], ["calm*", "urge"]]).starts(
    ...     "we call for calm; recall")]
    [(3, [0]), (12, [1])]
    """

    def __init__(self, groups: list[list[str]]) -> None:
        index: dict[str, set[int]] = {}
        for g, phrases in enumerate(groups):
            for phrase in phrases:
                head = _WORD_RUN.match(phrase)
                if head is None or len(phrase.split("*")[0]) < 2:
                    raise ValueError(f"phrase too short to index: {phrase!r}")
                index.setdefault(head.group(0), set()).add(g)
        heads = sorted(index)
        self._ac = ahocorasick_rs.AhoCorasick(heads) if heads else None
        self._groups = [frozenset(index[h]) for h in heads]

    def starts(self, folded: str) -> list[tuple[int, frozenset[int]]]:
        """(position, groups) where a first word begins a word of ``folded``, in order (a
        position where two first words begin comes twice)."""
        if self._ac is None:
            return []
        groups = self._groups
        found = [
            (i, groups[h])
            for h, i, _e in self._ac.find_matches_as_indexes(folded, overlapping=True)
            if i == 0 or not (folded[i - 1].isalnum() or folded[i - 1] in "_'-")
        ]
        found.sort(key=_first)
        return found


def _first(pair: tuple[int, frozenset[int]]) -> int:
    return pair[0]


class Lexicon:
    """All word lists, loaded once."""

    @cached_property
    def cues(self) -> dict[str, Cue]:
        cues: dict[str, Cue] = {}
        for row in _rows("verbs.tsv"):
            lemma, stance, conf = row[0].lower(), row[1], float(row[2])
            if stance not in STANCES:
                raise ValueError(f"verbs.tsv: unknown stance {stance!r} for {lemma!r}")
            head, _, rest = lemma.partition(" ")
            if len(row) > 3 and row[3]:
                given = [f.strip() for f in row[3].split(",")]
                forms = (lemma, *given)
            else:
                forms = tuple(f"{f} {rest}".strip() for f in verb_forms(head))
            for kind, form in zip(("base", "third", "past", "ing"), forms, strict=False):
                cues.setdefault(_fold(form), Cue(lemma, stance, conf, kind))
        cues["according to"] = Cue("according to", "assert", 0.7, "prep")
        return cues

    @cached_property
    def nouns(self) -> dict[str, tuple[str, float]]:
        return {r[0].lower(): (r[1], float(r[2])) for r in _rows("nouns.tsv") if len(r) >= 3}

    @cached_property
    def _content(self) -> dict[str, list[tuple[str, float]]]:
        by_stance: dict[str, list[tuple[str, float]]] = {}
        for row in _rows("content_cues.tsv"):
            if len(row) >= 3 and row[1] in STANCES:
                by_stance.setdefault(row[1], []).append((_fold(row[0]), float(row[2])))
        return by_stance

    @cached_property
    def _content_rx(self) -> list[tuple[str, re.Pattern, dict[str, float]]]:
        out = []
        for stance, items in self._content.items():
            weights = {p: c for p, c in items}
            out.append((stance, _phrase_regex([p for p, _ in items]), weights))
        return out

    @cached_property
    def _content_heads(self) -> HeadIndex:
        return HeadIndex([list(weights) for _stance, _rx, weights in self._content_rx])

    def content_stances(self, folded: str) -> list[tuple[str, float, int]]:
        """(stance, confidence, position) of the strongest cue of each stance in a text,
        strongest first. A cue right after a negation ("not", "no", "never") is skipped
        for the stances it would invert (support, oppose).

        Each stance's pattern is tried only where one of its cues' first words begins a
        word, and not inside its previous match (as ``finditer`` would).

        >>> [s for s, _c, _p in LEX.content_stances("we condemn it and urge restraint")]
        ['accuse', 'call_for']
        """
        rxs = self._content_rx
        last = [0] * len(rxs)
        best: list[tuple[float, int] | None] = [None] * len(rxs)
        for i, ks in self._content_heads.starts(folded):
            for k in ks:
                if i < last[k]:
                    continue
                stance, rx, weights = rxs[k]
                m = rx.match(folded, i)
                if m is None:
                    continue
                last[k] = m.end()
                if stance in ("support", "oppose", "call_for") and _NEGATION.search(
                    folded, max(0, i - 12), i
                ):
                    continue
                conf = weights.get(m.group(0)) or _wildcard_weight(m.group(0), weights)
                b = best[k]
                if b is None or conf > b[0]:
                    best[k] = (conf, i)
        found = [(rxs[k][0], b[0], b[1]) for k, b in enumerate(best) if b is not None]
        return sorted(found, key=lambda x: (-x[1], x[2]))

    @cached_property
    def roles(self) -> dict[str, list[str]]:
        return {k: [_fold(v) for v in vs] for k, vs in _sections("roles.txt").items()}

    @cached_property
    def titles(self) -> list[str]:
        """Titles that precede a name ("ambassador", "foreign minister"), folded."""
        return self.roles.get("titles", [])

    @cached_property
    def titles_words(self) -> frozenset[str]:
        return frozenset(w.strip(".") for t in self.titles for w in t.split()) | frozenset(
            ("mr", "ms", "mrs", "dr", "h.e", "sir", "dame")
        )

    @cached_property
    def role_words(self) -> frozenset[str]:
        return frozenset(self.roles.get("person_roles", []))

    @cached_property
    def group_nouns(self) -> frozenset[str]:
        return frozenset(self.roles.get("group_nouns", []))

    @cached_property
    def quantifiers(self) -> tuple[str, ...]:
        return tuple(sorted(self.roles.get("quantifiers", []), key=len, reverse=True))

    @cached_property
    def not_names(self) -> frozenset[str]:
        return frozenset(_fold(w) for w in _rows_plain("not_names.txt"))

    @cached_property
    def procedural(self) -> tuple[re.Pattern, re.Pattern]:
        """(phrases that make a sentence procedural at its start, ... anywhere)."""
        sections = _sections("procedural.txt")
        start = [_fold(p) for p in sections.get("start", [])]
        anywhere = [_fold(p) for p in sections.get("anywhere", [])]
        return (
            re.compile(r"(?:" + "|".join(re.escape(p) for p in start) + r")(?![\w])"),
            _phrase_regex(anywhere),
        )


def _rows_plain(name: str) -> list[str]:
    return [ln.strip() for ln in _lines(name) if ln.strip() and not ln.lstrip().startswith("#")]


def _wildcard_weight(matched: str, weights: dict[str, float]) -> float:
    for phrase, conf in weights.items():
        if phrase.endswith("*") and matched.startswith(phrase[:-1]):
            return conf
    return 0.6


# A word as the cue patterns see its edges: a cue starts only where one of these starts.
_WORD_RUN = re.compile(r"[\w'-]+")


_NEGATION = re.compile(r"(?:\bnot|\bno|\bnever|n't|\bnor|\bwithout)\s+(?:\w+\s+)?$")

LEX = Lexicon()
