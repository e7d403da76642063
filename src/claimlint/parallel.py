"""Spread per-file work over processes; results come back in input order.

Linting one file is pure CPU work in Python, so threads do not help and
processes do. Workers are forked: they inherit the compiled rules, the
plugin registry and every cached regex, so nothing but file names goes out
and only small per-file results come back. Rules are sent back as their
position in the run's rule list (pickle ``persistent_id``), not as copies,
so a finding unpickles to the very same ``Rule`` object as in a serial run.

Parallelism is only used when it pays: with one job, a handful of files, or
no ``fork`` start method (Windows), everything runs in this process, which
gives exactly the same results in the same order.

A worker may also hand an item back (``in_worker`` returns None) for this
process to run in its turn. On a docs site only a score of pages in thousands
hold copy, and those cost nearly all the time, mostly in building what their
rules need (regexes, RE2 programs) the first time: run in whichever worker
meets them, each worker built the same things again, while this process,
which only collects results, sat idle.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any, Generic, NoReturn, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items a pool costs more (fork, pipes) than it saves.
MIN_ITEMS = 48
#: Items linted here before the pool starts, so workers inherit what they
#: built (compiled regexes, automata); the first few build nearly all of it,
#: and every item more is run on one core while the other waits.
WARM = 8
#: Items per task at first, and the fewest per task: small enough that both
#: workers stay busy until the end where every item is a page of copy.
CHUNK = 8
#: The most items per task. Each task costs this process about half a
#: millisecond of CPU (the pool's queues, threads and pickles): 0.2 s over
#: a docs corpus's 3,096 mostly empty files in tasks of eight.
MAX_CHUNK = 64
#: CPU seconds a worker should spend on one task: tasks are sized from what
#: the last one cost per item (see :func:`next_chunk`).
CHUNK_SECONDS = 0.02
#: Chunks in flight per worker: enough to keep workers busy while this
#: process unpacks results, few enough that memory stays flat.
AHEAD = 32

_TASK: _Task[Any, Any] | None = None
#: Shared with the workers of the running pool: [items handed back, handed-back items run here].
_BACKLOG: Any = None


def default_jobs() -> int:
    """All cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(os.cpu_count() or 1, 1)


