"""Queries whose cost the engine bounds by itself: index lookups that can be answered at once.

A query is *bounded* when it is a SELECT or ASK over one triple pattern, or a UNION of
single triple patterns, each with a constant subject or object (an index range of the
store), with no FILTER, OPTIONAL, property path, subquery, aggregate or ORDER BY, and an
OFFSET of at most :data:`MAX_OFFSET`. Evaluating one is a walk along index ranges that
yields a row at every step (DISTINCT only when it projects every variable, so it skips
nothing but copies of a triple in several graphs): the work grows with the rows written,
so a caller that stops after a budget of bytes stops the work too. The HTTP endpoint runs
these in its own process, without the round trip to a killable worker; every other query,
and a bounded one that outgrows the budget, goes to the workers and their time limit.

>>> bounded('SELECT DISTINCT ?e WHERE { { ?e skos:prefLabel "China" } '
...         'UNION { ?e skos:altLabel "China"@en } }')
True
>>> bounded("SELECT ?s WHERE { ?s <http://ex/p> <http://ex/o> } LIMIT 50 OFFSET 50")
True
>>> bounded("SELECT ?s WHERE { ?s ?p ?o }")  # the whole store
False
>>> bounded("SELECT ?s WHERE { ?s a ?t . ?t a ?u }")  # a join
False
>>> bounded("SELECT DISTINCT ?x WHERE { ?s a <http://ex/C> }")  # DISTINCT skipping rows
False
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from kg.store.sparql_text import QueryShape, declared_prefixes, inspect_query, query_tokens

MAX_OFFSET = 10_000

_CONSTANT_OBJECT = ("iri", "pname", "string", "number")


class _Reader:
    """The tokens of a query body, read front to back."""

    def __init__(self, toks: list[tuple[str, str]]) -> None:
        self.toks, self.i = toks, 0
        self.variables: set[str] = set()

    def peek(self) -> tuple[str, str]:
        return self.toks[self.i] if self.i < len(self.toks) else ("end", "")

    def word(self, *words: str) -> str | None:
        kind, text = self.peek()
        if kind == "word" and text.upper() in words:
            self.i += 1
            return text.upper()
        return None

    def punct(self, text: str) -> bool:
        if self.peek() == ("punct", text):
            self.i += 1
            return True
        return False

    def term(self, position: str) -> str | None:
        """The kind of the next term at a position of a triple pattern, or None."""
        kind, text = self.peek()
        if kind == "var" or (kind == "pname" and text.startswith("_:")):
            self.i += 1
            self.variables.add(text[1:] if kind == "var" else text)
            return "var"
        if kind in ("iri", "pname"):
            self.i += 1
            return "const"
        if position == "p" and kind == "word" and text == "a":
            self.i += 1
            return "const"
        if position == "o" and (kind in _CONSTANT_OBJECT or self.word("TRUE", "FALSE")):
            if kind != "word":
                self.i += 1
            if kind == "string":
                if self.peek()[0] == "lang":
                    self.i += 1
                elif self.punct("^^") and self.term("p") != "const":
                    return None
            return "const"
        return None

    def pattern(self) -> bool:
        """One triple pattern with a constant subject or object, then an optional '.'."""
        s, p, o = self.term("s"), self.term("p"), self.term("o")
        if None in (s, p, o) or (s == "var" and o == "var"):
            return False
        self.punct(".")
        return True

    def group(self) -> bool:
        """``{ pattern }`` or ``{ { pattern } UNION { pattern } ... }``."""
        if not self.punct("{"):
            return False
        if self.peek() != ("punct", "{"):
            return self.pattern() and self.punct("}")
        while True:
            if not (self.punct("{") and self.pattern() and self.punct("}")):
                return False
            if not self.word("UNION"):
                return self.punct("}")

    def modifiers(self) -> bool:
        """LIMIT and OFFSET (each at most once), then the end of the query."""
        seen: set[str] = set()
        while (word := self.word("LIMIT", "OFFSET")) is not None:
            kind, text = self.peek()
            if word in seen or kind != "number" or not text.isdigit():
                return False
            if word == "OFFSET" and int(text) > MAX_OFFSET:
                return False
            seen.add(word)
            self.i += 1
        return self.peek()[0] == "end"


def bounded(text: str, *, toks: list[tuple[str, str]] | None = None) -> bool:
    """Is the query one whose work the engine bounds (see the module's docstring)?
    ``toks``: its :func:`kg.store.sparql_text.query_tokens`, if already made."""
    if "\\u" in text or "\\U" in text:  # codepoint escapes: leave every check to the workers
        return False
    r = _Reader(query_tokens(text) if toks is None else toks)
    form = r.word("SELECT", "ASK")
    projected: set[str] | None = None
    distinct = False
    if form == "SELECT":
        distinct = r.word("DISTINCT", "REDUCED") is not None
        if not r.punct("*"):
            projected = set()
            while r.peek()[0] == "var":
                projected.add(r.peek()[1][1:])
                r.i += 1
            if not projected:
                return False
    elif form is None:
        return False
    r.word("WHERE")
    if not (r.group() and r.modifiers()):
        return False
    if projected is not None and not projected <= r.variables:
        return False
    return not (distinct and projected is not None and r.variables - projected)


class Analysis(NamedTuple):
    """What the endpoint needs to know of a query text before running it: its shape,
    whether it is bounded, and whether it declares every prefix it uses (then the engine
    need not be given the built-in ones)."""

    shape: QueryShape
    bounded: bool
    own_prefixes: bool = False


CACHED_TEXT_CHARS = 16_384


def analyse(text: str) -> Analysis:
    """The query's :class:`QueryShape` (raising InvalidQuery for SERVICE or LOAD) and whether
    it is bounded, read from one tokenisation. Texts up to :data:`CACHED_TEXT_CHARS` are
    analysed once and remembered (applications send the same texts again and again, and
    reading one costs as much as a lookup's evaluation).

    >>> analyse("ASK { <http://ex/s> ?p ?o }")
    Analysis(shape=QueryShape(form='ASK', has_dataset=False), bounded=True, own_prefixes=True)
    >>> analyse("PREFIX ex: <http://ex/> SELECT * { ?s ex:p skos:x }").own_prefixes
    False
    """
    return _analyse(text) if len(text) > CACHED_TEXT_CHARS else _remembered(text)


def _analyse(text: str) -> Analysis:
    toks = query_tokens(text)
    used = {t.partition(":")[0] for kind, t in toks if kind == "pname" and t[:2] != "_:"}
    own = "\\u" not in text and "\\U" not in text and used <= declared_prefixes(text)
    return Analysis(inspect_query(text, toks=toks), bounded(text, toks=toks), own)


_remembered = lru_cache(maxsize=1024)(_analyse)
