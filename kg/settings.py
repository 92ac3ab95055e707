"""Settings: the only reader of the environment (variables prefixed ``KG_``).

>>> s = Settings(base_iri="https://example.org/kg/")
>>> s.base_iri
'https://example.org/kg/'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration of the library, the CLI and the server."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    base_iri: str = "https://w3id.org/diplokg/"
    """Prefix of every instance IRI (entities, claims, documents, graphs)."""
    store: str = "data/store"
    """Where the embedded store lives: a directory path, or ``memory`` for a throwaway store."""
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    """When set, SPARQL update and Graph Store writes are allowed with this bearer token."""
    query_timeout: float = 10.0
    """Seconds before a SPARQL query is stopped."""
    max_rows: int = 10_000
    """Most rows a SPARQL SELECT returns over HTTP; the response says when it was capped."""
    max_body_bytes: int = 5_000_000
    """Largest request body the server reads (bigger ones get 413)."""
    query_workers: int = 2
    """Processes that run SPARQL queries (a query past its time is stopped by killing its
    worker, so one slow query never holds up the others)."""
    cors_origins: list[str] = ["*"]
    """Origins allowed to read the API and SPARQL endpoint from a browser (JSON list in the
    environment, e.g. KG_CORS_ORIGINS='["https://example.org"]'); writes are never allowed
    cross-origin."""
    max_document_bytes: int = 50_000_000

    @field_validator("base_iri")
    @classmethod
    def _slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://", "urn:")):
            raise ValueError("base_iri must be an http(s) or urn IRI")
        return value if value.endswith(("/", "#")) else value + "/"

    @property
    def store_path(self) -> Path | None:
        """The store directory, or None for an in-memory store."""
        return None if self.store in ("", "memory", ":memory:") else Path(self.store)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
