"""Patterns of UN prose that name entities the gazetteer cannot know.

Persons with titles or appositions ("Ambassador Linda Thomas-Greenfield", "X, United Nations
High Commissioner for Human Rights"), positions and mandates ("the Special Rapporteur on ..."),
representatives ("the Chinese representative"), journalists with their outlets, unnamed
speakers ("a defector"), reports and meetings. Each function returns :class:`Mention` objects
with offsets into the document text.

>>> [m.surface for m in titled_persons("We thank Ambassador Jane Doe for her remarks.")]
['Jane Doe']
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kg.extract.lexicon import UNNAMED_PERSON_NOUNS, _words
from kg.extract.model import Mention
from kg.iris import slug


def _phrase_set(text: str) -> frozenset[str]:
    """Words and phrases written with '_' for spaces."""
    return frozenset(w.replace("_", " ") for w in text.split())


NAME_TOKEN = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*"
_PARTICLES = r"(?:de|da|di|del|der|van|von|al|el|bin|ibn|la|le|dos|das|du|ter)"

# Capitalised words that are not person names.
NOT_NAMES = _words(
    """
    Affairs African After Agency Also Ambassador Amnesty And April Arab Army As Assembly
    Assistant At August Bank Before But By Charter Chief Commission Commissioner Committee
    Conference Content Council Council's Country Court Criminal December Declaration
    Democratic Department Deputy Destruction Director Dr During East Envoy European Ever
    Excellency Executive Experts February Federation For Forces Foreign Friday From Fund
    General Good Government Group He Head Her High His However Human If In Inquiry
    International It Its January July June Kingdom Korea Korean League Madam Madame Main
    March Mass May Member Members Minister Ministry Mission Moderator Monday More Morning Mr
    Mrs Ms Nations Navy News North November October Of Office Official On Operations
    Operator Organisation Organization Our Panel Party Peace Peninsula People Peoples
    Permanent Political Post President Press Prime Program Programme Question Rapporteur
    Read Region Representative Republic Resolution Rights Sanctions Saturday Secretary
    Security Senior September She Since Sir Situation Skip South Special State States Sunday
    TV Thank Thanks That The Their These They This Those Thursday Times To Tuesday Under
    Union United Universal Until Watch We Weapons Web Wednesday West Whatever When While
    With Working Your
    """
)
TITLE_WORDS = (
    r"Ambassador|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|President|Prime Minister|Foreign Minister|Minister|"
    r"Senator|Judge|Justice|Professor|Prof\.|General|Secretary of State|Chancellor|King|Queen|"
    r"Sheikh|Prince|Premier|Vice[- ]President|Chairman|Chairperson|Commissioner|Envoy|Pope|"
    r"Supreme Leader|Leader|Spokesperson|Spokesman|Spokeswoman|Director-General|Sir|Dame"
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    data = resources.files("kg").joinpath("data/extract/given_names.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in data.splitlines() if line.strip() and not line.startswith("#")
    )


def _person(start: int, end: int, surface: str, kind: str = "pattern") -> Mention:
    label = " ".join(surface.split())
    return Mention(start, end, slug(label), "Person", label, kind=kind, surface=surface)


def _plausible_name(name: str) -> bool:
    tokens = name.split()
    return all(t.strip("'’") not in NOT_NAMES for t in tokens) and len(tokens) <= 4


_RUN = re.compile(rf"{NAME_TOKEN}(?:[ \t]+(?:{_PARTICLES}[ \t]+)?(?:[A-Z]\.[ \t]+)?{NAME_TOKEN})*")
_TITLE_BEFORE = re.compile(rf"\b(?:{TITLE_WORDS})\s+$")
TITLE_TOKENS = _words(
    """
    Ambassador Chairman Chairperson Chancellor Commissioner Dame Deputy Director-General Dr
    Envoy Foreign General Judge Justice King Leader Minister Mr Mrs Ms Pope Premier
    President Prime Prince Professor Queen Secretary Senator Sheikh Sir Spokesman
    Spokesperson Spokeswoman Supreme Vice
    """
)
_TITLE_PREV = {t.rstrip(".") for t in TITLE_TOKENS} | {
    "Prof",
    "Minister",
    "Rapporteur",
    "Representative",
    "Envoy",
}
_OUTLET_AFTER = re.compile(r"\s+(?:with|from|of)\s+(?:the\s+)?(?=[A-Z])")


@lru_cache(maxsize=8)
def _runs(text: str) -> tuple[tuple[int, int, str], ...]:
    """Runs of capitalised words (candidate names), computed once per text."""
    return tuple((m.start(), m.end(), m.group(0)) for m in _RUN.finditer(text))


def _strip_possessive(name: str) -> str:
    return name[:-2] if name.endswith(("'s", "’s")) else name


def titled_persons(text: str) -> list[Mention]:
    """Persons named after a title: "Ambassador Linda Thomas-Greenfield", "Mr. Li Song"."""
    out = []
    for start, _end, run in _runs(text):
        first = run[: run.find(" ")] if " " in run else run
        if first not in TITLE_TOKENS:
            end_prev = start - 1
            if end_prev <= 0 or text[end_prev] != " ":
                continue
            prev = text[text.rfind(" ", max(0, start - 30), end_prev) + 1 : end_prev]
            if prev.rstrip(".") not in _TITLE_PREV:
                continue
        tokens = run.split()
        stripped = 0
        while stripped < len(tokens) - 1 and tokens[stripped] in TITLE_TOKENS:
            stripped += 1
        titled = stripped > 0 or _TITLE_BEFORE.search(text[max(0, start - 30) : start])
        if not titled:
            continue
        name = _strip_possessive(" ".join(tokens[stripped:]))
        if not _plausible_name(name):
            continue
        at = start + (run.find(tokens[stripped]) if stripped else 0)
        if text[at : at + len(name)] == name:
            out.append(_person(at, at + len(name), name))
    return out


def given_name_persons(text: str) -> list[Mention]:
    """Persons whose first token is a common given name: "Michelle Nichols"."""
    names = given_names()
    out = []
    for start, _end, run in _runs(text):
        if " " not in run:
            continue
        tokens = _strip_possessive(run).split()
        # a name may start after a capitalised sentence opener ("Ask Michelle Nichols")
        while tokens and tokens[0] not in names and len(tokens) > 2:
            tokens = tokens[1:]
        if len(tokens) < 2 or tokens[0] not in names or not _plausible_name(" ".join(tokens)):
            continue
        surface = " ".join(tokens)
        at = start + run.find(tokens[0])
        if text[at : at + len(surface)] == surface:
            out.append(_person(at, at + len(surface), surface))
    return out


def journalists(text: str) -> list[tuple[Mention, int]]:
    """(person mention, offset where the outlet name starts): "Margaret Besheer with VOA"."""
    names = given_names()
    out = []
    for start, end, run in _runs(text):
        after = _OUTLET_AFTER.match(text, end)
        if not after:
            continue
        tokens = run.split()
        while tokens and tokens[0] not in names and len(tokens) > 2:
            tokens = tokens[1:]
        name = " ".join(tokens)
        if len(tokens) >= 2 and tokens[0] in names and _plausible_name(name):
            at = start + run.find(tokens[0])
            out.append((_person(at, at + len(name), name), after.end()))
    return out


# Speakers named in capitals, as UN meeting coverage does: "VASSILY A. NEBENZIA (Russian
# Federation) said", "TOM FLETCHER, Under-Secretary-General ..., said".
_CAPS_NAME = re.compile(
    r"((?:[A-Z][A-Z'’-]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][A-Z'’-]+|[A-Z]\.|"
    r"(?:de|da|di|del|van|von|al|el|bin|ibn|la|le|dos|du)(?=[ \t]+[A-Z]))){1,4})(?=[ \t]*[(,])"
)  # the start (a line's or a sentence's) is checked by caps_persons


def caps_persons(text: str) -> list[Mention]:
    """Persons named in capitals at the start of a paragraph or sentence."""
    out = []
    for m in _CAPS_NAME.finditer(text):
        at = m.start(1)
        if at and text[at - 1] != "\n" and text[max(0, at - 2) : at] != ". ":
            continue
        raw = m.group(1)
        words = [w for w in raw.split() if not w.endswith(".")]
        if len(words) < 2 or any(w.strip("'’") in _CAPS_NOT_NAMES for w in words):
            continue
        label = " ".join(w if len(w) <= 2 and w.endswith(".") else _title(w) for w in raw.split())
        out.append(Mention(m.start(1), m.end(1), slug(label), "Person", label, "pattern",
                           surface=raw))  # fmt: skip
    return out


def _title(word: str) -> str:
    """'KYSLYTSYA' -> 'Kyslytsya', 'THOMAS-GREENFIELD' -> 'Thomas-Greenfield'."""
    if word.islower():
        return word
    return "-".join(part.capitalize() for part in word.split("-"))


_CAPS_NOT_NAMES = {w.upper() for w in NOT_NAMES} | {"UN", "USA", "USUN", "DPRK", "ROK", "EU", "AU"}


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


def unnamed_persons(text: str) -> list[Mention]:
    """Unnamed speakers: "a defector from that country", "a senior USUN official"."""
    nouns = "|".join(sorted(UNNAMED_PERSON_NOUNS, key=len, reverse=True))
    rx = _unnamed_rx(nouns)
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


@lru_cache(maxsize=4)
def _unnamed_rx(nouns: str) -> re.Pattern:
    return re.compile(
        rf"\b(?:an?|the|one)\s+(?P<core>(?:(?:senior|former|young|north|south|"
        rf"[A-Z][A-Za-z]+|high-level|government|civil society|female|male)\s+){{0,3}}"
        rf"(?P<noun>{nouns}))\b(?:\s+from\s+(?:that|the|his|her|their)\s+country"
        rf"|\s+from\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)*)?",
        re.I,
    )


# The ruling family of a state: "the ruling Kim family".
_FAMILY_NAME = re.compile(r"([A-Z][a-z]+)\s+$")


def families(text: str) -> list[Mention]:
    out = []
    at = text.find(" family")
    while at >= 0:
        end = at + len(" family")
        if end >= len(text) or not text[end].isalnum():
            m = _FAMILY_NAME.search(text[max(0, at - 30) : at + 1])
            if m and m.group(1) not in NOT_NAMES:
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
_POST_TAIL = re.compile(
    r"(?:\s+(?:for|on|of|to)\s+[^,.;:()\n]{2,110}?)?(?=\s*(?:[,.;:()\n]|$|\s+(?:"
    r"said|says|stated|told|noted|called|urged|highlighted|underscored|stressed|warned|"
    r"welcomed|added|argued|expressed|described|reported|briefed|spoke|recalled|who|and|"
    r"will|would|has|had|is|was|issued|presented|found|recommended|emphasized|emphasised|"
    r"pointed|observed|asserted|affirmed|explained|indicated|reiterated|announced)\b))"
)


def positions(text: str) -> list[Mention]:
    """Posts and mandates by title: "UN Assistant Secretary-General for Political Affairs"."""
    out = []
    for h in _POST_HEADS.finditer(text):
        if h.start() > 0 and text[h.start() - 1].isalnum():
            continue
        window = text[max(0, h.start() - 40) : h.start()]
        before = _POST_BEFORE.search(window)
        start = h.start() - (len(before.group(0)) if before else 0)
        tail = _POST_TAIL.match(text, h.end())
        if tail is None:
            continue
        surface = text[start : tail.end()].rstrip()
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
