"""Reading documents: formats, metadata, and every kind of bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.documents.reading import collect, read_document
from kg.errors import InputError

BRIEFING = (
    "The Security Council heard a briefing on Myanmar on Tuesday. The representative of "
    "Ireland expressed concern about detentions."
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_text_document_with_index_metadata(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BRIEFING)
    index = [
        {
            "file": "a.txt",
            "title": "Myanmar briefing",
            "date": "2023-03-07",
            "publisher": "UN",
            "kind": "meeting-summary",
            "url": "https://example.org/a",
        }
    ]
    write(tmp_path, "index.json", json.dumps(index))
    doc = read_document(tmp_path / "a.txt")
    assert doc.text == BRIEFING
    assert doc.meta.title == "Myanmar briefing"
    assert doc.meta.date.isoformat() == "2023-03-07"
    assert len(doc.sha256) == 64


def test_sidecar_wins_over_index(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# Note\n\nSome text.")
    write(tmp_path, "index.json", json.dumps([{"file": "a.md", "title": "from index"}]))
    write(tmp_path, "a.md.meta.json", json.dumps({"title": "from sidecar"}))
    assert read_document(tmp_path / "a.md").meta.title == "from sidecar"


def test_html_is_converted_to_text_and_titled(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Council press</title><script>var x = 1;</script></head>"
        "<body><h1>Syria</h1><p>The representative of France <b>called for</b> access.</p>"
        "</body></html>"
    )
    doc = read_document(write(tmp_path, "p.html", html))
    assert "called for access" in doc.text
    assert "<b>" not in doc.text and "var x" not in doc.text
    assert doc.meta.title == "Council press"


def test_windows_line_endings_are_normalised(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "w.txt", b"Line one.\r\nLine two.\r\n"))
    assert doc.text == "Line one.\nLine two.\n"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n ", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Déclaration".encode("latin-1"), "UTF-8"),
        ("image.png", b"not really", "unsupported file type"),
    ],
)
def test_bad_files_raise_one_line_errors_naming_the_file(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert name in message and fragment in message and "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", BRIEFING)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads any file: make the read fail as it would for others
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError, match="locked.txt: cannot read: Permission denied"):
        read_document(path)


def test_malformed_index_entry_fails_only_that_document(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", BRIEFING)
    write(tmp_path, "bad.txt", BRIEFING)
    index = [{"file": "good.txt", "date": "2024-01-02"}, {"file": "bad.txt", "date": "June"}]
    write(tmp_path, "index.json", json.dumps(index))
    assert read_document(tmp_path / "good.txt").meta.date.year == 2024
    with pytest.raises(InputError, match=r"bad\.txt.*index\.json.*date"):
        read_document(tmp_path / "bad.txt")


def test_collect_reports_missing_paths_and_orphan_index_entries(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BRIEFING)
    write(tmp_path, "notes.csv", "x,y")
    write(tmp_path, "index.json", json.dumps([{"file": "gone.txt"}, {"title": "no file key"}]))
    files, errors = collect([tmp_path, tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["a.txt"]
    messages = sorted(str(e) for e in errors)
    assert any("gone.txt" in m for m in messages)
    assert any("no 'file' name" in m for m in messages)
    assert any("missing.txt" in m and "no such file" in m for m in messages)
