"""A small in-process fuzz run (seconds): generated programs and mutants of the spec examples
must lint without an internal error or an exception, and `--fix` output must parse and keep
every comment. The checks are benchmarks/fuzz.py's, which runs them for hours on real code."""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "fuzz.py"
# The executable examples (the folder is being renamed from rules/ to spec/).
SPEC = ROOT / "spec"
BUDGET_SECONDS = 6.0
SEED = 19


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("backendlint_fuzz", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class body is built
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _failures(tally: object) -> list[str]:
    return [f"{name}: {problem}" for name, problem, _ in tally.failures]  # type: ignore[attr-defined]


def test_generated_programs(fuzz: ModuleType) -> None:
    rng = random.Random(SEED)
    settings = fuzz.all_rules_settings()
    tally = fuzz.Tally()
    deadline = time.monotonic() + BUDGET_SECONDS / 2
    while time.monotonic() < deadline:
        data = fuzz.generated_program(rng)
        fuzz.check_case("app/generated.py", data, settings, tally)
        fuzz.check_case("app/generated.py", fuzz.mutate(data, rng), settings, tally)
    assert tally.cases > 20
    assert tally.fixes_applied > 0  # the fix checks did run
    assert _failures(tally) == []


def test_mutated_spec_examples(fuzz: ModuleType) -> None:
    rng = random.Random(SEED)
    files = sorted(SPEC.rglob("*.py"))
    assert files, f"no spec examples under {SPEC}"
    settings = fuzz.all_rules_settings()
    tally = fuzz.Tally()
    deadline = time.monotonic() + BUDGET_SECONDS / 2
    while time.monotonic() < deadline:
        path = rng.choice(files)
        data = path.read_bytes()
        for _ in range(rng.randrange(1, 4)):
            data = fuzz.mutate(data, rng)
        fuzz.check_case(str(path.relative_to(SPEC)), data, settings, tally)
    assert tally.cases > 20
    assert _failures(tally) == []


def test_the_oracle_notices_lost_comments_and_internal_errors(fuzz: ModuleType) -> None:
    before = fuzz.comments("x = 1  # keep\n")
    after = fuzz.comments("x = 1\n")
    assert before - after
    tally = fuzz.Tally()
    tally.fail("damaged", "a.py", "lost a comment", b"")
    assert tally.failed == 1


def test_mutations_cover_every_kind(fuzz: ModuleType) -> None:
    rng = random.Random(SEED)
    data = b"a = 1\nb = 2\nc = 3\n"
    mutants = {fuzz.mutate(data, rng) for _ in range(200)}
    assert b"b = 2\nc = 3\n" in mutants  # a line deleted
    assert b"a = 1\na = 1\nb = 2\nc = 3\n" in mutants  # a line duplicated
    assert any(len(mutant) < len(data) and data.startswith(mutant) for mutant in mutants)
    assert any(len(mutant) > len(data) for mutant in mutants)  # odd bytes inserted
