"""Text views for extraction: a folded copy with the same offsets, sentences, blocks, turns.

Every offset the extractor reports indexes the stored document text. Matching runs on a
*folded* copy of the same length (accents stripped, lower case, curly quotes and dashes made
plain, non-breaking spaces made spaces), so "Türk" and "Turk", "People’s" and "People's" match
the same names.

>>> fold("Volker Türk’s “view”\\u00a0—")
'volker turk\\'s "view" -'
>>> [s.text for s in split_sentences("He spoke. Mr. Li agreed. U.S. envoy left.\\nNext line")]
['He spoke.', 'Mr. Li agreed.', 'U.S. envoy left.', 'Next line']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

_SPECIAL = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u3000": " ",
    "\t": " ",
    "\u00df": "s",
    "\u0131": "i",
    "\u0142": "l",
    "\u0141": "l",
    "\u00f8": "o",
    "\u00d8": "o",
    "\u0111": "d",
    "\u0110": "d",
    "\u00e6": "a",
    "\u00c6": "a",
}


@lru_cache(maxsize=65536)
def _fold_char(c: str) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    if c.isascii():
        return c.lower()
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    base = base.lower()
    if len(base) == 1:
        return base
    low = c.lower()
    return low if len(low) == 1 else c


def fold(text: str) -> str:
    """Lower-cased, accent-free copy of ``text`` with exactly the same length."""
    lowered = text.lower()
    if len(lowered) == len(text):  # the usual case: only the odd character needs a look-up
        if lowered.isascii() and "`" not in lowered and "\t" not in lowered:
            return lowered
        table = {c: _fold_char(c) for c in set(lowered) if not c.isascii() or c in "`\t"}
        table = {c: f for c, f in table.items() if f != c}
        if any(f in table for f in table.values()):  # replacing in turn would fold twice
            return lowered.translate({ord(c): f for c, f in table.items()})
        for c, f in table.items():  # a few distinct characters: one fast pass each
            lowered = lowered.replace(c, f)
        return lowered
    table = {}
    for c in set(text):
        if c.isascii() and not c.isupper() and c not in "`\t":
            continue
        f = _fold_char(c)
        if f != c:
            table[ord(c)] = f
    return text.translate(table) if table else text


def fold_key(text: str) -> str:
    """A comparison key for names: folded, punctuation dropped, spaces collapsed."""
    folded = fold(text)
    cleaned = re.sub(r"[^\w\s-]", "", folded).replace("-", " ")
    words = cleaned.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Sentence(NamedTuple):
    """A sentence: its span in the document and its text (a named tuple: a long document
    has tens of thousands, made quickly)."""

    start: int
    end: int
    text: str
    index: int = 0
    line: int = 0  # index of the line (block) the sentence is in


_ABBREV = {
    "mr",
    "ms",
    "mrs",
    "dr",
    "st",
    "no",
    "nos",
    "art",
    "arts",
    "para",
    "paras",
    "inc",
    "co",
    "corp",
    "ltd",
    "jr",
    "sr",
    "gen",
    "lt",
    "col",
    "sen",
    "rep",
    "amb",
    "prof",
    "vs",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "u.n",
    "a.m",
    "p.m",
    "approx",
    "fig",
    "vol",
    "op",
    "cf",
    "etc",
    "messrs",
    "mt",
    "ft",
}
# End of sentence: terminal punctuation, optional closing quotes/brackets, whitespace.
_CUT = re.compile(r"[.!?][\"'\u201d\u2019)\]]*[ \t\u00a0]+")
_OPENERS = "\"'\u201c\u2018(["


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if word in _ABBREV:
        return True
    # single initials ("J. Smith"), but not a lone pronoun "I"
    return len(word) == 1 and word.isalpha() and text[start].isupper() and word != "i"


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Lines of the text, soft-wrapped lines joined (a line break inside a sentence)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    pos = 0
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            break
        before = text[start:nl].rstrip()
        after_at = nl + 1
        while after_at < n and text[after_at] in " \t":
            after_at += 1
        nxt = text[after_at] if after_at < n else ""
        soft = (
            before
            and before[-1] not in ".!?:;\"'\u201d\u2019)]"
            and nxt.islower()
            and text[nl + 1 : after_at + 1].count("\n") == 0
        )
        if not soft:
            spans.append((start, nl))
            start = nl + 1
        pos = nl + 1
    spans.append((start, n))
    return spans


def split_sentences(text: str, *, offset: int = 0, line: int = 0) -> list[Sentence]:
    """Sentences of a text (never across a hard line break), with document offsets."""
    out: list[Sentence] = []
    for li, (ls, le) in enumerate(_line_spans(text)):
        chunk = text[ls:le]
        if not chunk.strip():
            continue
        cut_from = 0
        for m in _CUT.finditer(chunk):
            nxt = chunk[m.end() : m.end() + 1]
            if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
                continue
            if _is_abbreviation(chunk, m.start()) and not nxt.isdigit():
                continue
            _emit(out, text, ls + cut_from, ls + m.end(), offset, line + li)
            cut_from = m.end()
        _emit(out, text, ls + cut_from, le, offset, line + li)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int, offset: int, line: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(offset + start, offset + end, text[start:end], len(out), line))


def words(text: str) -> list[str]:
    """Word tokens (letters, digits, apostrophes inside words)."""
    return re.findall(r"[\w][\w'’-]*", text)


def word_starts(
    rx: re.Pattern, text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match]:
    """``rx.finditer`` keeping the matches that start a word, as if ``rx`` began with ``\\b``.

    A leading ``\\b`` stops the engine from scanning for the pattern's first characters, which
    costs ten times more on a long text; patterns that start with a word keep it out and are
    scanned through here.

    >>> [m.start() for m in word_starts(re.compile("port"), "port report port")]
    [0, 12]
    """
    end = len(text) if endpos is None else endpos
    m = rx.search(text, pos, end)
    while m is not None:
        i = m.start()
        if i == 0 or not _is_word(text[i - 1]):
            yield m
            m = rx.search(text, max(m.end(), i + 1), end)
        else:
            m = rx.search(text, i + 1, end)


def word_starts_from(
    rx: re.Pattern, text: str, heads: tuple[str, ...], pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match]:
    r"""What ``word_starts(rx, text, pos, endpos)`` yields, when every match of ``rx`` begins
    with one of the literal ``heads``: ``rx`` is only tried where a head occurs, which
    ``str.find`` locates far faster than the regular expression engine.

    >>> rx = re.compile(r"(?:called for|requested)\s+(?:a|the)\s+meeting")
    >>> text = "Malta requested a meeting; unrequested the meeting; Chad called for the meeting"
    >>> [m.start() for m in word_starts_from(rx, text, ("called for", "requested"))]
    [6, 57]
    >>> [m.start() for m in word_starts(rx, text)]
    [6, 57]
    """
    end = len(text) if endpos is None else endpos
    last = pos
    for i in literal_positions(text, heads, pos, end):
        if i < last or (i > 0 and _is_word(text[i - 1])):
            continue
        m = rx.match(text, i, end)
        if m is not None:
            yield m
            last = max(m.end(), i + 1)


def literal_positions(
    text: str, literals: tuple[str, ...], pos: int = 0, endpos: int | None = None
) -> list[int]:
    """Every position in ``text[pos:endpos]`` where one of ``literals`` starts, in order.

    ``str.find`` per literal; capitalised literals that cannot overlap one another are
    found in one regex pass instead (the engine skips to capitals, which are rare).

    >>> literal_positions("a meeting, a call, a recall", ("call", "meeting"))
    [2, 13, 23]
    >>> literal_positions("the Treaty and the Accords", ("Accord", "Accords", "Treaty"))
    [4, 19]
    """
    end = len(text) if endpos is None else endpos
    scanner = _capitals_scanner(literals)
    if scanner is not None:
        return [m.start() for m in scanner.finditer(text, pos, end)]
    at: set[int] = set()
    for literal in literals:
        i = text.find(literal, pos, end)
        while i >= 0:
            at.add(i)
            i = text.find(literal, i + 1, end)
    return sorted(at)


@lru_cache(maxsize=256)
def _capitals_scanner(literals: tuple[str, ...]) -> re.Pattern | None:
    """One alternation of ``literals`` when they all start with a capital and no two can
    overlap (so ``finditer`` meets every occurrence), else None."""
    if not literals or not all(x[:1].isupper() for x in literals):
        return None
    for a in literals:
        for b in literals:
            for k in range(1, len(a)):
                if b.startswith(a[k:]) or a[k:].startswith(b):
                    return None
    return re.compile("|".join(re.escape(x) for x in sorted(literals, key=len, reverse=True)))


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def trailing_word(text: str, *, inner: str, spaces: str | None = None) -> str:
    """The word that ``text`` ends with, followed by at least one space (``spaces``: the
    characters that count, default all whitespace); a word is letters, digits and the
    characters ``inner``. "" when ``text`` does not end so.

    >>> trailing_word("met the U.S. ", inner="_.'-"), trailing_word("met the", inner="_.'-")
    ('U.S.', '')
    """
    core = text.rstrip(spaces)
    if len(core) == len(text):
        return ""
    j = len(core)
    while j > 0 and (core[j - 1].isalnum() or core[j - 1] in inner):
        j -= 1
    return core[j:]


def trailing_letters(
    text: str, lo: int, hi: int, *, extra: str = "", space: bool = True
) -> tuple[int, int] | None:
    r"""(start, end) of the run of letters a-z (and ``extra``) that ``text[lo:hi]`` ends with
    before its trailing whitespace (at least one space when ``space``), or None: what
    ``re.search(r"([a-z]+)\s+$", text, lo, hi)`` finds, without the regex's quadratic look.

    >>> t = "he said  "
    >>> trailing_letters(t, 0, 9), trailing_letters(t, 0, 7), trailing_letters(t, 0, 7, space=False)
    ((3, 7), None, (3, 7))
    """
    j = hi
    while j > lo and text[j - 1].isspace():
        j -= 1
    if space and j == hi:
        return None
    k = j
    while k > lo and ("a" <= text[k - 1] <= "z" or text[k - 1] in extra):
        k -= 1
    return (k, j) if k < j else None
