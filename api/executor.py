"""Running SPARQL queries with a time limit that really stops them.

The engine cannot cancel a query, so queries run in worker processes (:mod:`api.worker`)
that the server kills when the time is up, then replaces. Each worker opens a read-only
snapshot of the store: the store directory itself when the server is read-only, otherwise a
checkpoint the server writes after each change (cheap: hard links; in-memory stores are
copied). A worker that is busy with a slow query never holds up the others, and nothing in
the server's own process waits on the engine for a user's query.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path

from api.errors import Busy, QueryTimeout
from api.worker import CHUNK, Result, Task
from kg import errors as kg_errors
from kg.errors import KGError, StoreError
from kg.store import GraphStore

log = logging.getLogger("kg.api")
_PROJECT = Path(__file__).resolve().parents[1]  # where ``api`` and ``kg`` can be imported from


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection
    snapshot: str | None = None


@dataclass
class _Snapshots:
    """Snapshot directories of a writable store: the current one and those still open."""

    root: Path | None = None
    current: str | None = None
    counter: int = 0
    stale: bool = True
    dirs: list[str] = field(default_factory=list)


class QueryPool:
    """A pool of killable query workers over snapshots of one store."""

    def __init__(self, store: GraphStore, *, size: int, timeout: float) -> None:
        self.store = store
        self.size = max(1, size)
        self.timeout = timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._snap = _Snapshots()
        self._started = False

    # lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the workers (idempotent; also after :meth:`close`)."""
        with self._lock:
            if self._started:
                return
            self._started = True
            for _ in range(self.size):
                self._idle.put(self._spawn())

    def close(self) -> None:
        """Stop every worker and remove the snapshots (the next query starts them again)."""
        with self._lock:
            self._started = False
            workers, self._all = self._all, []
            with contextlib.suppress(queue.Empty):
                while True:
                    self._idle.get_nowait()
            root, self._snap = self._snap.root, _Snapshots()
        for w in workers:
            self._stop(w)
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)

    def _spawn(self) -> _Worker:
        """A fresh worker: ``python -m api.worker FD`` talking over a socket pair (a new
        interpreter, so nothing of the server's state or main module is inherited)."""
        ours, theirs = socket.socketpair()
        paths = [str(_PROJECT), *filter(None, [os.environ.get("PYTHONPATH")])]
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-m", "api.worker", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
            )
        worker = _Worker(process=process, conn=Connection(ours.detach()))
        self._all.append(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        with contextlib.suppress(Exception):
            worker.conn.close()
        if worker.process.poll() is None:
            worker.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.process.wait(timeout=5)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker (stuck or broken) and put a fresh one in its place."""
        self._stop(worker)
        with self._lock:
            if worker not in self._all or not self._started:
                return  # closed meanwhile
            self._all.remove(worker)
            fresh = self._spawn()
        self._idle.put(fresh)
        self._cleanup()

    # snapshots --------------------------------------------------------------------------

    def invalidate(self) -> None:
        """The store changed: the next query gets a fresh snapshot."""
        with self._lock:
            self._snap.stale = True

    def snapshot(self) -> str:
        """The directory of the snapshot queries should read now (made if stale)."""
        with self._lock:
            return self._current_snapshot()

    def _current_snapshot(self) -> str:
        shared = self.store.reader_location()
        if shared is not None:  # a read-only directory, or a remote store: no snapshot
            return shared
        snap = self._snap
        if snap.stale or snap.current is None:
            if snap.root is None:
                parent = self.store.path.parent if self.store.path else None
                snap.root = Path(tempfile.mkdtemp(prefix=".kg-snapshots-", dir=parent))
            snap.counter += 1
            target = snap.root / f"s{snap.counter}"
            self.store.snapshot(target)
            snap.current, snap.stale = str(target), False
            snap.dirs.append(str(target))
        return snap.current

    def _cleanup(self) -> None:
        """Remove snapshots that are neither current nor open in a worker."""
        with self._lock:
            in_use = {w.snapshot for w in self._all} | {self._snap.current}
            for d in [d for d in self._snap.dirs if d not in in_use]:
                self._snap.dirs.remove(d)
                shutil.rmtree(d, ignore_errors=True)

    # running ----------------------------------------------------------------------------

    def run(self, task: Task) -> Answer:
        """Start a task and wait, within the time limit, for the first part of its answer
        (blocking: call it from a worker thread). A short answer comes whole; a longer one
        as a :class:`Stream` whose rest arrives before the same deadline.

        Raises QueryTimeout when the query took too long (its worker is killed), Busy when
        no worker came free in time, and the task's own error otherwise.
        """
        self.start()
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy("every query worker is busy: try again shortly") from None
        try:
            with self._lock:  # so that _cleanup never removes the snapshot it is given
                worker.snapshot = self._current_snapshot()
        except KGError:
            self._idle.put(worker)
            raise
        stream = Stream(self, worker, deadline)
        try:
            worker.conn.send(replace(task, snapshot=worker.snapshot))
            first = stream.receive()
        except BaseException:
            stream.close()
            raise
        if isinstance(first, Result):
            return Answer(result=first)
        return Answer(first=first, stream=stream)

    def _release(self, worker: _Worker, *, clean: bool) -> None:
        """A worker is done with a task: back to the pool, or replaced if it may be busy."""
        if clean and worker in self._all:
            self._idle.put(worker)
            self._cleanup()
        elif clean:
            self._stop(worker)  # the pool was closed while the query ran
        else:
            self._replace(worker)


def _raise(result: Result) -> Result:
    if result.error is not None:
        name, message, _status = result.error
        cls = getattr(kg_errors, name, None)
        if not (isinstance(cls, type) and issubclass(cls, KGError)):
            cls = StoreError
        raise cls(message)
    return result


class Stream:
    """The parts of one answer as its worker sends them, each before the query's deadline.

    The worker goes back to the pool when the final part has come, and is killed (and
    replaced) if the stream is closed before: a timeout, an error or a client gone away.
    """

    def __init__(self, pool: QueryPool, worker: _Worker, deadline: float) -> None:
        self._pool, self._worker, self._deadline = pool, worker, deadline
        self._open = True

    def receive(self) -> bytes | Result:
        """The next data chunk, or the final Result (the worker is then released)."""
        conn = self._worker.conn
        try:
            if not conn.poll(max(0.0, self._deadline - time.monotonic())):
                raise QueryTimeout(
                    f"the query ran longer than {self._pool.timeout:g} s and was stopped"
                )
            message = conn.recv_bytes()
        except (EOFError, OSError):
            raise StoreError("the query worker stopped unexpectedly") from None
        if message[:1] == CHUNK:
            return message[1:]
        result: Result = pickle.loads(message)
        self._open = False
        self._pool._release(self._worker, clean=True)
        return _raise(result)

    def rest(self) -> Iterator[bytes]:
        """The chunks after the first, the final part included; raises (after closing)
        when the worker reports an error or the deadline passes mid-way."""
        try:
            while self._open:
                part = self.receive()
                if isinstance(part, Result):
                    if part.body:
                        yield part.body
                    return
                yield part
        finally:
            self.close()

    def close(self) -> None:
        """Stop the answer where it is: a worker still sending is killed and replaced."""
        if self._open:
            self._open = False
            self._pool._release(self._worker, clean=False)


@dataclass
class Answer:
    """What :meth:`QueryPool.run` gives: a whole ``result``, or the ``first`` chunk of a
    ``stream``."""

    result: Result | None = None
    first: bytes = b""
    stream: Stream | None = None
