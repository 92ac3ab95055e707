"""Patterns of UN prose that name things the gazetteer cannot know: transcript speaker
labels, posts and mandates named by their title ("the Special Rapporteur on ..."), unnamed
speakers ("a defector"), families ("the ruling Kim family").

>>> text = "Ivan Šimonović, Assistant Secretary-General for Human Rights, said"
>>> [m.surface for m in positions(text)]
['Assistant Secretary-General for Human Rights']
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import LEX
from kg.extract.model import Mention
from kg.rdf.iris import slug


def _phrase_set(text: str) -> frozenset[str]:
    """Words and phrases written with '_' for spaces."""
    return frozenset(w.replace("_", " ") for w in text.split())


# Speaker labels of transcripts: "MODERATOR:", "SENIOR USUN OFFICIAL:", "QUESTION:".
SPEAKER = re.compile(r"^[ \t]*([A-Z][A-Z0-9 .,'’()&/-]{1,60}?)[ \t]*:[ \t]+", re.M)
GENERIC_SPEAKERS = _phrase_set(
    """
    A AUDIENCE AUDIENCE_MEMBER EDITOR'S_NOTE JOURNALIST MODERATOR NOTE OPERATOR PARTICIPANT
    PHOTO Q QUESTION REPORTER SOURCE TRANSCRIPT UPDATE
    """
)


def speaker_label(raw: str) -> str:
    """A speaker label in title case, acronyms kept: 'SENIOR USUN OFFICIAL' -> 'Senior USUN
    Official'.

    >>> speaker_label("SENIOR USUN OFFICIAL")
    'Senior USUN Official'
    """
    words = []
    for w in raw.split():
        core = w.strip(".,()")
        if core.isalpha() and len(core) <= 4 and core not in _COMMON_SHORT:
            words.append(w)
        else:
            words.append(w.capitalize() if w.isupper() else w)
    return " ".join(words)


_COMMON_SHORT = {"MR", "MS", "MRS", "DR", "AND", "OF", "THE", "FOR", "ON", "TO", "IN", "SIR"}


_NOT_UNNAMED = {"representative", "representatives", "delegate", "delegates", "member", "members"}


def unnamed_persons(text: str) -> list[Mention]:
    """Unnamed speakers: "a defector from that country", "a senior USUN official"."""
    rx = _unnamed_rx()
    out = []
    for m in rx.finditer(text):
        surface = m.group(0)
        head = m.group("noun").lower()
        core = m.group("core")
        label = " ".join(core.split())
        out.append(
            Mention(
                m.start(),
                m.end(),
                "",
                "Person",
                label[0].upper() + label[1:],
                kind="unnamed:" + head,
                surface=surface,
            )
        )
    return out


@lru_cache(maxsize=1)
def _unnamed_rx() -> re.Pattern:
    words = sorted((w for w in LEX.role_words if w not in _NOT_UNNAMED), key=len, reverse=True)
    nouns = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"\b(?:an?|the|one)\s+(?P<core>(?:(?:senior|former|young|north|south|"
        rf"[A-Z][A-Za-z]+|high-level|government|civil society|female|male)\s+){{0,3}}"
        rf"(?P<noun>{nouns}))\b(?:\s+from\s+(?:that|the|his|her|their)\s+country"
        rf"|\s+from\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)*)?",
        re.I,
    )


# The ruling family of a state: "the ruling Kim family".
_FAMILY_NAME = re.compile(r"([A-Z][a-z]+)\s+$")
NOT_NAMES = LEX.not_names


def families(text: str) -> list[Mention]:
    out = []
    at = text.find(" family")
    while at >= 0:
        end = at + len(" family")
        if end >= len(text) or not text[end].isalnum():
            m = _FAMILY_NAME.search(text[max(0, at - 30) : at + 1])
            if m and m.group(1).lower() not in NOT_NAMES:
                name = m.group(1)
                start = at + 1 - len(m.group(0))
                label = f"{name} family"
                out.append(
                    Mention(
                        start,
                        end,
                        slug(label),
                        "Organization",
                        label,
                        "pattern",
                        surface=text[start:end],
                    )
                )
        at = text.find(" family", at + 1)
    return out


# Positions and mandates named by their title (with what follows up to a delimiter).
_POST_HEADS = re.compile(
    r"High Commissioner|Special Rapporteur|Special Envoy|Special Representative|"
    r"Special Advis[eo]r|Independent Expert|Under-Secretary-General|"
    r"Assistant Secretary-General|Deputy Secretary-General|Secretary-General|Secretary General|"
    r"Deputy Permanent Representative|Permanent Representative|Emergency Relief Coordinator|"
    r"Director-General|Executive Director|Resident Coordinator|Chair(?:person|man)?|President"
)
_POST_BEFORE = re.compile(
    r"(?:(?:UN|United Nations|U\.N\.)\s+)?(?:(?:Deputy|Acting|Former|former|departing|"
    r"outgoing|then)\s+)?$"
)


@lru_cache(maxsize=1)
def _post_tail() -> re.Pattern:
    """What may follow a post's head: "for/on/of/to ..." up to a delimiter or a verb."""
    verbs = sorted(
        {f for f, c in LEX.cues.items() if " " not in f and c.form in ("past", "third")},
        key=len,
        reverse=True,
    )
    stop = "|".join(["who", "and", "will", "would", "has", "had", "is", "was", "issued",
                     "presented", "briefed", "spoke", *map(re.escape, verbs)])  # fmt: skip
    return re.compile(
        r"(?:\s+(?:for|on|of|to)\s+[^,.;:()\n]{2,110}?)?(?=\s*(?:[,.;:()\n]|$|\s+(?:"
        + stop
        + r")\b))"
    )


