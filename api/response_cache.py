"""Rendered relations-API responses, kept per store state (ASGI middleware).

Every ``GET /api/…`` answer is a view of the store alone, so the same URL (with the same
``Accept``) gets the same bytes until the next write. A successful answer is kept, up to a
byte budget (least recently used dropped first), and sent again without routing, queries or
rendering; each carries an ``ETag`` so browsers and clients can revalidate
(``If-None-Match`` -> 304). A write (Graph Store, SPARQL update) empties the cache through
:meth:`api.runtime.Runtime.after_write`, which counts the store's generations.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.runtime import Runtime

PREFIX = "/api/"
MAX_ENTRY_BYTES = 1 << 20  # bigger answers (large CSV pages, layouts) are not kept


@dataclass(frozen=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


class Responses:
    """The kept answers: key -> Entry, within ``budget`` bytes of bodies.

    >>> r = Responses(budget=10)
    >>> r.put(("a",), 0, Entry(200, [], b"123456", b'"x"'))
    >>> r.put(("b",), 0, Entry(200, [], b"abcdef", b'"y"'))  # over budget: "a" goes
    >>> r.get(("a",), 0) is None, r.get(("b",), 0).body, r.get(("b",), 1)
    (True, b'abcdef', None)
    """

    def __init__(self, *, budget: int) -> None:
        self.budget = budget
        self._entries: OrderedDict[tuple, tuple[int, Entry]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, generation: int) -> Entry | None:
        with self._lock:
            hit = self._entries.get(key)
            if hit is None or hit[0] != generation:
                return None
            self._entries.move_to_end(key)
            return hit[1]

    def put(self, key: tuple, generation: int, entry: Entry) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1].body)
            self._entries[key] = (generation, entry)
            self._bytes += len(entry.body)
            while self._bytes > self.budget and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)


class ResponseCache:
    """The middleware: answers kept GETs under :data:`PREFIX` itself, keeps new ones."""

    def __init__(self, app: ASGIApp, *, runtime: Runtime, budget_bytes: int) -> None:
        self.app = app
        self.runtime = runtime
        self.responses = Responses(budget=budget_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(PREFIX)
            or self.responses.budget <= 0
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        key = (scope["path"], scope["query_string"], headers.get(b"accept", b""))
        generation = self.runtime.generation
        hit = self.responses.get(key, generation)
        if hit is not None:
            await _send(send, hit, headers.get(b"if-none-match"))
            return
        await self.app(scope, receive, _Recorder(self, key, generation, send))


class _Recorder:
    """Passes an answer on while recording it; a whole 200 answer within the size limit,
    produced while the store did not change, is kept."""

    def __init__(self, cache: ResponseCache, key: tuple, generation: int, send: Send) -> None:
        self.cache, self.key, self.generation, self.send = cache, key, generation, send
        self.start: Message | None = None
        self.parts: list[bytes] | None = []
        self.size = 0

    async def __call__(self, message: Message) -> None:
        if self.parts is None:  # not recording
            await self.send(message)
        elif message["type"] == "http.response.start":
            if message["status"] == 200:
                self.start = message  # held back until the whole body is known
            else:
                self.parts = None
                await self.send(message)
        elif message["type"] != "http.response.body":
            await self.send(message)
        else:
            self.parts.append(message.get("body", b""))
            self.size += len(self.parts[-1])
            if self.size > MAX_ENTRY_BYTES:  # too big to keep: pass it on as it comes
                held, self.parts = self.parts, None
                assert self.start is not None
                await self.send(self.start)
                await self.send({**message, "body": b"".join(held)})
            elif not message.get("more_body", False):
                entry = self._entry()
                if self.cache.runtime.generation == self.generation:
                    self.cache.responses.put(self.key, self.generation, entry)
                await _send(self.send, entry, None)

    def _entry(self) -> Entry:
        assert self.start is not None and self.parts is not None
        body = b"".join(self.parts)
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        etag = f'"{self.generation}-{digest}"'.encode()
        kept = [(k, v) for k, v in self.start.get("headers", []) if k.lower() != b"etag"]
        return Entry(self.start["status"], kept, body, etag)


def _matches(if_none_match: bytes | None, etag: bytes) -> bool:
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")]
    return b"*" in tags or etag in tags


async def _send(send: Send, entry: Entry, if_none_match: bytes | None) -> None:
    if _matches(if_none_match, entry.etag):
        headers = [(k, v) for k, v in entry.headers if k.lower() != b"content-length"]
        await send({"type": "http.response.start", "status": 304,
                    "headers": [*headers, (b"etag", entry.etag)]})  # fmt: skip
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": entry.status,
                "headers": [*entry.headers, (b"etag", entry.etag)]})  # fmt: skip
    await send({"type": "http.response.body", "body": entry.body})
