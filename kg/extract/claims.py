"""Claims: who said what, with which stance, in which sentence.

The sentences are read in order. In each, every reporting cue is attributed
(:mod:`kg.extract.attribution`) and gives one claim per claimant; its stance comes from
the verb, refined by what it reports (:mod:`kg.extract.stance`). A sentence with no
attributed cue is the current speaker's, the transcript turn's or the author's, as the
discourse says (:mod:`kg.extract.discourse`), one claim per independent clause.
"""

from __future__ import annotations

import re

from kg.extract.attribution import SPEAKING_TYPES, Attributor, Subject
from kg.extract.context import Doc, is_prose
from kg.extract.copular import copular
from kg.extract.cues import CueHit, find_cues, stance_of
from kg.extract.discourse import Discourse, is_question
from kg.extract.groups import group_after
from kg.extract.lexicon import LEX
from kg.extract.mentions import Mentions
from kg.extract.model import ClaimItem, Mention
from kg.extract.stance import clauses, for_claimant, own_stance, upgrade
from kg.extract.text import Sentence

_VOCATIVE_THANKS = re.compile(r"[^,.]{2,60},\s+(?:and\s+)?(?:thank|thanks|welcome)\b")
_BY_GROUP = re.compile(
    r"\bby(?=\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|several|some|a number|many|most)\b)"
)
_HAD_END = re.compile(r"\bhad\s+(?:\w+ly\s+|also\s+|not\s+|never\s+)?$")
_ORGAN = re.compile(r"\b(?:council|assembly|committee|commission on)\b", re.I)
_NOMINAL = re.compile(
    r"(?:['’]s\s+|\bthe\s+)(?:(?:key|main|central|principal|core|latest|many|numerous|"
    r"important|far-reaching)\s+)?(?P<what>recommendations?|findings?|conclusions?)\b"
    r"(?P<of>\s+of\s+(?:the\s+|its\s+)?)?"
)
_NOMINAL_HEADS = ("recommendation", "finding", "conclusion")  # one is in every _NOMINAL match
_NEW_CLAUSE = re.compile(r"[;:]|,\s*(?:while|whereas|but|and)\b|\bwhile\b|\bwhereas\b|[\"”]")
_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "at",
        "to",
        "for",
        "and",
        "or",
        "with",
        "by",
        "from",
        "as",
        "its",
    ]
)


def _title_case(text: str) -> bool:
    """A heading set as a sentence: most of its words capitalised."""
    words = [w for w in text.split()[1:] if w.lower() not in _SMALL and w[:1].isalpha()]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


# how a subject was found -> does it introduce a speaker whose speech may go on?
_INTRODUCING = {"mention", "inverted", "group", "passive"}


