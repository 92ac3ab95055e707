"""The layout holds: data flows one way (``api/`` and ``viz/`` import ``kg/``, never the
reverse), only the store knows the engine, and no modules import each other in a circle."""

from __future__ import annotations

import ast
import sys
from functools import lru_cache
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kg", "api", "viz", "benchmarks")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@lru_cache(maxsize=1)
def _modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            if "__pycache__" not in path.parts:
                out[_module_name(path)] = path
    return out


def _imports(path: Path, name: str) -> set[str]:
    """Every module an import statement anywhere in the file names (lazy ones included):
    ``from X import y`` names ``X.y`` when that is a module, else ``X``."""
    modules = _modules()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            subs = {f"{base}.{a.name}" for a in node.names} & set(modules)
            found.update(subs or {base})
    return found


def _graph() -> nx.DiGraph:
    modules = _modules()
    g = nx.DiGraph()
    for name, path in modules.items():
        g.add_node(name)
        for imported in _imports(path, name):
            if imported in modules:
                g.add_edge(name, imported)
            elif name.startswith("benchmarks.") and f"benchmarks.{imported}" in modules:
                g.add_edge(name, f"benchmarks.{imported}")  # scripts import siblings by name
    return g


def test_kg_never_imports_the_edges():
    for name, path in _modules().items():
        if name.split(".")[0] == "kg":
            bad = {m for m in _imports(path, name) if m.split(".")[0] in ("api", "viz")}
            assert not bad, f"{name} imports {sorted(bad)}"


def test_only_the_store_knows_the_engine():
    for name, path in _modules().items():
        if name.split(".")[0] in ("kg", "api", "viz") and not name.startswith("kg.store"):
            bad = {m for m in _imports(path, name) if m.split(".")[0] == "pyoxigraph"}
            assert not bad, f"{name} imports pyoxigraph"


def test_no_import_circles():
    cycles = [sorted(c) for c in nx.strongly_connected_components(_graph()) if len(c) > 1]
    assert not cycles, f"modules importing each other in a circle: {cycles}"


def test_the_checker_reads_lazy_and_relative_imports(tmp_path, monkeypatch):
    pkg = tmp_path / "kg" / "demo"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from . import b\n")
    (pkg / "b.py").write_text("from kg.demo.a import f\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    _modules.cache_clear()
    try:
        assert _imports(pkg / "a.py", "kg.demo.a") == {"kg.demo.b"}
        assert [c for c in nx.strongly_connected_components(_graph()) if len(c) > 1]
    finally:
        _modules.cache_clear()
