"""Small pieces shared by the RDF mappers.

>>> date_literal("2024-06-12").datatype == XSD.date
True
>>> date_literal("June 2024") is None
True
"""

from __future__ import annotations

import datetime as dt

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.iris import DKG

TYPE_CLASSES: dict[str, URIRef] = {
    "State": DKG.State,
    "Person": DKG.Person,
    "Organization": DKG.Organization,
    "Mechanism": DKG.Mechanism,
    "Report": DKG.Report,
    "Meeting": DKG.Meeting,
    "Instrument": DKG.Instrument,
    "Position": DKG.Position,
}
CLASS_TYPES: dict[URIRef, str] = {v: k for k, v in TYPE_CLASSES.items()}
ACTOR_TYPES = frozenset({"State", "Person", "Organization", "Mechanism"})


def date_literal(value: str | dt.date | None) -> Literal | None:
    """An xsd:date literal for an ISO date, or None when the value is not one."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    try:
        return Literal(dt.date.fromisoformat(str(value)).isoformat(), datatype=XSD.date)
    except ValueError:
        return None
