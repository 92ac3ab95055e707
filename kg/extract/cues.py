"""Reporting cues: where they are in a document and which stance each one carries.

A cue is a form of a reporting verb of the lexicon ("stressed", "called for", "expressing",
"according to"). Its stance is the verb's, except where the words that follow decide it:
"expressed concern" (the noun), "voted against", "asked whether" (a question, no claim),
"described X as Y" (an accusation when Y is wrongdoing).

>>> from kg.extract.context import Doc
>>> doc = Doc.prepare("China expressed deep concern and called for restraint.", doc_id="t")
>>> [(h.form, stance_of(doc, h)) for h in find_cues(doc)]
[('expressed', 'concern'), ('called for', 'call_for')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from kg.extract.context import Doc
from kg.extract.lexicon import LEX

_WORDS = re.compile(r"[a-z'-]+")
_QUESTION_WORDS = {"whether", "if", "why", "how", "what", "when", "who", "which", "where"}
# verbs whose stance is carried by the noun they take ("expressed concern", "voiced hope")
_EXPRESSING = {
    "express", "voice", "raise", "reiterate", "convey", "register", "share", "renew",
    "reaffirm", "extend", "offer", "underline", "stress", "emphasize", "emphasise", "note",
    "record", "state", "signal", "indicate",
}  # fmt: skip
_FILLERS = frozenset(
    [
        "a",
        "again",
        "also",
        "an",
        "any",
        "broad",
        "clear",
        "continued",
        "continuing",
        "deep",
        "deepest",
        "firm",
        "full",
        "further",
        "grave",
        "great",
        "growing",
        "her",
        "his",
        "increasing",
        "its",
        "mounting",
        "my",
        "no",
        "our",
        "particular",
        "profound",
        "real",
        "renewed",
        "serious",
        "shared",
        "similar",
        "sincere",
        "some",
        "steadfast",
        "strong",
        "strongest",
        "strongly",
        "such",
        "the",
        "their",
        "unwavering",
        "utmost",
        "heartfelt",
        "sincerest",
        "warm",
        "warmest",
        "earnest",
        "keen",
        "with",
    ]
)


_OCCASION = re.compile(
    r"\s+(?:(?:the|this|that|a|an|today's|today’s)\s+)?(?:(?:open|emergency|special|urgent)\s+)?"
    r"(?:meeting|session|briefing|debate)\b"
)


@dataclass(slots=True)
class CueHit:
    start: int
    end: int
    form: str
    lemma: str
    stance: str
    confidence: float
    kind: str  # base | third | past | ing | prep


@lru_cache(maxsize=1)
def _matcher() -> tuple[ahocorasick_rs.AhoCorasick, list[str]]:
    forms = sorted(LEX.cues)
    ac = ahocorasick_rs.AhoCorasick(forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return ac, forms


# heads of capitalised names whose first word may look like a verb ("Support Mission")
_NAME_HEAD = re.compile(
    r"[ \t]+(?:Mission|Office|Group|Team|Force|Programme|Program|Fund|Unit|Network|Centre|"
    r"Center|Committee|Agency|Service|Operation|Facility|Initiative|Mechanism|Coalition)\b"
)


def find_cues(doc: Doc) -> list[CueHit]:
    """Every cue of the document, in order (page furniture and captions left out)."""
    ac, forms = _matcher()
    folded, n = doc.folded, len(doc.folded)
    hits = []
    for idx, s, e in ac.find_matches_as_indexes(folded):
        if (s > 0 and (folded[s - 1].isalnum() or folded[s - 1] == "-")) or (
            e < n and (folded[e].isalnum() or folded[e] == "-")
        ):
            continue
        if doc.skipped(s) or doc.in_caption(s):
            continue
        if doc.text[s : s + 1].isupper() and _NAME_HEAD.match(doc.text, e):
            continue  # "Support Mission", "Monitoring Group": part of a name
        cue = LEX.cues[forms[idx]]
        hits.append(CueHit(s, e, forms[idx], cue.lemma, cue.stance, cue.confidence, cue.form))
    return hits


def stance_of(doc: Doc, hit: CueHit) -> str | None:
    """The stance of a cue in context, or None when it is no claim (a question)."""
    after = doc.folded[hit.end : hit.end + 100]
    head = hit.lemma.split()[0]
    asking = head in ("ask", "question", "wonder", "inquire", "enquire")
    words = _WORDS.findall(after) if asking or head in _EXPRESSING else []
    if asking and words and words[0] in _QUESTION_WORDS:
        return None
    if head in ("veto", "vote", "abstain"):
        return None  # a vote is recorded as a vote; what is said about it is the claim
    if head in ("request", "convene", "call") and _OCCASION.match(after):
        return None  # "requested the meeting": the occasion's procedure, not a claim
    if head in _EXPRESSING:
        for w in words[:6]:
            if w in LEX.nouns:
                return LEX.nouns[w][0]
            if w not in _FILLERS:
                break
    if head == "describe" or head == "characterize" or head == "characterise":
        m = re.match(r"\s+([^,.;]{0,100}?)\s+as\s+([^,.;]{0,100})", after)
        if m:
            found = LEX.content_stances(m.group(2))
            if found and found[0][0] == "accuse":
                return "accuse"
    return hit.stance
