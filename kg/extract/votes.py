"""Procedural and substantive votes: counts, named states and the result as reported.

Handles "adopted ... by a vote of 13 in favor to 1 against (State A), with
1 abstention (State B)", "by 9 votes to 4, with 2 abstentions", "received nine votes in
favour", "with China and Russia voting against", "Mozambique abstaining", "unanimously", and
failed votes ("failed to obtain the required number of votes", "was not adopted").

>>> number("twelve"), number("12"), number("no")
(12, 12, 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.text import literal_positions, word_starts_from

_WORDS = {
    "no": 0,
    "none": 0,
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
NUM = (
    r"(\d{1,3}|no|none|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
_LIST = r"(?:\s*\(([^()]{2,400})\))?"
_FAVOUR = re.compile(NUM + r"\s+(?:votes?\s+)?in\s+favou?r" + _LIST)
_AGAINST = re.compile(NUM + r"\s+(?:votes?\s+)?against" + _LIST)
_ABSTAIN = re.compile(NUM + r"\s+abstentions?" + _LIST)
_VOTES_TO = re.compile(r"by\s+" + NUM + r"\s+votes?\s+to\s+" + NUM + _LIST)
_NAMED = re.compile(
    r"\bwith\s+([^,;.]{2,200}?)\s+(voting\s+against|voting\s+in\s+favou?r|abstaining)\b"
)
_UNANIMOUS = re.compile(r"\b(unanimously|by consensus|without a vote)\b")
_FAILED = re.compile(
    r"\b(failed to (?:be adopted|obtain|receive|pass|secure)|was not adopted|were not adopted|"
    r"was defeated|was rejected|was vetoed|did not pass|fell short)\b"
)
_ADOPTED = re.compile(r"\b(adopted|adopting|adopts|approved|approving|passed|carried)\b")
_ON = re.compile(
    r"\b(?:adopted|approved|rejected|voted on|vote on)\s+(?:the\s+|its\s+)?([^,;()]{3,80}?)\s+"
    r"(?:by|with|unanimously)\b"
)


_CANDIDATE = re.compile(r"favou?r\b|against\b|abstention|abstaining|votes? to\b|unanimously")
_CANDIDATE_HEADS = ("favo", "against", "abstention", "abstaining", "vote", "unanimously")
# each count's pattern, tried only in a sentence holding its word
_COUNTS = (
    ("in_favour", _FAVOUR, "favo"),
    ("against", _AGAINST, "against"),
    ("abstentions", _ABSTAIN, "abstention"),
)


_WHAT = re.compile(
    r"\b(?:draft resolution(?: [a-z]/\d{4}/\d+)?\b|resolution \d{3,4} \(\d{4}\)|"
    r"(?:provisional agenda|draft text|draft decision|amendments?|draft|motion|proposal|"
    r"text)\b)"
)


def _subject_of_vote(doc: Doc, s) -> str:
    """What was voted on: the draft, resolution or agenda named in or just before the
    sentence."""
    for start, end in ((s.start, s.end), (max(0, s.start - 400), s.start)):
        m = _WHAT.search(doc.folded, start, end)
        if m:
            return doc.text[m.start() : m.end()]
    return "motion"


def number(word: str) -> int | None:
    """An integer from digits or an English number word."""
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _WORDS.get(w)


@dataclass
class VoteItem:
    start: int
    end: int
    on: str
    body: str | None
    result: str | None
    counts: dict[str, int | None] = field(default_factory=dict)
    named: dict[str, list[str]] = field(default_factory=dict)


def _states(mentions: Mentions, start: int, end: int) -> list[str]:
    return list(dict.fromkeys(m.key for m in mentions.in_span(start, end) if m.type == "State"))


def find_votes(doc: Doc, mentions: Mentions, *, body_hint: str | None) -> list[VoteItem]:
    """Every vote with counts found in the document's sentences."""
    out: list[VoteItem] = []
    seen: set[int] = set()
    for at in literal_positions(doc.folded, _CANDIDATE_HEADS):
        if _CANDIDATE.match(doc.folded, at) is None:
            continue
        s = doc.sentence_at(at)
        if s is None or s.index in seen:
            continue
        seen.add(s.index)
        f = doc.folded[s.start : s.end]
        counts: dict[str, int | None] = {}
        named: dict[str, list[str]] = {}
        for key, rx, word in _COUNTS:
            m = rx.search(f) if word in f else None
            if m:
                counts[key] = number(m.group(1))
                if m.group(2):
                    a = s.start + m.start(2)
                    named[key] = _states(mentions, a, a + len(m.group(2)))
        m = _VOTES_TO.search(f) if "vote" in f else None
        if m and "in_favour" not in counts:
            counts["in_favour"], counts["against"] = number(m.group(1)), number(m.group(2))
            if m.group(3):
                a = s.start + m.start(3)
                named["against"] = _states(mentions, a, a + len(m.group(3)))
        for m in _NAMED.finditer(f) if "with" in f else ():
            a = s.start + m.start(1)
            key = {"abstaining": "abstentions"}.get(m.group(2).split()[0])
            if key is None:
                key = "against" if "against" in m.group(2) else "in_favour"
            named.setdefault(key, _states(mentions, a, a + len(m.group(1))))
            if counts.get(key) is None:
                counts[key] = len(named[key]) or None
        unanimous = _UNANIMOUS.search(f) and _ADOPTED.search(f)
        if not counts and not unanimous:
            continue
        if not counts and unanimous:
            if not re.search(r"\bcouncil\b", f) or doc.in_heading(s.start):
                continue  # a headline repeats the adoption the text reports
            counts = {"in_favour": 15, "against": 0, "abstentions": 0}
        if counts.get("in_favour") is None and counts.get("against") is None:
            continue  # "one abstention" alone is not a vote we can describe
        result = None
        if _FAILED.search(f):
            result = "rejected"
        elif _ADOPTED.search(f):
            result = "adopted"
        on_text = _subject_of_vote(doc, s)
        body = body_hint if re.search(r"\b(council|members)\b", f) or body_hint else None
        out.append(
            VoteItem(s.start, s.end, on_text.strip() or "motion", body, result, counts, named)
        )
    out.extend(_adoptions(doc, mentions, seen))
    out.sort(key=lambda v: v.start)
    return out


