"""Claims: who said what, with which stance, in which sentence.

A reporting verb ("expressed concern", "called for", "accused") is a cue; its claimant is the
subject found by walking left from the verb over adverbs, appositions ("Jane Roe,
Under-Secretary-General for Humanitarian Affairs, welcomed") and coordinated subjects
("France, Ireland and Ghana expressed"), or a pronoun that takes the previous
sentence's claimant. A verb coordinated with an earlier one ("opposed ... and called for",
"..., calling for") shares its subject. In transcripts and commentary, sentences nobody else is
said to have said are claims of the speaker or the publishing organisation.
"""

from __future__ import annotations

import re

from kg.extract import lexicon as L
from kg.extract.context import Doc
from kg.extract.cues import CueHit, CueReader
from kg.extract.mentions import Mentions
from kg.extract.model import ClaimItem, Mention
from kg.extract.subjects import ACTOR_TYPES, Subject, SubjectFinder
from kg.extract.text import Sentence
from kg.extract.voice import PhraseHits, VoiceClaims, _is_prose, _procedural

_CLAUSE_JOIN = re.compile(r"(, and|; |, but|, while)\s")


class ClaimFinder(CueReader, SubjectFinder, VoiceClaims):
    """Finds the claims of one document."""

    def __init__(
        self,
        doc: Doc,
        mentions: Mentions,
        *,
        voice_key: str | None,
        speakers: dict[int, str],
        topic: str | None,
        self_meeting: str | None,
        title_holders: dict[str, str],
    ) -> None:
        self.doc, self.mentions = doc, mentions
        self.voice_key = voice_key
        self.speakers = speakers  # turn start -> entity key of its speaker
        self.topic = topic
        self.self_meeting = self_meeting
        self.title_holders = title_holders
        self.claims: list[ClaimItem] = []
        self.last_group: list[str] = []
        self.last_single: str | None = None
        self.unnamed: list[Mention] = []
        self.voice_too: set[int] = set()  # sentences with a clause of the speaker's own
        self._seen: set[tuple] = set()
        self._calls = PhraseHits(L.CALL_WORDS, doc.folded)
        self._wrong = PhraseHits(L.WRONGDOING, doc.folded)
        self._concern = PhraseHits(L.CONCERN_WORDS, doc.folded)

    # --- cues ---------------------------------------------------------------------------

    def run(self) -> list[ClaimItem]:
        by_sentence: dict[int, list[CueHit]] = {}
        for hit in self.cues():
            s = self.doc.sentence_at(hit.start)
            if s is not None:
                by_sentence.setdefault(s.index, []).append(hit)
        for s in self.doc.sentences:
            if self.doc.in_caption(s.start) or not _is_prose(s.text):
                continue
            made = self._sentence(s, by_sentence.get(s.index, []))
            if not made:
                self._subject_person(s)
            if (not made or s.index in self.voice_too) and self.doc.voice in ("speaker", "author"):
                self._voice_sentence(s)
        return self.claims

    def _sentence(self, s: Sentence, hits: list[CueHit]) -> int:
        previous: Subject | None = None
        made = 0
        for hit in hits:
            stance = self._stance(hit)
            if stance is None:
                continue
            subj = self.subject(s, hit, previous)
            if subj is None or not subj.keys:
                continue
            keys = [self._holder(k) for k in subj.keys if k]
            if subj.how == "voice" and _procedural(self.doc.folded[s.start : s.end]):
                continue
            types = {self._type(k) for k in keys}
            if (
                stance == "assert"
                and hit.lemma in ("say", "tell", "state", "add", "argue")
                and any(w in self.doc.folded[hit.end : s.end] for w in L.STRONG_WRONGDOING)
            ):
                stance = "accuse"
            elif (
                stance == "assert"
                and hit.lemma in ("say", "tell", "state", "add")
                and (self._calls.affirmative(s.start, s.end, self.doc.folded))
            ):
                stance = "call_for"  # "The Council should impose an embargo, X said."
            if stance == "find" and not types & {"Report", "Mechanism", "Organization"}:
                if hit.lemma == "find" and not re.match(
                    r"\s+that\b", self.doc.folded[hit.end : hit.end + 6]
                ):
                    continue
                stance = "assert"
            if (
                stance == "assert"
                and types <= {"Report"}
                and hit.lemma in ("describe", "detail", "document", "note", "highlight", "accord")
            ):
                stance = "find"
            targets: list[str | None] = [None]
            if stance == "recommend":  # one recommendation per mechanism recommended
                mechs = [
                    m.key
                    for m in self.mentions.in_span(hit.end, s.end)
                    if m.type == "Mechanism" and m.key not in keys
                ]
                targets = list(dict.fromkeys(mechs)) or [None]
            for key in keys:
                for target in targets:
                    self._add(key, stance, s, hit, target=target, group=tuple(keys))
                    made += 1
            if previous is None and subj.how != "voice" and self._own_clause(s, subj, hit):
                self.voice_too.add(s.index)
            previous = subj
            self._remember(keys)
        return made

    def _own_clause(self, s: Sentence, subj: Subject, hit: CueHit) -> bool:
        """Does the sentence hold a clause of the document's own voice before the reported
        speech ("Human rights ... of the UN Charter, and the Council has affirmed that")?"""
        if self.doc.voice not in ("speaker", "author"):
            return False
        if hit.kind == "noun":
            return True
        before = self.doc.folded[s.start : subj.start]
        return len(before.split()) >= 5 and bool(_CLAUSE_JOIN.search(before))

    def _holder(self, key: str) -> str:
        """A post speaks through its holder: "the Secretary-General said" is its holder."""
        if self._type(key) == "Position":
            return self.title_holders.get(key) or key
        return key

    def _type(self, key: str) -> str:
        if key.startswith("unnamed:"):
            return "Person"
        e = self.mentions.entities.get(key)
        return e.type if e else ""

    def _subject_person(self, s: Sentence) -> None:
        """A sentence without claims may still introduce who "he" or "she" will be."""
        for m in self.mentions.in_span(s.start, min(s.end, s.start + 60)):
            if m.type == "Person":
                self.last_single = m.key
                return
            if m.type in ACTOR_TYPES:
                return

    def _remember(self, keys: list[str]) -> None:
        self.last_group = list(keys)
        singles = [k for k in keys if self._type(k) in ("Person", "State")]
        if len(keys) == 1 and singles:
            self.last_single = singles[0]

    def _add(
        self,
        key: str,
        stance: str,
        s: Sentence,
        hit: CueHit,
        confidence: float = 0.8,
        target: str | None = None,
        group: tuple[str, ...] = (),
    ) -> None:
        seen = (key, stance, s.start, target)
        if seen in self._seen:
            return
        self._seen.add(seen)
        content = (hit.end, s.end)
        self.claims.append(
            ClaimItem(
                key,
                stance,
                s.start,
                s.end,
                cue=hit.form,
                confidence=confidence,
                content=content,
                target=target,
                group=group,
            )
        )
