"""What the extractor knows about one document: text views, blocks, sentences, turns, the
heading lines, the date and whose voice unattributed prose carries.

The voice is read off the document's structure, not its declared kind:

- ``speaker``: a transcript (lines that start with a speaker label, "MODERATOR:");
- ``author``: first-person prose with no speaker turns (a government's statement), or
  commentary (metadata that says so, or a publisher that is a non-governmental
  organisation, checked by the pipeline);
- ``narration``: reported speech about others (meetings coverage, news).

>>> text = "Statement\\n\\nWe welcome the report of the panel today. We urge restraint."
>>> doc = Doc.prepare(text, doc_id="s")
>>> doc.voice, [s.text for s in doc.sentences][:2]
('author', ['Statement', 'We welcome the report of the panel today.'])
>>> Doc.prepare("The Council met. France said it was ready.", doc_id="n").voice
'narration'
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract.patterns import GENERIC_SPEAKERS, SPEAKER
from kg.extract.text import Sentence, fold, split_sentences

# Lines that are page furniture, not prose.
_BOILERPLATE = re.compile(
    r"^\s*(?:skip to (?:main )?content|read more|region\s*/\s*country|share this( page)?|print|"
    r"related content|more reading|more on this|topics?|tags?:.*|follow us.*|subscribe.*|"
    r"donate.*|sign up.*|your tax[- ]deductible gift.*|support our work.*|copyright.*|"
    r"all rights reserved.*|an official website of .*|share|tweet|email|facebook|twitter|"
    r"linkedin|whatsapp|related|see also|back to top|download.*|"
    r"for information media\.? not an official record\.?)\s*$",
    re.I,
)
# Kinds whose prose is the publisher's own (looked for as words inside the declared kind).
_AUTHOR_KIND_WORDS = re.compile(
    r"\b(commentary|op-?ed|opinion|editorial|ngo|blog|dispatch|analysis|essay|column|"
    r"letter|submission)\b"
)
_FIRST_PERSON = re.compile(r"\b(we|our|us|i|my|me)\b")
_QUOTED = re.compile(r"[\"“][^\"”]{0,600}[\"”]")
_CLOSERS = "\"'”’)]"  # closing quotes and brackets after a sentence's final stop


@dataclass(slots=True)
class Turn:
    """A stretch of a transcript spoken by one speaker (label as printed)."""

    speaker: str | None
    label_start: int
    label_end: int
    start: int
    end: int

    @property
    def generic(self) -> bool:
        return self.speaker is None or is_generic_speaker(self.speaker)


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
    heading_end: int = 0  # offset where the first prose paragraph starts
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
        sentences = [s for s in split_sentences(text) if not _inside(doc.skip, s.start)]
        doc.sentences = _trim_labels(sentences, doc.turns, text)
        doc.sentences = [
            Sentence(s.start, s.end, s.text, i, s.line) for i, s in enumerate(doc.sentences)
        ]
        doc._starts = [s.start for s in doc.sentences]
        doc.heading_end = _heading_end(doc)
        doc.voice = structure_voice(doc)
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

    def in_heading(self, pos: int) -> bool:
        """Is ``pos`` in the heading lines above the first paragraph of prose?"""
        return pos < self.heading_end

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


def is_prose(text: str) -> bool:
    """A sentence, not a heading or a label: it ends like a sentence and has some length.

    >>> is_prose('He said "no."'), is_prose("Agenda item 4"), is_prose("Yes.")
    (True, False, False)
    """
    end = text.rstrip().rstrip(_CLOSERS)  # white space, then quotes or brackets
    return end[-1:] in (".", "!", "?") and len(text.split(None, 2)) >= 3


def structure_voice(doc: Doc) -> str:
    """``speaker``, ``author`` or ``narration`` from the document's structure (see module)."""
    if sum(1 for t in doc.turns if not t.generic) >= 1 and len(doc.turns) >= 2:
        return "speaker"
    prose = [s for s in doc.sentences if s.start >= doc.heading_end and is_prose(s.text)]
    if prose:
        first = 0
        for s in prose:
            unquoted = _QUOTED.sub(" ", doc.folded[s.start : s.end])
            if _FIRST_PERSON.search(unquoted):
                first += 1
        if (first >= 2 and first / len(prose) >= 0.3) or (first >= 3 and first / len(prose) >= 0.2):
            return "author"
    if _AUTHOR_KIND_WORDS.search(doc.kind.lower()):
        return "author"
    return "narration"


def _heading_end(doc: Doc) -> int:
    """Offset of the first sentence of prose that sits in a paragraph of prose."""
    for s in doc.sentences:
        if doc.in_caption(s.start):
            continue
        if is_prose(s.text) and len(s.text.split()) >= 6:
            return s.start
    return len(doc.text)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` inside one of the sorted, disjoint ``spans``?"""
    if not spans:
        return False
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


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


MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH = "|".join(m.capitalize() for m in MONTHS)
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?:({_MONTH})\s+(\d{{1,2}}),\s+((?:19|20)\d\d)|(\d{{1,2}})\s+({_MONTH})\s+((?:19|20)\d\d))"
    rf"\s*$",
    re.M,
)


def _date_in_text(text: str) -> dt.date | None:
    """A dateline near the top ("August 10, 2023" or "18 November 2005" on its own line)."""
    m = _DATE_LINE.search(text[:2000])
    if not m:
        return None
    try:
        if m.group(1):
            return dt.date(int(m.group(3)), MONTHS.index(m.group(1).lower()) + 1, int(m.group(2)))
        return dt.date(int(m.group(6)), MONTHS.index(m.group(5).lower()) + 1, int(m.group(4)))
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
