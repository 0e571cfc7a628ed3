"""Tasks shared with a forked child (core/forked_work.py), and the project pass run that way:
the same outputs as in one process, whatever the child does."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from example_cases import collect_cases, settings_for_case

from backendlint.core import forked_work, project_pass
from backendlint.core.project_pass import PracticeOutput, run_practices
from backendlint.core.registry import all_rules
from backendlint.core.runner import lint_files

pytestmark = pytest.mark.skipif(not forked_work.can_fork(), reason="needs os.fork")

NAMES = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]


class Rendezvous:
    """Makes both processes take a task, however the machine schedules them: each one, on
    its first task, signals that it started (closes its copies of both pipes' write ends)
    and waits until the other has too. Made before the fork, so the child inherits it."""

    def __init__(self, parent: int) -> None:
        self.parent = parent
        self.parent_read, self.parent_write = os.pipe()
        self.child_read, self.child_write = os.pipe()
        self.met: set[int] = set()

    def arrive(self) -> None:
        here = os.getpid()
        if here in self.met:
            return
        self.met.add(here)
        for end in (self.parent_write, self.child_write):
            os.close(end)
        # EOF once every copy of the other process's write end is closed.
        os.read(self.child_read if here == self.parent else self.parent_read, 1)

    def close(self) -> None:
        for end in (self.parent_read, self.child_read):
            os.close(end)


def test_every_task_runs_once_and_results_come_in_order() -> None:
    parent = os.getpid()
    both = Rendezvous(parent)

    def run(name: str) -> tuple[str, int]:
        both.arrive()
        return name.upper(), os.getpid()

    results = forked_work.run_shared(NAMES, run)
    both.close()
    assert list(results) == NAMES
    assert [value for value, _ in results.values()] == [name.upper() for name in NAMES]
    pids = {pid for _, pid in results.values()}
    assert parent in pids and len(pids) == 2


def test_what_a_dead_child_took_is_run_here() -> None:
    parent = os.getpid()

    def run(name: str) -> str:
        if os.getpid() != parent:
            os._exit(3)  # the child dies on the first task it takes
        time.sleep(0.02)
        return name * 2

    assert forked_work.run_shared(NAMES, run) == {name: name * 2 for name in NAMES}


def test_a_result_that_does_not_pickle_is_run_here() -> None:
    parent = os.getpid()

    def run(name: str) -> object:
        time.sleep(0.02)
        if os.getpid() != parent:
            return lambda: name  # pickle refuses a lambda
        return name

    assert forked_work.run_shared(NAMES, run) == {name: name for name in NAMES}


def test_an_error_here_propagates_and_the_child_is_reaped() -> None:
    parent = os.getpid()
    both = Rendezvous(parent)  # else a fast child may take every task

    def run(name: str) -> str:
        both.arrive()
        if os.getpid() == parent:
            raise ValueError(name)
        return name

    with pytest.raises(ValueError):
        forked_work.run_shared(NAMES, run)
    both.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left unwaited


def test_one_task_or_no_fork_runs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    assert forked_work.run_shared(["only"], lambda name: os.getpid()) == {"only": parent}
    # Another thread alive: no fork (the child could inherit a lock that thread holds).
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert set(forked_work.run_shared(NAMES, lambda name: os.getpid()).values()) == {parent}
    finally:
        release.set()
        waiting.join()
    monkeypatch.setattr(forked_work, "can_fork", lambda: False)
    assert set(forked_work.run_shared(NAMES, lambda name: os.getpid()).values()) == {parent}


def test_no_pipe_left_runs_every_task_here(monkeypatch: pytest.MonkeyPatch) -> None:
    parent, real_pipe, made = os.getpid(), os.pipe, []

    def second_pipe_fails() -> tuple[int, int]:
        if made:
            raise OSError(24, "Too many open files")
        made.append(real_pipe())
        return made[-1]

    monkeypatch.setattr(os, "pipe", second_pipe_fails)
    assert set(forked_work.run_shared(NAMES, lambda name: os.getpid()).values()) == {parent}
    with pytest.raises(OSError):
        os.fstat(made[0][0])  # the first pipe was closed again


def _outputs_key(outputs: dict[str, PracticeOutput]) -> list[object]:
    return [(practice, list(output.findings),
             sorted(output.superseded), output.notes, output.errors, sorted(output.reads))
            for practice, output in outputs.items()]


def test_project_pass_shared_with_a_child_equals_one_process(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every spec case with every rule enabled (so several practices run): the pass shared
    with a fork gives the same outputs, in the same order, as in one process."""
    every_code = frozenset(rule.code for rule in all_rules())
    ran_in = tmp_path / "pids"
    original = project_pass._run_practice

    def noting_pid(*args: object) -> PracticeOutput:
        with ran_in.open("a") as stream:
            stream.write(f"{os.getpid()}\n")
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(project_pass, "_run_practice", noting_pid)
    monkeypatch.setattr(project_pass, "SHARE_FROM_MODULES", 0)
    compared = 0
    for case in collect_cases():
        settings = settings_for_case(case, every_code)
        files = [(path, path.relative_to(case.root).as_posix()) for path in case.files]
        results = lint_files(files, settings)
        alone = run_practices(results, settings)
        shared = run_practices(results, settings, jobs=2)
        assert _outputs_key(shared) == _outputs_key(alone), case.id
        compared += len(alone) > 1
    assert compared > 100
    pids = set(ran_in.read_text().split())
    assert str(os.getpid()) in pids and len(pids) > 2


def test_a_large_or_small_project_runs_its_pass_in_one_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from backendlint.core import runner

    # Where a run keeps its memory down, the pass does not fork either.
    assert project_pass.SHARE_BELOW_MODULES == runner.PACK_FROM_FILES

    def no_fork(*args: object) -> None:
        raise AssertionError("the pass was shared")

    monkeypatch.setattr(project_pass, "run_shared", no_fork)
    case = next(case for case in collect_cases() if len(case.files) > 2)
    settings = settings_for_case(case, frozenset(rule.code for rule in all_rules()))
    files = [(path, path.relative_to(case.root).as_posix()) for path in case.files]
    results = lint_files(files, settings)
    for low, high in ((len(results) + 1, 10_000), (0, len(results))):
        monkeypatch.setattr(project_pass, "SHARE_FROM_MODULES", low)
        monkeypatch.setattr(project_pass, "SHARE_BELOW_MODULES", high)
        assert run_practices(results, settings, jobs=2).keys() == run_practices(
            results, settings).keys()
    monkeypatch.setattr(project_pass, "SHARE_BELOW_MODULES", len(results) + 1)
    with pytest.raises(AssertionError, match="shared"):
        run_practices(results, settings, jobs=2)
