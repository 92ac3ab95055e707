"""A deterministic generator of realistic benchmark corpora: documents, not triples.

Writes UN Security Council meeting summaries, mission press-briefing transcripts (``SPEAKER:``
turns) and NGO commentary in the genre's prose, from templates (:mod:`corpus_text`), the real
states, persons and bodies of the reference data (``kg.reference.load_reference()``, so the
extractor recognises them) and invented persons and NGOs (new entities, resolved across
documents). Actors and topics are drawn from power laws (Zipf): a few states speak and are
spoken about in most documents, most in few. Meetings are dated 2014-2026; procedural and
resolution votes list how the Council members of that year voted.

Document ``n`` depends only on the seed and ``n`` (never on the corpus size), so a smaller
corpus is a prefix of a bigger one and an extra batch (``--start``) continues a corpus with
the same actors. An ``index.json`` beside the documents gives their title, date, publisher,
url and kind.

Usage::

    .venv/bin/python benchmarks/corpus.py --docs 2000 --out data/bench/corpus-1m
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, Path(__file__).resolve().parent):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import corpus_docs  # noqa: E402

from kg.reference import Reference, load_reference  # noqa: E402

START = dt.date(2014, 1, 1)
END = dt.date(2026, 12, 31)
KINDS = (("meeting-summary", 0.6), ("press-briefing", 0.2), ("ngo-commentary", 0.2))
INVENTED_PERSONS = 20_000  # fixed universe: a document never depends on the corpus size
INVENTED_NGOS = 2_000
# the states that speak and are spoken about most, in order of popularity (then the rest)
POPULAR_STATES = (
    ["usa", "rus", "chn", "gbr", "fra", "prk", "kor", "jpn", "syr", "ukr", "irn", "isr"]
    + ["mmr", "afg", "yem", "sdn", "ssd", "lby", "ind", "bra", "deu", "tur", "pak", "zaf"]
    + ["mex", "egy", "sau", "irq", "ven", "nga", "cod", "mli", "hti", "som", "pse", "alb"]
)
TOPIC_STATES = [
    "prk",
    "syr",
    "ukr",
    "mmr",
    "afg",
    "yem",
    "sdn",
    "ssd",
    "lby",
    "pse",
    "irn",
    "mli",
] + ["cod", "caf", "irq", "hti", "som", "ven", "bdi", "eri", "isr", "lbn", "blr", "nic"]
TARGET_BODIES = (
    ["un-security-council", "international-criminal-court", "commission-of-inquiry-dprk"]
    + ["special-rapporteur-dprk", "ohchr", "un-sanctions-dprk", "coi-syria", "iimm"]
    + ["un-human-rights-council", "un-1718-panel-of-experts", "coi-ukraine", "unicef", "wfp"]
    + ["ocha", "iaea", "african-union", "european-union", "asean", "arab-league", "unhcr"]
)
REFERENCE_NGOS = (
    ["human-rights-watch", "amnesty-international", "crisis-group", "hrnk", "nkhr", "tjwg"]
    + ["physicians-for-human-rights", "norwegian-refugee-council", "save-the-children"]
    + ["oxfam", "msf", "icrc", "security-council-report"]
)
MEDIA = ["reuters", "associated-press", "afp", "voice-of-america", "yonhap", "kyodo-news"] + [
    "nhk",
    "al-jazeera",
    "bbc",
    "passblue",
    "nk-news",
    "xinhua",
    "tass",
]
# counts of the reference data's own votes: generated votes never repeat them (the
# extractor would take such a meeting for the reference one)
_REFERENCE_COUNTS = {(11, 2, 2), (9, 4, 2), (9, 5, 1), (10, 3, 2), (12, 2, 1)}


class Zipf:
    """Draws items with probability proportional to 1 / rank**s."""

    def __init__(self, items: Sequence, *, s: float = 1.0) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(items))))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]

    def sample(self, rng: random.Random, k: int, *, exclude: set | None = None) -> list:
        """``k`` distinct items (fewer if the pool runs out), popular ones more likely."""
        out: list = []
        seen = set(exclude or ())
        for _ in range(k * 20):
            if len(out) >= min(k, len(self.items) - len(seen & set(self.items))):
                break
            item = self.draw(rng)
            if item not in seen:
                seen.add(item)
                out.append(item)
        return out


@dataclass(frozen=True)
class Person:
    """An invented person: name, pronoun and affiliation (role at an NGO, a state, a medium)."""

    name: str
    pronoun: str
    role: str
    affiliation: str  # an NGO name, a state id or a media id
    kind: str  # "ngo", "diplomat" or "journalist"


class World:
    """The actors every document draws from (depends on the seed only)."""

    def __init__(self, seed: int, ref: Reference | None = None) -> None:
        from corpus_text import NGO_KINDS, NGO_WORDS, ROLES, SURNAME_ENDS, SURNAME_PARTS

        self.ref = ref or load_reference()
        rng = random.Random(f"world/{seed}")
        ids = [s.id for s in self.ref.states if s.status == "member"]
        rest = sorted(set(ids) - set(POPULAR_STATES))
        rng.shuffle(rest)
        self.state_rank = [s for s in POPULAR_STATES if s in ids] + rest
        self.states = Zipf(self.state_rank, s=1.1)
        self.topics = Zipf(TOPIC_STATES, s=1.0)
        self.bodies = Zipf(TARGET_BODIES, s=1.0)
        self.media = Zipf(MEDIA, s=0.8)
        given = _given_names()
        ngos: list[str] = []
        for word, kind in itertools.product(NGO_WORDS, NGO_KINDS):
            ngos.append(f"{word} {kind}")
        rng.shuffle(ngos)
        for n in itertools.count():
            if len(ngos) >= INVENTED_NGOS:
                break
            ngos.append(f"{rng.choice(NGO_WORDS)} {rng.choice(NGO_KINDS)} {_roman(n + 2)}")
        self.ngo_names = ngos[:INVENTED_NGOS]
        self.ngos = Zipf(
            [("ref", i) for i in REFERENCE_NGOS] + [("new", n) for n in self.ngo_names], s=1.0
        )
        employers = [self.name(i) for i in REFERENCE_NGOS] + self.ngo_names
        persons: list[Person] = []
        seen: set[str] = set()
        while len(persons) < INVENTED_PERSONS:
            surname = rng.choice(SURNAME_PARTS) + rng.choice(SURNAME_ENDS)
            if rng.random() < 0.5:
                surname += rng.choice(SURNAME_ENDS)
            name = f"{rng.choice(given)} {surname}"
            if name in seen:
                continue
            seen.add(name)
            pronoun = rng.choice(("He", "She"))
            x = rng.random()
            if x < 0.45:
                ngo = employers[min(int(rng.paretovariate(1.0)) - 1, len(employers) - 1)]
                persons.append(Person(name, pronoun, rng.choice(ROLES), ngo, "ngo"))
            elif x < 0.8:
                state = self.state_rank[min(int(rng.paretovariate(0.8)) - 1, len(ids) - 1)]
                role = rng.choice(
                    ("Deputy Permanent Representative", "Minister for Foreign Affairs")
                )
                persons.append(Person(name, pronoun, role, state, "diplomat"))
            else:
                persons.append(Person(name, pronoun, "", rng.choice(MEDIA), "journalist"))
        self.persons = persons
        self.by_kind = {
            k: Zipf([p for p in persons if p.kind == k], s=1.0)
            for k in ("ngo", "diplomat", "journalist")
        }
        self._of: dict[str, list[Person]] = {}
        for p in persons:
            if p.kind != "journalist":
                self._of.setdefault(p.affiliation, []).append(p)

    def diplomats(self, state: str) -> list[Person]:
        """Invented diplomats of a state (most senior first)."""
        return self._of.get(state, [])

    def staff(self, ngo: str) -> list[Person]:
        """Invented staff of an NGO (by its name)."""
        return self._of.get(ngo, [])

    def name(self, entity_id: str) -> str:
        """How running text names a reference entity ("Bolivia", not "Bolivia (…)")."""
        e = self.ref.by_id(entity_id)
        label = e.label
        if "(" in label and getattr(e, "aliases", ()):
            return e.aliases[0]
        return label

    def council(self, year: int) -> list[str]:
        """The fifteen members sitting in ``year`` (2014-2026)."""
        return list(self.ref.security_council.members(min(max(year, 2014), 2026)))


def _roman(n: int) -> str:
    out, values = "", [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    for v, s in values:
        while n >= v:
            out, n = out + s, n - v
    return out


@lru_cache(maxsize=1)
def _given_names() -> list[str]:
    path = ROOT / "benchmarks" / "data" / "given_names.txt"  # names to invent people with
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n.strip() for n in lines if n.strip() and not n.startswith("#")]


@lru_cache(maxsize=4)
def world(seed: int) -> World:
    """The (cached) world of a seed."""
    return World(seed)


@dataclass(frozen=True)
class Document:
    """One generated document: its file name, text and index entry."""

    file: str
    text: str
    meta: dict


def document(n: int, *, seed: int = 7) -> Document:
    """Document number ``n`` of the corpus of ``seed`` (the same every time)."""
    w = world(seed)
    rng = random.Random(f"doc/{seed}/{n}")
    day = START + dt.timedelta(days=rng.randrange((END - START).days + 1))
    x, kind = rng.random(), KINDS[-1][0]
    for name, share in KINDS:
        if x < share:
            kind = name
            break
        x -= share
    write = {
        "meeting-summary": corpus_docs.meeting_summary,
        "press-briefing": corpus_docs.press_briefing,
        "ngo-commentary": corpus_docs.ngo_commentary,
    }[kind]
    title, text, publisher = write(w, rng, day, n)
    prefix = {"meeting-summary": "sc", "press-briefing": "pb", "ngo-commentary": "ngo"}[kind]
    file = f"{prefix}-{n:07d}.txt"
    meta = {
        "file": file,
        "title": title,
        "date": day.isoformat(),
        "publisher": publisher,
        "kind": kind,
        "url": f"https://bench.example.org/{kind}/{n:07d}",
    }
    return Document(file=file, text=text, meta=meta)


@dataclass
class CorpusSummary:
    """What :func:`write_corpus` wrote."""

    folder: Path
    documents: int
    characters: int
    kinds: dict[str, int]
    seconds: float


def write_corpus(folder: Path, *, docs: int, seed: int = 7, start: int = 0) -> CorpusSummary:
    """Write documents ``start .. start+docs-1`` and their ``index.json`` into ``folder``."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    index, chars, kinds = [], 0, {}
    for n in range(start, start + docs):
        d = document(n, seed=seed)
        (folder / d.file).write_text(d.text, encoding="utf-8")
        index.append(d.meta)
        chars += len(d.text)
        kinds[d.meta["kind"]] = kinds.get(d.meta["kind"], 0) + 1
    (folder / "index.json").write_text(
        json.dumps(index, ensure_ascii=False, indent=0), encoding="utf-8"
    )
    return CorpusSummary(folder, docs, chars, kinds, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="how many documents")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="number of the first document")
    args = parser.parse_args(argv)
    s = write_corpus(args.out, docs=args.docs, seed=args.seed, start=args.start)
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(s.kinds.items()))
    print(f"{s.documents} documents ({s.characters / 1e6:.1f} M characters; {kinds}) ")
    print(f"written to {s.folder} in {s.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
