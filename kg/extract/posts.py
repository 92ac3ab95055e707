"""Posts that no reference list knows, from the way a text introduces a person.

- an apposition: ``Jane Roe, Deputy Permanent Representative of Norway to the UN, said``;
- a header line under the name in a transcript or statement::

      Ambassador Jane Roe
      U.S. Alternate Representative for Special Political Affairs

The post becomes a Position (its words as the label) held by the person; a diplomatic post
that names a State makes the person that State's delegate.

>>> from kg.extract.context import Doc
>>> from kg.extract.mentions import Mentions
>>> from kg.extract.model import Mention
>>> doc = Doc.prepare("Jane Roe, Deputy Permanent Representative of Norway, said no.", doc_id="t")
>>> ms = Mentions()
>>> ms.add(Mention(0, 8, "jane-roe", "Person", "Jane Roe"))
>>> ms.add(Mention(44, 50, "nor", "State", "Norway"))
>>> [(p.person, p.post, p.state) for p in unknown_posts(doc, ms)]
[('jane-roe', 'deputy-permanent-representative-of-norway', 'nor')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.model import Mention
from kg.rdf.iris import slug

_WORD = r"[A-Z][\w.&'’-]*"
_PHRASE = re.compile(rf"{_WORD}(?:[ \t]+(?:(?:of|for|to|the|on|in|and|at|de|du)[ \t]+)*{_WORD})*")
_HEADS = re.compile(
    r"\b(Representative|Ambassador|Minister|Secretary|Envoy|Coordinator|Director|Adviser|"
    r"Advisor|Commissioner|Rapporteur|Spokesperson|Spokesman|Spokeswoman|Chargé|Counsellor|"
    r"Counselor|Chair|Chairperson|Officer|Head|Chief)\b"
)
_DIPLOMATIC = re.compile(r"\b(Representative|Ambassador|Chargé|Counsellor|Counselor)\b")
_LEAD = re.compile(r"[ \t]*,[ \t]+(?:the[ \t]+)?|[ \t]*\n[ \t]*")
_END = re.compile(r"[ \t]*(?:[,.;:)\n]|$|[ \t]+(?:said|says|told|who|and)\b)")


@dataclass(frozen=True, slots=True)
class Post:
    person: str
    post: str
    state: str | None
    start: int
    end: int


def unknown_posts(doc: Doc, mentions: Mentions) -> list[Post]:
    """Posts named right after a person (comma or next header line); adds their mentions."""
    out: list[Post] = []
    text = doc.text
    for m in list(mentions.items):
        if m.type != "Person":
            continue
        lead = _LEAD.match(text, m.end)
        if lead is None:
            continue
        if "\n" in lead.group(0) and (
            text.count("\n", lead.start(), lead.end()) > 1 or not _header_line(doc, m)
        ):
            continue
        phrase = _PHRASE.match(text, lead.end())
        if phrase is None or not _HEADS.search(phrase.group(0)):
            continue
        end = phrase.end()
        if not _END.match(text, end):
            continue
        taken = [x for x in mentions.overlapping(phrase.start(), end)]
        if any(x.type in ("Position", "Person", "Mechanism") for x in taken):
            continue
        label = " ".join(phrase.group(0).split())
        key = slug(label)
        post = Mention(phrase.start(), end, key, "Position", label, "pattern", surface=label)
        mentions.add(post)
        mentions.add_entity(post, known=False)
        states = [x for x in taken if x.type == "State"]
        state = states[0].key if states and _DIPLOMATIC.search(label) else None
        out.append(Post(m.key, key, state, m.start, end))
    return out


def _header_line(doc: Doc, m: Mention) -> bool:
    """Is the person's name alone on its line (a title word before it allowed)?"""
    text = doc.text
    line_start = text.rfind("\n", 0, m.start) + 1
    before = text[line_start : m.start].strip()
    return len(before.split()) <= 2
