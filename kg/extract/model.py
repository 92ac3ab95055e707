"""The extractor's working objects: mentions, entities, claims (plain dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    """A span of the document that names (or stands for) an entity.

    ``key`` is the entity id the mention resolves to: a reference id (``prk``) or a new id
    derived from the label. ``kind`` says how it was found: ``name`` (gazetteer), ``metonym``
    (a capital for its state), ``role`` ("the Chinese representative"), ``pattern`` (a rule
    of UN prose), ``title`` (a position named without its holder).
    """

    start: int
    end: int
    key: str
    type: str
    label: str
    kind: str = "name"
    wikidata: str | None = None
    surface: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(slots=True)
class Entity:
    """An entity of one document, with every surface string it was mentioned by."""

    id: str
    label: str
    type: str
    wikidata: str | None = None
    mentions: list[str] = field(default_factory=list)
    known: bool = False  # described by the reference data
    used: bool = False  # takes part in a claim, vote or relation

    def add_mention(self, surface: str) -> None:
        if surface and surface not in self.mentions:
            self.mentions.append(surface)

    def as_dict(self) -> dict:
        out = {"id": self.id, "label": self.label, "type": self.type, "mentions": self.mentions}
        if self.wikidata:
            out["wikidata"] = self.wikidata
        return out


@dataclass(slots=True)
class ClaimItem:
    """One attributed proposition: one claimant, one stance, its evidence span."""

    claimant: str
    stance: str
    start: int
    end: int
    about: list[str] = field(default_factory=list)
    cue: str = ""
    confidence: float = 0.7
    meeting: str | None = None
    content: tuple[int, int] | None = None  # span of what was said (for "found" relations)
    target: str | None = None  # the mechanism a recommendation is about
    group: tuple[str, ...] = ()  # claimants who said it together
