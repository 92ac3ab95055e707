"""Instruments: resolutions, drafts and named legal texts, and what refers back to them.

- numbered resolutions: "resolution 2231 (2015)", later "Resolution 2231";
- described drafts and resolutions: "a draft resolution on the situation in Myanmar",
  "A resolution to refer the report to the Council", "the Russian-drafted resolution";
  a later bare "the draft", "the text" or "The resolution" is the one described last;
- named texts: capitalised phrases ending in an instrument word ("Jeddah Declaration",
  "Hijab and Chastity Law", "Joint Comprehensive Plan of Action");
- bodies of law named in lower case ("international humanitarian law").

>>> from kg.extract.context import Doc
>>> from kg.extract.mentions import Mentions
>>> doc = Doc.prepare("Members adopted a draft resolution on water rights. The text was "
...                   "welcomed. The Oslo Accord was recalled.", doc_id="t")
>>> ms = Mentions()
>>> [m.label for m in find_instruments(doc, ms)]
['Draft resolution on water rights', 'Draft resolution on water rights', 'Oslo Accord']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.model import Mention
from kg.extract.text import literal_positions, word_starts, word_starts_from
from kg.rdf.iris import slug

_NUMBERED = re.compile(
    r"\b(?:(?:security council|general assembly|council|assembly)\s+)?resolution\s+"
    r"(\d{2,4})(?:\s*\((\d{4})\))?",
    re.I,
)
# _NUMBERED's core, on folded text, scanned with word_starts (a body before it is _BODY_END)
_RESOLUTION_NO = re.compile(r"resolution\s+(\d{2,4})(?:\s*\((\d{4})\))?")
_BODY_END = re.compile(r"(?<!\w)(?:security council|general assembly|council|assembly)\s+$")
_DESCRIBED = re.compile(  # scanned with word_starts
    r"(a|an|the|this|that|its|their|today's|today’s)\s+"
    r"((?:[a-z]+-(?:drafted|sponsored|led|backed)\s+|revised\s+|new\s+|latest\s+|"
    r"(?:security council|general assembly)\s+)?"
    r"(draft resolution|draft text|draft decision|draft|resolution|text|decision))\b"
)
_TAIL = re.compile(
    r"\s+(?:on|to|requesting|submitting|extending|renewing|calling|condemning|urging|"
    r"demanding|concerning|entitled|that would|which would|aimed at)\s+"
)
_TAIL_STOP = re.compile(
    r"[,.;:!?()\n\u2013\u2014\"“”]|\s+--|\s+(?:which|that|was|were|is|has|had|by|and would|"
    r"but|while|because|after|before|when)\b"
)
_HEADS = (
    r"Declaration|Convention|Covenant|Charter|Treaty|Law|Act|Agreement|Accord|Accords|"
    r"Protocol|Statute|Plan of Action|Principles|Framework|Compact|Code"
)
_CAP = r"[A-Z][\w'’-]*"
_NAMED = re.compile(
    rf"\b({_CAP}(?:\s+(?:(?:and|of|on|for|the|to|against)\s+)*{_CAP})*?\s+(?:{_HEADS}))\b"
    rf"(?:\s+(?:of|on|for|against)\s+(?:the\s+)?{_CAP}(?:\s+(?:(?:of|and|the|on|for|to)\s+)*"
    rf"{_CAP})*)?"
)
_HEAD_WORDS = tuple(_HEADS.split("|"))
_BREAK = re.compile(r"[^\w'’\s-]")  # a character no _NAMED match can hold


def _named(text: str) -> Iterator[re.Match]:
    """``_NAMED.finditer(text)``, run only on the stretches between punctuation that hold a
    head word ("Convention", "Treaty"): a match holds one and no punctuation.

    >>> [m.group(0) for m in _named("Under the Paris Agreement, the Arms Trade Treaty.")]
    ['Under the Paris Agreement', 'Arms Trade Treaty']
    """
    hits = literal_positions(text, _HEAD_WORDS)
    done = 0
    for h in hits:
        if h < done:
            continue
        start = h
        while start > done and _can_hold(text[start - 1]):
            start -= 1
        stop = _BREAK.search(text, h)
        done = stop.start() if stop else len(text)
        yield from _NAMED.finditer(text, start, done)


def _can_hold(c: str) -> bool:
    return c.isalnum() or c in "_'’-" or c.isspace()


_LAWS = re.compile(r"international (humanitarian|human rights|criminal|refugee) law\b")
_LEADING = {"The", "A", "An", "This", "That", "Its", "Their", "Under", "In", "By", "With"}
_BARE_OK = {"draft resolution", "resolution", "draft"}


def find_instruments(doc: Doc, mentions: Mentions) -> list[Mention]:
    """Add instrument mentions (and entities) to ``mentions``; return them in order."""
    found: list[tuple[int, int, str, str, str]] = []  # start, end, key, label, kind
    for m in word_starts_from(_RESOLUTION_NO, doc.folded, ("resolution",)):
        body = _BODY_END.search(doc.folded, max(0, m.start() - 40), m.start())
        start = body.start() if body else m.start()
        label = f"Resolution {m.group(1)}" + (f" ({m.group(2)})" if m.group(2) else "")
        found.append((start, m.end(), f"resolution-{m.group(1)}", label, "name"))
    for m in _named(doc.text):
        words = m.group(0).split()
        start = m.start()
        while words and words[0] in _LEADING:
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2:
            continue
        label = " ".join(words)
        found.append((start, m.end(), slug(label), label, "pattern"))
    for m in word_starts_from(_LAWS, doc.folded, ("international ",)):
        label = doc.text[m.start() : m.end()]
        label = label[0].upper() + label[1:]
        found.append((m.start(), m.end(), slug(label.lower()), label, "pattern"))
    found.extend(_described(doc))
    out: list[Mention] = []
    last: tuple[str, str] | None = None
    for start, end, key, label, kind in sorted(found):
        if doc.skipped(start) or any(
            not (start <= x.start and x.end <= end) for x in mentions.overlapping(start, end)
        ):
            continue
        if key == "":  # a bare "the draft": the instrument described last
            if last is None:
                continue
            key, label = last
        surface = doc.text[start:end]
        mention = Mention(start, end, key, "Instrument", label, kind, surface=surface)
        mentions.add(mention)
        mentions.add_entity(mention, known=False)
        out.append(mention)
        if kind == "draft" or key.startswith("resolution-"):
            last = (key, label)
    return out


def _described(doc: Doc) -> list[tuple[int, int, str, str, str]]:
    out = []
    folded = doc.folded
    for m in word_starts(_DESCRIBED, folded):
        det, noun = m.group(1), m.group(3)
        end = m.end()
        tail = _TAIL.match(folded, end)
        topic = ""
        if tail:
            stop = _TAIL_STOP.search(folded, tail.end())
            cut = stop.start() if stop else min(len(folded), tail.end() + 120)
            if cut - tail.end() >= 3 and cut - tail.end() <= 140:
                topic = doc.text[m.start(2) : cut]
                end = cut
        if _NUMBERED.match(doc.text, m.start(3)):
            continue  # "resolution 2231" is named
        if topic or (det in ("a", "an") and noun != "text" and noun != "decision"):
            phrase = " ".join((topic or doc.text[m.start(2) : m.end(2)]).split())
            lowered = phrase.lower()
            generic = (
                not lowered.startswith(("draft", "resolution")) and "resolution" not in lowered
            )
            if generic and noun in ("text", "decision"):
                continue
            label = phrase[0].upper() + phrase[1:]
            out.append((m.start(), end, slug(label), label, "draft"))
        elif det in ("the", "this", "that", "today's", "today’s") and (
            noun in _BARE_OK or noun == "text" or m.group(2) != noun
        ):
            out.append((m.start(), m.end(), "", "", "draft"))
    return out
