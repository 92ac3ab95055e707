"""Settings: the only reader of the environment (variables prefixed ``KG_``).

>>> s = Settings(base_iri="https://example.org/kg/")
>>> s.base_iri
'https://example.org/kg/'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kg.documents.reading import MAX_BYTES


class Settings(BaseSettings):
    """Configuration of the library, the CLI and the server."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    base_iri: str = "https://w3id.org/diplokg/"
    """Prefix of every instance IRI (entities, claims, documents, graphs)."""
    store: str = "data/store"
    """Where the graph lives: a directory (the embedded store), ``memory`` for a throwaway
    store, or the URL of a remote SPARQL 1.1 query endpoint (e.g. an Oxigraph server at
    ``http://127.0.0.1:7878``; see :mod:`kg.store.remote`)."""
    store_update: str | None = None
    """Remote store only: the SPARQL update endpoint (default: derived from the dialect)."""
    store_gsp: str | None = None
    """Remote store only: the Graph Store Protocol endpoint (default: from the dialect)."""
    store_dialect: str | None = None
    """Remote store only: oxigraph, fuseki, virtuoso or generic (how the union default graph
    and row caps are handled)."""
    store_max_rows: int | None = None
    """Remote store only: the server's silent row cap, so results are paged (Virtuoso: 10000)."""
    store_timeout: float = 60.0
    """Remote store only: seconds to wait for the server."""
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    """When set, SPARQL update and Graph Store writes are allowed with this bearer token."""
    query_timeout: float = 10.0
    """Seconds before a SPARQL query is stopped."""
    max_rows: int | None = None
    """An operator's cap on the rows (or triples) of one SPARQL answer; a larger result is
    refused with HTTP 422 before any row is sent. Unset: every result is streamed whole."""
    inline_bounded: bool = True
    """Answer index lookups (queries whose work the engine bounds, see kg.store.bounded) in
    the server process, without the round trip to a query worker."""
    response_cache_mb: float = 64.0
    """Memory for rendered relations-API answers (``GET /api/…``), each kept until the next
    write and sent again with an ETag (see api.response_cache); 0 turns the cache off."""
    max_body_bytes: int = 5_000_000
    """Largest request body the server reads (bigger ones get 413)."""
    http_workers: int = 1
    """HTTP server processes (``kg serve``), each with its own query workers; more than one
    needs a read-only store (no ``KG_TOKEN``), a directory or a remote store they all open."""
    query_workers: int = 2
    """Processes that run SPARQL queries (a query past its time is stopped by killing its
    worker, so one slow query never holds up the others)."""
    cors_origins: list[str] = ["*"]
    """Origins allowed to read the API and SPARQL endpoint from a browser (JSON list in the
    environment, e.g. KG_CORS_ORIGINS='["https://example.org"]'); writes are never allowed
    cross-origin."""
    max_document_bytes: int = MAX_BYTES

    @field_validator("base_iri")
    @classmethod
    def _slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://", "urn:")):
            raise ValueError("base_iri must be an http(s) or urn IRI")
        return value if value.endswith(("/", "#")) else value + "/"

    @field_validator("max_rows", mode="before")
    @classmethod
    def _no_cap(cls, value: object) -> object:
        """``KG_MAX_ROWS`` empty, 0 or ``none``: no cap.

        >>> Settings(max_rows="0").max_rows is None and Settings(max_rows=5).max_rows
        5
        """
        if value is None or str(value).strip().lower() in ("", "0", "none"):
            return None
        if int(str(value)) < 0:
            raise ValueError("max_rows must be a positive number of rows (or 0: no cap)")
        return value

    @property
    def store_is_remote(self) -> bool:
        return self.store.startswith(("http://", "https://"))

    @property
    def store_path(self) -> Path | None:
        """The store directory, or None for an in-memory or remote store."""
        if self.store in ("", "memory", ":memory:") or self.store_is_remote:
            return None
        return Path(self.store)

    @property
    def store_location(self) -> Path | str | None:
        """What :func:`kg.store.open_store` opens: a directory, None (memory), or a remote
        endpoint URL with its options.

        >>> Settings(store="http://127.0.0.1:7878", store_max_rows=500).store_location
        'http://127.0.0.1:7878#max_rows=500&timeout=60'
        """
        if not self.store_is_remote:
            return self.store_path
        options = {
            "update": self.store_update,
            "gsp": self.store_gsp,
            "dialect": self.store_dialect,
            "max_rows": self.store_max_rows,
            "timeout": f"{self.store_timeout:g}",
        }
        url, _, given = self.store.partition("#")
        extra = urlencode({k: v for k, v in options.items() if v})
        return f"{url}#{'&'.join(x for x in (given, extra) if x)}"

    def store_label(self) -> str:
        """The store as people read it in messages."""
        if self.store_is_remote:
            return self.store.partition("#")[0]
        return str(self.store_path) if self.store_path else "memory"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
