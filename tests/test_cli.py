"""The kg command, run as a user would (a subprocess), on small stores of its own."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

TEXT = "The representative of Chile expressed concern about the humanitarian situation in Haiti."


def kg(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "KG_STORE": str(cwd / "store"), **env},
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a built store holding the reference data and one good document."""
    root = tmp_path_factory.mktemp("cli")
    docs = root / "docs"
    docs.mkdir()
    (docs / "haiti.txt").write_text(TEXT, encoding="utf-8")
    (docs / "index.json").write_text(
        json.dumps([{"file": "haiti.txt", "title": "Haiti briefing", "date": "2024-04-02"}]),
        encoding="utf-8",
    )
    result = kg("build", str(docs), cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def test_build_prints_a_summary(workdir: Path) -> None:
    result = kg("build", str(workdir / "docs"), cwd=workdir)
    assert result.returncode == 0
    assert "1 document(s) stored" in result.stderr


def test_query_csv_output(workdir: Path) -> None:
    result = kg(
        "query",
        "SELECT ?id WHERE { ?d a dkg:Document ; dcterms:identifier ?id }",
        "-f",
        "csv",
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows == [{"id": "haiti"}]


def test_query_json_output_is_sparql_results(workdir: Path) -> None:
    result = kg("query", "ASK { ?s a dkg:State }", "-f", "json", cwd=workdir)
    assert json.loads(result.stdout)["boolean"] is True


def test_bad_query_is_one_line_error(workdir: Path) -> None:
    result = kg("query", "SELECT WHERE {", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


def test_stats_json(workdir: Path) -> None:
    data = json.loads(kg("stats", "--json", cwd=workdir).stdout)
    classes = {c["class"]: c["count"] for c in data["classes"]}
    assert classes["dkg:State"] == 195
    assert [d["id"] for d in data["documents"]] == ["haiti"]


def test_export_turtle_parses(workdir: Path) -> None:
    from rdflib import Graph

    out = workdir / "graph.ttl"
    assert kg("export", "-f", "turtle", "-o", str(out), cwd=workdir).returncode == 0
    graph = Graph().parse(out, format="turtle")
    assert len(graph) > 1000


def test_export_graphml_parses(workdir: Path) -> None:
    import networkx as nx

    out = workdir / "graph.graphml"
    assert kg("export", "-f", "graphml", "-o", str(out), cwd=workdir).returncode == 0
    graph = nx.read_graphml(out)
    assert graph.nodes["chn"]["label"] == "China"


def test_validate_conforms(workdir: Path) -> None:
    result = kg("validate", "--json", cwd=workdir)
    report = json.loads(result.stdout)
    assert report["conforms"] is True, report["violations"][:5]
    assert result.returncode == 0


def test_ingest_bad_batch_exits_nonzero_and_names_files(workdir: Path) -> None:
    bad = workdir / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "ok.txt").write_text(TEXT, encoding="utf-8")
    result = kg("ingest", str(bad), str(workdir / "missing.md"), cwd=workdir)
    assert result.returncode == 1
    assert "empty.txt" in result.stderr and "missing.md" in result.stderr
    assert "1 document(s) stored" in result.stderr


def test_the_document_size_limit_is_a_setting(workdir: Path) -> None:
    small = workdir / "small-limit"
    small.mkdir(exist_ok=True)
    (small / "long.txt").write_text(TEXT * 3, encoding="utf-8")
    result = kg("ingest", str(small), cwd=workdir, KG_MAX_DOCUMENT_BYTES="100")
    assert result.returncode == 1
    assert "long.txt" in result.stderr and "the limit is 100" in result.stderr
    assert kg("ingest", str(small), cwd=workdir).returncode == 0


def test_unknown_export_format(workdir: Path) -> None:
    result = kg("export", "-f", "xlsx", cwd=workdir)
    assert result.returncode == 2 and "unknown export format" in result.stderr