# scanned with word_starts_from; the auxiliary before the participle is _PASSIVE_AUX
_ADOPTED_BY = re.compile(
    r"(?:adopted|approved)\s+(?:on\s+\d+\s+\w+\s+)?by\s+"
    r"(?:the\s+)?"
)


_PASSIVE_AUX = re.compile(r"(?<!\w)(?:was|were|had been|has been)\s+$")


def _adoptions(doc: Doc, mentions: Mentions, seen: set[int]) -> list[VoteItem]:
    """'A resolution ... was adopted by the General Assembly': a decision whose counts the
    text does not give (counts unknown, not zero)."""
    out = []
    for hit in word_starts_from(_ADOPTED_BY, doc.folded, ("adopted", "approved")):
        aux = _PASSIVE_AUX.search(doc.folded, max(0, hit.start() - 40), hit.start())
        if aux is None:
            continue
        s = doc.sentence_at(aux.start())
        if s is None or s.index in seen:
            continue
        instruments = [m for m in mentions.in_span(s.start, aux.start()) if m.type == "Instrument"]
        bodies = [m for m in mentions.in_span(hit.end(), hit.end() + 60)
                  if m.type == "Organization" and m.start == hit.end()]  # fmt: skip
        if not instruments or not bodies:
            continue
        seen.add(s.index)
        counts: dict[str, int | None] = {"in_favour": None, "against": None, "abstentions": None}
        on = " ".join(instruments[0].surface.split())
        out.append(VoteItem(s.start, s.end, on, bodies[0].key, "adopted", counts, {}))
    return out
