"""The benchmark corpus generator: deterministic, and its documents extract to claims and votes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.extract import extract

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402


def test_same_seed_same_corpus(tmp_path: Path) -> None:
    a = corpus.write_corpus(tmp_path / "a", docs=12, seed=3)
    b = corpus.write_corpus(tmp_path / "b", docs=12, seed=3)
    assert a.kinds == b.kinds and a.characters == b.characters
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
    other = corpus.write_corpus(tmp_path / "c", docs=12, seed=4)
    assert other.characters != a.characters


def test_document_n_does_not_depend_on_the_corpus_size() -> None:
    assert corpus.document(5, seed=3) == corpus.document(5, seed=3)
    assert corpus.document(5, seed=3).text != corpus.document(6, seed=3).text


def test_index_gives_the_metadata(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path, docs=6, seed=3, start=100)
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert len(index) == 6
    for entry in index:
        assert (tmp_path / entry["file"]).is_file()
        assert entry["kind"] in {"meeting-summary", "press-briefing", "ngo-commentary"}
        assert entry["title"] and entry["publisher"] and entry["date"] >= "2014-01-01"


def test_documents_extract_to_claims_and_votes() -> None:
    claims = votes = 0
    kinds: dict[str, int] = {}
    claimants: set[str] = set()
    for n in range(40):
        d = corpus.document(n, seed=7)
        out = extract(d.text, doc_id=d.file[:-4], meta=d.meta)
        kinds[d.meta["kind"]] = kinds.get(d.meta["kind"], 0) + len(out["claims"])
        claims += len(out["claims"])
        votes += len(out["votes"])
        claimants |= {c["claimant"] for c in out["claims"]}
        for v in out["votes"]:
            assert v["in_favour"] + v["against"] + v["abstentions"] == 15
    assert claims > 40 * 5 and votes > 0
    assert all(kinds.get(k, 0) > 0 for k in ("meeting-summary", "press-briefing", "ngo-commentary"))
    assert {"usa", "chn", "rus"} <= claimants  # real states, recognised
