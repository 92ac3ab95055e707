"""Stance: from the reporting verb, refined by what was said.

A neutral verb ("said", "told") keeps ``assert`` unless the words it reports carry a strong
cue of another stance ("the Council must act" → call_for; "war crimes" → accuse). A
sentence with no reporting verb (a speaker's speech going on, an author's own prose) takes
the stance of its strongest cue; independent clauses ("X, and Y") are read separately.

>>> content_stance("the council must impose an arms embargo")
('call_for', 0.9)
>>> content_stance("human rights were not on the agenda")
('assert', 0.5)
>>> sentence = "Rights matter to all of us here, and the Council needed to act now."
>>> [span for span in clauses(sentence, 0)]
[(0, 31), (37, 67)]
"""

from __future__ import annotations

import re

from kg.extract.lexicon import LEX

# How strong a content cue must be to override a neutral verb, per stance.
_UPGRADE = {"call_for": 0.8, "accuse": 0.85, "concern": 0.85, "oppose": 0.85, "support": 0.9}
# How strong it must be to set the stance of a sentence with no verb of its own.
_OWN = {"call_for": 0.7, "accuse": 0.75, "concern": 0.7, "oppose": 0.75, "support": 0.75,
        "find": 0.8, "recommend": 0.8}  # fmt: skip
# When two cues meet in one clause, the more specific act wins.
_PRIORITY = ("call_for", "oppose", "support", "concern", "accuse", "recommend", "find")
_FINDERS = {"Report", "Mechanism", "Organization", "Instrument"}
_CLAUSE_CUT = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|\s+[–—-]\s+")


def content_stance(folded: str, *, claimant_type: str = "") -> tuple[str, float]:
    """The stance a clause carries by its own words (``assert`` when none is strong)."""
    return own_stance(LEX.content_stances(folded), claimant_type=claimant_type)


def own_stance(cues: list[tuple[str, float, int]], *, claimant_type: str = "") -> tuple[str, float]:
    """The stance set by a clause's cues (``Lexicon.content_stances``), for a claimant type.

    >>> own_stance([("find", 0.9, 0)], claimant_type="State")
    ('assert', 0.5)
    """
    found = {st: conf for st, conf, _pos in cues}
    for stance in _PRIORITY:
        conf = found.get(stance)
        if conf is None or conf < _OWN.get(stance, 0.8):
            continue
        if stance in ("find", "recommend") and claimant_type not in _FINDERS:
            continue
        return stance, conf
    return "assert", 0.5


# verbs of emphasis keep their own stance: "underscored that X must ..." is an assertion
_EMPHASIS = {"underscore", "stress", "emphasize", "emphasise", "highlight", "underline",
             "recall", "reiterate", "reaffirm", "point out", "point to", "observe"}  # fmt: skip


def upgrade(
    stance: str, confidence: float, folded_content: str, *, lemma: str = ""
) -> tuple[str, float]:
    """A neutral verb's stance, raised by a strong cue in what it reports."""
    if stance != "assert" or lemma in _EMPHASIS:
        return stance, confidence
    found = {st: conf for st, conf, _pos in LEX.content_stances(folded_content)}
    for st in _PRIORITY:
        if st in _UPGRADE and found.get(st, 0) >= _UPGRADE[st]:
            return st, round(min(found[st], confidence + 0.1), 2)
    return stance, confidence


def for_claimant(stance: str, claimant_type: str, lemma: str) -> str:
    """Findings belong to reports and inquiries; a report that describes finds."""
    if stance in ("find", "recommend") and claimant_type not in _FINDERS:
        return "assert"
    if (
        stance in ("assert", "accuse", "concern")
        and claimant_type == "Report"
        and lemma.split()[0]
        in (
            "describe",
            "detail",
            "document",
            "note",
            "highlight",
            "show",
            "according",
            "cite",
            "record",
            "point",
            "report",
            "list",
            "outline",
            "reveal",
            "say",
            "state",
        )
    ):
        return "find"
    return stance


def clauses(text: str, offset: int) -> list[tuple[int, int]]:
    """Independent clauses of a sentence (each at least five words), as document spans."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(text)]
    spans: list[tuple[int, int]] = []
    start = 0
    for a, b in cuts:
        left = text[start:a]
        right = text[b:]
        if len(left.split()) >= 5 and len(right.split()) >= 5:
            spans.append((start, a))
            start = b
    spans.append((start, len(text.rstrip())))
    return [(offset + a, offset + b) for a, b in spans if b > a]
