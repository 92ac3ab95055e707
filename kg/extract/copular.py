"""Stance stated with a copula: "The Secretary-General is deeply alarmed by ...",
"The European Union remains committed to ...". The subject is whatever noun phrase ends
where the copula begins; the adjective gives the stance.

>>> copular("the secretary-general is deeply alarmed by reports of shelling")
(21, 'concern', 0.85)
>>> copular("the council remains firmly opposed to any delay")
(11, 'oppose', 0.85)
>>> copular("the weather was mild") is None
True
"""

from __future__ import annotations

import re

_STANCE_OF = {
    "concern": ("concerned", "alarmed", "worried", "troubled", "disturbed", "dismayed",
                "appalled", "shocked", "saddened", "disappointed", "anxious"),
    "support": ("encouraged", "heartened", "pleased", "grateful", "gratified", "supportive"),
    "oppose": ("opposed",),
    "accuse": ("outraged", "indignant"),
    "assert": ("committed", "convinced", "determined", "confident", "ready", "resolved"),
}  # fmt: skip
_ADJ = {adj: stance for stance, adjs in _STANCE_OF.items() for adj in adjs}
_RX = re.compile(
    r"\s+(?:is|are|was|were|remains|remain|remained|has been|have been|had been)\s+"
    r"(?:(?:deeply|gravely|extremely|very|particularly|seriously|greatly|profoundly|also|"
    r"still|increasingly|fully|firmly|most|so|truly|equally|further)\s+){0,3}"
    r"(" + "|".join(sorted(_ADJ, key=len, reverse=True)) + r")\b"
)


def copular(folded: str, *, max_subject: int = 90) -> tuple[int, str, float] | None:
    """(end of the subject, stance, confidence) of a sentence that states its stance with a
    copula near its start, or None."""
    m = _RX.search(folded, 0, max_subject + 60)
    if m is None or m.start() > max_subject or m.start() < 2:
        return None
    stance = _ADJ[m.group(1)]
    return m.start(), stance, 0.6 if stance == "assert" else 0.85
