"""People (and a few organisations) that no gazetteer holds, recognised from the pattern of
diplomatic prose that introduces them:

- an affiliation in brackets: ``Igor V. Kuzmin (Russian Federation) said``;
- a title before the name: ``Ambassador Jane Doe``, ``Deputy Secretary-General Eliasson``,
  ``US Ambassador Nikki Haley``;
- an apposition: ``Andrew Gilmour, Assistant Secretary-General for Human Rights``,
  ``the High Commissioner, Zeid Ra’ad al-Hussein``, ``Tun Khin, a Rohingya activist``,
  ``Jane Roe, Africa director at Amnesty International``;
- a reporting verb next to it: ``said Francois Delattre``, ``Maria Lopez told reporters``;
- a journalist with an outlet in a transcript: ``Jane Roe with Reuters``.

Names printed in capitals at a paragraph's start (``VASSILY A. NEBENZIA (Russian
Federation)``) are found too. A single surname counts only after a title.

>>> from kg.extract.context import Doc
>>> from kg.extract.gazetteer import default_gazetteer
>>> text = "Speaking first, Ana Lima (Brazil) said the Council must act."
>>> doc = Doc.prepare(text, doc_id="t")
>>> found = default_gazetteer().find(doc.text, doc.folded)
>>> [(m.label, m.type) for m in context_people(doc, found)]
[('Ana Lima', 'Person')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.context import Doc
from kg.extract.lexicon import LEX
from kg.extract.model import Mention
from kg.extract.names import Run, caps_label, caps_names, is_initial, name_like, name_runs
from kg.extract.text import trailing_word
from kg.rdf.iris import slug

_ORG_HEADS = frozenset(
    [
        "watch",
        "international",
        "institute",
        "foundation",
        "network",
        "alliance",
        "coalition",
        "centre",
        "center",
        "group",
        "association",
        "society",
        "initiative",
        "project",
        "council",
        "committee",
        "commission",
        "agency",
        "organization",
        "organisation",
        "union",
        "federation",
        "front",
        "party",
        "movement",
        "forum",
        "trust",
        "fund",
        "campaign",
        "news",
        "times",
        "post",
        "press",
        "service",
        "radio",
        "television",
        "tv",
        "mission",
        "ministry",
        "office",
        "court",
        "tribunal",
        "bank",
    ]
)
_BRACKET_AFTER = re.compile(r"[ \t]*\([ \t]*")
_COMMA = re.compile(r"[ \t]*,[ \t]*(?:the[ \t]+)?")
_ROLE_AFTER = re.compile(
    r",[ \t]+(?:(?:an?|the|one|its|their|his|her)[ \t]+)?(?:[\w'’-]+[ \t]+){0,4}?"
    r"(?P<role>[a-z][\w-]*)"
    r"(?=[ \t]+(?:at|of|for|with|from|in|on)\b|[ \t]*[,.;]|[ \t]+(?:who|and)\b)"
)
_WITH_OUTLET = re.compile(r"[ \t]+(?:with|from|of)[ \t]+(?:the[ \t]+)?")
_VERB_AFTER = re.compile(
    r"[ \t]*(?:,[^,]{0,120},[ \t]*|,[ \t]*)?(?:also[ \t]+|then[ \t]+)?([a-z]+)\b"
)
_VERB_BEFORE = re.compile(r"\b([a-z]+)[ \t]+$")


@lru_cache(maxsize=1)
def _role_stems() -> frozenset[str]:
    """Role words, and each without a final "s" (a role noun in the plural matches too)."""
    return LEX.role_words | {w.rstrip("s") for w in LEX.role_words}


def _is_cue(word: str) -> bool:
    cue = LEX.cues.get(word)
    return cue is not None and cue.form in ("past", "third")


def _person(start: int, end: int, surface: str, kind: str = "pattern") -> Mention:
    label = " ".join(surface.split())
    if label.isupper() and len(label) > 3:  # "SERGIY KYSLYTSYA (Ukraine)"
        label = caps_label(label)
    return Mention(start, end, slug(label), "Person", label, kind=kind, surface=surface)


def _free_parts(run: Run, occupied: bytearray) -> list[Run]:
    """The parts of a run that no settled mention covers, split at covered tokens."""
    text = run.text
    if (
        text
        and 1 not in occupied[run.start : run.end]
        and "  " not in text
        and text.strip(" ") == text
    ):
        return [Run(run.start, run.start + len(text), "")]  # the usual case: all free
    out: list[Run] = []
    pos = run.start
    cur: list[tuple[int, int]] = []
    for tok in run.text.split(" "):
        start, end = pos, pos + len(tok)
        pos = end + 1
        if tok and 1 not in occupied[start:end]:
            cur.append((start, end))
            continue
        if cur:
            out.append(Run(cur[0][0], cur[-1][1], ""))
            cur = []
    if cur:
        out.append(Run(cur[0][0], cur[-1][1], ""))
    return out


def context_people(doc: Doc, settled: list[Mention]) -> list[Mention]:
    """Person (and organisation) mentions introduced by the patterns of the module docstring."""
    text, folded = doc.text, doc.folded
    n = len(text)
    occupied = bytearray(n + 1)
    starts: dict[int, Mention] = {}
    ends: dict[int, Mention] = {}
    for m in settled:
        occupied[m.start : m.end] = b"\1" * (m.end - m.start)
        starts[m.start] = m
        ends[m.end] = m
    out: list[Mention] = []
    for run in name_runs(text):
        for part in _free_parts(run, occupied):
            surface = text[part.start : part.end]
            tokens = surface.split()
            if not tokens:
                continue
            found = _classify(doc, part.start, part.end, tokens, starts, ends)
            if found is not None:
                out.append(found)
                outlet = _outlet_after(doc, found.end, occupied) if doc.turns else None
                if outlet is not None:
                    out.append(outlet)
                    occupied[outlet.start : outlet.end] = b"\1" * (outlet.end - outlet.start)
    for start, end, label in caps_names(text):
        if 1 not in occupied[start:end]:
            out.append(Mention(start, end, slug(label), "Person", label, "pattern",
                               surface=text[start:end]))  # fmt: skip
    del folded
    return out


def _classify(
    doc: Doc,
    start: int,
    end: int,
    tokens: list[str],
    starts: dict[int, Mention],
    ends: dict[int, Mention],
) -> Mention | None:
    text, folded = doc.text, doc.folded
    surface = text[start:end]
    run_start = start
    # strip title words that the run itself begins with ("Ambassador Jane Doe")
    lead = 0
    while lead < len(tokens) - 1 and tokens[lead].lower().strip(".") in LEX.titles_words:
        lead += 1
    titled = lead > 0
    if lead:
        skip = len(" ".join(tokens[:lead])) + 1
        start, tokens, surface = start + skip, tokens[lead:], surface[skip:]
    if not tokens:
        return None
    if len(tokens) == 1:  # a single word is a name only after a title
        titled = titled or _titled(doc, run_start, ends)
        if not (titled and name_like(tokens, min_tokens=1, max_tokens=1)):
            return None
    elif not name_like(tokens):
        return _organisation(doc, start, end, tokens)
    if titled or _titled(doc, run_start, ends):
        return _person(start, start + len(surface), surface)
    after = folded[end : end + 160]
    # an affiliation in brackets
    b = _BRACKET_AFTER.match(after)
    if b:
        inner = starts.get(end + b.end())
        if inner is not None and inner.type in ("State", "Organization"):
            close = text[inner.end : inner.end + 3].lstrip(" \t")
            if close.startswith(")"):
                return _person(start, end, surface)
    # an apposition: a post, a mandate or a role after a comma
    c = _COMMA.match(after)
    if c:
        nxt = starts.get(end + c.end())
        if nxt is not None and nxt.type in ("Position", "Mechanism"):
            return _person(start, end, surface)
    r = _ROLE_AFTER.match(folded, end)
    if r and r.group("role").rstrip("s") in _role_stems():
        return _person(start, end, surface)
    # a post or mandate just before, with a comma: "the High Commissioner, Zeid ..."
    before = folded[max(0, start - 3) : start]
    if before.endswith(", ") or before.endswith(",\u00a0"):
        prev = ends.get(start - 2)
        if prev is not None and prev.type in ("Position", "Mechanism"):
            return _person(start, end, surface)
    # a reporting verb right after or right before
    v = _VERB_AFTER.match(folded, end)
    if v and _is_cue(v.group(1)) and not doc.in_heading(start):
        return _person(start, end, surface)
    vb = _VERB_BEFORE.search(folded, max(0, start - 30), start)
    if vb and _is_cue(vb.group(1)) and _clause_end(folded, end) and not doc.in_heading(start):
        return _person(start, end, surface)
    # a journalist with an outlet, in a transcript
    w = _WITH_OUTLET.match(folded, end)
    if w and doc.turns:
        outlet = starts.get(w.end())
        if (outlet is not None and outlet.type == "Organization") or text[
            w.end() : w.end() + 1
        ].isupper():
            return _person(start, end, surface)
    return None


_OUTLET = re.compile(
    r"[A-Z][\w&'’.-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+|de[ \t]+)?[A-Z][\w&'’.-]*){0,5}"
)


def _outlet_after(doc: Doc, end: int, occupied: bytearray) -> Mention | None:
    """The news outlet of a journalist named in a transcript: "Jane Roe with Daily Planet"."""
    w = _WITH_OUTLET.match(doc.folded, end)
    if w is None:
        return None
    at = w.end()
    m = _OUTLET.match(doc.text, at)
    if m is None or 1 in occupied[m.start() : m.end()]:
        return None
    label = m.group(0).rstrip(".")
    return Mention(at, at + len(label), slug(label), "Organization", label, "pattern",
                   surface=label)  # fmt: skip


def _clause_end(folded: str, end: int) -> bool:
    """Does a clause end after the name ("said Jane Roe." / "said Jane Roe, adding")?"""
    rest = folded[end : end + 3].lstrip(" \t")
    return not rest or rest[0] in ".,;:)!?\n(\"'"


@lru_cache(maxsize=1)
def _titles_by_last_word() -> dict[str, tuple[str, ...]]:
    """The titles of the lexicon ("special envoy"), by their last word."""
    out: dict[str, list[str]] = {}
    for t in LEX.titles:
        out.setdefault(t.rsplit(" ", 1)[-1], []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def _ends_with_title(before: str) -> bool:
    """Does ``before`` (folded, ending in a space) end with a whole title ("... special envoy ")?

    >>> _ends_with_title("the special envoy "), _ends_with_title("unspecial envoy ")
    (True, False)
    """
    s = before[:-1]
    token = s[s.rfind(" ") + 1 :]
    titles = _titles_by_last_word()
    for i in range(len(token)):
        if i and (token[i - 1].isalnum() or token[i - 1] == "_"):
            continue
        for t in titles.get(token[i:], ()):
            at = len(s) - len(t)
            if s.endswith(t) and (at <= 0 or not (s[at - 1].isalnum() or s[at - 1] == "_")):
                return True
    return False


def _titled(doc: Doc, start: int, ends: dict[int, Mention]) -> bool:
    """Is the run preceded by a title: a title word, a post, or "<State> Ambassador"?"""
    folded = doc.folded
    if start == 0 or folded[start - 1] not in " \u00a0":
        return False
    before = folded[max(0, start - 60) : start]
    prev = ends.get(start - 1)
    if prev is not None and prev.type == "Position":
        return True
    if _ends_with_title(before):
        return True
    return _word_before(before).rstrip(".") in ("mr", "ms", "mrs", "dr", "h.e")


def _word_before(before: str) -> str:
    """The word that ``before`` ends with, then spaces or tabs ("" when it does not).

    >>> _word_before("said Mr. "), _word_before("said Mr."), _word_before("and\u00a0")
    ('Mr.', '', '')
    """
    return trailing_word(before, inner="_.'’-", spaces=" \t")


def _organisation(doc: Doc, start: int, end: int, tokens: list[str]) -> Mention | None:
    """An unknown organisation named next to a reporting verb: "Global Witness said"."""
    if tokens[-1].lower() not in _ORG_HEADS or len(tokens) < 2 or doc.in_heading(start):
        return None
    if any(is_initial(t) for t in tokens):
        return None
    v = _VERB_AFTER.match(doc.folded, end)
    if not (v and _is_cue(v.group(1))):
        return None
    label = " ".join(doc.text[start:end].split())
    return Mention(start, end, slug(label), "Organization", label, "pattern",
                   surface=doc.text[start:end])  # fmt: skip
