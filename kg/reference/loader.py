"""The embedded reference data: states, bodies, persons, Security Council seats and meetings.

The JSON files in ``kg/reference/data/`` are the source of truth; this module validates them
strictly (unknown keys, malformed codes and dangling ids are errors) and offers a small lookup
API, used as a gazetteer by the extraction.

>>> ref = load_reference()
>>> ref.by_id("chn").label, ref.by_id("chn").iso2
('China', 'CN')
>>> ref.state("KP").id
'prk'
>>> ("Pyongyang", "prk", "State", "metonym") in set(ref.names())
True
>>> [n.entity_id for n in ref.lookup("north korean") if n.is_demonym]
['prk']
>>> len(ref.security_council.members(2024))
15
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from kg.errors import InputError, NotFound

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Url = Annotated[str, Field(pattern=r"^https://[^\s/]+\.[^\s]+$")]
Qid = Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")]
Text = Annotated[str, Field(min_length=1)]
Count = Annotated[int, Field(ge=0, le=15)]
BodyType = Literal["Organization", "Mechanism", "Report", "Instrument", "Position"]
NameKind = Literal["label", "alias", "official_name", "demonym", "metonym"]
DATA_DIR = Path(str(files("kg.reference") / "data"))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Entity(_Model):
    id: Id
    aliases: tuple[Text, ...] = ()
    wikidata: Qid | None = None
    sources: tuple[Url, ...] = Field(min_length=1)


class State(_Entity):
    """A UN Member State or non-member observer State (``id`` = lowercase ISO alpha-3)."""

    name: Text
    official_name: Text | None = None
    iso2: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    iso3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    demonyms: tuple[Text, ...] = ()
    capital: Text | None = None
    status: Literal["member", "observer"]
    un_admission: dt.date | None = None
    entity_type: ClassVar[str] = "State"

    @property
    def label(self) -> str:
        return self.name

    @model_validator(mode="after")
    def _check(self) -> State:
        if self.id != self.iso3.lower():
            raise ValueError(f"id {self.id!r} is not the lowercase ISO alpha-3 code {self.iso3!r}")
        if (self.status == "member") != (self.un_admission is not None):
            raise ValueError("members need un_admission; observers must not have one")
        return self


class Body(_Entity):
    """An organization, mechanism, report, instrument or position."""

    type: BodyType
    label: Text
    description: Text
    part_of: Id | None = None
    post_in: Id | None = None
    author: Id | None = None
    symbol: Text | None = None
    date: dt.date | None = None
    recommended: tuple[Id, ...] = ()

    @property
    def entity_type(self) -> str:
        return self.type


class Tenure(_Model):
    """A person holding a position (or a mechanism's mandate) between two dates."""

    position: Id
    start: dt.date | None
    end: dt.date | None = None
    source: Url
    acting: bool = False
    role: Text | None = None

    @model_validator(mode="after")
    def _check(self) -> Tenure:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"tenure of {self.position!r} ends before it starts")
        return self

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Person(_Entity):
    label: Text
    represents: Id | None = None
    positions: tuple[Tenure, ...] = ()

    entity_type: ClassVar[str] = "Person"


