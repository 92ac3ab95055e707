"""A deterministic generator of realistic benchmark corpora: documents, not triples.

Writes UN Security Council meeting summaries, mission press-briefing transcripts (``SPEAKER:``
turns) and NGO commentary in the genre's prose, from templates (:mod:`corpus_text`), the real
states, persons and bodies of the reference data (``kg.reference.loader.load_reference()``, so the
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
import datetime as dt
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, Path(__file__).resolve().parent):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import corpus_docs  # noqa: E402
from corpus_world import END, KINDS, START, world  # noqa: E402


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