def workers_for(items: int, jobs: int | None) -> int:
    """How many worker processes to start for ``items`` work items (0: run serially)."""
    wanted = default_jobs() if not jobs or jobs < 1 else jobs
    if wanted < 2 or items < MIN_ITEMS:
        return 0
    import multiprocessing  # only now: importing it costs a pre-commit run ~10 ms

    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return min(wanted, max(items // CHUNK, 1))


class _Task(Generic[T, R]):
    """The per-item functions (here and in workers) plus the objects to send back by reference."""

    def __init__(
        self, fn: Callable[[T], R], shared: Sequence[object], in_worker: Callable[[T], R | None] | None = None
    ) -> None:
        self.fn = fn
        self.in_worker: Callable[[T], R | None] = in_worker or fn
        self.shared = list(shared)
        self.index = {id(obj): i for i, obj in enumerate(self.shared)}

    def dumps(self, value: object) -> bytes:
        buf = io.BytesIO()
        pickler = pickle.Pickler(buf, pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = lambda obj: self.index.get(id(obj))  # type: ignore[method-assign]
        pickler.dump(value)
        return buf.getvalue()

    def loads(self, data: bytes) -> Any:
        unpickler = pickle.Unpickler(io.BytesIO(data))
        unpickler.persistent_load = self.shared.__getitem__  # type: ignore[method-assign]
        return unpickler.load()


def backlog() -> int:
    """Items workers have handed back that this process has not run yet (0 outside a pool).

    A worker asks before it hands one more back, so this process, which runs
    them one by one in input order, never falls far behind the workers.
    """
    shared = _BACKLOG
    return 0 if shared is None else shared[0] - shared[1]


def _count(slot: int) -> None:
    shared = _BACKLOG
    if shared is not None:
        with shared.get_lock():
            shared[slot] += 1


class WorkerFailed(Exception):
    """A worker raised, and the same item did not raise when rerun here."""


def _init_worker() -> None:
    """Let the parent alone handle Ctrl-C (it terminates the pool)."""
    import signal  # here, like traceback: a run too small for a pool imports neither

    signal.signal(signal.SIGINT, signal.SIG_IGN)


#: What a worker sends back per item: (True, pickled result), (False, traceback) or (None, b"") for "run it there".
Sent = tuple[bool | None, bytes | str]


def next_chunk(items: int, seconds: float) -> int:
    """How many items to put in the next task, given that a task of ``items`` took a worker ``seconds`` of CPU.

    Cheap items (files the prefilter skips) go in large tasks, so the pool's
    per-task cost stops mattering; costly ones (pages of copy) in small
    tasks, so no worker is left with a long task while the other is done.
    """
    if seconds <= 0:
        return MAX_CHUNK
    return max(CHUNK, min(MAX_CHUNK, int(CHUNK_SECONDS * items / seconds)))


def _run_chunk(items: list[Any]) -> tuple[list[Sent], float]:
    """Run one task in a worker; also report the CPU it took, which sizes the next tasks."""
    started = time.process_time()
    return _run_items(items), time.process_time() - started


def _run_items(items: list[Any]) -> list[Sent]:
    task = _TASK
    assert task is not None, "worker started without a task"
    out: list[Sent] = []
    for item in items:
        try:
            result = task.in_worker(item)
            if result is None:
                _count(0)
                out.append((None, b""))
            else:
                out.append((True, task.dumps(result)))
        except Exception:  # noqa: BLE001 - reported by rerunning the item in the parent
            import traceback

            out.append((False, traceback.format_exc()))
    return out


def imap_ordered(
    fn: Callable[[T], R],
    items: Iterable[T],
    jobs: int | None = None,
    shared: Sequence[object] = (),
    in_worker: Callable[[T], R | None] | None = None,
    warmed: Callable[[int], bool] | None = None,
    warm_fn: Callable[[T], R] | None = None,
) -> Iterator[R]:
    """``map(fn, items)``, spread over processes when that pays, in input order.

    With at least ``MIN_ITEMS`` items, the first ``WARM`` run here before the
    pool starts: whatever they build lazily (compiled automata, regexes) is
    then inherited by every worker instead of built again in each.

    ``items`` may be a lazy iterator (files as discovery finds them): it is
    consumed here, in this thread, a few chunks ahead of the results, so
    memory does not grow with the number of items. ``fn`` and everything it
    uses must be set up before calling this: forked workers see the parent's
    memory as it is now. ``shared`` objects (the run's rules) cross the
    process boundary by reference. A failure in a worker is reproduced by
    rerunning that item here, so the caller sees the original exception type.
    Workers call ``in_worker`` (default ``fn``) instead; where it returns
    None, ``fn`` runs here on that item, in its turn (see :func:`backlog`).
    ``warmed(n)``, asked after each of the first items run here, ends that
    warm-up instead of the count ``WARM``; when it takes every item, no pool
    starts. ``warm_fn`` (default ``fn``) runs those items; it may also note
    what they cost, for ``warmed`` to read.
    """
    it = iter(items)
    head = list(islice(it, MIN_ITEMS + 1))
    workers = workers_for(sys.maxsize, jobs) if len(head) > MIN_ITEMS else 0
    if workers == 0:
        yield from map(fn, chain(head, it))
        return
    rest = chain(head, it)
    done = warmed or (lambda n: n >= WARM)
    for count, item in enumerate(rest, 1):
        yield (warm_fn or fn)(item)
        if done(count):
            break
    left = list(islice(rest, 1))
    if left:
        yield from _pooled(_Task(fn, shared, in_worker), chain(left, rest), workers)


def _chunks(items: Iterator[T], size: list[int]) -> Iterator[list[T]]:
    """Tasks of ``size[0]`` items each, read when each task is cut (the caller adjusts it)."""
    while chunk := list(islice(items, size[0])):
        yield chunk


def _pooled(task: _Task[T, R], items: Iterator[T], workers: int) -> Iterator[R]:
    global _TASK, _BACKLOG
    _TASK = task
    import multiprocessing

    _BACKLOG = multiprocessing.get_context("fork").Array("q", 2)
    try:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(workers, initializer=_init_worker) as pool:
            pending: deque[tuple[list[T], Any]] = deque()
            size = [CHUNK]
            for chunk in chain(_chunks(items, size), [None]):
                if chunk is not None:
                    pending.append((chunk, pool.apply_async(_run_chunk, (chunk,))))
                while pending and (chunk is None or len(pending) > AHEAD * workers):
                    done, result = pending.popleft()
                    sent, seconds = result.get()
                    size[0] = next_chunk(len(done), seconds)
                    yield from _unpack(task, done, sent)
    finally:
        _TASK = _BACKLOG = None


def _unpack(task: _Task[T, R], chunk: list[T], results: list[Sent]) -> Iterator[R]:
    for item, (ok, payload) in zip(chunk, results, strict=True):
        if ok is None:
            result = task.fn(item)
            _count(1)
            yield result
            continue
        if not ok:
            _rerun(task, item, str(payload))
        yield task.loads(payload)  # type: ignore[arg-type]


def _rerun(task: _Task[T, R], item: T, worker_traceback: str) -> NoReturn:
    task.fn(item)
    raise WorkerFailed(f"a worker failed on {item!r} but a rerun here did not:\n{worker_traceback}")
