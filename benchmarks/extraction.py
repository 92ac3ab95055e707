"""Extraction quality and speed, printed.

Quality: runs the extractor over the sample corpus (``../shared/corpus`` by default) and scores
it with ``../shared/eval/score.py`` (entity, claim, vote and relation precision, recall, F1).
Speed: extraction throughput in MB of text per second on one core, over the sample documents
repeated into a large text and over a generated 5 MB document.

Usage::

    .venv/bin/python benchmarks/extraction.py [--corpus ../shared/corpus] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.documents import read_document  # noqa: E402
from kg.extract import extract  # noqa: E402

TARGETS = {"entity_f1": 0.90, "claim_strict_f1": 0.80, "vote_f1": 1.0, "relation_f1": 0.70}


def run_quality(corpus: Path, scorer: Path, *, keep: Path | None = None) -> dict:
    docs = sorted((corpus / "docs").glob("*.txt"))
    out_dir = keep or Path(tempfile.mkdtemp(prefix="kg-pred-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in docs:
        doc = read_document(path)
        meta = doc.meta.model_dump(mode="json") | {"title": doc.title}
        result = extract(doc.text, doc_id=doc.doc_id, meta=meta)
        result["document"] = path.name
        (out_dir / f"{path.stem}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    cmd = [
        sys.executable,
        str(scorer),
        "--docs-dir",
        str(corpus / "docs"),
        "--gold-dir",
        str(corpus / "gold"),
        "--pred-dir",
        str(out_dir),
    ]
    table = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    data = json.loads(
        subprocess.run([*cmd, "--json"], capture_output=True, text=True, check=True).stdout
    )
    return {"table": table, "total": data["total"]["metrics"], "pred_dir": str(out_dir)}


def run_speed(corpus: Path | None, *, megabytes: float = 2.0) -> dict:
    if corpus is not None and (corpus / "docs").is_dir():
        sample = "\n\n".join(
            p.read_text(encoding="utf-8") for p in sorted((corpus / "docs").glob("*.txt"))
        )
    else:
        sample = _generated_paragraph() * 10
    big = (sample + "\n\n") * int(megabytes * 1_000_000 / (len(sample) + 2) + 1)
    extract(sample, doc_id="warm", meta={"kind": "meeting-summary"})  # build caches
    size = len(big.encode("utf-8")) / 1_000_000
    results = {}
    for kind in ("meeting-summary", "ngo-commentary", "press-briefing"):
        t0 = time.process_time()
        out = extract(big, doc_id="speed", meta={"kind": kind, "publisher": "Human Rights Watch"})
        dt = time.process_time() - t0
        results[kind] = {
            "mb": round(size, 2),
            "seconds": round(dt, 2),
            "mb_per_s": round(size / dt, 2),
            "claims": len(out["claims"]),
        }
    return results


def _generated_paragraph() -> str:
    return (
        "The representative of France expressed concern about the humanitarian situation. "
        "The Russian representative said that sanctions had failed. China called for "
        "dialogue and restraint. The draft was adopted by 13 votes in favour to 1 against "
        "(Russian Federation), with 1 abstention (China).\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--keep", type=Path, help="write the predictions to this folder")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--megabytes", type=float, default=2.0)
    args = ap.parse_args(argv)
    report: dict = {}
    if (args.corpus / "docs").is_dir() and args.scorer.is_file():
        q = run_quality(args.corpus, args.scorer, keep=args.keep)
        report["quality"] = q["total"]
        if not args.json:
            print("Extraction quality on", args.corpus)
            print(q["table"])
            for key, target in TARGETS.items():
                value = q["total"][key]
                mark = "ok " if value is not None and value >= target else "LOW"
                print(f"  {mark} {key:<16} {value:.3f}  (target >= {target})")
    else:
        print(f"no corpus at {args.corpus}; skipping quality", file=sys.stderr)
    speed = run_speed(args.corpus, megabytes=args.megabytes)
    report["speed"] = speed
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print("\nExtraction throughput (one core, CPU time)")
        for kind, r in speed.items():
            mark = "ok " if r["mb_per_s"] >= 1.0 else "LOW"
            print(
                f"  {mark} {kind:<16} {r['mb']:.2f} MB in {r['seconds']:.2f} s = "
                f"{r['mb_per_s']:.2f} MB/s  (target >= 1.0)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
