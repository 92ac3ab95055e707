"""Safety of the HTTP layer: the write token, the body size cap and security headers.

Writes (SPARQL update, Graph Store PUT/POST/DELETE) need ``Authorization: Bearer <token>``
matching ``Settings.token``, compared in constant time; without a configured token the
server is read-only.
"""

from __future__ import annotations

import hmac
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import PayloadTooLarge, Unauthorized
from kg.errors import Forbidden

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Swagger UI sets inline styles; its scripts still come only from this server.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def check_token(authorization: str | None, token: str | None) -> None:
    """Allow a write, or raise Forbidden (writes disabled) / Unauthorized (bad token)."""
    if not token:
        raise Forbidden("this server is read-only: set KG_TOKEN to allow writes")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise Unauthorized("a valid 'Authorization: Bearer <token>' header is required")


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, whether or not they declare a
    Content-Length (chunked bodies are counted as they arrive)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(send, self.max_bytes)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise PayloadTooLarge(f"the request body exceeds {self.max_bytes} bytes")
            return message

        await self.app(scope, counted, send)


async def _too_large(send: Send, max_bytes: int) -> None:
    body = json.dumps(
        {
            "error": {
                "type": "PayloadTooLarge",
                "message": f"the request body exceeds {max_bytes} bytes",
            }
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


NOSNIFF = (b"x-content-type-options", b"nosniff")


class SecurityHeaders:
    """``nosniff`` on every response; a Content-Security-Policy and framing ban on HTML."""

    def __init__(self, app: ASGIApp, *, docs_path: str = "/docs") -> None:
        self.app = app
        self.docs_path = docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") == self.docs_path else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                ctype = dict(headers).get(b"content-type", b"")
                extra = [NOSNIFF]
                if ctype.startswith(b"text/html"):
                    extra += [
                        (b"content-security-policy", csp.encode()),
                        (b"x-frame-options", b"DENY"),
                        (b"referrer-policy", b"no-referrer"),
                    ]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
