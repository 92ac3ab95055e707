"""Names of people and organisations that no gazetteer holds, found by their shape.

A *name run* is a sequence of capitalised tokens in any script ("Ivan Šimonović",
"Francois Delattre", "Igor V. Kuzmin", "Zeid Ra’ad al-Hussein", "Taye-Brook Zerihoun"),
with initials and name particles inside it. A run is only a candidate: whether it names a
person is decided by the context that introduces it (a title before it, an affiliation in
brackets after it, an apposition, a reporting verb), see :mod:`kg.extract.people`.

>>> [r.text for r in name_runs("Speaking next, Igor V. Kuzmin (Russian Federation) said.")]
['Speaking', 'Igor V. Kuzmin', 'Russian Federation']
>>> [r.text for r in name_runs("Ivan Šimonović and Zeid Ra’ad al-Hussein spoke.")]
['Ivan Šimonović', 'Zeid Ra’ad al-Hussein']
>>> caps_label("VASSILY A. NEBENZIA")
'Vassily A. Nebenzia'
"""

from __future__ import annotations

import itertools
import re
import sys
from functools import lru_cache
from typing import NamedTuple

from kg.extract.lexicon import LEX


def _char_class(predicate) -> str:
    """A regex character class of every code point below U+3000 that ``predicate`` accepts."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x41, 0x3000):
        if predicate(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = []
    for a, b in ranges:
        parts.append(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}")
    return "[" + "".join(parts) + "]"


UPPER = _char_class(lambda c: c.isupper() or c.istitle())
LOWER = _char_class(lambda c: c.islower() or (c.isalpha() and not c.isupper() and c != "ʼ"))
_APOS = "'’ʼ"
# A capitalised token: "Kuzmin", "Thomas-Greenfield", "O'Brien", "Ra’ad", "al-Hussein",
# "DiCarlo", "NEBENZIA"; name particles joined by a hyphen stay in the token.
_HYPHENED = (
    "al",
    "el",
    "ad",
    "ar",
    "as",
    "at",
    "an",
    "ash",
    "az",
    "ul",
    "ur",
    "bin",
    "ibn",
    "abu",
    "ould",
)
# what follows a token's capital letter
_TOKEN_REST = (
    rf"(?:{LOWER}|{UPPER}|[{_APOS}](?={LOWER}|{UPPER}))*"
    rf"(?:-(?:{UPPER}|{LOWER})(?:{LOWER}|{UPPER}|[{_APOS}](?={LOWER}|{UPPER}))*)*"
)
_HYPHEN_PREFIX = rf"(?:{'|'.join(_HYPHENED)})-"
_TOKEN = rf"(?:{_HYPHEN_PREFIX})?{UPPER}{_TOKEN_REST}"
PARTICLES = [
    "de",
    "da",
    "di",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "la",
    "le",
    "dos",
    "das",
    "du",
    "ter",
    "ten",
    "y",
    "abu",
    "ould",
    "ben",
]
_PARTICLE = "(?:" + "|".join(PARTICLES) + ")"
_INITIAL = rf"{UPPER}\."
_RUN_TAIL = rf"(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])*(?:{_INITIAL}|{_TOKEN}))*(?![\w-])"
# A run is scanned in two parts, each starting with something the regex engine can skip to
# quickly: runs that start with a capital (the no-word-character-before check comes after
# it), and the rare runs that start with a hyphenated particle ("al-Hussein ..."), matched
# only where a hyphen precedes a capital.
_RUN = re.compile(rf"{UPPER}(?<![\w{_APOS}-].)(?:\.|{_TOKEN_REST}){_RUN_TAIL}")
_PREFIXED_RUN = re.compile(rf"{_HYPHEN_PREFIX}{UPPER}{_TOKEN_REST}{_RUN_TAIL}")
_HYPHEN_CAPITAL = re.compile(rf"-{UPPER}")
_WORDISH = re.compile(rf"[\w{_APOS}-]")
_HYPHENED_SET = frozenset(_HYPHENED)


class Run(NamedTuple):
    """A run of capitalised tokens: its span and text (a trailing possessive dropped)."""

    start: int
    end: int
    text: str

    @property
    def tokens(self) -> list[str]:
        return self.text.split()


@lru_cache(maxsize=8)
def _runs_cached(text: str) -> tuple[Run, ...]:
    out = []
    for m in _run_matches(text):
        surface = m.group(0)
        if surface[-1] == "s" and surface[-2:-1] in _APOS:  # a possessive
            surface = surface[:-2].rstrip()
        if surface.endswith("."):  # a sentence-final initial is not part of the name
            last = surface[max(surface.rfind(" "), surface.rfind("\u00a0")) + 1 :]
            if len(last) > 2:
                surface = surface[:-1]
        if surface:
            out.append(Run(m.start(), m.start() + len(surface), surface))
    return tuple(out)


def _run_matches(text: str) -> list[re.Match]:
    """The matches of one left-to-right scan for runs (as ``finditer`` of both parts as one
    pattern would give: no run starts inside an earlier one)."""
    found = list(_RUN.finditer(text))
    prefixed = []
    for h in _HYPHEN_CAPITAL.finditer(text):
        for k in (2, 3, 4):
            start = h.start() - k
            if (
                start >= 0
                and text[start : h.start()] in _HYPHENED_SET
                and not (start and _WORDISH.match(text, start - 1))
            ):
                m = _PREFIXED_RUN.match(text, start)
                if m is not None:
                    prefixed.append(m)
    if not prefixed:
        return found
    out: list[re.Match] = []
    for m in sorted(found + prefixed, key=lambda m: m.start()):
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def name_runs(text: str) -> tuple[Run, ...]:
    """Every run of capitalised tokens in ``text`` (computed once per text)."""
    return _runs_cached(sys.intern(text) if len(text) < 64 else text)


def is_initial(token: str) -> bool:
    return len(token) == 2 and token.endswith(".") and token[0].isupper()


def name_like(tokens: list[str], *, min_tokens: int = 2, max_tokens: int = 5) -> bool:
    """Could these tokens be a person's name? Only capitalised word shapes are looked at:
    no function word, month, title, role or generic capitalised noun of the genre."""
    words = [t for t in tokens if t.lower() not in PARTICLES]
    if not (min_tokens <= len(words) <= max_tokens):
        return False
    if all(is_initial(t) for t in words) or is_initial(words[-1]):
        return False
    for t in words:
        if is_initial(t):
            continue
        core = t.strip(_APOS)
        low = core.lower()
        if low in LEX.not_names or low in LEX.titles_words or low in LEX.role_words:
            return False
        if core.isupper() and len(core) <= 4:  # an acronym: "UN", "USUN", "DPRK"
            return False
        if any(ch.isdigit() for ch in core):
            return False
    return True


def caps_label(raw: str) -> str:
    """A name printed in capitals, in title case: initials and particles kept."""
    out = []
    for w in raw.split():
        if is_initial(w) or w.lower() in PARTICLES:
            out.append(w if is_initial(w) else w.lower())
        else:
            out.append("-".join(_cap(part) for part in w.split("-")))
    return " ".join(out)


def _cap(part: str) -> str:
    if not part:
        return part
    for apos in _APOS:
        if apos in part:
            head, _, tail = part.partition(apos)
            return _cap(head) + apos + (tail.capitalize() if len(tail) > 1 else tail.lower())
    return part[0].upper() + part[1:].lower()


# Speakers named in capitals at the start of a paragraph, as UN meetings coverage prints
# them: "VASSILY A. NEBENZIA (Russian Federation) said", "TOM FLETCHER, Under-Secretary...".
_CAPS_TOKEN = rf"{UPPER}(?:{UPPER}|[{_APOS}-](?={UPPER}))+"
_DATELINE_AFTER = re.compile(
    r"[ \t]*,[ \t]*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d)",
    re.I,
)
# matched only at a line start or after ". " (found by _CAPS_NAME_START)
_CAPS_NAME = re.compile(
    rf"[ \t]*((?:{_CAPS_TOKEN}|{_INITIAL})(?:[ \t]+(?:{_CAPS_TOKEN}|{_INITIAL}|"
    rf"{_PARTICLE}(?=[ \t]+{UPPER}))){{1,4}})(?=[ \t]*[(,])"
)
_CAPS_NAME_START = re.compile(r"\n|\. ")


def _caps_matches(text: str) -> list[re.Match]:
    out: list[re.Match] = []
    starts = itertools.chain((0,), (m.end() for m in _CAPS_NAME_START.finditer(text)))
    for pos in starts:
        if out and pos < out[-1].end():
            continue
        m = _CAPS_NAME.match(text, pos)
        if m is not None:
            out.append(m)
    return out


def caps_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of names printed in capitals before "(" or "," at a paragraph or
    sentence start."""
    out = []
    for m in _caps_matches(text):
        raw = m.group(1)
        words = [w for w in raw.split() if not is_initial(w)]
        if len(words) < 2 or not name_like([caps_label(w) for w in words]):
            continue
        if _DATELINE_AFTER.match(text, m.end(1)):
            continue  # "NEW YORK, 17 November": a dateline
        out.append((m.start(1), m.end(1), caps_label(raw)))
    return out
