"""The world a benchmark corpus is drawn from: the real reference actors and invented
persons and NGOs, with popularity drawn from power laws (Zipf). Depends on the seed only.
Used by :mod:`corpus` (the documents' metadata) and :mod:`corpus_docs` (their prose).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, Path(__file__).resolve().parent):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))


from kg.reference.loader import Reference, load_reference  # noqa: E402

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
