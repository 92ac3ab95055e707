"""Claims in a document's own voice: a transcript's speaker, a commentary's publisher.

A sentence nobody else is said to have said is the voice's claim when it is prose (not a
question, a greeting or talk about the call), names an actor or points at one, and its stance
comes from the phrases it uses ("must", "long past due" -> call_for; "forced labour" -> accuse;
"unfortunately" -> concern; otherwise assert).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import ahocorasick_rs

from kg.extract import lexicon as L
from kg.extract.context import Doc
from kg.extract.cues import CueHit
from kg.extract.mentions import Mentions
from kg.extract.subjects import ACTOR_TYPES
from kg.extract.text import Sentence

_THEY = re.compile(r"\b(they|their|them)\b")
_WE = re.compile(r"\b(we|our|us)\b")


class VoiceClaims:
    """The voice's claims (mixed into ClaimFinder)."""

    doc: Doc
    mentions: Mentions

    def _quoted_speaker(self, s: Sentence) -> str | None:
        """'"The silence emboldened them," said X. "Members must act."': the second
        sentence is X's too (a quotation following one attributed to a person)."""
        if not _OPENS_QUOTE.match(s.text):
            return None
        previous = [c for c in self.claims if c.end <= s.start and s.start - c.end <= 3]
        if (
            previous
            and previous[-1].cue
            and _OPENS_QUOTE.match(self.doc.text[previous[-1].start : previous[-1].end])
        ):
            return previous[-1].claimant
        return None

    def _voice_sentence(self, s: Sentence) -> None:
        """A sentence in the document's own voice: the speaker's or the publisher's claim."""
        key = self._voice_at(s.start)
        quoted = self._quoted_speaker(s)
        if quoted is not None:
            key = quoted  # a quotation going on from the speaker of the sentence before
        if key is None:
            return
        turn = self.doc.turn_at(s.start)
        if turn is not None and (turn.speaker or "").upper() in ("QUESTION", "Q"):
            return  # journalists ask; their questions are not claims
        folded = self.doc.folded[s.start : s.end]
        if s.text.rstrip().endswith("?") or len(s.text.split()) < 6 or _procedural(folded):
            return
        if _REQUESTED.search(folded):
            return  # "The meeting has been called for by X": a request, told as a fact
        inner = [
            m
            for m in self.mentions.in_span(s.start, s.end)
            if m.key != key
            and m.type in ACTOR_TYPES | {"Instrument", "Meeting"}
            and m.key != self.self_meeting
        ]
        pronoun = _THEY.search(folded) or (self.doc.voice == "speaker" and _WE.search(folded))
        calls = self._calls.affirmative(s.start, s.end, self.doc.folded)
        if not inner and not pronoun and not (calls and len(s.text.split()) >= 8):
            return
        stances = []
        if calls:
            stances.append("call_for")
        if self._wrong.any(s.start, s.end):
            stances.append("accuse")
        if not stances and self._concern.any(s.start, s.end):
            stances.append("concern")
        if stances == ["call_for"] and _plain_clause(folded):
            stances.append("assert")
        if not stances:
            stances.append("assert")
        hit = CueHit(s.start, s.start, "", stances[0], "", "voice")
        for st in stances:
            self._add(key, st, s, hit, confidence=0.5)


_OPENS_QUOTE = re.compile("\\s*[\"\u201c\u2018']")
_REQUESTED = re.compile(r"\b(been|was|were)\s+(called for|requested|convened)\s+by\b")
_CLAUSES = re.compile(
    r",\s+(?:and|but)\s+|;\s+|\s+as\s+(?=they|it|he|she|we|this)|"
    r"\s+because\s+"
)


def _plain_clause(folded: str) -> bool:
    """Does a call sentence also hold a clause stating something without calling for it?"""
    parts = _CLAUSES.split(folded)
    if len(parts) < 2:
        return False
    return any(len(p.split()) >= 6 and not _affirmative_any(f" {p} ", _CALLS) for p in parts)


class PhraseHits:
    """Where the phrases of a lexicon occur in a text (one Aho-Corasick pass)."""

    def __init__(self, phrases: tuple[str, ...], folded: str) -> None:
        ac = _phrase_matcher(phrases)
        self.hits = ac.find_matches_as_indexes(folded, overlapping=True)
        self.starts = [h[1] for h in self.hits]

    def in_range(self, start: int, end: int) -> list[tuple[int, int, int]]:
        lo = bisect.bisect_left(self.starts, start - 1)  # a leading space may precede
        hi = bisect.bisect_left(self.starts, end, lo)
        return self.hits[lo:hi]

    def any(self, start: int, end: int) -> bool:
        return bool(self.in_range(start, end))

    def affirmative(self, start: int, end: int, folded: str) -> bool:
        """A phrase occurs and not right after a negation ("don't need to")."""
        return any(
            not _NEGATED.search(folded[max(0, s - 8) : s])
            for _i, s, _e in self.in_range(start, end)
        )


@lru_cache(maxsize=16)
def _phrase_matcher(phrases: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(list(phrases))


def _alternation(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_CALLS = _alternation(L.CALL_WORDS)
_PROC = _alternation(L.PROCEDURAL)
_NEGATED = re.compile(r"(n't|\bnot|\bnever|\bno)\s*$")


def _procedural(folded: str) -> bool:
    return folded.lstrip(" -\u2013\u2014\"'").startswith(L.PROCEDURAL_START) or bool(
        _PROC.search(f" {folded} ")
    )


def _affirmative_any(low: str, rx: re.Pattern) -> bool:
    """One of the phrases occurs, not right after a negation ("don't need to")."""
    return any(
        not _NEGATED.search(low[max(0, m.start() - 8) : m.start()]) for m in rx.finditer(low)
    )


def _is_prose(text: str) -> bool:
    """A sentence, not a headline or a label: it ends like a sentence and has a verb-ish
    length."""
    t = text.rstrip()
    return len(t.split()) >= 4 and t[-1:] in ".!?\"'\u201d\u2019)"
