"""Reporting-verb cues: where they are in a document and which stance each one carries
("expressed concern", "called for", "voted against", "described the regime as ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from kg.extract import lexicon as L
from kg.extract.context import Doc
from kg.extract.mentions import Mentions

_WORDS = re.compile(r"[a-z'-]+")
_HELD_RESPONSIBLE = re.compile(r"[^.;]{0,60}\b(responsible|accountable)\b")
_ALIGNED_WITH = re.compile(r"\s+\w+\s+with\b")
_DESCRIBED_AS = re.compile(r"\s+([^,.;]{0,80}?)\s+as\b")
_ACTORISH = re.compile(
    r"\b(regime|government|authorities|state|country|leadership|it|them|him|her|they|"
    r"dictatorship)\b"
)


@lru_cache(maxsize=1)
def _cue_matcher() -> tuple[ahocorasick_rs.AhoCorasick, list[str]]:
    forms = sorted(L.CUES)
    return ahocorasick_rs.AhoCorasick(
        forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    ), forms


@dataclass(slots=True)
class CueHit:
    start: int
    end: int
    form: str
    stance: str
    lemma: str
    kind: str  # base, third, past, ing, noun, prep


class CueReader:
    """Finds the cues of ``self.doc`` and reads their stance (mixed into ClaimFinder)."""

    doc: Doc
    mentions: Mentions

    def cues(self) -> list[CueHit]:
        ac, forms = _cue_matcher()
        folded, n = self.doc.folded, len(self.doc.folded)
        hits = []
        for idx, s, e in ac.find_matches_as_indexes(folded):
            if (s > 0 and folded[s - 1].isalnum()) or (e < n and folded[e].isalnum()):
                continue
            if self.doc.skipped(s) or self.doc.in_caption(s):
                continue
            cue = L.CUES[forms[idx]]
            hits.append(CueHit(s, e, forms[idx], cue.stance, cue.lemma, cue.form))
        return hits

    def _stance(self, hit: CueHit) -> str | None:
        """The stance of a cue, reading what follows a verb whose stance depends on it."""
        after = self.doc.folded[hit.end : hit.end + 80]
        words = _WORDS.findall(after)
        lemma = hit.lemma
        if hit.stance != "resolve":
            return hit.stance
        if lemma in ("express", "voice", "raise"):
            for w in words[:6]:
                if w in L.EXPRESS_NOUNS:
                    return L.EXPRESS_NOUNS[w]
                if w not in L.EXPRESS_FILLERS:
                    return None
            return None
        first = words[0] if words else ""
        if lemma == "call":
            return "call_for" if first in ("for", "on", "upon") else None
        if lemma == "ask":
            if first in ("whether", "if", "why", "how", "what", "when", "who", "about"):
                return None
            return "call_for"
        if lemma in ("press", "push"):
            return "call_for" if first in ("for", "ahead") else None
        if lemma == "point":
            return "assert" if first == "out" else None
        if lemma == "vote":
            if first == "against":
                return "oppose"
            return "support" if first in ("for", "in") else None
        if lemma == "hold":
            return "accuse" if _HELD_RESPONSIBLE.match(after) else None
        if lemma == "charge":
            return "accuse" if first == "that" or " with " in after[:60] else None
        if lemma == "align":
            return "support" if _ALIGNED_WITH.match(after) else None
        if lemma == "draw":
            return "assert" if first == "attention" else None
        if lemma == "establish":
            return "find" if first == "that" else None
        if lemma == "describe":
            obj = _DESCRIBED_AS.match(after)
            if obj and _ACTORISH.search(obj.group(1)):
                return "accuse"
            if obj and self._mention_in(hit.end, hit.end + 1 + len(obj.group(1)), {"State"}):
                return "accuse"
            return "assert"
        return None

    def _mention_in(self, start: int, end: int, types: set[str]) -> bool:
        return any(m.type in types for m in self.mentions.in_span(start, end))

    # --- subjects -----------------------------------------------------------------------
