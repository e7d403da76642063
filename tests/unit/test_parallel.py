"""The process pool: input order, shared objects by reference, failures reproduced here."""

from __future__ import annotations

import os
from typing import Any

import pytest

from claimlint import parallel

N = parallel.MIN_ITEMS + 13
PARENT = os.getpid()


class Marker:
    def __init__(self, name: str) -> None:
        self.name = name


SHARED = [Marker("a"), Marker("b")]


def _square_with_pid(x: int) -> tuple[int, int, Marker]:
    return x * x, os.getpid(), SHARED[x % 2]


def test_workers_for_only_when_it_pays() -> None:
    assert parallel.workers_for(3, 2) == 0
    assert parallel.workers_for(N, 1) == 0
    assert parallel.workers_for(N, 2) == 2
    assert parallel.workers_for(10_000, 0) == parallel.default_jobs() or parallel.default_jobs() < 2


def test_results_in_input_order_from_other_processes() -> None:
    items = list(range(N))
    out = list(parallel.imap_ordered(_square_with_pid, items, jobs=2, shared=SHARED))
    assert [r[0] for r in out] == [x * x for x in items]
    assert {r[1] for r in out} - {PARENT}, "nothing ran in a worker"
    assert all(r[2] is SHARED[x % 2] for x, r in zip(items, out, strict=True))


def test_serial_when_one_job() -> None:
    out = list(parallel.imap_ordered(_square_with_pid, list(range(N)), jobs=1))
    assert {r[1] for r in out} == {PARENT}


def _fails_late(x: int) -> int:
    if x == N - 2:
        raise KeyError(f"item {x}")
    return x


def test_worker_exception_is_reraised_with_its_type() -> None:
    with pytest.raises(KeyError, match=f"item {N - 2}"):
        list(parallel.imap_ordered(_fails_late, list(range(N)), jobs=2))


def _pid(_x: int) -> int:
    return os.getpid()


def test_the_first_items_run_here_so_workers_inherit_what_they_built() -> None:
    pids = list(parallel.imap_ordered(_pid, range(N), jobs=2))
    assert set(pids[: parallel.WARM]) == {PARENT}
    assert PARENT not in pids[parallel.WARM :]


def test_exactly_the_head_starts_no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_args: object) -> None:
        raise AssertionError("a pool was started for nothing")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    assert set(parallel.imap_ordered(_pid, range(parallel.MIN_ITEMS), jobs=2)) == {PARENT}


def _fails_only_in_workers(x: int) -> int:
    if os.getpid() != PARENT and x == N - 1:
        raise RuntimeError("worker only")
    return x


def test_failure_that_does_not_reproduce_is_reported() -> None:
    with pytest.raises(parallel.WorkerFailed, match="worker only"):
        list(parallel.imap_ordered(_fails_only_in_workers, list(range(N)), jobs=2))


def test_abandoned_iteration_stops_the_pool() -> None:
    it = parallel.imap_ordered(_square_with_pid, list(range(N * 4)), jobs=2)
    assert next(it)[0] == 0
    it.close()
    assert parallel._TASK is None


def _odd_handed_back(x: int) -> tuple[int, int] | None:
    return None if x % 2 else (x, os.getpid())


def _square_here(x: int) -> tuple[int, int]:
    return x, os.getpid()


def test_items_a_worker_hands_back_run_here_in_their_turn() -> None:
    out = list(parallel.imap_ordered(_square_here, range(N), jobs=2, in_worker=_odd_handed_back))
    assert [x for x, _pid in out] == list(range(N))
    pooled = out[parallel.WARM :]
    assert {pid for x, pid in pooled if x % 2} == {PARENT}
    assert PARENT not in {pid for x, pid in pooled if not x % 2}


def _unsendable_late(x: int) -> object:
    return (lambda: x) if x == N - 3 and os.getpid() != PARENT else x


def test_a_result_that_cannot_be_sent_is_reported_with_its_reason() -> None:
    with pytest.raises(parallel.WorkerFailed, match="pickle"):
        list(parallel.imap_ordered(_unsendable_late, list(range(N)), jobs=2))


def _tagged(_x: int) -> tuple[str, int]:
    return "warm", os.getpid()


def test_warmed_decides_how_many_items_run_here_first() -> None:
    out = list(parallel.imap_ordered(_pid, range(N), jobs=2, warmed=lambda n: n >= 20, warm_fn=_tagged))
    assert out[:20] == [("warm", PARENT)] * 20
    assert PARENT not in out[20:]


def test_a_warm_up_that_takes_every_item_starts_no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_args: object) -> None:
        raise AssertionError("a pool was started for nothing")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    assert list(parallel.imap_ordered(_pid, range(N), jobs=2, warmed=lambda n: False)) == [PARENT] * N


def test_next_chunk_sizes_a_task_by_what_the_last_one_cost_per_item() -> None:
    assert parallel.next_chunk(8, 0.0) == parallel.MAX_CHUNK
    assert parallel.next_chunk(8, 0.0001) == parallel.MAX_CHUNK
    assert parallel.next_chunk(8, 8 * parallel.CHUNK_SECONDS / 16) == 16
    assert parallel.next_chunk(8, 1.0) == parallel.CHUNK


def _burn(x: int) -> int:
    """About 5 ms of CPU (process time, so a loaded machine does not change it)."""
    import time

    end = time.process_time() + 0.005
    while time.process_time() < end:
        pass
    return x


def _task_sizes(monkeypatch: pytest.MonkeyPatch, fn: Any, items: int) -> list[int]:
    sizes: list[int] = []
    cut = parallel._chunks

    def recording(source: Any, size: list[int]) -> Any:
        for chunk in cut(source, size):
            sizes.append(len(chunk))
            yield chunk

    monkeypatch.setattr(parallel, "AHEAD", 1)
    monkeypatch.setattr(parallel, "_chunks", recording)
    assert list(parallel.imap_ordered(fn, range(items), jobs=2)) == list(range(items))
    return sizes


def test_cheap_items_go_out_in_large_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = _task_sizes(monkeypatch, int, 1200)
    assert sizes[0] == parallel.CHUNK
    assert max(sizes) == parallel.MAX_CHUNK


def test_costly_items_stay_in_small_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = _task_sizes(monkeypatch, _burn, 120)
    assert max(sizes) == parallel.CHUNK
