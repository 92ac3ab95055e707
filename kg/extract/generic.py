"""Bare names of mechanisms ("the commission of inquiry", "sanctions") stand for the one about
the document's topic: the reference data's when it has one, else a new mechanism named after
the topic ("UN sanctions on Sudan")."""

from __future__ import annotations

import re
from typing import Any

from kg.extract.context import Doc
from kg.extract.mentions import Mentions
from kg.extract.model import Mention
from kg.extract.text import fold, word_starts_from
from kg.rdf.iris import slug

# Bare names of mechanisms that stand for the one about the document's topic.
_GENERIC = re.compile(
    r"(commissions? of inquiry|special rapporteur|panel of experts|targeted sanctions|"
    r"sanctions committee|sanctions regime|sanctions)\b"
)
_GENERIC_HEADS = ("commission", "special rapporteur", "panel of experts", "targeted", "sanctions")
_GENERIC_LABELS = {
    "commission of inquiry": ("Commission of Inquiry", "Commission of Inquiry on {}"),
    "special rapporteur": (
        "Special Rapporteur",
        "Special Rapporteur on {}",
    ),
    "panel of experts": ("Panel of Experts", "Panel of Experts on {}"),
    "targeted sanctions": ("Targeted sanctions", "Targeted sanctions ({})"),
    "sanctions committee": ("Committee", "Security Council sanctions committee on {}"),
    "sanctions regime": ("sanctions", "UN sanctions on {}"),
    "sanctions": ("sanctions", "UN sanctions on {}"),
}


def add_generic(doc: Doc, result: Mentions, ref, *, topic: str | None) -> None:
    """'the commission of inquiry', 'sanctions': the mechanism about the document's topic."""
    if topic is None:
        return
    state = ref.get(topic)
    if state is None:
        return
    names = [
        fold(n)
        for n in (state.name, getattr(state, "official_name", None) or "", *state.aliases)
        if n
    ]
    occupied = bytearray(len(doc.text) + 1)
    for m in result.items:
        occupied[m.start : m.end] = b"\1" * (m.end - m.start)
    cache: dict[str, tuple[str, str, str | None, bool]] = {}
    for m in word_starts_from(_GENERIC, doc.folded, _GENERIC_HEADS):
        if 1 in occupied[m.start() : m.end()] or doc.skipped(m.start()):
            continue
        head = m.group(1).replace("commissions", "commission")
        if head not in cache:
            cache[head] = _generic_target(ref, head, names, state.name)
        key, label, wd, known = cache[head]
        surface = doc.text[m.start() : m.end()]
        mention = Mention(
            m.start(),
            m.end(),
            key,
            "Mechanism",
            label,
            "name" if known else "pattern",
            wikidata=wd,
            surface=surface,
        )
        result.add(mention)
        result.add_entity(mention, known=known)


_FOLDED_BODIES: dict[int, tuple[object, list[tuple[Any, str, str]]]] = {}


def _folded_bodies(ref) -> list[tuple[Any, str, str]]:
    """Mechanisms and organisations of the reference data with folded label and aliases
    (computed once per reference object)."""
    cached = _FOLDED_BODIES.get(id(ref))
    if cached is None or cached[0] is not ref:
        bodies = [
            (b, fold(b.label), " ".join(fold(a) for a in b.aliases))
            for b in ref.bodies
            if b.type in ("Mechanism", "Organization")
        ]
        cached = _FOLDED_BODIES[id(ref)] = (ref, bodies)
    return cached[1]


def _generic_target(ref, head: str, state_names: list[str], state_label: str):
    word, template = _GENERIC_LABELS[head]
    cands = []
    folded_word = fold(word)
    for b, label, alias_text in _folded_bodies(ref):
        if folded_word not in label and folded_word not in alias_text:
            continue
        if head == "sanctions" and "targeted" in label:
            continue
        if head == "targeted sanctions" and "targeted" not in label:
            continue
        if any(n in label or n in alias_text for n in state_names):
            cands.append(b)
    if cands:
        b = min(cands, key=lambda x: len(x.label))
        return b.id, b.label, b.wikidata, True
    label = template.format(state_label)
    return slug(label), label, None, False
