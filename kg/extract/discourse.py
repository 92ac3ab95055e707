"""Discourse: whose voice a sentence carries when nothing in it says who is speaking.

- Reported speech goes on in the current speaker's voice, across sentences and into
  following paragraphs, until another speaker is introduced or the text turns to narration
  ("The meeting began at 10 a.m.", "By a vote of 9 in favour ...", "Also speaking were ...").
- In a transcript each turn is its speaker's; in first-person statements and commentary the
  prose is the author's, except quotations that go on from a quoted speaker.
- Pronouns ("he", "they", "it") and "the speaker"/"the delegate" resolve to the speaker (or
  the report, resolution or body) they refer to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.text import Sentence

_OPENERS = '"“‘«'
_CLOSERS = '"”’»'
# Narration in meetings coverage: the meeting's own course and the Council's procedure.
_NARRATION = re.compile(
    r"^(?:\(?see (?:annex|also|page|document|press release|para)|in other business\b|"
    r"(?:also\s+)?(?:speaking|participating|briefing the council)\s+(?:today|were|was|at|in|"
    r"before|after|during)\b|"
    r"(?:delivering|giving|presenting)\s+(?:the\s+)?(?:briefings?|statements?)\s+(?:were|was)\b|"
    r"(?:the\s+)?speakers\s+(?:included|were)\b|"
    r"(?:(?:the|today's|that|this)\s+)?(?:meeting|session|debate|council|security council|"
    r"general assembly|assembly|committee|third committee|body|organ)\s+(?:then\s+|also\s+|"
    r"today\s+|subsequently\s+|thereafter\s+)*(?:adopted|approved|began|opened|ended|closed|"
    r"met|heard|held|rose|resumed|convened|voted|decided|took up|took note|elected|extended|"
    r"failed|concluded|proceeded|continued its|will meet|will hold|will next|was (?:requested|"
    r"called|convened|suspended|adjourned|held|opened|closed)|is scheduled|has before it|"
    r"had before it)\b|"
    r"(?:the\s+)?[\w' -]{2,60}?\s+(?:did not|didn't)\s+(?:take part|participate|attend)\b)"
)
_NARRATION_ANY = re.compile(
    r"\b(?:was|were) (?:adopted|approved|rejected) (?:by|on|without|unanimously|in)\b|"
    r"\b(?:motion|proposal|draft|amendment|request)s? (?:was|were) (?:defeated|carried|"
    r"rejected|adopted|approved|withdrawn)\b|"
    r"\b(?:began|ended|adjourned|was suspended|resumed|rose) at \d|"
    r"\bby (?:a (?:recorded )?vote of|\d+ votes?)\b|\b\d+ (?:votes? )?in favou?r\b"
)
_INDIRECT = re.compile(r"\s*[\"“]?(?:whether|if so)\b", re.I)
_QUESTION = re.compile(r"\?[\"'”’)\]]*\s*$")


@dataclass
class Discourse:
    """The state of the discourse while the sentences are read in order."""

    doc: Doc
    mentions: Mentions
    voice_key: str | None = None  # the author, in author-voice documents
    speakers: dict[int, str] = field(default_factory=dict)  # turn start -> speaker key
    current: list[str] = field(default_factory=list)  # the speaker whose speech goes on
    current_persons: dict[str, str] = field(default_factory=dict)
    current_line: int = -1
    current_quoted: bool = False  # introduced with a quotation (author-voice documents)
    last_single: str | None = None
    last_it: str | None = None
    last_it_at: int = 0
    at: int = 0  # start of the sentence being read
    previous_start: int = 0  # start of the sentence before it
    last_group: list[str] = field(default_factory=list)
    group_keys: set[str] = field(default_factory=set)  # plural claimants ("delegates")
    delegates: dict[str, str] = field(default_factory=dict)  # person -> the State they speak for

    def types(self, key: str) -> str:
        if key.startswith("unnamed:"):
            return "Person"
        e = self.mentions.entities.get(key)
        return e.type if e else ""

    def voice_at(self, pos: int) -> str | None:
        """The speaker of a transcript turn, or the author of a first-person document."""
        if self.doc.voice == "speaker":
            turn = self.doc.turn_at(pos)
            key = self.speakers.get(turn.start) if turn else None
            return self.delegates.get(key, key) if key else None
        if self.doc.voice == "author":
            return self.voice_key
        return None

    # --- quotations ----------------------------------------------------------------------

    def quote_depth_before(self, pos: int, line_start: int) -> bool:
        """Is ``pos`` inside a quotation opened earlier on its line?"""
        seg = self.doc.text[line_start:pos]
        opened = 0
        for ch in seg:
            if ch == "“":
                opened += 1
            elif ch == "”":
                opened = max(0, opened - 1)
        if opened:
            return True
        return seg.count('"') % 2 == 1

    def in_quote(self, s: Sentence, at: int) -> bool:
        start = self._line_start(s)
        return self.quote_depth_before(at, start) or self.starts_quoted(s)

    def starts_quoted(self, s: Sentence) -> bool:
        """Does the sentence open with a quotation mark or sit inside an open quotation?"""
        head = self.doc.text[s.start : s.start + 2].lstrip()
        return (
            bool(head)
            and head[0] in _OPENERS
            or self.quote_depth_before(s.start, self._line_start(s))
        )

    def _line_start(self, s: Sentence) -> int:
        text = self.doc.text
        return text.rfind("\n", 0, s.start) + 1

    # --- the state -----------------------------------------------------------------------

    def introduced(self, s: Sentence, keys: list[str], persons: dict[str, str], *, quoted: bool):
        """A speaker was named: their speech may go on."""
        speaking = [k for k in keys if self.types(k) in ("State", "Person", "Organization",
                                                         "Mechanism", "Position")]  # fmt: skip
        if not speaking:
            self.remember(keys)
            return
        self.current = list(speaking)
        self.current_persons = dict(persons)
        self.current_line = s.line
        self.current_quoted = quoted
        self.remember(speaking)

    def remember(self, keys: list[str]) -> None:
        """Who "he"/"she" and "they" refer to from now on."""
        if len(keys) == 1 and self.types(keys[0]) not in ("Person", ""):
            self.last_it = keys[0]  # "it": a State, a body, a report or a resolution
            self.last_it_at = self.at
        if len(keys) > 1 or (keys and keys[0] in self.group_keys):
            self.last_group = list(keys)
        elif keys and self.types(keys[0]) in ("Person", "State", ""):
            self.last_single = keys[0]  # "he", "she": a person, or the State a delegate speaks for

    def interrupt(self) -> None:
        """Narration: the current speaker's speech has ended."""
        self.current = []
        self.current_persons = {}
        self.current_line = -1

    def it_at(self, pos: int) -> str | None:
        """What "it" refers to: the last single subject that was not a person (a State, a
        body, a report), unless a report, resolution or body was mentioned after it."""
        if self.last_it and self.last_it_at >= self.previous_start:
            return self.last_it  # the subject of the sentence before (or of this one)
        for m in reversed(self.mentions.in_span(max(0, pos - 500), pos)):
            if m.start < self.last_it_at:
                break
            if m.type in ("Report", "Instrument", "Mechanism", "Organization"):
                return m.key
        return self.last_it

    # --- unattributed sentences ---------------------------------------------------------

    def narrative(self, s: Sentence) -> bool:
        """Does the sentence narrate the meeting rather than report anyone's words?"""
        low = self.doc.folded[s.start : s.end].lstrip(" \"'“(")
        return bool(_NARRATION.match(low) or _NARRATION_ANY.search(low))

    def continues(self, s: Sentence) -> list[str] | None:
        """The speaker whose speech an unattributed sentence continues, if any."""
        doc = self.doc
        if doc.voice == "speaker":
            key = self.voice_at(s.start)
            if key and self.current_quoted and self.starts_quoted(s) and self._recent(s):
                return list(self.current)
            return [key] if key else None
        if doc.voice == "author":
            if self.current and self.current_quoted and self.starts_quoted(s) and self._recent(s):
                return list(self.current)
            return [self.voice_key] if self.voice_key else None
        if not self.current or self.narrative(s):
            return None
        return list(self.current)

    def _recent(self, s: Sentence) -> bool:
        return 0 <= s.line - self.current_line <= 1


def is_question(text: str) -> bool:
    """A question, or the fragment of one ("Whether the Council would ...")."""
    return bool(_QUESTION.search(text) or _INDIRECT.match(text))
