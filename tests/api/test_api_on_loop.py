"""Where the relations API's routes compute: index-bounded work on the event loop, the rest
(and everything, against a remote store) in a worker thread."""

from __future__ import annotations

import asyncio
import threading

from fastapi.testclient import TestClient


def test_cheap_work_stays_on_the_loop_and_the_rest_goes_to_a_thread(client: TestClient) -> None:
    rt = client.app.state.runtime

    async def threads() -> tuple[str, str, str, str]:
        loop = threading.current_thread().name
        cheap = await rt.on_loop(lambda: threading.current_thread().name, cheap=True)
        other = await rt.on_loop(lambda: threading.current_thread().name, cheap=False)
        key = "test-on-loop"
        first = await rt.cached_off_loop(key, lambda: threading.current_thread().name)
        return loop, cheap, other, first

    loop, cheap, other, first = asyncio.run(threads())
    assert other != loop and first != loop
    assert (cheap == loop) == rt.inline_bounded  # a remote store's requests never block it
    assert asyncio.run(rt.cached_off_loop("test-on-loop", lambda: "again")) == first
