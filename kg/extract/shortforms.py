"""Short forms: "the Commission", "the Mission", "the Agency" stand for the body named in
full before them ("the Independent International Commission of Inquiry on Ukraine").

>>> from kg.extract.context import Doc
>>> from kg.extract.mentions import Mentions
>>> from kg.extract.model import Mention
>>> doc = Doc.prepare("The Fact-Finding Mission on Ruritania met. The Mission found abuses.",
...                   doc_id="t")
>>> ms = Mentions()
>>> m = Mention(4, 38, "ffm-ruritania", "Mechanism", "Fact-Finding Mission on Ruritania")
>>> ms.add(m)
>>> _ = ms.add_entity(m, known=True)
>>> [(x.surface, x.key) for x in link_short_forms(doc, ms)]
[('Mission', 'ffm-ruritania')]
"""

from __future__ import annotations

import re

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.model import Mention
from kg.extract.text import word_starts_from

_HEADS = (
    "Commission", "Mission", "Mechanism", "Panel", "Committee", "Inquiry", "Court", "Agency",
    "Tribunal", "Office", "Programme", "Fund", "Board", "Group", "Team", "Force",
)  # fmt: skip
# the head word, scanned with word_starts_from; the determiner before it is _DET_END
_SHORT = re.compile(r"(" + "|".join(_HEADS) + r")\b(?!\s+(?:of|on|for)\b)")
_DET_END = re.compile(r"(?<!\w)(?:the|The|its|Its)\s+$")
_TYPES = ("Mechanism", "Organization")


def link_short_forms(doc: Doc, mentions: Mentions) -> list[Mention]:
    """Add (or re-key) mentions of short forms to the body named last with that head word."""
    out: list[Mention] = []
    changed = False
    for m in word_starts_from(_SHORT, doc.text, _HEADS):
        det = _DET_END.search(doc.text, max(0, m.start() - 20), m.start())
        if det is None:
            continue
        head = m.group(1)
        start, end = m.start(1), m.end(1)
        if doc.skipped(start):
            continue
        antecedent = _antecedent(mentions, head, start)
        if antecedent is None:
            continue
        covering = [x for x in mentions.overlapping(det.start(), end) if x.end > start]
        if covering:
            x = covering[0]
            short = x.kind == "pattern" and x.surface.split()[-1:] == [head]
            if short and len(x.surface.split()) <= 2 and x.key != antecedent.key:
                old = x.key
                x.key, x.label, x.type = antecedent.key, antecedent.label, antecedent.type
                changed = True
                if not mentions.of_key(old) or all(y is x for y in mentions.of_key(old)):
                    mentions.entities.pop(old, None)
                mentions.entities[antecedent.key].add_mention(" ".join(x.surface.split()))
            continue
        mention = Mention(start, end, antecedent.key, antecedent.type, antecedent.label,
                          "pattern", surface=head)  # fmt: skip
        mentions.add(mention)
        mentions.entities[antecedent.key].add_mention(head)
        out.append(mention)
    if changed:
        mentions.rekey()
    return out


def _antecedent(mentions: Mentions, head: str, before: int) -> Mention | None:
    """The last full name before ``before`` whose label holds the head word."""
    for x in mentions.backwards(before):
        if x.end > before or x.type not in _TYPES or x.key not in mentions.entities:
            continue
        label = mentions.entities[x.key].label
        if re.search(rf"\b{head}\b", label) and len(label.split()) > 1:
            return x
    return None