_NAME_NEXT = re.compile(r"[ \t]+(?=[A-Z\u00c0-\u024f])(?!(?:for|on|of|to)\b)")


def _before_name(text: str, start: int, end: int, persons: frozenset[int]) -> int:
    """Where a post's tail ends: before a person's name that follows it without a comma
    ("High Commissioner for Human Rights Volker Türk said"): a known person's, else the
    shortest run of name-like words that ends the tail."""
    from kg.extract.names import is_initial, name_like, name_runs

    for at in range(start, end):
        if at in persons:
            return at
    for run in name_runs(text[start:end]):
        if start + run.end < end - 1:
            continue
        tokens = run.tokens
        for k in range(2, len(tokens) + 1):
            suffix = tokens[-k:]
            if not is_initial(suffix[0]) and name_like(suffix):
                cut = start + run.end - len(" ".join(suffix))
                return cut
    return end


def positions(text: str, persons: frozenset[int] = frozenset()) -> list[Mention]:
    """Posts and mandates by title: "UN Assistant Secretary-General for Political Affairs"."""
    out = []
    for h in _POST_HEADS.finditer(text):
        if h.start() > 0 and text[h.start() - 1].isalnum():
            continue
        window = text[max(0, h.start() - 40) : h.start()]
        before = _POST_BEFORE.search(window)
        start = h.start() - (len(before.group(0)) if before else 0)
        tail = _post_tail().match(text, h.end())
        if tail is None:
            if not _NAME_NEXT.match(text, h.end()):
                continue
            end = h.end()  # a title before a name: "Assistant Secretary-General Gilmour"
        else:
            end = _before_name(text, h.end(), tail.end(), persons)
        surface = text[start:end].rstrip()
        if surface.endswith(" and"):
            continue
        label = re.sub(
            r"^(?:(?:Deputy|Acting|Former|former|departing|outgoing|then)\s+)", "", surface
        )
        out.append(
            Mention(
                start,
                start + len(surface),
                slug(label),
                "Position",
                label,
                "title",
                surface=surface,
            )
        )
    return out
