"""Running one function over many items on every core, results in order; and clean interrupts.

`run_ordered(work, shared, items, jobs)` calls `work(shared, item)` for each item and yields the
results in the order of `items`, whether it runs in this process (`jobs == 1`) or in worker
processes. Each worker receives `shared` once, when it starts, so an item carries only itself;
a run of several passes keeps one `Workers` for all of them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from types import FrameType
from typing import Any, Final, Generic, TypeVar

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

_CHUNK: Final = 8  # items per task: fewer round trips, still an even spread over the workers
_AHEAD: Final = 4  # tasks in flight per worker: results wait in order without piling up
_STOPPING: Final = (signal.SIGTERM, signal.SIGINT)
_WORKER_GC: Final = (20_000, 50, 1_000)
"""Collection thresholds of a worker. An item makes thousands of short-lived objects that
reference counting frees, not cycles; Python's default (700 allocations) collected so often
that reading a case file cost a tenth more."""


class Interrupted(BaseException):
    """Raised when SIGTERM or SIGINT stops a run; a BaseException so no handler swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def available_cores() -> int:
    """The number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1  # pragma: no cover - macOS, Windows


class _Task:
    """What a worker process keeps: the data shared by every item of the run."""

    shared: Any = None
    started = False
    busy = False


def _start_worker(shared: object) -> None:
    """Worker initializer: keep the shared data; leave Ctrl-C to the parent, clean up on SIGTERM.

    Why:
        Ctrl-C reaches every process of the terminal; the parent alone decides to stop, then
        waits for the workers' current items, whose temporaries it removes.
    """
    _Task.shared, _Task.started = shared, True
    gc.freeze()  # what every item uses is never collected: no collection walks it again
    gc.set_threshold(*_WORKER_GC)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_terminated)


def _worker_terminated(signum: int, _frame: FrameType | None) -> None:
    if _Task.busy:
        raise Interrupted(signum)  # the item's own cleanup runs on the way out
    os._exit(128 + signum)  # idle between items: nothing of ours to clean up


def _nothing() -> None:
    """A first task, so that the pool starts its workers at once."""


def _run_chunk(work: Callable[[Any, Any], Any], chunk: Sequence[Any]) -> list[Any]:
    assert _Task.started, "worker started without its shared data"
    _Task.busy = True
    try:
        return [work(_Task.shared, item) for item in chunk]
    finally:
        _Task.busy = False


def start_method() -> str:
    """How worker processes start: forked from this one where that is safe, else spawned.

    Why:
        A spawned worker imports docgen again and compiles every template again (about a
        second each); a forked one starts with what this process already holds. Forking is
        only safe on Linux from a process running a single thread (another thread could hold
        a lock the child would inherit locked), so `docgen serve`, whose jobs run in threads,
        and macOS and Windows spawn.
    """
    alone = threading.active_count() == 1 and threading.current_thread() is threading.main_thread()
    return "fork" if sys.platform == "linux" and alone else "spawn"


class Workers(Generic[Shared]):
    """The worker processes of one run, each given `shared` once, when it starts.

    Why one pool for a run:
        A spawned worker costs about a second to start (importing docgen, compiling the
        templates); a run of two passes over its cases (numbers first, then documents) pays
        it once.

    Why `start_from`: the workers start with the first call of `ordered` given that many
    items; a smaller call before runs in this process. A run that finds only a case or two
    to read or render (a clerk edited one file) was half a second slower in a worker, which
    had to start and compile the templates the case needs while this process waited.
    """

    def __init__(self, shared: Shared, jobs: int, *, start_from: int = 0) -> None:
        self.shared, self.jobs = shared, jobs
        self._start_from = start_from
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers[Shared]:
        if self._start_from == 0:
            self._start()
        return self

    def _start(self) -> None:
        if self.jobs > 1 and self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context(start_method()),
                initializer=_start_worker,
                initargs=(self.shared,),
            )
            for _ in range(self.jobs):  # each starts a worker now: this process works meanwhile
                self._pool.submit(_nothing)

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def ordered(
        self,
        work: Callable[[Shared, Item], Result],
        items: Iterable[Item],
        chunk: int = _CHUNK,
    ) -> Generator[Result, None, None]:
        """`work(shared, item)` for every item, in order, in the workers when there are any.

        `work` must be a module-level function and the items picklable. With workers, the
        first items are handed out at once, so this process can do other work before it takes
        the results; `chunk` items go to a worker at a time (more for cheap items: fewer round
        trips). An exception raised by `work` reaches the caller as itself (a bug keeps its
        type and traceback text). Closing the iterator cancels the items not yet started;
        leaving the `with` block waits for the workers' current ones.
        """
        if not isinstance(items, Sized) or len(items) >= self._start_from:
            self._start()
        if self._pool is None:
            return (work(self.shared, item) for item in items)
        pool = self._pool
        remaining = iter(items)
        chunks: Iterator[list[Item]] = iter(lambda: list(islice(remaining, chunk)), [])
        pending = deque(
            pool.submit(_run_chunk, work, part) for part in islice(chunks, self.jobs * _AHEAD)
        )
        return _in_order(pool, work, pending, chunks)


def _in_order(
    pool: ProcessPoolExecutor,
    work: Callable[[Any, Item], Result],
    pending: deque[Future[list[Result]]],
    chunks: Iterator[list[Item]],
) -> Generator[Result, None, None]:
    """The results of the chunks in flight, in order, each taken one handing out the next."""
    try:
        while pending:
            results = pending.popleft().result()
            for part in islice(chunks, 1):
                pending.append(pool.submit(_run_chunk, work, part))
            yield from results
    finally:
        for future in pending:
            future.cancel()


def run_ordered(
    work: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Iterable[Item],
    jobs: int,
) -> Generator[Result, None, None]:
    """`work(shared, item)` for every item, in order; in `jobs` worker processes when > 1.

    Closing the iterator stops the workers after their current items, before it returns.
    """
    with Workers(shared, jobs) as workers:
        yield from workers.ordered(work, items)


@contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into `Interrupted` while the block runs; restore them after.

    Why:
        A render stopped by the system or by Ctrl-C must remove its temporaries on the way
        out; by default SIGTERM ends the process at once, leaving them behind.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set in the main thread
        return
    previous = {signum: signal.getsignal(signum) for signum in _STOPPING}

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise Interrupted(signum)

    for signum in _STOPPING:
        signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold SIGTERM and SIGINT back while the block runs; a signal that came is raised after.

    Why:
        Swapping a case's documents in is quick; stopping halfway through it would leave the
        case half old, half new.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {signum: signal.getsignal(signum) for signum in _STOPPING}
    for signum in _STOPPING:
        signal.signal(signum, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if held:
        raise Interrupted(held[0])