class SecurityCouncil(_Model):
    description: Text | None = None
    permanent: tuple[Id, ...] = Field(min_length=5, max_length=5)
    elected: dict[int, tuple[Id, ...]]
    sources: tuple[Url, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> SecurityCouncil:
        for year, members in self.elected.items():
            if len(set(members)) != 10 or set(members) & set(self.permanent):
                raise ValueError(f"{year}: need 10 distinct elected non-permanent members")
        return self

    def members(self, year: int) -> tuple[str, ...]:
        """All fifteen members sitting in ``year`` (permanent first)."""
        if year not in self.elected:
            raise NotFound(f"no Security Council membership recorded for {year}")
        return self.permanent + self.elected[year]


class Vote(_Model):
    on: Text
    result: Literal["adopted", "rejected"]
    in_favour: Count | None = None
    against: Count | None = None
    abstentions: Count | None = None
    voted_in_favour: tuple[Id, ...] = ()
    voted_against: tuple[Id, ...] = ()
    abstained: tuple[Id, ...] = ()

    def voters(self) -> tuple[str, ...]:
        return self.voted_in_favour + self.voted_against + self.abstained

    @model_validator(mode="after")
    def _check(self) -> Vote:
        for count, names in ((self.in_favour, self.voted_in_favour),
                             (self.against, self.voted_against),
                             (self.abstentions, self.abstained)):  # fmt: skip
            if count is not None and len(names) > count:
                raise ValueError(f"{len(names)} named voters for a count of {count}")
        if len(set(self.voters())) != len(self.voters()):
            raise ValueError("a state is listed under two options")
        return self


class Meeting(_Model):
    id: Id
    label: Text
    date: dt.date | None
    meeting_number: Annotated[int, Field(gt=0)] | None = None
    symbol: Text | None = None
    body: Id
    about: tuple[Id, ...] = ()
    sources: tuple[Url, ...] = Field(min_length=1)
    vote: Vote | None = None
    held: bool = True

    entity_type: ClassVar[str] = "Meeting"


Entity = State | Body | Person | Meeting


class Name(NamedTuple):
    """One surface name of an entity, for gazetteer matching."""

    surface: str
    entity_id: str
    type: str
    kind: NameKind

    @property
    def is_demonym(self) -> bool:
        return self.kind == "demonym"

    @property
    def is_metonym(self) -> bool:
        return self.kind == "metonym"


def fold(text: str) -> str:
    """Accents stripped, typographic apostrophes straightened."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Reference(_Model):
    """All reference data, cross-checked: every id referenced anywhere exists."""

    states: tuple[State, ...]
    bodies: tuple[Body, ...]
    persons: tuple[Person, ...]
    security_council: SecurityCouncil
    meetings: tuple[Meeting, ...]
    _index: dict[str, Entity] = PrivateAttr(default_factory=dict)
    _surfaces: dict[str, list[Name]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _cross_check(self) -> Reference:
        entities: list[Entity] = [*self.states, *self.bodies, *self.persons, *self.meetings]
        for e in entities:
            if e.id in self._index:
                raise ValueError(f"duplicate id {e.id!r}")
            self._index[e.id] = e
        for attr in ("iso2", "wikidata"):
            values = [getattr(e, attr) for e in entities if getattr(e, attr, None)]
            if len(values) != len(set(values)):
                raise ValueError(f"duplicate {attr} values")
        refs: list[tuple[str, str, set[str] | None]] = []  # (holder, id, allowed types)
        for b in self.bodies:
            refs += [(b.id, i, None) for i in (b.part_of, b.post_in, b.author, *b.recommended) if i]
        for p in self.persons:
            refs += [(p.id, p.represents, None)] if p.represents else []
            refs += [(p.id, t.position, {"Position", "Mechanism"}) for t in p.positions]
        for m in self.meetings:
            refs += [(m.id, i, None) for i in (m.body, *m.about)]
            if m.vote and m.date and m.date.year in self.security_council.elected:
                sitting = set(self.security_council.members(m.date.year))
                if not set(m.vote.voters()) <= sitting:
                    raise ValueError(f"{m.id}: a voter did not sit on the Council that year")
        sc = self.security_council
        refs += [("security_council", i, {"State"}) for i in sc.permanent]
        refs += [("security_council", i, {"State"}) for ids in sc.elected.values() for i in ids]
        for holder, target, allowed in refs:
            entity = self._index.get(target)
            if entity is None or (allowed and entity.entity_type not in allowed):
                raise ValueError(f"{holder}: unknown or ill-typed reference {target!r}")
        return self

    def get(self, entity_id: str) -> Entity | None:
        return self._index.get(entity_id)

    def by_id(self, entity_id: str) -> Entity:
        """The entity with that id; :class:`kg.errors.NotFound` when there is none."""
        entity = self._index.get(entity_id)
        if entity is None:
            raise NotFound(f"no reference entity {entity_id!r}")
        return entity

    def ids(self) -> frozenset[str]:
        return frozenset(self._index)

    def state(self, code: str) -> State:
        """A state by id or ISO alpha-2/alpha-3 code, in any case."""
        for s in self.states:
            if code.lower() in (s.id, s.iso2.lower()):
                return s
        raise NotFound(f"no state with code {code!r}")

    def names(self) -> Iterator[Name]:
        """Every (surface, entity id, type, kind) pair: labels, aliases, official names, meeting
        symbols (as aliases), demonyms and capitals (as metonyms), plus accent-less variants."""
        seen: set[tuple[str, str]] = set()
        for e in self._index.values():
            candidates: list[tuple[str | None, NameKind]] = [(e.label, "label")]
            candidates += [(getattr(e, "official_name", None), "official_name")]
            candidates += [(a, "alias") for a in getattr(e, "aliases", ())]
            candidates += [(getattr(e, "symbol", None), "alias")] if isinstance(e, Meeting) else []
            candidates += [(d, "demonym") for d in getattr(e, "demonyms", ())]
            candidates += [(getattr(e, "capital", None), "metonym")]
            for surface, kind in candidates:
                for variant in (surface, fold(surface)) if surface else ():
                    if (variant, e.id) not in seen:
                        seen.add((variant, e.id))
                        yield Name(variant, e.id, e.entity_type, kind)

    def lookup(self, surface: str) -> list[Name]:
        """Names matching ``surface`` ignoring case and accents (several when ambiguous)."""
        if not self._surfaces:
            for n in self.names():
                entry = self._surfaces.setdefault(fold(n.surface).casefold(), [])
                if all(n.entity_id != m.entity_id for m in entry):
                    entry.append(n)
        return list(self._surfaces.get(fold(surface).casefold(), []))

    def holders(self, position: str, day: dt.date) -> list[Person]:
        """The persons holding ``position`` (a Position or Mechanism id) on ``day``."""
        return [p for p in self.persons if any(t.position == position and t.covers(day)
                                               for t in p.positions)]  # fmt: skip


FILES = {
    "states": "states.json",
    "bodies": "bodies.json",
    "persons": "persons.json",
    "security_council": "security_council.json",
    "meetings": "meetings.json",
}


# Phrases that many mandate and report titles share, written once (``{situation}`` in
# "Special Rapporteur on the {situation} in Belarus"), and ``{state:ID}``: a state's name as
# states.json gives it (read before the other files).
PHRASES = {"{situation}": "situation of human rights", "{hr}": "Human Rights"}
_PHRASE = re.compile(r"\{(?:situation|hr|state:([a-z]{3}))\}")


def _read(path: Path, *, names: dict[str, str] | None = None) -> Any:
    def expand(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return PHRASES[m.group()]
        if names is None or m.group(1) not in names:
            raise InputError(f"reference data {path.name}: unknown state in {m.group()}")
        return json.dumps(names[m.group(1)])[1:-1]

    try:
        text = path.read_text(encoding="utf-8")
        return json.loads(_PHRASE.sub(expand, text))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"reference data {path.name}: cannot be read: {exc}") from exc


def _problems(exc: ValidationError, limit: int = 5) -> str:
    """A short account of the first validation errors, each prefixed by its file."""
    lines = []
    for e in exc.errors()[:limit]:
        loc = [str(p) for p in e["loc"]]
        where = f"{FILES[loc[0]]}: {'.'.join(loc)}" if loc else "cross-check"
        lines.append(f"{where}: {e['msg']}")
    more = len(exc.errors()) - limit
    return "; ".join(lines) + (f" (and {more} more)" if more > 0 else "")


@lru_cache(maxsize=4)
def load_reference(directory: Path | str | None = None) -> Reference:
    """Read and validate the reference data (cached; the result is immutable).

    Raises :class:`kg.errors.InputError` naming the file and the offending fields when a file is
    missing, is not JSON, does not have the expected shape, or refers to an unknown id.
    """
    folder = Path(directory) if directory is not None else DATA_DIR
    data: dict[str, Any] = {}
    names: dict[str, str] = {}
    for key, filename in FILES.items():
        raw = _read(folder / filename, names=names)
        if key != "security_council":
            if not isinstance(raw, dict) or key not in raw or set(raw) - {"description", key}:
                raise InputError(f"reference data {filename}: expected an object with {key!r}")
            raw = raw[key]
        if key == "states":
            names = {s["id"]: s["name"] for s in raw if isinstance(s, dict) and "id" in s}
        data[key] = raw
    try:
        return Reference.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"reference data: {_problems(exc)}") from exc
