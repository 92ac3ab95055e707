"""A small SPARQL lexer: what a request's query or update does, before the engine runs it.

Oxigraph executes ``SERVICE`` (an HTTP request to any endpoint) and ``LOAD`` (fetches a URL,
or reads a file) itself, so both are refused here: keywords are found as tokens, never inside
strings, IRIs or comments, and codepoint escapes (``\\u0053ERVICE``) are decoded first, so
the check errs on the side of refusing. It also finds the query form (for content
negotiation), dataset clauses (``FROM``) and applies the protocol's ``using-graph-uri`` /
``using-named-graph-uri`` to an update.

>>> inspect_query("PREFIX ex: <http://ex/service#> SELECT * WHERE { ?s ex:SERVICE 'SERVICE' }")
QueryShape(form='SELECT', has_dataset=False)
>>> inspect_query("ASK FROM <http://ex/g> {}")
QueryShape(form='ASK', has_dataset=True)
>>> inspect_query("SELECT * { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }")
Traceback (most recent call last):
kg.errors.InvalidQuery: SERVICE is not allowed: this endpoint never calls other services
>>> apply_using("INSERT { ?s a ?t } WHERE { ?s a ?t }", ["http://ex/g"], [])
'INSERT { ?s a ?t } USING <http://ex/g> WHERE { ?s a ?t }'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg.errors import InvalidQuery

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d]\w*(?:[\w.-]*\w)?)?:(?:[\w:%.-]|\\.)*|_:[\w.-]+)
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^<>"{}|^`\\\x00-\x20]*$')
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
FORBIDDEN = {
    "SERVICE": "SERVICE is not allowed: this endpoint never calls other services",
    "LOAD": "LOAD is not allowed: this endpoint never fetches URLs or reads files",
}


_IRI_TOKEN = r"<[^<>\"{}|^`\\\x00-\x20]*>"
# PREFIX and BASE declarations in one regex step: no bare words that could hide an operation
_PROLOGUE = re.compile(
    rf"(?:\s+|\#[^\n]*|(?i:PREFIX)\s*(?:[^\W\d][\w.-]*)?:\s*{_IRI_TOKEN}|(?i:BASE)\s*{_IRI_TOKEN})*"
)


def prologue_end(text: str) -> int:
    """Where the prologue (PREFIX / BASE declarations) of a query ends.

    >>> prologue_end("PREFIX ex: <http://ex/> BASE <http://b/> SELECT * {}")
    41
    """
    match = _PROLOGUE.match(text)
    return match.end() if match else 0


_DECLARATION = re.compile(r"(?i:PREFIX)\s*([^\W\d][\w.-]*)?:")


def declared_prefixes(text: str) -> set[str]:
    """The prefixes the query's prologue declares (``""`` for ``PREFIX :``).

    >>> sorted(declared_prefixes("PREFIX ex: <http://ex/> PREFIX : <http://d/> ASK {}"))
    ['', 'ex']
    """
    end = prologue_end(text)
    return {m.group(1) or "" for m in _DECLARATION.finditer(text, 0, end)}


class Token(NamedTuple):
    """One significant token (a tuple: made for every token of every query)."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str | None:
        return self.text.upper() if self.kind == "word" else None


@dataclass(frozen=True)
class QueryShape:
    """What a query is: its form and whether it names its own dataset (FROM / FROM NAMED)."""

    form: str | None
    has_dataset: bool


