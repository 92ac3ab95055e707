"""Plural and group claimants: "several delegates", "some speakers", "Delegates" (in a
headline), "seven of its members", "six other members", "high United Nations officials".

A group is an entity of its own, labelled as the text names it without its quantifier
("some delegates" and "Delegates" are one group, "delegates"); a count stays in the label
("seven of its members"). Members, States and countries are States; the rest are people.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.context import Doc
from kg.extract.lexicon import LEX
from kg.extract.mentions import Mentions
from kg.extract.model import Mention
from kg.rdf.iris import slug

_NUMBERS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "dozens",
    "scores",
]
_STATE_NOUNS = {"members", "states", "countries", "nations", "governments", "member states",
                "delegations", "capitals", "parties"}  # fmt: skip
_PERSON_DEFAULT = {"officials", "experts", "diplomats", "activists", "survivors", "witnesses",
                   "defectors", "victims", "observers", "analysts", "journalists"}  # fmt: skip


@lru_cache(maxsize=1)
def _group_nouns() -> tuple[str, ...]:
    """The nouns that head a group ("members", "delegations", "experts", ...)."""
    nouns = set(LEX.group_nouns) | _PERSON_DEFAULT
    nouns |= {w + "s" for w in LEX.role_words if not w.endswith("s")}
    nouns -= {"others", "all", "both"}
    return tuple(sorted(nouns))


@lru_cache(maxsize=1)
def _group_rx() -> tuple[re.Pattern, re.Pattern]:
    nouns = _group_nouns()
    noun_alt = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True))
    quants = [q for q in LEX.quantifiers if q not in ("one", "another")]
    quant_alt = "|".join(
        sorted([re.escape(q) for q in quants] + _NUMBERS + [r"\d{1,3}"], key=len, reverse=True)
    )
    np = (
        rf"(?P<q>(?:(?:the|its|their)\s+)?(?:{quant_alt})(?:\s+(?:of\s+)?(?:its|the|their)?)?\s+)?"
        rf"(?P<adj>(?:(?:other|many|several|few|some|high|senior|high-level|"
        rf"(?!(?:and|or|of|to|for|in|on|with|by|from|that|which|who|the|a|an|his|her|its|"
        rf"their|said|says|as|at|but|so|if|when|while|after|before|than|because|since|"
        rf"though|although|where|whom|whose|whether)\b)[a-z][\w.'-]*)\s+)"
        rf"{{0,3}}?)(?P<noun>{noun_alt})"
    )
    before = re.compile(rf"(?:^|(?<=[\s,;:(\"“]))(?:the\s+)?{np}\s*$")
    after = re.compile(rf"\s*(?:the\s+)?{np}\b")
    return before, after


_BAD_ADJ = re.compile(r"\b(of|and|to|for|in|on|with|by|from|that|which|who|the|a|an|his|her)\b")


def group_before(
    doc: Doc, mentions: Mentions, start: int, end: int, *, heading: bool = False
) -> str | None:
    """The group named by the words that end at ``end`` (the subject of a verb)."""
    rx, _ = _group_rx()
    seg = doc.folded[max(start, end - 90) : end]
    if not seg.rstrip().endswith(_group_nouns()):
        return None  # the pattern ends with a group noun
    m = rx.search(seg)
    if m is None:
        return None
    return _group(doc, mentions, end - len(seg), m, heading=heading)


def group_after(doc: Doc, mentions: Mentions, at: int, end: int) -> str | None:
    """The group named right after ``at`` ("..., said several speakers")."""
    _, rx = _group_rx()
    m = rx.match(doc.folded, at, end)
    if m is None:
        return None
    return _group(doc, mentions, 0, m)


def _group(
    doc: Doc, mentions: Mentions, base: int, m: re.Match, *, heading: bool = False
) -> str | None:
    """The group entity of a match (``base`` + match offsets = document offsets)."""
    text = doc.text
    noun = m.group("noun")
    adj = m.group("adj") or ""
    quant = (m.group("q") or "").strip()
    if _BAD_ADJ.search(adj):
        return None
    start = base + (m.start("q") if m.group("q") else m.start("adj"))
    end = base + m.end("noun")
    inside = [x for x in mentions.in_span(start, end) if x.type in ("Organization", "State")]
    noun_start, noun_end = base + m.start("noun"), base + m.end("noun")
    if any(x.start <= noun_start and x.end >= noun_end for x in inside):
        return None  # the noun is part of a name: "the United States", "the Arab States"
    if inside and (noun == "members" or not adj.strip()):
        return None  # "Council members": the Council's own claim, found as a mention
    if not quant and not adj.strip() and not heading:
        # a bare plural noun is a claimant only at the start of a clause
        before = doc.folded[max(0, start - 2) : start]
        if start > 0 and before.strip(" ") not in ("", ",", ";", ":", "(", '"'):
            return None
    counted = bool(re.match(rf"(?:(?:the|its|their)\s+)?(?:\d|{'|'.join(_NUMBERS)})\b", quant))
    if counted:
        label = text[start:end]
    else:
        core_start = base + (m.start("adj") if adj else m.start("noun"))
        label = re.sub(r"^(?:other|many|several|few|some|most|various|numerous)\s+", "",
                       text[core_start:end], flags=re.I)  # fmt: skip
    label = " ".join(label.split())
    if not label:
        return None
    if not label[:2].isupper():
        label = label[0].lower() + label[1:]
    key = slug(label)
    typ = "State" if noun in _STATE_NOUNS else "Person"
    mention = Mention(start, end, key, typ, label, "group", surface=text[start:end])
    if not any(x.start == start and x.end == end for x in mentions.of_key(key)):
        mentions.add(mention)
    mentions.add_entity(mention, known=False)
    return key
