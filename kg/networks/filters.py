"""What an explorer view shows: the filters of its URL, validated.

``None`` means no restriction; an empty set hides that kind. User values are checked against
the known types, stances and relations (InvalidQuery names anything unknown) and dates must
be ISO dates.

>>> f = Filters.parse(stances=["oppose,call-for"], date_from="2023-01-01")
>>> sorted(f.stances), f.date_from
(['call_for', 'oppose'], '2023-01-01')
>>> Filters.parse(stances=["none"]).stances
frozenset()
>>> Filters.parse(stances=["none", "oppose"]).stances
frozenset({'oppose'})
>>> Filters.parse(types=["Planet"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.InvalidQuery: unknown types: Planet (choose from State, Person, ...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kg.errors import InvalidQuery
from kg.networks.index import ClaimRecord, RelationRecord
from kg.queries.entities import RELATION_NAMES
from kg.rdf.common import TYPE_CLASSES
from kg.rdf.iris import STANCES, slug

RELATIONS = tuple(dict.fromkeys(RELATION_NAMES.values()))
RELATION_LABELS = {
    "holdsPosition": "holds",
    "memberOf": "member of",
    "represents": "represents",
    "worksFor": "works for",
    "participatedIn": "participated in",
    "subOrganizationOf": "part of",
    "postIn": "post in",
}
MAX_VALUES = 50


@dataclass(frozen=True)
class Filters:
    """What a view shows. ``None`` means no restriction; an empty set hides that kind."""

    types: frozenset[str] | None = None
    stances: frozenset[str] | None = None
    relations: frozenset[str] | None = None
    documents: frozenset[str] | None = None
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        types: Iterable[str] = (),
        stances: Iterable[str] = (),
        relations: Iterable[str] = (),
        documents: Iterable[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> Filters:
        """Validate user values (InvalidQuery on anything unknown). ``none`` alone hides a
        kind; beside other values it is ignored (a form sends it with the ticked boxes)."""
        docs = [d for d in _split(documents) if d != "none"]
        if len(docs) > MAX_VALUES:
            raise InvalidQuery(f"at most {MAX_VALUES} documents")
        lo, hi = _date("from", date_from), _date("to", date_to)
        if lo and hi and lo > hi:
            raise InvalidQuery("from must not be after to")
        return cls(
            types=_choice("types", types, TYPE_CLASSES),
            stances=_choice("stances", [s.replace("-", "_") for s in _split(stances)], STANCES),
            relations=_choice("relations", relations, RELATIONS),
            documents=frozenset(slug(d) for d in docs)
            if docs
            else (frozenset() if "none" in _split(documents) else None),
            date_from=lo,
            date_to=hi,
        )

    def params(self) -> dict[str, list[str] | str]:
        """The filters as URL query parameters (what :meth:`parse` reads back)."""
        out: dict[str, list[str] | str] = {}
        for name in ("types", "stances", "relations", "documents"):
            value = getattr(self, name)
            if value is not None:
                out[name] = sorted(value) or ["none"]
        if self.date_from:
            out["from"] = self.date_from
        if self.date_to:
            out["to"] = self.date_to
        return out

    @property
    def empty(self) -> bool:
        """No restriction at all."""
        return self == Filters()

    @property
    def per_claim(self) -> bool:
        """Whether each claim must be checked (dates, documents), not aggregated links."""
        return self.documents is not None or bool(self.date_from or self.date_to)

    def in_range(self, date: str | None) -> bool:
        """A claim date inside the date range (undated claims only when there is none)."""
        if not (self.date_from or self.date_to):
            return True
        if date is None:
            return False
        return not (
            (self.date_from and date < self.date_from) or (self.date_to and date > self.date_to)
        )

    def claim_ok(self, rec: ClaimRecord) -> bool:
        """The claim passes the stance, document and date filters."""
        if self.stances is not None and rec.stance not in self.stances:
            return False
        if self.documents is not None and rec.document not in self.documents:
            return False
        return self.in_range(rec.date)

    def relation_ok(self, rec: RelationRecord) -> bool:
        """The relation passes the relation filter and overlaps the date range."""
        if self.relations is not None and rec.predicate not in self.relations:
            return False
        if self.documents is not None:
            return False  # relations from the reference data belong to no document
        if self.date_from and rec.end and rec.end < self.date_from:
            return False
        return not (self.date_to and rec.start and rec.start > self.date_to)

    def type_ok(self, type_: str | None) -> bool:
        """An entity of this type may be shown."""
        return self.types is None or type_ in self.types

    def without(self, name: str) -> Filters:
        """The same filters less one kind (``types``, ``stances``, …, ``dates``)."""
        if name == "dates":
            return Filters(self.types, self.stances, self.relations, self.documents)
        values = {k: getattr(self, k) for k in ("types", "stances", "relations", "documents")}
        values[name] = None
        return Filters(**values, date_from=self.date_from, date_to=self.date_to)


def _split(values: Iterable[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _choice(name: str, values: Iterable[str], allowed: Iterable[str]) -> frozenset[str] | None:
    chosen = _split(values)
    if not chosen:
        return None
    rest = [v for v in chosen if v.lower() != "none"]
    if not rest:
        return frozenset()
    by_lower = {a.lower(): a for a in allowed}
    unknown = [v for v in rest if v.lower() not in by_lower]
    if unknown:
        raise InvalidQuery(
            f"unknown {name}: {', '.join(unknown[:10])} "
            f"(choose from {', '.join(by_lower.values())})"
        )
    return frozenset(by_lower[v.lower()] for v in rest)


def _date(name: str, value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidQuery(f"{name} must be an ISO date (YYYY-MM-DD)") from None
