"""Source documents: finding, reading and describing them.

A document is a ``.txt``, ``.md`` or ``.html`` file. Its metadata (title, date, publisher, url,
kind) comes from an ``index.json`` beside it (a list of objects with a ``file`` key, or an object
keyed by file name) or from a sidecar ``<file>.meta.json``; the sidecar wins. HTML is turned
into text with inscriptis. The stored text is what every evidence offset indexes.

Every problem with one file raises :class:`kg.errors.InputError` with a one-line message that
names the file, so a batch can report it and go on.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "note.txt").write_text("The Council met on Monday.", encoding="utf-8")
>>> doc = read_document(folder / "note.txt")
>>> doc.doc_id, doc.text, doc.media_type
('note', 'The Council met on Monday.', 'text/plain')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from kg.errors import InputError
from kg.rdf.iris import slug

SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html"}
INDEX_NAME = "index.json"
SIDECAR_SUFFIX = ".meta.json"
MAX_BYTES = 50_000_000


class DocumentMeta(BaseModel):
    """Metadata of one document, as written in an index or sidecar file."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    title: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    kind: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("url must start with http:// or https://")
        return value or None


@dataclass(frozen=True)
class SourceDocument:
    """A document read from disk, ready for extraction and storage."""

    doc_id: str
    path: Path
    text: str
    sha256: str
    media_type: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    @property
    def title(self) -> str:
        return self.meta.title or self.path.stem


def _meta_error(path: Path, source: Path, exc: ValidationError) -> InputError:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "entry"
    return InputError(f"{path}: bad metadata in {source.name} ({where}: {first['msg']})")


def index_path(folder: Path) -> Path | None:
    """The index of a folder of documents: ``index.json`` beside them, else one level up
    (a corpus laid out as ``corpus/index.json`` + ``corpus/docs/``)."""
    for candidate in (folder / INDEX_NAME, folder.parent / INDEX_NAME):
        if candidate.is_file():
            return candidate
    return None


def load_index(folder: Path) -> dict[str, Any]:
    """Raw metadata entries of ``folder/index.json`` keyed by file name ({} when absent).

    A file that is not valid JSON or not a list/object raises InputError; single entries are
    checked later, when their document is read, so one bad entry does not stop the batch.
    """
    found = index_path(folder)
    if found is None:
        return {}
    try:
        data = json.loads(found.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{found}: cannot read the index: {exc}") from None
    if isinstance(data, dict):
        return {str(k): v for k, v in data.items()}
    if not isinstance(data, list):
        raise InputError(f"{found}: the index must be a list or an object")
    entries: dict[str, Any] = {}
    for i, entry in enumerate(data):
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            entries[entry["file"]] = entry
        else:
            entries[f"#{i}"] = entry  # reported when nothing claims it
    return entries


def read_meta(path: Path, *, index: dict[str, Any] | None = None) -> DocumentMeta:
    """Metadata for one document: sidecar file, else index entry, else empty."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.is_file():
        try:
            raw = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: cannot read sidecar {sidecar.name}: {exc}") from None
        source = sidecar
    else:
        if index is None:
            index = load_index(path.parent)
        raw = index.get(path.name)
        source = index_path(path.parent) or path.parent / INDEX_NAME
        if raw is None:
            return DocumentMeta()
    if not isinstance(raw, dict):
        raise InputError(f"{path}: bad metadata in {source.name} (the entry is not an object)")
    try:
        return DocumentMeta.model_validate(raw)
    except ValidationError as exc:
        raise _meta_error(path, source, exc) from None


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return repair_mojibake(text)


def repair_mojibake(text: str) -> str:
    """Undo text that was decoded with the wrong codec once ("TÃ¼rk" -> "Türk").

    Only text that ftfy judges mis-encoded is touched, so clean documents are stored exactly
    as they are (their checksum and every offset stay those of the file).

    >>> repair_mojibake("Volker TÃ¼rk")
    'Volker Türk'
    >>> repair_mojibake("Volker Türk’s")
    'Volker Türk’s'
    """
    from ftfy import badness, fix_encoding

    return fix_encoding(text) if badness.is_bad(text) else text


def html_to_text(html: str) -> str:
    """Visible text of an HTML page (inscriptis keeps block layout as line breaks)."""
    from inscriptis import get_text
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    config = ParserConfig(css=CSS_PROFILES["strict"], display_links=False)
    text = get_text(html, config)
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip() + "\n"


def _html_title(html: str) -> str | None:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    title = root.findtext(".//title")
    return " ".join(title.split()) if title and title.strip() else None


def read_document(
    path: Path, *, index: dict[str, Any] | None = None, max_bytes: int = MAX_BYTES
) -> SourceDocument:
    """Read one document file; raises InputError naming the file on any problem."""
    path = Path(path)
    media_type = SUFFIXES.get(path.suffix.lower())
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    if media_type is None:
        allowed = ", ".join(sorted(SUFFIXES))
        raise InputError(f"{path}: unsupported file type '{path.suffix}' (expected {allowed})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: too large ({size} bytes; the limit is {max_bytes})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    text = _decode(path, data).replace("\r\n", "\n").replace("\r", "\n")
    meta = read_meta(path, index=index)
    if media_type == "text/html":
        if meta.title is None:
            meta = meta.model_copy(update={"title": _html_title(text)})
        text = html_to_text(text)
        if not text.strip():
            raise InputError(f"{path}: the HTML page has no text")
    return SourceDocument(
        doc_id=slug(path.stem),
        path=path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        media_type=media_type,
        meta=meta,
    )


def collect(paths: Iterable[Path | str]) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders into document files (sorted), plus errors for bad paths.

    Folders contribute their files with a supported suffix (not recursively); a file named
    explicitly is returned whatever its suffix, so that reading it reports the problem.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            if not found:
                errors.append(InputError(f"{path}: no .txt, .md or .html documents in folder"))
            files.extend(found)
            errors.extend(_unclaimed_index_entries(path, {p.name for p in found}))
        elif path.exists():
            files.append(path)
        else:
            errors.append(InputError(f"{path}: no such file or directory"))
    return list(dict.fromkeys(files)), errors


def _unclaimed_index_entries(folder: Path, names: set[str]) -> list[InputError]:
    """Index entries that name no file, or have no ``file`` key, are reported, not dropped."""
    try:
        index = load_index(folder)
    except InputError as exc:
        return [exc]
    where = index_path(folder)
    beside = where is not None and where.parent == folder
    errors = []
    for key in index:
        if key.startswith("#"):
            errors.append(InputError(f"{where}: entry {key[1:]} has no 'file' name"))
        elif key not in names and beside:
            errors.append(InputError(f"{where}: entry names missing file {key}"))
    return errors
