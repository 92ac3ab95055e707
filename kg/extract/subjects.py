"""Whose claim a cue is: the subject found by walking left from the verb over adverbs,
appositions and coordinated subjects, a pronoun taking the previous claimant, an inverted
"said X", "according to X", a passive "by X", or the voice of the document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import lexicon as L
from kg.extract.context import Doc
from kg.extract.cues import CueHit
from kg.extract.mentions import Mentions
from kg.extract.model import Mention
from kg.extract.patterns import unnamed_persons
from kg.extract.text import Sentence

ACTOR_TYPES = {"State", "Person", "Organization", "Mechanism", "Report", "Position"}
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


@dataclass
class Subject:
    keys: list[str]
    start: int
    how: str  # mention, pronoun, inherit, voice, passive


class SubjectFinder:
    """Finds the claimant of a cue (mixed into ClaimFinder)."""

    doc: Doc
    mentions: Mentions

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
