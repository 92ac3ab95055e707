"""What the extractor knows about one document: text views, genre, date, turns, sentences.

Genre decides whose voice unattributed sentences carry: in a transcript the speaker's, in NGO
commentary or a statement the publisher's, in a meeting summary nobody's (it is narration).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract.patterns import GENERIC_SPEAKERS, SPEAKER, speaker_label
from kg.extract.text import Sentence, fold, split_sentences

# Lines that are page furniture, not prose.
_BOILERPLATE = re.compile(
    r"^\s*(?:skip to (?:main )?content|read more|region\s*/\s*country|share this|print|"
    r"related content|more reading|topic|tags?:.*|follow us.*|subscribe.*|donate.*|"
    r"sign up.*|your tax[- ]deductible gift.*|support our work.*|copyright.*|all rights reserved.*)"
    r"\s*$",
    re.I,
)
VOICE_KINDS = {
    "ngo-commentary": "author",
    "commentary": "author",
    "op-ed": "author",
    "statement": "author",
    "press-release": "author",
    "report": "author",
    "press-briefing": "speaker",
    "transcript": "speaker",
    "remarks": "speaker",
    "meeting-summary": "narration",
    "meeting-coverage": "narration",
    "news": "narration",
}


@dataclass(slots=True)
class Turn:
    """A stretch of a transcript spoken by one speaker (label as printed)."""

    speaker: str | None
    label_start: int
    label_end: int
    start: int
    end: int


@dataclass
class Doc:
    """A document prepared for extraction."""

    text: str
    doc_id: str
    meta: dict[str, Any]
    folded: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    voice: str = "narration"
    date: dt.date | None = None
    skip: list[tuple[int, int]] = field(default_factory=list)  # boilerplate line spans
    captions: list[tuple[int, int]] = field(default_factory=list)  # photo captions
    _starts: list[int] = field(default_factory=list)
    _turn_starts: list[int] = field(default_factory=list)

    @classmethod
    def prepare(cls, text: str, *, doc_id: str, meta: dict[str, Any] | None = None) -> Doc:
        meta = dict(meta or {})
        doc = cls(text=text, doc_id=doc_id, meta=meta, folded=fold(text))
        doc.date = _date(meta.get("date")) or _date_in_text(text)
        doc.turns = _turns(text)
        doc._turn_starts = [t.start for t in doc.turns]
        doc.skip, doc.captions = _boilerplate(text)
        doc.sentences = [s for s in split_sentences(text) if not _inside(doc.skip, s.start)]
        doc.sentences = _trim_labels(doc.sentences, doc.turns, text)
        doc._starts = [s.start for s in doc.sentences]
        kind = str(meta.get("kind") or "").lower()
        if kind in VOICE_KINDS:
            doc.voice = VOICE_KINDS[kind]
        elif sum(1 for t in doc.turns if t.speaker) >= 2:
            doc.voice = "speaker"
        return doc

    @property
    def kind(self) -> str:
        return str(self.meta.get("kind") or "")

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    @property
    def publisher(self) -> str:
        return str(self.meta.get("publisher") or "")

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def skipped(self, pos: int) -> bool:
        """True inside page furniture (menus, credits, donation appeals)."""
        return bool(self.skip) and _inside(self.skip, pos)

    def in_caption(self, pos: int) -> bool:
        return bool(self.captions) and _inside(self.captions, pos)

    def turn_at(self, pos: int) -> Turn | None:
        i = bisect.bisect_right(self._turn_starts, pos) - 1
        if i >= 0 and self.turns[i].start <= pos < self.turns[i].end:
            return self.turns[i]
        return None


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` inside one of the sorted, disjoint ``spans``?"""
    if not spans:
        return False
    i = bisect.bisect_right(spans, (pos, _BIG)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


_BIG = 1 << 62


def _trim_labels(sentences: list[Sentence], turns: list[Turn], text: str) -> list[Sentence]:
    """A sentence never includes the speaker label of its turn ("MODERATOR: ...")."""
    starts = {t.label_start: t.start for t in turns}
    out = []
    for s in sentences:
        if s.start in starts and starts[s.start] < s.end:
            new = starts[s.start]
            s = Sentence(new, s.end, text[new : s.end], s.index, s.line)
        out.append(s)
    return out


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),  # fmt: skip
        start=1,
    )
}
_DATE_LINE = re.compile(
    r"^\s*(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(\d{1,2}),\s+((?:19|20)\d\d)\s*$|^\s*(\d{1,2})\s+(January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d\d)\s*$",
    re.M,
)


def _date_in_text(text: str) -> dt.date | None:
    """A dateline near the top ("August 10, 2023" on a line of its own)."""
    m = _DATE_LINE.search(text[:2000])
    if not m:
        return None
    try:
        if m.group(1):
            return dt.date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        return dt.date(int(m.group(6)), _MONTHS[m.group(5).lower()], int(m.group(4)))
    except ValueError:
        return None


def _turns(text: str) -> list[Turn]:
    turns: list[Turn] = []
    matches = [m for m in SPEAKER.finditer(text) if _is_speaker(m.group(1))]
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        turns.append(Turn(m.group(1).strip(), m.start(1), m.end(1), m.end(), end))
    return turns


def _is_speaker(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters) and len(raw.split()) <= 6


def is_generic_speaker(raw: str) -> bool:
    return raw.strip().upper() in GENERIC_SPEAKERS


def speaker_name(raw: str) -> str:
    return speaker_label(raw)


def _boilerplate(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(spans of page furniture, spans of photo-caption lines)."""
    spans: list[tuple[int, int]] = []
    captions: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if _BOILERPLATE.match(line):
            spans.append((pos, end))
        elif "\u00a9" in line:  # a photo caption with its credit: the credit is not prose
            spans.append((pos + line.index("\u00a9"), end))
            captions.append((pos, end))
        pos = end + 1
    return spans, captions
