"""Constants and the live-server handle shared by the HTTP client tests (the server itself:
``tests/live_server.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

TOKEN = "test-token-0123456789"
LIVE_TIMEOUT = 3.0


@dataclass(frozen=True)
class Live:
    url: str
    app: FastAPI
