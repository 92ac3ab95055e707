"""Report phrases: "an October 2022 report", "a report on human rights in the DPRK".

A report mention gets its author when the phrase names one ("a UN commission of inquiry
report", "the Secretary-General's report") and its date when the phrase or the sentence gives
one ("in July of 2022"). A report whose author wrote a report of the reference data in that
year is that report.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.model import Mention
from kg.extract.text import word_starts_from
from kg.rdf.iris import slug

_REPORT = re.compile(r"report\b")  # scanned with word_starts_from
_DETS = {"a", "an", "the", "its", "his", "her", "their", "this", "that", "our", "latest"}
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_TAIL = re.compile(r"\s+(?:on|of|into|about)\s+")
_STOP = re.compile(
    r"\s+(?:which|that|when|where|because|as|to|and|but|while|since|after|before|by|from|"
    r"was|is|were|has|had|found|said|highlighted|noted|described|details|concluded|"
    r"recommended)\b|[,.;:!?()\n\u2013\u2014]|\s+-\s+"
)
_WHEN = re.compile(r"\bin\s+(?:(" + "|".join(_MONTHS) + r")\s+(?:of\s+)?)?((?:19|20)\d\d)\b")


def find_reports(doc: Doc, mentions: Mentions, ref: Any) -> list[Mention]:
    """Add report mentions (with ``author`` recorded in ``doc.meta['_authors']``)."""
    authors: dict[str, str] = doc.meta.setdefault("_report_authors", {})
    found: list[Mention] = []
    taken = {(m.start, m.end) for m in mentions.items}
    last_report: Mention | None = None
    reports_so_far = [m for m in mentions.items if m.type == "Report"]
    next_report = 0
    used: dict[str, bool] = {}  # other names of a report: does the text use them?
    for m in word_starts_from(_REPORT, doc.folded, ("report",)):
        while next_report < len(reports_so_far) and reports_so_far[next_report].end <= m.start():
            last_report = reports_so_far[next_report]
            next_report += 1
        if doc.skipped(m.start()) or any(
            x.type == "Report" for x in mentions.overlapping(m.start(), m.end())
        ):
            continue
        before = doc.folded[max(0, m.start() - 120) : m.start()]
        tokens = re.findall(r"[\w.'’-]+", before)[-9:]
        det_at = None
        for i in range(len(tokens) - 1, -1, -1):
            if tokens[i] in _DETS or tokens[i].endswith(("'s", "’s")):
                det_at = i
                break
        if det_at is None or tokens[det_at] in ("that", "this") and det_at == len(tokens) - 1:
            continue
        mods = tokens[det_at + 1 :]
        possessive = tokens[det_at] if tokens[det_at].endswith(("'s", "’s")) else None
        start = m.start() - len(" ".join(mods)) - (1 if mods else 0)
        if doc.folded[start : m.start()].strip() != " ".join(mods):
            start = m.start()
            mods = []
        # the core of the phrase starts at its first capitalised word, month, year or name
        core = start
        for tok in mods:
            at = doc.folded.find(tok, core)
            orig = doc.text[at : at + len(tok)]
            if orig[:1].isupper() or orig[:1].isdigit() or tok in _MONTHS:
                core = at
                break
            core = at + len(tok) + 1
        if possessive:  # "the Agency's latest quarterly report": the possessor names it
            at = doc.folded.rfind(possessive, max(0, start - 60), start)
            if at >= 0 and doc.text[at : at + 1].isupper():
                core = at
        end = m.end()
        tail = _TAIL.match(doc.folded, end)
        topic_text = ""
        if tail:
            stop = _STOP.search(doc.folded, tail.end())
            cut = stop.start() if stop else min(len(doc.text), tail.end() + 90)
            if cut - tail.end() >= 3:
                topic_text = doc.text[tail.end() : cut]
                end = cut
        surface = doc.text[core:end]
        if not mods and not topic_text and tokens[det_at] in ("the", "this", "that"):
            if last_report is not None:  # "the report" is the report named last
                ref_m = last_report
                mention = Mention(
                    start,
                    end,
                    ref_m.key,
                    "Report",
                    ref_m.label,
                    ref_m.kind,
                    surface=doc.text[start:end],
                )
                mentions.add(mention)
            continue
        inner = [x for x in mentions.in_span(start, end) if x.type != "Report"]
        author = next(
            (x.key for x in inner if x.type in ("Mechanism", "Organization", "Person", "Position")),
            None,
        )
        if possessive and author is None:
            prev = [x for x in mentions.in_span(start - 200, start) if x.end >= start - 40]
            author = prev[-1].key if prev else None
        sentence = doc.sentence_at(m.start())
        when = None
        mods_text = " ".join(mods)
        mm = re.search(r"(" + "|".join(_MONTHS) + r")?\s*((?:19|20)\d\d)", mods_text)
        if mm:
            when = (mm.group(1), mm.group(2))
        elif sentence is not None:
            w = _WHEN.search(doc.folded, sentence.start, m.start())
            if w:
                when = (w.group(1), w.group(2))
        key, label, known = _identify(ref, author, when, surface, topic_text, mentions)
        if (core, end) in taken:
            continue
        mention = Mention(
            core, end, key, "Report", label, "name" if known else "pattern", surface=surface
        )
        mentions.add(mention)
        last_report = mention
        e = mentions.add_entity(mention, known=known)
        # other names of the same report, kept only where the text uses them
        for other in (
            " ".join(f"report on {topic_text}".split()) if topic_text else "",
            f"{when[0].capitalize()} {when[1]} report" if when and when[0] else "",
        ):
            if other and other not in used:
                used[other] = other in doc.text
            if other and used[other]:
                e.add_mention(other)
        if author:
            authors[key] = author
        found.append(mention)
    return found


def _identify(
    ref: Any, author: str | None, when: tuple | None, surface: str, topic: str, mentions: Mentions
) -> tuple[str, str, bool]:
    """(key, label, known) of a report phrase."""
    year = int(when[1]) if when else None
    if author:
        for b in ref.bodies:
            if (
                b.type == "Report"
                and b.author == author
                and (year is None or (b.date and b.date.year == year))
            ):
                return b.id, b.label, True
    who = mentions.entities[author].label if author and author in mentions.entities else ""
    what = f" on {' '.join(topic.split())}" if topic else ""
    date = f" ({when[0].capitalize() + ' ' if when[0] else ''}{when[1]})" if when else ""
    if who:
        label = f"{who}'s report{what}{date}"
    else:
        label = f"{' '.join(surface.split())}{date if not when or when[1] not in surface else ''}"
        label = label[0].upper() + label[1:]
    return slug(label), label, False
