"""Claims: who said what, with which stance, in which sentence.

A reporting verb ("expressed concern", "called for", "accused") is a cue; its claimant is the
subject found by walking left from the verb over adverbs, appositions ("Volker Türk, United
Nations High Commissioner for Human Rights, welcomed") and coordinated subjects ("the United
States, Japan, and the Republic of Korea expressed"), or a pronoun that takes the previous
sentence's claimant. A verb coordinated with an earlier one ("opposed ... and called for",
"..., calling for") shares its subject. In transcripts and commentary, sentences nobody else is
said to have said are claims of the speaker or the publishing organisation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from kg.extract import lexicon as L
from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.model import ClaimItem, Mention
from kg.extract.patterns import unnamed_persons
from kg.extract.text import Sentence

# Patterns used per cue, compiled once.
_WORDS = re.compile(r"[a-z'-]+")
_HELD_RESPONSIBLE = re.compile(r"[^.;]{0,60}\b(responsible|accountable)\b")
_ALIGNED_WITH = re.compile(r"\s+\w+\s+with\b")
_DESCRIBED_AS = re.compile(r"\s+([^,.;]{0,80}?)\s+as\b")
_POSSESSIVE_END = re.compile(r"['’]s\s+(?:[a-z]+\s+){0,2}$")
_OF_THE_END = re.compile(r"\bof\s+the\s+$")
_PASSIVE_END = re.compile(r"\b(been|be|being|is|are|was|were)\s+(\w+ly\s+)?$")
_BY_AGENT = re.compile(r"(?:\s+(?:for|on|upon|out))?\s+by\s+")
_PARTICIPLE_LEAD = re.compile(r"(,|\bwhile|\bbefore|\bafter|\band|\bby)\s*$")
_TO_END = re.compile(r"\bto\s+$")
_AND_END = re.compile(r"\band\s*$")
_PRONOUN_START = re.compile(r"\s*(?:also\s+)?(he|she|they|we|i)\b")
_COORD_END = re.compile(r"(\band|\bbut|,|;)\s*$")
_RELATIVE_WORDS = re.compile(r"\b(who|which|whose|speaking|representing)\b")
_ROLE_GAP = re.compile(r"\s*,\s*(a|an|the)\s[^,]{0,80},?\s*")
_COMMA_GAP = re.compile(r"\s*,\s*")
_CLAUSE_JOIN = re.compile(r"(, and|; |, but|, while)\s")
_THEY = re.compile(r"\b(they|their|them)\b")
_WE = re.compile(r"\b(we|our|us)\b")
_COORDINATION = re.compile(
    r"\s*(,|and|, and|as well as|, as well as|together with|along with|&|or)?\s*(the\s+)?"
    r"((?<=and )(the\s+)?representatives? of\s+)?\s*"
)
_FIRST_GAP = re.compile(
    r"['’]?s?\s*(representatives?|delegates?|delegations?|ambassador|envoy|government|"
    r"officials?|spokes(person|man|woman))?\s*(,)?\s*"
)
_COMMA_ONLY = re.compile(r"\s*,\s*(the\s+)?")
_AFFILIATION_END = re.compile(r"\s\([^()]{2,80}\)\s*$")  # "VASSILY NEBENZIA (Russian Federation)"
_INVERTING = {"say", "add", "state", "note", "stress", "warn", "argue", "insist"}
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?\"'\u201d\u2019)]|$)")
_QUOTE_OR_COMMA_END = re.compile(r"[,\"']\s*$")
_INVERTED_LEAD = re.compile(
    r"\s+(?:the\s+)?(?:(?:representatives?|delegates?|ambassador|spokesperson|spokesman)\s+"
    r"of\s+(?:the\s+)?)?"
)
_LAST_WORD = re.compile(r"([a-z']+)\s+$")
_NEGATED_CUE = re.compile(r"(n't|\bnot|\bnever|\bno longer)\s+(\w+ly\s+)?$")
_PLURAL_PERSON = re.compile(
    r"\b(we|i|they|you)\s+(?:[a-z]+ly\s+|also\s+|all\s+|again\s+|"
    r"therefore\s+|once again\s+|strongly\s+)*$"
)
_AFTER_PREPOSITION = re.compile(
    r"\b(on|in|to|for|with|against|about|from|by|at|into|over|under|between|toward|towards|"
    r"than|like|upon|within|without|across|through)\s+(the\s+)?$"
)
_ADD_OK = re.compile(r"\s*(?:that\b|,|:|\s+[\"'\u201c])")
_LAST_WORD_OPT = re.compile(r"([a-z]+)\s*$")
ACTOR_TYPES = {"State", "Person", "Organization", "Mechanism", "Report", "Position"}
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


@dataclass
class Subject:
    keys: list[str]
    start: int
    how: str  # mention, pronoun, inherit, voice, passive


class ClaimFinder:
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

    def _mentions_before(self, start: int, end: int) -> list[Mention]:
        return self.mentions.in_span(start, end)

    def subject(self, s: Sentence, hit: CueHit, previous: Subject | None) -> Subject | None:
        """The claimant(s) of a cue."""
        doc = self.doc
        folded = doc.folded
        left = folded[s.start : hit.start]
        if hit.kind == "prep":  # "according to X", "according to X's report"
            ms = [m for m in self._mentions_before(hit.end, min(s.end, hit.end + 120))
                  if m.type in ACTOR_TYPES]  # fmt: skip
            reports = [m for m in ms[:3] if m.type == "Report"]
            chosen = reports[0] if reports else (ms[0] if ms else None)
            return Subject([chosen.key], hit.start, "mention") if chosen else None
        if hit.kind == "noun":  # "the commission of inquiry's key recommendations"
            ms = [
                m
                for m in self._mentions_before(max(s.start, hit.start - 120), hit.start)
                if m.type in ("Mechanism", "Report", "Organization", "Person")
            ]
            if ms and _POSSESSIVE_END.search(left) or ms and _OF_THE_END.search(left):
                return Subject([ms[-1].key], ms[-1].start, "mention")
            return None
        left = left[-100:]  # anchored patterns below only look at the end
        stripped = left.rstrip()
        # inverted: '"We will not accept it," said the representative of X.'
        if hit.kind == "past" and hit.lemma in _INVERTING and _QUOTE_OR_COMMA_END.search(left):
            after = self._mentions_before(hit.end, min(s.end, hit.end + 80))
            lead = _INVERTED_LEAD.match(folded, hit.end)
            if (
                after
                and lead
                and after[0].start <= lead.end() + 1
                and after[0].type in ACTOR_TYPES
                and _CLAUSE_END.match(folded, after[0].end)  # '..., said X.' / 'said X, adding'
            ):
                return Subject([after[0].key], after[0].start, "mention")
        # passive: "was welcomed by X", "has been called for by X"
        if _PASSIVE_END.search(left):
            by = _BY_AGENT.match(folded[hit.end : hit.end + 12])
            if by and hit.lemma not in ("call", "request", "propose", "seek", "ask"):
                ms = [m for m in self._mentions_before(hit.end, s.end) if m.type in ACTOR_TYPES]
                if ms:
                    return Subject([ms[0].key], ms[0].start, "passive")
            return None
        if re.search(
            r"\b(to|not to|can|cannot|could|should|must|may|might|would|will|shall)\s+"
            r"(\w+ly\s+)?$",
            left,
        ):
            return None
        if hit.kind == "ing":
            if _PARTICIPLE_LEAD.search(stripped) and previous:
                return Subject(list(previous.keys), hit.start, "inherit")
            return None
        if _TO_END.search(left):
            return None
        if _NEGATED_CUE.search(left):
            return None  # "has not welcomed": no stance we can state
        if hit.kind == "base" and not _PLURAL_PERSON.search(left):
            return None  # "support" and "call" are nouns unless "we"/"they" say them
        if hit.lemma == "add" and not _ADD_OK.match(folded, hit.end):
            return None  # "has not added a name": adding, not saying
        # walk left over fillers
        pos = hit.start
        while True:
            base = max(s.start, pos - 40)
            w = _LAST_WORD.search(folded, base, pos)
            if w and w.group(1) in L.SUBJECT_VERB_FILLERS and w.group(1) not in ("in",):
                pos = w.start(1)
                continue
            if w and w.group(1) in ("certainly", "really", "truly", "firmly", "just"):
                pos = w.start(1)
                continue
            break
        # coordinated verb: "... and called for", ", and accused" -> the previous subject
        seg = folded[s.start : pos]
        if previous is None and _AND_END.search(seg[-12:]):
            first = _PRONOUN_START.match(seg)
            if first:
                return self._pronoun(first.group(1), s, s.start + first.start(1))
        if previous and _COORD_END.search(seg[-12:]):
            tail_mention = [
                m
                for m in self._mentions_before(s.start, pos)
                if m.end >= pos - 3 and m.type in ACTOR_TYPES
            ]
            if not tail_mention:
                return Subject(list(previous.keys), hit.start, "inherit")
        # skip an affiliation in brackets: "VASSILY A. NEBENZIA (Russian Federation) said"
        affiliation = _AFFILIATION_END.search(folded, max(s.start, pos - 90), pos)
        if affiliation:
            pos = affiliation.start()
            seg = folded[s.start : pos]
        # skip an apposition between commas: "X, United Nations High Commissioner ..., said"
        seg_end = pos
        if seg.rstrip().endswith(","):
            comma = s.start + seg.rstrip().rfind(",")
            prev_comma = folded.rfind(",", s.start, comma)
            if prev_comma > s.start:
                inner = self._mentions_before(prev_comma, comma)
                inner_text = folded[prev_comma + 1 : comma]
                if any(
                    m.type in ("Position", "Mechanism") or m.kind == "title" for m in inner
                ) or _RELATIVE_WORDS.search(inner_text):
                    seg_end = prev_comma
                else:
                    seg_end = comma
            else:
                seg_end = comma
        return self._subject_at(s, seg_end, hit)

    def _subject_at(self, s: Sentence, end: int, hit: CueHit) -> Subject | None:
        """The subject ending at ``end`` (mentions, a coordination of them, or a pronoun)."""
        folded = self.doc.folded
        seg = folded[s.start : end]
        offset = max(0, len(seg) - 40)
        w = _LAST_WORD_OPT.search(seg, offset)
        if w and w.group(1) in L.PRONOUNS:
            return self._pronoun(w.group(1), s, s.start + w.start(1))
        if w and w.group(1) in L.RELATIVE:
            end = s.start + w.start(1)
            seg = folded[s.start : end].rstrip().rstrip(",")
            end = s.start + len(seg)
        cands = [m for m in self._mentions_before(s.start, end) if m.type in ACTOR_TYPES]
        keys: list[str] = []
        at = end
        for m in reversed(cands):
            gap = folded[m.end : at]
            if keys:
                ok = _COORDINATION.fullmatch(gap)
            else:
                ok = _FIRST_GAP.fullmatch(gap) or _ROLE_GAP.fullmatch(gap)
            if not ok:
                break
            if keys and _AFTER_PREPOSITION.search(folded[max(s.start, m.start - 25) : m.start]):
                break  # "statements on Sudan, and the Council": not a subject
            if (
                keys
                and _COMMA_ONLY.fullmatch(gap)
                and m.type != self._type(keys[0])
                and not ({m.type, self._type(keys[0])} <= {"Position", "Mechanism", "Person"})
            ):
                break  # "Briefing the Council, Rosemary DiCarlo said": a list has one kind
            if (
                keys
                and _COMMA_GAP.fullmatch(gap)
                and (
                    (m.type in ("Position", "Mechanism"))
                    != (self._type(keys[0]) in ("Position", "Mechanism"))
                )
            ):
                break  # "The Special Rapporteur on ..., Elizabeth Salmón": apposition
            if m.type == "Position" and m.kind == "title":
                holder = self.title_holders.get(m.key)
                if holder is None:
                    continue
                keys.insert(0, holder)
            elif m.type == "Report" or m.type != "Position":
                keys.insert(0, m.key)
            else:
                holder = self.title_holders.get(m.key)
                if holder:
                    keys.insert(0, holder)
            at = m.start
        if keys:
            # a person in apposition to a title: "The Special Rapporteur on ..., Elizabeth S."
            return Subject(list(dict.fromkeys(keys)), at, "mention")
        # an unnamed speaker: "a defector from that country who described"
        for u in unnamed_persons(self.doc.text[s.start : end]):
            if s.start + u.end >= end - 2:
                m = Mention(
                    s.start + u.start,
                    s.start + u.end,
                    "",
                    "Person",
                    u.label,
                    u.kind,
                    surface=u.surface,
                )
                self.unnamed.append(m)
                return Subject(["unnamed:" + str(len(self.unnamed) - 1)], m.start, "mention")
        # a title used alone: "the High Commissioner said"
        return None

    def _pronoun(self, word: str, s: Sentence, at: int) -> Subject | None:
        kind = L.PRONOUNS[word]
        if kind == "speaker":
            key = self._voice_at(s.start)
            return Subject([key], at, "voice") if key else None
        if kind == "single":
            return Subject([self.last_single], at, "pronoun") if self.last_single else None
        if kind == "group":
            if self.last_group:
                return Subject(list(self.last_group), at, "pronoun")
            return None
        # "it": the report or body of the previous claims / sentence
        prev = [
            m
            for m in self._mentions_before(max(0, s.start - 400), s.start)
            if m.type in ("Report", "Mechanism", "Organization")
        ]
        if prev:
            return Subject([prev[-1].key], at, "pronoun")
        return None

    def _voice_at(self, pos: int) -> str | None:
        if self.doc.voice == "speaker":
            turn = self.doc.turn_at(pos)
            return self.speakers.get(turn.start) if turn else None
        if self.doc.voice == "author":
            return self.voice_key
        return None

    # --- the pass -----------------------------------------------------------------------

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

    def _voice_sentence(self, s: Sentence) -> None:
        """A sentence in the document's own voice: the speaker's or the publisher's claim."""
        key = self._voice_at(s.start)
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
_WRONG = _alternation(L.WRONGDOING)
_CONCERN = _alternation(L.CONCERN_WORDS)
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