def tokens(text: str) -> list[Token]:
    """Every significant token (whitespace and comments dropped)."""
    return [
        Token(m.lastgroup or "punct", m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
        if m.lastgroup not in ("ws", "comment")
    ]


def _decoded(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _words(text: str, start: int = 0) -> list[str]:
    """The upper-cased bare words of the text from ``start``, in order (no Token objects:
    this runs on every request)."""
    return [m.group().upper() for m in _TOKEN.finditer(text, start) if m.lastgroup == "word"]


def keywords(text: str, *, words: list[str] | None = None) -> set[str]:
    """The upper-cased bare words of the text, also after decoding codepoint escapes."""
    found = set(_words(text) if words is None else words)
    if _ESCAPE.search(text):
        try:
            found |= set(_words(_decoded(text)))
        except (ValueError, OverflowError):  # an escape beyond Unicode: refuse to guess
            raise InvalidQuery("invalid codepoint escape") from None
    return found


def _refuse(words: set[str]) -> None:
    for word, message in FORBIDDEN.items():
        if word in words:
            raise InvalidQuery(message)


def refuse_forbidden(text: str) -> None:
    """Raise InvalidQuery when the text uses SERVICE or LOAD."""
    _refuse(keywords(text))


def query_tokens(text: str) -> list[tuple[str, str]]:
    """The (kind, text) of every significant token after the prologue (whose declarations
    hold no words but PREFIX and BASE), for :func:`inspect_query` and
    :func:`kg.store.bounded.bounded` to share."""
    return [
        (m.lastgroup or "punct", m.group())
        for m in _TOKEN.finditer(text, prologue_end(text))
        if m.lastgroup not in ("ws", "comment")
    ]


def inspect_query(text: str, *, toks: list[tuple[str, str]] | None = None) -> QueryShape:
    """The form of a query (None when it has none of the four) and whether it has FROM
    (``toks``: its :func:`query_tokens`, if already made)."""
    if toks is None:
        words = _words(text, prologue_end(text))
    else:
        words = [t.upper() for kind, t in toks if kind == "word"]
    _refuse(keywords(text, words=words))
    form = next((w for w in words if w in FORMS), None)
    return QueryShape(form=form, has_dataset="FROM" in words)


def check_iri(value: str, *, name: str) -> str:
    """An absolute IRI given as a protocol parameter, or InvalidQuery."""
    if not _IRI.match(value):
        raise InvalidQuery(f"{name} must be an absolute IRI: {value!r}")
    return value


def _operations(toks: list[Token]) -> list[list[tuple[int, Token]]]:
    """Top-level operations of an update: tokens with their brace depth, split at ';'."""
    ops: list[list[tuple[int, Token]]] = [[]]
    depth = 0
    for tok in toks:
        if tok.text == "{":
            depth += 1
        elif tok.text == "}":
            depth = max(depth - 1, 0)
        if depth == 0 and tok.text == ";":
            ops.append([])
            continue
        ops[-1].append((depth if tok.text != "{" else depth - 1, tok))
    return [op for op in ops if op]


def apply_using(text: str, using: list[str], using_named: list[str]) -> str:
    """The update with ``USING``/``USING NAMED`` clauses for the protocol's graphs added to
    every operation that has a WHERE clause (``DELETE WHERE`` is expanded to allow it)."""
    refuse_forbidden(text)
    if not using and not using_named:
        return text
    clause = " ".join(
        [f"USING <{check_iri(g, name='using-graph-uri')}>" for g in using]
        + [f"USING NAMED <{check_iri(g, name='using-named-graph-uri')}>" for g in using_named]
    )
    edits: list[tuple[int, int, str]] = []
    for op in _operations(tokens(text)):
        top = [tok for depth, tok in op if depth == 0]
        words = [t.keyword for t in top]
        if "USING" in words or "WITH" in words:
            raise InvalidQuery(
                "using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH"
            )
        for i, tok in enumerate(top):
            if tok.keyword != "WHERE":
                continue
            if i > 0 and top[i - 1].keyword == "DELETE":
                pattern = _group_after(text, op, tok)
                edits.append((tok.start, tok.start, f"{pattern} {clause} "))
            else:
                edits.append((tok.start, tok.start, f"{clause} "))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _group_after(text: str, op: list[tuple[int, Token]], where: Token) -> str:
    """The source text of the ``{ … }`` group that follows a WHERE token."""
    depth, begin = 0, None
    for _, tok in op:
        if tok.start < where.end:
            continue
        if tok.text == "{":
            depth += 1
            begin = tok.start if begin is None else begin
        elif tok.text == "}":
            depth -= 1
            if depth == 0 and begin is not None:
                return text[begin : tok.end]
    raise InvalidQuery("DELETE WHERE needs a { … } pattern")


def prologue(prefixes: dict[str, str], *, base_iri: str | None = None) -> str:
    """PREFIX (and BASE) lines to put before a query or update."""
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    lines += [f"PREFIX {p}: <{ns}>" for p, ns in prefixes.items()]
    return "\n".join(lines) + "\n"


_CLAUSE_ENDS = {"WHERE", "FROM", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP"}


def substitute(text: str, values: dict[str, str]) -> str:
    """Bind variables by writing their terms where the variables are (SEP-0007 semantics).

    ``values`` maps variable names to terms in SPARQL syntax, serialised by the store from
    RDF terms (never user text). A bound variable in a projection becomes ``(term AS ?var)``
    so results still carry it; in GROUP BY and ORDER BY it becomes ``(term)``; elsewhere the
    term itself — which lets the engine's planner start from the known node.

    >>> substitute("SELECT ?e ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?e", {"e": "<http://x>"})
    'SELECT (<http://x> AS ?e) ?l WHERE { <http://x> skos:prefLabel ?l } ORDER BY (<http://x>)'
    >>> substitute("SELECT (COUNT(?s) AS ?n) WHERE { ?s a ?t }", {"s": "<http://x>"})
    'SELECT (COUNT(<http://x>) AS ?n) WHERE { <http://x> a ?t }'
    >>> substitute("ASK { ?s ?p '?s' }", {"s": "<http://x>"})
    "ASK { <http://x> ?p '?s' }"
    """
    if not values:
        return text
    out: list[str] = []
    last = 0
    for start, end, name, mode in _variable_sites(text):
        term = values.get(name)
        if term is None:
            continue
        out.append(text[last:start])
        out.append(f"({term} AS ?{name})" if mode == "as" else f"({term})" if mode else term)
        last = end
    out.append(text[last:])
    return "".join(out)


@lru_cache(maxsize=1024)
def _variable_sites(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """Where each variable of the text is and how a term bound to it is written there:
    ``as`` in a projection, ``()`` in GROUP BY / ORDER BY, else bare (``""``). The queries
    bound this way are our own templates, so the tokenising is done once per template."""
    sites = []
    clause = None  # "select" (a projection), "group" or "order" (after BY), else None
    depth = 0  # parentheses inside the clause
    for t in tokens(text):
        kw = t.keyword
        if kw == "SELECT":
            clause, depth = "select", 0
        elif kw in ("GROUP", "ORDER"):
            clause, depth = kw.lower(), 0
        elif kw in _CLAUSE_ENDS or t.text in ("{", "}"):
            clause = None
        elif t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        if t.kind != "var":
            continue
        top = depth == 0
        mode = "as" if clause == "select" and top else "()" if clause and top else ""
        sites.append((t.start, t.end, t.text[1:], mode))
    return tuple(sites)


def with_values(text: str, values: dict[str, list[str]]) -> str:
    """Put one ``VALUES`` block per variable at the start of a SELECT's WHERE group, so the
    engine starts from those terms (one query for many items instead of one per item).

    ``values`` maps variable names to terms in SPARQL syntax, serialised by the store from
    RDF terms (never user text). An empty list gives no solutions.

    >>> with_values("SELECT ?l WHERE { ?e skos:prefLabel ?l }", {"e": ["<http://x>", "<http://y>"]})
    'SELECT ?l WHERE { VALUES ?e { <http://x> <http://y> } ?e skos:prefLabel ?l }'
    """
    if not values:
        return text
    brace = next((t for t in tokens(text) if t.text == "{"), None)
    if brace is None:
        raise ValueError("with_values needs a query with a WHERE group")
    block = " ".join(f"VALUES ?{k} {{ {' '.join(ts)} }}" for k, ts in values.items())
    return text[: brace.end] + " " + block + text[brace.end :]
