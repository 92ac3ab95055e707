"""Extraction quality and speed, printed.

Quality: runs the extractor over a corpus with gold annotations (``../shared/corpus`` by
default, and our own development set ``tests/fixtures/devset``) and scores it with
``../shared/eval/score.py``: per document, per genre (meetings coverage, statements and
briefings, NGO, news) and in total, entity, claim strict and lenient, vote and relation
precision, recall and F1. Speed: extraction throughput in MB of text per second on one core.

Usage::

    .venv/bin/python benchmarks/extraction.py [--corpus DIR ...] [--json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.documents.reading import read_document  # noqa: E402
from kg.extract import extract  # noqa: E402

TARGETS = {"entity_f1": 0.90, "claim_strict_f1": 0.80, "vote_f1": 1.0, "relation_f1": 0.70}
GENRES = ("meetings coverage", "statements and briefings", "NGO", "news")
COLUMNS = (
    ("ent F1", "entity_f1"),
    ("claim P", "claim_strict_p"),
    ("claim R", "claim_strict_r"),
    ("claim F1", "claim_strict_f1"),
    ("len F1", "claim_lenient_f1"),
    ("vote F1", "vote_f1"),
    ("rel P", "relation_p"),
    ("rel R", "relation_r"),
    ("rel F1", "relation_f1"),
)


def genre(meta: dict) -> str:
    """The genre of a document, from words of its declared kind and publisher."""
    kind = str(meta.get("kind") or meta.get("publisher") or "").lower()
    if any(w in kind for w in ("ngo", "commentary", "op-ed", "opinion", "human rights watch")):
        return "NGO"
    if any(w in kind for w in ("news", "wire", "article", "reuters", "agence")):
        return "news"
    if any(w in kind for w in ("statement", "briefing", "transcript", "remarks", "speech")):
        return "statements and briefings"
    return "meetings coverage"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def run_quality(corpus: Path, score, *, keep: Path | None = None) -> dict:
    """Per-document counts and metrics, per genre and total."""
    rows = []
    totals: dict[str, dict] = {}
    for gold_path in sorted((corpus / "gold").glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        path = next((corpus / "docs").glob(f"{stem}.*"), None)
        if path is None:
            continue
        doc = read_document(path)
        meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
        pred = extract(doc.text, doc_id=doc.doc_id, meta=meta)
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{stem}.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1))
        counts = score.score_document(
            path.read_text(encoding="utf-8"),
            score.read_annotation(gold_path),
            _as_annotation(pred),
        )
        g = genre(meta)
        rows.append((stem, g, counts))
        for key in (g, "TOTAL"):
            acc = totals.setdefault(key, dict.fromkeys(score.COUNT_KEYS, 0))
            for k in score.COUNT_KEYS:
                acc[k] += counts[k]
    return {
        "documents": [(n, g, score.summarise(c)) for n, g, c in rows],
        "genres": {g: score.summarise(c) for g, c in totals.items() if g != "TOTAL"},
        "total": score.summarise(totals.get("TOTAL", dict.fromkeys(score.COUNT_KEYS, 0))),
        "counts": totals.get("TOTAL"),
    }


def _as_annotation(pred: dict) -> dict:
    out = dict(pred)
    for key in ("entities", "claims", "votes", "relations"):
        out[key] = out.get(key) or []
    return out


def table(rows: list[tuple[str, dict]]) -> str:
    width = max([8] + [len(n) for n, _ in rows])
    lines = ["  ".join([f"{'':<{width}}"] + [f"{h:>8}" for h, _ in COLUMNS])]
    for name, m in rows:
        cells = ["-" if m.get(k) is None else f"{m[k]:.3f}" for _, k in COLUMNS]
        lines.append("  ".join([f"{name:<{width}}"] + [f"{c:>8}" for c in cells]))
    return "\n".join(lines)


def run_speed(corpus: Path | None, *, megabytes: float = 2.0) -> dict:
    docs = sorted((corpus / "docs").glob("*.txt")) if corpus and (corpus / "docs").is_dir() else []
    sample = "\n\n".join(p.read_text(encoding="utf-8") for p in docs) or _paragraph() * 10
    big = (sample + "\n\n") * int(megabytes * 1_000_000 / (len(sample) + 2) + 1)
    extract(sample, doc_id="warm", meta={"kind": "meeting-summary"})  # build caches
    size = len(big.encode("utf-8")) / 1_000_000
    results = {}
    for kind, publisher in (
        ("meeting-summary", "United Nations"),
        ("ngo-commentary", "Human Rights Watch"),
        ("press-briefing", "United States Mission to the United Nations"),
    ):
        t0 = time.process_time()
        out = extract(big, doc_id="speed", meta={"kind": kind, "publisher": publisher})
        dt = time.process_time() - t0
        results[kind] = {
            "mb": round(size, 2),
            "seconds": round(dt, 2),
            "mb_per_s": round(size / dt, 2),
            "claims": len(out["claims"]),
        }
    return results


def _paragraph() -> str:
    return (
        "The representative of France expressed concern about the humanitarian situation. "
        "The Russian representative said that sanctions had failed. China called for "
        "dialogue and restraint. The draft was adopted by 13 votes in favour to 1 against "
        "(Russian Federation), with 1 abstention (China).\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="a folder with docs/ and gold/ (repeatable; default: the shared corpus and "
        "tests/fixtures/devset)",
    )
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--keep", type=Path, help="write the predictions to this folder")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--megabytes", type=float, default=2.0)
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    corpora = args.corpus or [ROOT.parent / "shared" / "corpus", ROOT / "tests/fixtures/devset"]
    report: dict = {"quality": {}}
    if not args.scorer.is_file():
        print(f"no scorer at {args.scorer}; skipping quality", file=sys.stderr)
    else:
        score = load_scorer(args.scorer)
        for corpus in corpora:
            if not (corpus / "gold").is_dir():
                print(f"no gold annotations in {corpus}; skipped", file=sys.stderr)
                continue
            keep = args.keep / corpus.name if args.keep else None
            q = run_quality(corpus, score, keep=keep)
            report["quality"][str(corpus)] = {k: q[k] for k in ("total", "genres", "counts")}
            if args.json:
                continue
            print(f"\nExtraction quality on {corpus}")
            docs = [(n, m) for n, _g, m in q["documents"]]
            print(table([*docs, ("TOTAL", q["total"])]))
            print("\nper genre")
            print(table([(g, q["genres"][g]) for g in GENRES if g in q["genres"]]))
            for key, target in TARGETS.items():
                value = q["total"][key]
                mark = "ok " if value is not None and value >= target else "LOW"
                print(f"  {mark} {key:<16} {value:.3f}  (target >= {target})")
            worst = min((m["claim_strict_f1"], n) for n, m in docs) if docs else None
            if worst:
                mark = "ok " if worst[0] >= 0.5 else "LOW"
                print(f"  {mark} lowest claim F1   {worst[0]:.3f}  ({worst[1]}; target >= 0.5)")
    if not args.no_speed:
        speed = run_speed(corpora[0], megabytes=args.megabytes)
        report["speed"] = speed
        if not args.json:
            print("\nExtraction throughput (one core, CPU time)")
            for kind, r in speed.items():
                mark = "ok " if r["mb_per_s"] >= 1.0 else "LOW"
                print(
                    f"  {mark} {kind:<16} {r['mb']:.2f} MB in {r['seconds']:.2f} s = "
                    f"{r['mb_per_s']:.2f} MB/s  (target >= 1.0)"
                )
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
