"""``kg serve``: options, settings and the URLs it prints (uvicorn itself is replaced)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import api.cli
from api.cli import serve


@pytest.fixture
def started(monkeypatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def fake_run(app, **kwargs) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr("uvicorn.run", fake_run)
    names = ("KG_HOST", "KG_PORT", "KG_TOKEN", "KG_STORE", "KG_QUERY_WORKERS", "KG_HTTP_WORKERS")
    for name in names:
        monkeypatch.delenv(name, raising=False)
    return calls


def cli() -> typer.Typer:
    app = typer.Typer()
    app.command(name="serve")(serve)
    app.command(name="noop")(lambda: None)  # a group, as in the kg app
    return app


def test_serve_defaults_and_urls(started, store_dir: Path) -> None:
    result = CliRunner().invoke(cli(), ["serve", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    [call] = started
    assert (call["host"], call["port"]) == ("127.0.0.1", 8000)
    for path in ("/docs", "/query", "/explore", "/sparql", "/api"):
        assert f"http://127.0.0.1:8000{path}" in result.output
    runtime = call["app"].state.runtime
    assert runtime.store.read_only and runtime.pool.size == 2
    runtime.close()


def test_serve_options_override_settings(started, store_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("KG_PORT", "9001")
    args = ["serve", "--store", str(store_dir), "--host", "0.0.0.0", "--workers", "3"]
    result = CliRunner().invoke(cli(), args)
    assert result.exit_code == 0, result.output
    [call] = started
    assert (call["host"], call["port"]) == ("0.0.0.0", 9001)
    assert "http://127.0.0.1:9001/query" in result.output
    assert call["app"].state.runtime.pool.size == 3
    call["app"].state.runtime.close()


def test_serve_in_several_processes_passes_its_options_on(started, store_dir: Path) -> None:
    args = ["serve", "--store", str(store_dir), "--http-workers", "2", "--workers", "1"]
    saved = dict(os.environ)  # the children's settings come from the environment
    try:
        result = CliRunner().invoke(cli(), args)
        assert result.exit_code == 0, result.output
        [call] = started
        assert call["app"] == "api.app:create_app" and call["factory"] is True
        assert call["workers"] == 2
        from kg.settings import Settings

        child = Settings()
        assert (child.store, child.http_workers, child.query_workers) == (str(store_dir), 2, 1)
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.mark.parametrize("problem", ["token", "memory", "missing"])
def test_several_processes_need_a_read_only_store_on_disk(
    started, store_dir: Path, monkeypatch, tmp_path: Path, problem: str
) -> None:
    store = {"memory": "memory", "missing": str(tmp_path / "none")}.get(problem, str(store_dir))
    if problem == "token":
        monkeypatch.setenv("KG_TOKEN", "secret")
    result = CliRunner().invoke(cli(), ["serve", "--store", store, "--http-workers", "2"])
    assert result.exit_code != 0 and not started
    from kg.errors import InputError

    assert isinstance(result.exception, InputError)
    assert "--http-workers" in str(result.exception)


def test_serve_is_registered_as_a_kg_command() -> None:
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="kg.commands")}
    assert names.get("serve") == "api.cli:serve"
    assert api.cli.serve is serve
