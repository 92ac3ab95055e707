"""Whose claim a cue is: the attribution patterns of diplomatic prose.

- subject before the verb, found by walking left over adverbs, brackets and appositions:
  ``Francois Delattre (France) said``, ``Andrew Gilmour, Assistant Secretary-General ...,
  said``, ``the delegates of Cuba and Belarus objected``,
  ``Deputy Secretary-General Eliasson emphasized``, ``several delegates warned``;
- inverted and quotation-first: ``..., said Igor V. Kuzmin (Russian Federation).``,
  ``"...," said the representative of Ukraine``;
- ``according to X``, passive ``... was welcomed by X``;
- a participle or coordinated verb sharing the subject: ``..., stressing that``,
  ``opposed ... and called for``;
- pronouns and definite descriptions of the current speaker (``he``, ``they``, ``the
  speaker``, ``the delegate``), resolved by :class:`kg.extract.discourse.Discourse`.

A delegate speaks for a State: a person introduced as ``Name (State)`` makes the claim as
that State; the person stays an entity with a ``represents`` relation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.context import Doc
from kg.extract.cues import CueHit
from kg.extract.discourse import Discourse
from kg.extract.groups import group_after, group_before
from kg.extract.mentions import Mentions
from kg.extract.model import Mention
from kg.extract.patterns import unnamed_persons
from kg.extract.text import Sentence, trailing_letters

ACTOR_TYPES = {"State", "Person", "Organization", "Mechanism", "Report", "Position", "Instrument"}
SPEAKING_TYPES = {"State", "Person", "Organization", "Mechanism", "Position"}

_FILLERS = frozenset(
    """
    again all also always bluntly both clearly collectively consistently deeply did do does
    each earlier especially even explicitly firmly forcefully formally frequently further
    gravely had has have herself himself however immediately itself jointly just later
    likewise meanwhile not often once only openly particularly previously publicly quickly
    repeatedly separately seriously sharply similarly specifically still strongly
    subsequently themselves then therefore thus too unanimously vigorously will would
    equally certainly really truly today yesterday recently swiftly promptly duly
    categorically emphatically resolutely once-again latter former respectively long
    since already,
    """.replace(",", "").split()
)
_INVERTING = frozenset(
    [
        "say",
        "add",
        "state",
        "note",
        "stress",
        "warn",
        "argue",
        "insist",
        "continue",
        "explain",
        "observe",
        "tell",
        "recall",
        "affirm",
        "assert",
        "maintain",
        "emphasize",
        "emphasise",
        "underline",
        "underscore",
        "conclude",
        "remark",
        "comment",
        "declare",
        "point",
        "out",
        "suggest",
        "urge",
        "caution",
        "acknowledge",
        "reply",
        "respond",
        "ask",
        "concede",
        "admit",
        "write",
    ]
)
_PASSIVE_END = re.compile(r"\b(been|be|being|is|are|was|were)\s+(\w+ly\s+)?$")
_BY_AGENT = re.compile(r"(?:\s+(?:for|on|upon|out))?\s+by\s+")
_MODAL_END = re.compile(
    r"\b(to|not to|can|cannot|could|should|must|may|might|will|shall|to be|n't)\s+"
    r"(\w+ly\s+)?$"
)
_FUTURE_END = re.compile(r"\b(would)\s+(\w+ly\s+|also\s+)?$")
_NEGATED = re.compile(r"(n't|\bnot|\bnever|\bno longer)\s+(\w+ly\s+)?$")
_PLURAL_PERSON = re.compile(
    r"\b(we|i|they|you)\s+(?:[a-z]+ly\s+|also\s+|all\s+|again\s+|therefore\s+|"
    r"once again\s+|both\s+|each\s+|hereby\s+|too\s+)*$"
)
# For each end-anchored pattern: the words its keyword can end ("n't" ends "don't"), and
# the words it lets stand between the keyword and the cue ("is strongly", "we all").
_END_KEYWORDS: dict[re.Pattern, tuple[tuple[str, ...], frozenset[str], int]] = {
    _PASSIVE_END: (("been", "be", "being", "is", "are", "was", "were"), frozenset(), 1),
    _MODAL_END: (
        ("to", "can", "cannot", "could", "should", "must", "may", "might", "will", "shall")
        + ("be", "n't"),
        frozenset(),
        1,
    ),
    _FUTURE_END: (("would",), frozenset({"also"}), 1),
    _NEGATED: (("n't", "not", "never", "longer"), frozenset(), 1),
    _PLURAL_PERSON: (
        ("we", "i", "they", "you"),
        frozenset({"also", "all", "again", "therefore", "once", "both", "each", "hereby", "too"}),
        2,
    ),
}


def _may_end(rx: re.Pattern, last_words: list[str] | None) -> bool:
    """Can ``rx`` match at the end of a text whose last words are ``last_words`` (None: the
    text does not end with a space)? A quick necessary condition: False means it cannot.

    >>> _may_end(_PASSIVE_END, ["it", "was", "widely"]), _may_end(_PASSIVE_END, ["he"])
    (True, False)
    """
    if last_words is None:
        return False  # every pattern ends with a space
    keywords, between, most = _END_KEYWORDS[rx]
    for i, word in enumerate(reversed(last_words)):
        if word.endswith(keywords):
            return True
        if not (word in between or word.endswith("ly")):
            return False
        if i >= most:
            return True  # too many words in between to tell here
    return True  # ran out of words: cannot tell


_PARTICIPLE_LEAD = re.compile(r"(,|;|\bwhile|\bbefore|\bafter|\band|\bby|\bwhen|\bthus|—|-)\s*$")
_AND_END = re.compile(r"(\band|\bbut|\bor|\band also|\bwhile)\s*,?\s*$")
_COORD_END = re.compile(r"(\band|\bbut|,|;)\s*$")
_AFFILIATION_END = re.compile(r"\s\([^()]{2,80}\)\s*,?\s*$")
_RELATIVE_WORDS = re.compile(r"\b(who|which|whose|speaking|representing|on behalf)\b")
_ROLE_GAP = re.compile(r"\s*,\s*(a|an|the|its|their)\s[^,]{0,80},?\s*")
_COORDINATION = re.compile(
    r"\s*(,|and|, and|as well as|, as well as|together with|along with|&|or)?\s*(the\s+)?"
    r"((?<=and )(the\s+)?representatives? of\s+)?\s*"
)
_FIRST_GAP = re.compile(
    r"['’]?s?\s*(representatives?|delegates?|delegations?|ambassador|envoy|government|"
    r"officials?|spokes(person|man|woman)|permanent representative|foreign minister|"
    r"minister|mission|authorities|leadership|side)?\s*(,)?\s*"
)
_COMMA_ONLY = re.compile(r"\s*,\s*(the\s+)?")
_AFTER_PREPOSITION = re.compile(
    r"\b(on|in|to|for|with|against|about|from|by|at|into|over|under|between|toward|towards|"
    r"than|like|upon|within|without|across|through|of)\s+(the\s+)?$"
)
_ADD_OK = re.compile(r"\s*(?:that\b|,|:|\s+[\"'\u201c])")
_QUOTE_OR_COMMA = (",", '"', "'", "”", "’")  # what a quotation or clause ends with
_INVERTED_LEAD = re.compile(
    r"\s+(?:the\s+)?(?:(?:representatives?|delegates?|ambassador|spokesperson|spokesman|"
    r"spokeswoman)\s+of\s+(?:the\s+)?)?"
)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?\"'\u201d\u2019)(]|$|\s+(?:who|adding|noting|and)\b)")
_POSSESSIVE_END = re.compile(r"['’]s\s+(?:[a-z]+\s+){0,2}$")
_SPEAKER_OF = re.compile(
    r"\b(?:representatives?|delegates?|delegations?|members?|behalf)\s+of\s+(?:the\s+)?$"
)
_ENVOY_WORDS = (
    r"(?:deputy\s+|permanent\s+|alternate\s+|chief\s+|top\s+|special\s+)*(?:u\.?n\.?\s+|un\s+)?"
    r"(?:ambassador|envoy|representative|delegate|negotiator)"
)
_ENVOY_BEFORE = re.compile(r"\S+['’]s\s+" + _ENVOY_WORDS + r"\s*,?\s*$")
_ENVOY_ROLE = re.compile(r"(?:['’]s)?\s+" + _ENVOY_WORDS + r"\b")
_APPOSITION_LEAD = re.compile(r"\s*,\s+(?:the\s+|a\s+)?")
_POSSESSIVE_NP = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}[\w-]+\s*$")
_MODIFIER_END = re.compile(
    r"\s+(?:\w+ing|based|located|deployed|stationed|formed|established|set up|created)\s+"
    r"(?:in|on|at|across|inside|from|by)\s+(?:the\s+)?[\w' ,-]{1,40}?\s*$"
)
_BRACKET_END = re.compile(r"\s*\([^()]{0,80}\)\s*$")
_PARTICIPIAL = re.compile(r"\s*(?:also\s+)?[\w-]+(?:ed|en)\s+(?:by|in|on|at|with|for|under)\b")
_OF_THE_END = re.compile(r"\bof\s+the\s+$")
# definite descriptions of whoever is speaking: "the speaker", "the delegate"
_SPEAKER_REF = re.compile(
    r"\b(?:the|that|this)\s+(?:same\s+)?(speaker|delegate|representative|ambassador|envoy|"
    r"briefer|minister|official|diplomat|delegation|speakers|delegates|delegations|"
    r"representatives|panellist|panelist)\s*$"
)
_PRONOUNS = {"he": "single", "she": "single", "they": "group", "it": "thing",
             "we": "speaker", "i": "speaker"}  # fmt: skip
_RELATIVE = frozenset(["that", "which", "who"])


@dataclass
class Subject:
    """Who makes a claim: entity keys, where the subject starts, how it was found."""

    keys: list[str]
    start: int
    how: str  # mention | pronoun | inherit | voice | passive | inverted | according | group
    persons: dict[str, str] = field(default_factory=dict)  # state key -> person who spoke


class Attributor:
    """Finds the claimant of each cue of a sentence."""

    def __init__(
        self, doc: Doc, mentions: Mentions, discourse: Discourse, holders: dict[str, str]
    ) -> None:
        self.doc, self.mentions, self.discourse = doc, mentions, discourse
        self.holders = holders
        self.unnamed: list[Mention] = []
        self.delegates: dict[str, str] = {}  # person key -> the state they speak for

    # --- entry point -------------------------------------------------------------------

    def subject(
        self, s: Sentence, hit: CueHit, previous: Subject | None, *, heading: bool = False
    ) -> Subject | None:
        folded = self.doc.folded
        left = folded[s.start : hit.start]
        if hit.kind == "prep":  # "according to X"
            return self._according(s, hit)
        stripped = left.rstrip()

        # the last words before the cue: every end-anchored pattern below needs one of its
        # keywords there, so most are rejected without a regex search
        last_words = left[-100:].split()[-4:] if left[-1:].isspace() else None

        def ends(rx: re.Pattern, reach: int = 60) -> re.Match | None:
            """``rx`` (anchored with $) matching the words right before the cue."""
            if not _may_end(rx, last_words):
                return None
            return rx.search(folded, max(s.start, hit.start - reach), hit.start)

        # inverted: '..., said X.' / '"...," said X'
        if hit.kind in ("past", "third") and hit.lemma.split()[0] in _INVERTING:
            comma_end = stripped.endswith(",")
            apposed = (
                comma_end
                and self._strip_appositions(s.start, s.start + len(stripped))
                < s.start + len(stripped) - 1
            )
            if (stripped.endswith(_QUOTE_OR_COMMA) or not stripped) and not apposed:
                inv = self._after(s, hit.end)
                if inv is not None:
                    inv.how = "inverted"
                    return inv
        if ends(_PASSIVE_END):
            by = _BY_AGENT.match(folded[hit.end : hit.end + 12])
            if by and not hit.lemma.startswith(("call", "request", "ask", "propose", "seek")):
                ms = [m for m in self._in(hit.end, s.end) if m.type in SPEAKING_TYPES]
                if ms:
                    return self.resolve([ms[0]], ms[0].start, "passive")
            return None
        if (
            hit.kind == "past"
            and stripped.endswith(",")
            and _BY_AGENT.match(folded[hit.end : hit.end + 12])
        ):
            return None  # a reduced passive: "the draft, co-sponsored by 40 States, ..."
        if ends(_MODAL_END):
            return None
        if hit.kind == "ing":
            if previous is None and not _PARTICIPLE_LEAD.search(_strip_fillers(stripped)):
                # a reduced relative: "a letter sent by 10 of its members (document ...)
                # expressing concern" -> the noun phrase just before
                end = s.start + len(_BRACKET_END.sub("", left).rstrip())
                g = group_before(self.doc, self.mentions, s.start, end)
                if g is not None:
                    return Subject([g], end, "group")
            if previous is not None and _PARTICIPLE_LEAD.search(_strip_fillers(stripped)):
                return Subject(list(previous.keys), hit.start, "inherit", dict(previous.persons))
            if previous is None and _PARTICIPLE_LEAD.search(_strip_fillers(stripped)):
                return Subject([], hit.start, "defer")  # the sentence's subject, found later
            return None
        if ends(_NEGATED):
            return None
        if hit.kind == "base" and not (ends(_PLURAL_PERSON, 100) or ends(_FUTURE_END) or heading):
            return None
        if hit.lemma == "add" and not _ADD_OK.match(folded, hit.end):
            return None
        pos = self._walk_fillers(s.start, hit.start)
        seg = folded[s.start : pos]
        # a coordinated verb: "... and called for" shares the subject
        if previous is not None and previous.keys and _COORD_END.search(seg[-14:]):
            ends_with_actor = [
                m for m in self._in(s.start, pos) if m.end >= pos - 3 and m.type in ACTOR_TYPES
            ]
            if not ends_with_actor:
                return Subject(list(previous.keys), hit.start, "inherit", dict(previous.persons))
        if previous is None and _AND_END.search(seg[-12:]):
            first = re.match(r"\s*(?:also\s+)?(he|she|they|we|i)\b", seg)
            if first:
                return self._pronoun(first.group(1), s, s.start + first.start(1))
        seg_end = self._strip_appositions(s.start, pos)
        if seg_end >= pos - 1:  # no apposition: "Name (State) said"
            affiliation = _AFFILIATION_END.search(folded, max(s.start, pos - 90), pos)
            if affiliation:
                pos = affiliation.start()
            seg_end = self._strip_appositions(s.start, pos)
        found = self._before(s, seg_end, heading=heading)
        if found is None:
            mod = _MODIFIER_END.search(folded, s.start, seg_end)
            if mod:  # "Several aid groups operating in Idlib said", "The Commission formed
                return self._before(s, mod.start(), heading=heading)  # in 2014 found"
        return found

    def _strip_appositions(self, start: int, pos: int) -> int:
        """Where the subject ends once appositions are taken off: "X, speaking on behalf of
        Y, the draft's main sponsor, said" -> X."""
        folded = self.doc.folded
        end = pos
        for _ in range(4):
            seg = folded[start:end].rstrip()
            if not seg.endswith(","):
                return end
            comma = start + len(seg) - 1
            prev_comma = folded.rfind(",", start, comma)
            if prev_comma <= start:
                return comma
            inner = self._in(prev_comma, comma)
            inner_text = folded[prev_comma + 1 : comma]
            if (
                any(m.type in ("Position", "Mechanism") or m.kind == "title" for m in inner)
                or _RELATIVE_WORDS.search(inner_text)
                or _ROLE_GAP.fullmatch(folded[prev_comma : comma + 1])
                or _POSSESSIVE_NP.search(inner_text)
                or _PARTICIPIAL.match(inner_text)
            ) and self._actor_ends(start, prev_comma):
                end = prev_comma + 1
                continue
            return comma
        return end

    # --- subjects ------------------------------------------------------------------------

    def _in(self, start: int, end: int) -> list[Mention]:
        return self.mentions.in_span(start, end)

    def _walk_fillers(self, start: int, pos: int) -> int:
        folded = self.doc.folded
        while True:
            w = trailing_letters(folded, max(start, pos - 40), pos, extra="'-")
            if w and folded[w[0] : w[1]] in _FILLERS:
                pos = w[0]
                continue
            return pos

    def _according(self, s: Sentence, hit: CueHit) -> Subject | None:
        ms = [m for m in self._in(hit.end, min(s.end, hit.end + 120)) if m.type in ACTOR_TYPES]
        reports = [m for m in ms[:3] if m.type == "Report"]
        chosen = reports[0] if reports else (ms[0] if ms else None)
        if chosen is not None and chosen.start - hit.end <= 40:
            return self.resolve([chosen], chosen.start, "according")
        g = group_after(self.doc, self.mentions, hit.end, s.end)
        if g is not None:
            return Subject([g], hit.end, "group")
        return None

    def _after(self, s: Sentence, at: int) -> Subject | None:
        """The subject of an inverted verb: 'said the representative of X', 'said Jane Roe'."""
        folded = self.doc.folded
        lead = _INVERTED_LEAD.match(folded, at)
        ms = [m for m in self._in(at, min(s.end, at + 120)) if m.type in SPEAKING_TYPES]
        if ms and lead and ms[0].start <= lead.end() + 1:
            first = ms[0]
            end = first.end
            bracket = self._bracket_state(first)
            if bracket is not None:
                end = folded.find(")", bracket.end) + 1
            if _CLAUSE_END.match(folded, end) or first.type == "Position":
                return self.resolve([first], first.start, "mention")
        g = group_after(self.doc, self.mentions, at, s.end)
        if g is not None:
            return Subject([g], at, "group")
        ref = re.match(r"\s+(?:the|that)\s+(speaker|delegate|representative|ambassador|envoy)\b",
                       folded[at : at + 40])  # fmt: skip
        if ref and self.discourse.current:
            return Subject(list(self.discourse.current), at, "pronoun",
                           dict(self.discourse.current_persons))  # fmt: skip
        m = re.match(r"\s+(he|she|they)\b", folded[at : at + 8])
        if m:
            return self._pronoun(m.group(1), s, at + m.start(1))
        return None

    def _before(self, s: Sentence, end: int, *, heading: bool = False) -> Subject | None:
        """The subject ending at ``end``: mentions (coordinated), a pronoun, a description
        of the current speaker, a group, or an unnamed person."""
        folded = self.doc.folded
        seg = folded[s.start : end]
        w = trailing_letters(seg, max(0, len(seg) - 40), len(seg), space=False)
        last = seg[w[0] : w[1]] if w else ""
        if w and last in _PRONOUNS:
            return self._pronoun(last, s, s.start + w[0])
        if w and last in _RELATIVE:
            end = s.start + w[0]
            seg = folded[s.start : end].rstrip().rstrip(",")
            end = s.start + len(seg)
        ref = _SPEAKER_REF.search(seg[-40:])
        if ref and not self._mentions_ending(end):
            if self.discourse.current:
                return Subject(list(self.discourse.current), end - len(ref.group(0)), "pronoun",
                               dict(self.discourse.current_persons))  # fmt: skip
            return None
        g = group_before(self.doc, self.mentions, s.start, end, heading=heading)
        if g is not None:
            return Subject([g], end, "group")
        cands = [m for m in self._in(s.start, end) if m.type in ACTOR_TYPES]
        chosen: list[Mention] = []
        at = end
        for m in reversed(cands):
            gap = folded[m.end : at]
            if chosen:
                ok = _COORDINATION.fullmatch(gap)
            else:
                ok = _FIRST_GAP.fullmatch(gap) or _ROLE_GAP.fullmatch(gap)
            if not ok:
                break
            before = folded[max(s.start, m.start - 25) : m.start]
            governed = _AFTER_PREPOSITION.search(before) and not _SPEAKER_OF.search(before)
            if chosen and governed:
                break
            if chosen and _COMMA_ONLY.fullmatch(gap):
                a, b = m.type, chosen[0].type
                posts = {"Position", "Mechanism"}
                if (a in posts) != (b in posts) or (a != b and not {a, b} <= posts | {"Person"}):
                    break  # "Briefing the Council, Jane Roe said": one kind per list
            if not chosen and governed:
                break  # "a letter to the Council President": not the subject
            chosen.insert(0, m)
            at = m.start
        if chosen:
            return self.resolve(chosen, at, "mention")
        for u in unnamed_persons(self.doc.text[s.start : end]):
            if s.start + u.end >= end - 2:
                m = Mention(s.start + u.start, s.start + u.end, "", "Person", u.label, u.kind,
                            surface=u.surface)  # fmt: skip
                self.unnamed.append(m)
                return Subject(["unnamed:" + str(len(self.unnamed) - 1)], m.start, "mention")
        return None

    def _actor_ends(self, start: int, at: int) -> bool:
        """Does an actor (mention, group or pronoun) end right before ``at``?"""
        seg = self.doc.folded[start:at].rstrip().rstrip(")")
        if re.search(r"\b(he|she|they|it|we)$", seg):
            return True
        if any(m.end >= start + len(seg) - 1 and m.type in ACTOR_TYPES
               for m in self._in(max(start, at - 120), at + 1)):  # fmt: skip
            return True
        cut = start + len(seg)
        if group_before(self.doc, self.mentions, start, cut) is not None:
            return True
        return any(start + u.end >= cut - 1 for u in unnamed_persons(self.doc.text[start:cut]))

    def _mentions_ending(self, end: int) -> bool:
        return any(m.end >= end - 2 for m in self._in(max(0, end - 80), end))

    def _bracket_state(self, m: Mention) -> Mention | None:
        """The State (or organisation) in brackets right after a person's name."""
        if m.type != "Person":
            return None
        text = self.doc.text
        rest = text[m.end : m.end + 4]
        if not rest.lstrip(" \t").startswith("("):
            return None
        at = m.end + rest.index("(") + 1
        inner = [x for x in self._in(at, at + 90) if x.type in ("State", "Organization")]
        if inner and text[at : inner[0].start].strip() == "":
            close = text[inner[0].end : inner[0].end + 3].lstrip(" \t")
            if close.startswith(")"):
                return inner[0]
        return None

    def _envoy_of(self, m: Mention) -> str | None:
        """The State whose envoy a person is called: "Russia's deputy U.N. ambassador, Jane
        Roe" or "Jane Roe, the U.S. ambassador,"."""
        folded = self.doc.folded
        before = _ENVOY_BEFORE.search(folded, max(0, m.start - 70), m.start)
        if before:
            states = [x for x in self._in(before.start(), before.end()) if x.type == "State"]
            if states and states[0].start == before.start():
                return states[0].key
        after = _APPOSITION_LEAD.match(folded, m.end)
        if after:
            states = [x for x in self._in(after.end(), after.end() + 40) if x.type == "State"]
            if states and states[0].start == after.end():
                role = _ENVOY_ROLE.match(folded, states[0].end)
                if role or states[0].kind == "role":
                    return states[0].key
        return None

    def resolve(self, ms: list[Mention], start: int, how: str) -> Subject:
        """Entity keys of subject mentions: posts speak through their holders, delegates
        for their States."""
        keys: list[str] = []
        persons: dict[str, str] = {}
        for m in ms:
            key = m.key
            if m.type == "Position":
                holder = self.holders.get(m.key)
                if holder is None:
                    continue
                key = holder
            state = self._bracket_state(m)
            if state is not None and state.type == "State":
                self.delegates[m.key] = state.key
            elif m.type == "Person" and m.key not in self.delegates:
                envoy = self._envoy_of(m)
                if envoy is not None:
                    self.delegates[m.key] = envoy
            if key in self.delegates:
                persons[self.delegates[key]] = key
                key = self.delegates[key]
            keys.append(key)
        return Subject(list(dict.fromkeys(keys)), start, how, persons)

    def _pronoun(self, word: str, s: Sentence, at: int) -> Subject | None:
        kind = _PRONOUNS[word]
        d = self.discourse
        if kind == "speaker":
            key = d.voice_at(s.start)
            if key:
                return Subject([key], at, "voice")
            if d.in_quote(s, at) and d.current:
                return Subject(list(d.current), at, "pronoun", dict(d.current_persons))
            return None
        if kind == "single":
            if d.last_single:
                return Subject([d.last_single], at, "pronoun", dict(d.current_persons))
            return None
        if kind == "group":
            if d.last_group:
                return Subject(list(d.last_group), at, "pronoun", dict(d.current_persons))
            return None
        thing = d.it_at(at)
        return Subject([thing], at, "pronoun") if thing else None


def _strip_fillers(text: str) -> str:
    words = text.split()
    while words and words[-1] in _FILLERS:
        words.pop()
    return " ".join(words)