class ClaimFinder:
    """Finds the claims of one document."""

    def __init__(
        self,
        doc: Doc,
        mentions: Mentions,
        *,
        voice_key: str | None,
        speakers: dict[int, str],
        title_holders: dict[str, str],
    ) -> None:
        self.doc, self.mentions = doc, mentions
        self.discourse = Discourse(doc, mentions, voice_key=voice_key, speakers=speakers)
        self.attributor = Attributor(doc, mentions, self.discourse, title_holders)
        self.discourse.delegates = self.attributor.delegates  # one map, shared
        self.claims: list[ClaimItem] = []
        self._seen: set[tuple] = set()
        self._claim_starts: set[int] = set()
        self._checked_group: set[str] = set()
        self._text_end: int | None = None

    @property
    def unnamed(self) -> list[Mention]:
        return self.attributor.unnamed

    @property
    def delegates(self) -> dict[str, str]:
        return self.attributor.delegates

    def run(self) -> list[ClaimItem]:
        by_sentence: dict[int, list[CueHit]] = {}
        for hit in find_cues(self.doc):
            if self._inside_name(hit):
                continue
            s = self.doc.sentence_at(hit.start)
            if s is not None:
                by_sentence.setdefault(s.index, []).append(hit)
        for s in self.doc.sentences:
            self.discourse.previous_start = self.discourse.at
            self.discourse.at = s.start
            if self.doc.in_caption(s.start):
                continue
            heading = self.doc.in_heading(s.start)
            if heading:
                self._sentence(s, by_sentence.get(s.index, []), heading=True)
                self.discourse.interrupt()  # a headline sums up; it starts no speech
                continue
            if not is_prose(s.text) and not self._cut_off(s):
                continue
            if is_question(s.text):  # a question asserts nothing, whoever asks it
                self._note_people(s)
                continue
            made = self._sentence(s, by_sentence.get(s.index, [])) or self._copular(s)
            if not made and is_prose(s.text):
                self._unattributed(s)
            self._note_people(s)
            self._note_groups(s)
            self._nominal(s)
        return self.claims

    def _copular(self, s: Sentence) -> int:
        """ "The Secretary-General is deeply alarmed by ...": the named subject's stance."""
        found = copular(self.doc.folded[s.start : s.end])
        if found is None:
            return 0
        end, stance, conf = found
        subject_end = s.start + end
        named = [m for m in self.mentions.in_span(s.start, subject_end) if m.type in SPEAKING_TYPES]
        if not named or named[-1].end != subject_end:
            return 0
        folded = self.doc.folded
        if folded[s.start : named[0].start].strip() not in ("", "the"):
            return 0
        for a, b in zip(named, named[1:], strict=False):  # "China and Russia are ..."
            if re.sub(r"\b(?:and|the)\b|,", "", folded[a.end : b.start]).strip():
                return 0
        subj = self.attributor.resolve(named, named[0].start, "copula")
        keys = subj.keys
        made = sum(
            self._add(
                k,
                stance,
                s.start,
                s.end,
                cue="copula",
                confidence=conf,
                content=(subject_end, s.end),
                group=tuple(keys),
            )  # fmt: skip
            for k in keys
        )
        if keys:
            self.discourse.introduced(s, keys, subj.persons, quoted=False)
        return made

    def _cut_off(self, s: Sentence) -> bool:
        """The last sentence of a text cut off mid-sentence is still prose."""
        if self._text_end is None:
            self._text_end = len(self.doc.text.rstrip())
        return (
            s.end >= self._text_end and len(s.text.split()) >= 8 and s.start >= self.doc.heading_end
        )

    def _inside_name(self, hit: CueHit) -> bool:
        """A cue that is part of a name ("United States", "Member States") is no cue."""
        return any(
            m.start <= hit.start and hit.end <= m.end and m.kind != "pattern"
            for m in self.mentions.overlapping(hit.start, hit.end)
        )

    # --- attributed sentences ----------------------------------------------------------

    def _sentence(self, s: Sentence, hits: list[CueHit], *, heading: bool = False) -> int:
        previous: Subject | None = None
        prev_end = s.start
        deferred: list[tuple[CueHit, str, float]] = []
        made = 0
        folded = self.doc.folded
        for i, hit in enumerate(hits):
            stance = stance_of(self.doc, hit)
            if stance is None:
                continue
            subj = self.attributor.subject(s, hit, previous, heading=heading)
            if subj is None:
                continue
            if self._backshifted(s, hit, subj) or self._decision(hit, subj):
                continue
            if subj.how == "group" and self.doc.voice == "speaker":
                continue  # in a transcript, a turn is its speaker's
            if previous is not None and self._embedded(prev_end, subj, previous):
                continue  # "X said his country and others had requested ...": X's words
            if subj.how == "defer":
                deferred.append((hit, stance, hit.confidence))
                continue
            if not subj.keys:
                continue
            if subj.how == "voice" and self._procedural(s):
                continue
            content = folded[hit.end : max(self._content_end(s, hits, i), hit.end)]
            if (
                subj.how == "inverted"
                or (  # '"The Council must act," said X', or
                    subj.start > s.start + 20  # '..., officials told the Council': words first
                    and folded[s.start : subj.start].rstrip().endswith((",", "\u201d", '"'))
                )
            ):
                content = folded[s.start : min(hit.start, subj.start)] + " " + content
            made += self._emit(s, subj, hit, stance, content)
            for d_hit, d_stance, _conf in deferred:
                made += self._emit(s, subj, d_hit, d_stance, folded[d_hit.end : hit.start])
            deferred = []
            self._after_subject(s, subj)
            previous = subj
            prev_end = hit.end
        if deferred and not heading:
            keys = self.discourse.continues(s)
            if keys:
                subj = Subject(keys, s.start, "inherit", dict(self.discourse.current_persons))
                for d_hit, d_stance, _conf in deferred:
                    made += self._emit(s, subj, d_hit, d_stance, folded[d_hit.end : s.end])
        return made

    def _backshifted(self, s: Sentence, hit: CueHit, subj: Subject) -> bool:
        """'Iran had repeatedly denied access ...' while a delegate's speech goes on: the
        past perfect of reported speech, the speaker's words about a State, not the State's."""
        d = self.discourse
        if self.doc.voice != "narration" or not d.current or subj.how != "mention":
            return False
        if not _HAD_END.search(self.doc.folded, max(s.start, hit.start - 30), hit.start):
            return False
        return all(self._type(k) == "State" and k not in d.current for k in subj.keys)

    def _decision(self, hit: CueHit, subj: Subject) -> bool:
        """'The Council requested the Secretary-General to report': a decision, not a claim."""
        if hit.lemma.split()[0] not in ("request", "decide", "authorize", "authorise"):
            return False
        for k in subj.keys:
            e = self.mentions.entities.get(k)
            if e is None or e.type != "Organization" or not _ORGAN.search(e.label):
                return False
        return bool(subj.keys)

    def _embedded(self, prev_end: int, subj: Subject, previous: Subject) -> bool:
        """Is a subject inside what an earlier cue of the sentence reports? ("X said his
        country and others had asked ...", "Japan said it believed ..."; but "which he
        described as ..." is the same speaker going on)"""
        if subj.how not in ("mention", "group", "pronoun") or subj.start <= prev_end:
            return False
        if subj.how == "pronoun" and set(subj.keys) <= set(previous.keys):
            return False
        between = self.doc.folded[prev_end : subj.start]
        return not _NEW_CLAUSE.search(between)

    def _content_end(self, s: Sentence, hits: list[CueHit], i: int) -> int:
        """Where what ``hits[i]`` reports ends: at the next cue that opens a clause of its own
        ("..., while Y said"); a cue inside the report ("told the Council that there were
        grounds to believe ...") belongs to it."""
        folded = self.doc.folded
        for later in hits[i + 1 :]:
            if later.start >= s.end:
                break
            if _NEW_CLAUSE.search(folded[hits[i].end : later.start]):
                return later.start
        return s.end

    def _emit(self, s: Sentence, subj: Subject, hit: CueHit, stance: str, content: str) -> int:
        made = 0
        conf = hit.confidence
        if hit.lemma == "according to":
            st = stance
        else:
            st, conf = upgrade(stance, conf, content, lemma=hit.lemma)
        for key in subj.keys:
            final = for_claimant(st, self._type(key), hit.lemma)
            made += self._add(key, final, s.start, s.end, cue=hit.form, confidence=conf,
                              content=(hit.end, s.end), group=tuple(subj.keys))  # fmt: skip
        return made

    def _after_subject(self, s: Sentence, subj: Subject) -> None:
        d = self.discourse
        for k in subj.keys:
            if k not in self._checked_group and self.mentions.entities.get(k) is not None:
                self._checked_group.add(k)  # a key is a group from its first mention on
                if any(m.kind == "group" for m in self.mentions.of_key(k)):
                    d.group_keys.add(k)
        if subj.how in _INTRODUCING:
            d.introduced(s, subj.keys, subj.persons, quoted=d.starts_quoted(s) or '"' in s.text
                         or "“" in s.text)  # fmt: skip
        else:
            d.remember(subj.keys)

    # --- unattributed sentences --------------------------------------------------------

    def _unattributed(self, s: Sentence) -> None:
        d = self.discourse
        if self.doc.voice == "narration" and d.narrative(s):
            d.interrupt()
            return
        keys = d.continues(s)
        if not keys or is_question(s.text) or self._procedural(s):
            return
        parts = []
        for a, b in clauses(self.doc.folded[s.start : s.end], s.start):
            clause = self.doc.folded[a:b]
            if len(clause.split()) >= 3:
                parts.append((a, b))
        cues = [LEX.content_stances(self.doc.folded[a:b]) for a, b in parts]
        for key in keys:
            claimant_type = self._type(key)
            stances = [own_stance(c, claimant_type=claimant_type) for c in cues]
            if len({st for st, _ in stances}) <= 1 and stances:  # one act: the whole sentence
                parts_k = [(parts[0][0], parts[-1][1])]
                stances = [max(stances, key=lambda x: x[1])]
            else:
                parts_k = parts
            for (a, b), (stance, conf) in zip(parts_k, stances, strict=True):
                self._add(key, stance, a, b, cue="", confidence=round(conf * 0.8, 2),
                          content=(a, b), group=tuple(keys))  # fmt: skip

    def _procedural(self, s: Sentence) -> bool:
        """Courtesies and the logistics of the occasion are not claims."""
        start_rx, any_rx = LEX.procedural
        low = self.doc.folded[s.start : s.end].lstrip(" -\u2013\u2014\"'")
        if _VOCATIVE_THANKS.match(low) or _title_case(s.text):
            return True
        return bool(start_rx.match(low) or any_rx.search(low))

    def _nominal(self, s: Sentence) -> None:
        """ "the panel's main conclusions, which ...", "the findings
        of the Fact-Finding Mission": what a report or an inquiry recommended or found."""
        folded = self.doc.folded
        words = folded[s.start : s.end]
        if not any(w in words for w in _NOMINAL_HEADS):
            return
        for m in _NOMINAL.finditer(folded, s.start, s.end):
            stance = "recommend" if m.group("what").startswith("recommend") else "find"
            owner = None
            if m.group("of"):
                after = [x for x in self.mentions.in_span(m.end(), min(s.end, m.end() + 90))
                         if x.start <= m.end() + 1]  # fmt: skip
                owner = after[0] if after else None
                start = m.start()
            else:
                before = [x for x in self.mentions.in_span(max(s.start, m.start() - 120),
                                                           m.start() + 1)]  # fmt: skip
                owner = before[-1] if before and before[-1].end >= m.start() - 1 else None
                start = owner.start if owner else m.start()
            if owner is None or owner.type not in ("Mechanism", "Report"):
                continue
            self._add(owner.key, stance, start, s.end, cue=m.group("what"), confidence=0.6,
                      content=(m.end(), s.end), group=(owner.key,))  # fmt: skip

    def _note_groups(self, s: Sentence) -> None:
        """ "asked for by five of its members": who a later "they" may be."""
        if "by" not in self.doc.folded[s.start : s.end]:
            return
        for m in _BY_GROUP.finditer(self.doc.folded, s.start, s.end):
            g = group_after(self.doc, self.mentions, m.end(), s.end)
            if g is not None:
                self.discourse.last_group = [g]
                self.discourse.group_keys.add(g)

    def _note_people(self, s: Sentence) -> None:
        """A sentence may introduce who "he" or "she" will be without a claim of its own."""
        claimed = s.start in self._claim_starts
        if self.discourse.last_single and claimed:
            return
        for m in self.mentions.in_span(s.start, min(s.end, s.start + 60)):
            if m.type == "Person":
                if not claimed:
                    self.discourse.last_single = self.delegates.get(m.key, m.key)
                return

    # --- helpers -----------------------------------------------------------------------

    def _type(self, key: str) -> str:
        return self.discourse.types(key)

    def _add(
        self,
        key: str,
        stance: str,
        start: int,
        end: int,
        *,
        cue: str,
        confidence: float,
        content: tuple[int, int],
        group: tuple[str, ...],
    ) -> int:
        seen = (key, stance, start, cue)
        if seen in self._seen:
            return 0
        self._seen.add(seen)
        self._claim_starts.add(start)
        self.claims.append(
            ClaimItem(
                key,
                stance,
                start,
                end,
                cue=cue,
                confidence=confidence,
                content=content,
                group=group,
            )  # fmt: skip
        )
        return 1
