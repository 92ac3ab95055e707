"""A remote store's answer read as it arrives: the HTTP response as a binary file that the
engine's results parser (which parses lazily) reads chunk by chunk, so a result of any size
passes through in bounded memory.
"""

from __future__ import annotations

import io
import weakref

import httpx


class StreamedBody(io.RawIOBase):
    """The body of a streamed ``httpx`` response as a readable file. The response is closed
    at the end of the body, on :meth:`close`, or when the reader is dropped half-read;
    a connection that fails part-way raises ``OSError`` (what the engine reports for a
    failed read).

    >>> body = StreamedBody(httpx.Response(200, content=iter([b"ab", b"cde"])))
    >>> body.read(4), body.read(4), body.read(4)
    (b'ab', b'cde', b'')
    """

    def __init__(self, response: httpx.Response) -> None:
        super().__init__()
        self._chunks = response.iter_bytes()
        self._left = memoryview(b"")  # the rest of the current chunk (sliced without copying)
        self._done = weakref.finalize(self, response.close)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while not self._left:
            try:
                self._left = memoryview(next(self._chunks))
            except StopIteration:
                self.close()
                return 0
            except httpx.HTTPError as exc:
                self.close()
                raise OSError(f"the store stopped sending its answer: {exc}") from None
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]
        return n

    def close(self) -> None:
        self._done()
        super().close()
