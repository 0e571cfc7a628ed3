"""Independent tasks shared between this process and one forked copy of it.

The project pass's practices read the same facts and nothing of each other's, and in a
cold run on a multi-core machine they ran one after the other while the pool's workers sat
idle. A forked child sees the parent's facts without copying them; each process takes the
next task from a pipe of task numbers whenever it is free, so neither waits for a fixed
half. Whatever the child does not deliver (it died, or a result would not pickle) is run in
this process: the results are always complete, only slower."""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# Task numbers travel as single bytes.
MAX_TASKS = 255


def can_fork() -> bool:
    """Where fork exists and this process runs one thread: a fork copies only the calling
    thread, so a lock another thread held (in logging, in an allocator) would never be
    released in the child."""
    return hasattr(os, "fork") and threading.active_count() == 1


def run_shared(names: Sequence[str], run: Callable[[str], T]) -> dict[str, T]:
    """`run(name)` for every name, in this process and a forked child; in `names` order."""
    pipes = _pipes(len(names)) if 2 <= len(names) <= MAX_TASKS and can_fork() else None
    if pipes is None:
        return {name: run(name) for name in names}
    tasks_read, results_read, results_write = pipes
    try:
        child = os.fork()
    except OSError:
        child = -1
    if child == 0:
        os.close(results_read)
        _child(names, run, tasks_read, results_write)
    os.close(results_write)
    try:
        done = {name: run(name) for name in _taken(names, tasks_read)}
        if child > 0:
            done.update(_received(results_read))
    finally:
        os.close(tasks_read)
        os.close(results_read)
        if child > 0:
            os.waitpid(child, 0)
    return {name: done[name] if name in done else run(name) for name in names}


def _pipes(count: int) -> tuple[int, int, int] | None:
    """(tasks to read, results to read, results to write), the task numbers written; None
    when the system gives no more pipes (the tasks then run in this process)."""
    try:
        tasks_read, tasks_write = os.pipe()
    except OSError:
        return None
    # A pipe holds far more than 255 bytes, so this write never blocks; reads of one byte
    # are atomic, so each task goes to exactly one process.
    os.write(tasks_write, bytes(range(count)))
    os.close(tasks_write)
    try:
        results_read, results_write = os.pipe()
    except OSError:
        os.close(tasks_read)
        return None
    return tasks_read, results_read, results_write


def _taken(names: Sequence[str], tasks: int) -> Iterator[str]:
    """The task names this process takes, one at a time, as it gets free."""
    while taken := os.read(tasks, 1):
        yield names[taken[0]]


def _child(names: Sequence[str], run: Callable[[str], T], tasks: int, results: int) -> None:
    """Run tasks until none is left, send the results pickled, and leave at once: no exit
    handlers, no flush of buffers the parent also holds, no traceback: whatever goes wrong,
    the parent runs what is missing."""
    status = 1
    try:
        done = {name: run(name) for name in _taken(names, tasks)}
        data = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(results, "wb") as stream:
            stream.write(data)
        status = 0
    finally:
        os._exit(status)


def _received(results: int) -> dict[str, T]:
    chunks = []
    while chunk := os.read(results, 1 << 20):
        chunks.append(chunk)
    try:
        received = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - a child that died mid-write sent nothing usable
        return {}
    return received if isinstance(received, dict) else {}
