"""Fuzz backendlint in process over real code: pinned sdists of backend projects, their files
as they are and mutated (lines deleted, duplicated, swapped; odd bytes inserted), and generated
programs. Every case must lint without an internal error or an exception, and when it has
fixes, `--fix` output must parse, keep every comment and fit the file's encoding.

    python benchmarks/fuzz.py --minutes 60          # a long run (exit 1 on any failure)
    python benchmarks/fuzz.py --minutes 1 --seed 7  # reproducible: same seed, same cases

The sdists are downloaded once (`pip download --no-deps --no-binary :all:`) into
benchmarks/.fuzz-cache/ (gitignored); each failing input is written to
benchmarks/.fuzz-cache/failures/ to be replayed. tests/test_fuzz.py runs the same checks on
a budget of seconds.
"""

from __future__ import annotations

import argparse
import ast
import io
import itertools
import random
import re
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import tokenize
import traceback
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Optional

from backendlint.config import CliOverrides, resolve_settings
from backendlint.core.findings import Finding
from backendlint.core.pipeline import DecodeError, lint_source
from backendlint.core.runner import finish_run, suppress
from backendlint.fixes import applicable, fix_until_stable
from backendlint.settings import Settings
from backendlint.sourcefile import decode, encode_problem

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".fuzz-cache"
FAILURES = CACHE / "failures"
# name, version, and the folder of the import package inside the sdist (tests and docs are
# left out: the point is backend code).
SDISTS: tuple[tuple[str, str, str], ...] = (
    ("Django", "5.2.19", "django"),
    ("fastapi", "0.165.0", "fastapi"),
    ("SQLAlchemy", "2.1.9", "lib/sqlalchemy"),
    ("Flask", "3.1.3", "src/flask"),
    ("celery", "5.7.0", "celery"),
    ("djangorestframework", "3.18.3", "rest_framework"),
    ("starlette", "1.10.0", "starlette"),
)
# One case taking longer than this is a run that never ends.
CASE_TIMEOUT_SECONDS = 120
# Linting a file takes milliseconds, fixing it (libcst, rounds of re-linting) a second or
# more: every real file is fixed as it is, and this share of the mutants.
FIXED_MUTANTS = 0.2


# --------------------------------------------------------------------------- the checks


@dataclass
class Tally:
    cases: int = 0
    fixed_files: int = 0
    fixes_applied: int = 0
    fixes_refused: int = 0
    internal_errors: int = 0
    exceptions: int = 0
    damaged: int = 0
    stuck: int = 0
    failures: list[tuple[str, str, bytes]] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return self.internal_errors + self.exceptions + self.damaged + self.stuck

    def fail(self, kind: str, name: str, detail: str, data: bytes) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.failures.append((name, f"{kind}: {detail}", data))


def all_rules_settings() -> Settings:
    return resolve_settings(None, CliOverrides(select=["ALL"]))


def comments(text: str) -> Optional[Counter[str]]:
    """The comments of a module as the tokenizer sees them (None if it cannot tokenize)."""
    found: Counter[str] = Counter()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if token.type == tokenize.COMMENT:
                found[token.string.rstrip()] += 1
    except (tokenize.TokenError, SyntaxError):
        return None
    return found


def check_case(name: str, data: bytes, settings: Settings, tally: Tally,
               fix: bool = True) -> None:
    """Lint one input, and fix it when it has fixes (and `fix`); record what went wrong."""
    tally.cases += 1
    try:
        result = lint_source(name, data, settings)
        kept, _ = suppress(result.findings, result.directives, name, settings)
        run = finish_run([result], settings)
        problems = result.errors + run.errors
        if problems:
            tally.fail("internal_errors", name, problems[0], data)
            return
        if fix and any(applicable(finding, True) for finding in kept):
            _check_fix(name, data, settings, tally)
    except _Stuck:
        tally.fail("stuck", name, f"more than {CASE_TIMEOUT_SECONDS} s", data)
    except Exception as error:  # noqa: BLE001
        # what the fuzzer is for: report, keep going
        where = traceback.extract_tb(error.__traceback__)[-1]
        tally.fail("exceptions", name, f"{type(error).__name__}: {error} "
                   f"({Path(where.filename).name}:{where.lineno})", data)


def _check_fix(name: str, data: bytes, settings: Settings, tally: Tally) -> None:
    try:
        original = decode(data)
    except DecodeError:
        tally.fail("exceptions", name, "fixes offered for a file that does not decode", data)
        return

    def lint(text: str) -> list[Finding]:
        result = lint_source(name, text, settings)
        return suppress(result.findings, result.directives, name, settings)[0]

    outcome = fix_until_stable(original.text, lint, unsafe=True)
    if outcome.error:
        tally.fixes_refused += 1
    if not outcome.applied:
        return
    tally.fixed_files += 1
    tally.fixes_applied += len(outcome.applied)
    tally.kinds.update(finding.code for finding in outcome.applied)
    try:
        ast.parse(outcome.text)
    except SyntaxError as error:
        tally.fail("damaged", name, f"fixed code does not parse: {error}", data)
        return
    before, after = comments(original.text), comments(outcome.text)
    if before is not None and (after is None or before - after):
        lost = sorted((before - (after or Counter())).elements())[:3]
        tally.fail("damaged", name, f"fix lost comments {lost}", data)
        return
    problem = encode_problem(outcome.text, original) or _line_break_problem(original.text,
                                                                           outcome.text)
    if problem:
        tally.fail("damaged", name, problem, data)


def _line_breaks(text: str) -> set[str]:
    return set(re.findall(r"\r\n|\r|\n", text))


def _line_break_problem(before: str, after: str) -> Optional[str]:
    """A fix brings in no line break the file did not use, and keeps a final one."""
    new = _line_breaks(after) - _line_breaks(before)
    if _line_breaks(before) and new:
        return f"fix brought in line breaks {sorted(new)!r}"
    if before.endswith(("\n", "\r")) and not after.endswith(("\n", "\r")):
        return "fix dropped the final line break"
    return None


class _Stuck(Exception):
    pass


def _on_alarm(signum: int, frame: Optional[FrameType]) -> None:
    raise _Stuck()


def check_with_timeout(name: str, data: bytes, settings: Settings, tally: Tally,
                       fix: bool) -> None:
    """`check_case` under a wall-clock alarm (where the platform has one)."""
    if not hasattr(signal, "SIGALRM"):
        check_case(name, data, settings, tally, fix)
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(CASE_TIMEOUT_SECONDS)
    try:
        check_case(name, data, settings, tally, fix)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --------------------------------------------------------------------------- the inputs

ODD_BYTES: tuple[bytes, ...] = (
    b"\x00", b"\xff", b"\xe9", b"\r", b"\r\n", b"\t", b"\x0c", b"\xef\xbb\xbf", b"\\",
    b"'", b'"', b'"""', b"#", b"  # noqa", b"  # noqa: BL101", b"(", b")", b"[", b":", b",",
    b"\xc3\xa9", b"\xe2\x80\xa8", b"async ", b"await ", b"lambda: ", b"\n    ", b"\n\t",
    b"# -*- coding: latin-1 -*-\n", b"f'{", b"}'", b"= ", b"@app.post('/login')\n",
)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random edit: delete, duplicate or swap lines, or insert odd bytes somewhere."""
    lines = data.splitlines(keepends=True) or [b""]
    operation = rng.randrange(5)
    index = rng.randrange(len(lines))
    if operation == 0:
        del lines[index]
    elif operation == 1:
        lines.insert(index, lines[index])
    elif operation == 2:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    elif operation == 3:
        line = lines[index]
        cut = rng.randrange(len(line) + 1)
        lines[index] = line[:cut] + rng.choice(ODD_BYTES) + line[cut:]
    else:
        return data[: rng.randrange(len(data) + 1)]  # truncated
    return b"".join(lines)


_GENERATED_PARTS: tuple[str, ...] = (
    "import time\n", "import requests\n", "import hashlib\n", "import subprocess\n",
    "from fastapi import FastAPI, APIRouter, Depends\n", "from django.db import connection\n",
    "from sqlalchemy import text\n", "app = FastAPI()\n", "router = APIRouter()\n",
    "async def fetch(url):  # fetch it\n    return requests.get(url)\n",
    "async def pause():\n    time.sleep(1)  # noqa: BL101\n",
    "def helper(x, y=None):\n    '''# not a comment'''\n    return x\n",
    "def run(cursor, name):\n    cursor.execute(f\"SELECT * FROM t WHERE n = '{name}'\")\n",
    "def run2(cursor, name):\n    cursor.execute(\"SELECT '#noqa' \" + name)\n",
    "def digest(password):\n    return hashlib.md5(password.encode()).hexdigest()\n",
    "@app.post('/login')\nasync def login(password: str):\n    return {'ok': True}\n",
    "@router.get('/items/{item_id}')\ndef item(item_id, q=None):  # trailing\n    return q\n",
    ("class Service:\n    def handle(self, request):\n        return self.other(request)\n"
    "    async def other(self, request):\n        subprocess.run(['ls'])\n"),
    "lambda_value = lambda a: a  # a lambda\n",
    "def deep():\n    return " + "(" * 40 + "1" + ")" * 40 + "\n",
    "def wide():\n    return " + " + ".join(["1"] * 300) + "\n",
    "def _private():\n    return [i for i in range(3)]\n",
    "def gen():\n    yield 1\n", "async def agen():\n    yield 2\n",
    "def none():\n    return None\n", "def text_sql(session, q):\n    session.execute(text(q))\n",
    "if True:\n    def nested():\n        return 'x'\n",
    "# a comment line\n", "\n", "x = 1  # backendlint: ignore[BL201]\n",
)


def generated_program(rng: random.Random) -> bytes:
    parts = [rng.choice(_GENERATED_PARTS) for _ in range(rng.randrange(1, 14))]
    text = "".join(parts)
    newline = rng.choice(("\n", "\n", "\n", "\r\n", "\r"))
    return text.replace("\n", newline).encode("utf-8")


# --------------------------------------------------------------------------- the corpus


def sdist_files() -> list[Path]:
    """The .py files of every pinned sdist's import package, downloaded when missing."""
    files: list[Path] = []
    for name, version, package in SDISTS:
        root = CACHE / f"{name.lower()}-{version}"
        if not root.is_dir():
            _download(name, version, root)
        files.extend(sorted((root / package).rglob("*.py")))
    return files


def _download(name: str, version: str, root: Path) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as download:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary",
                        ":all:", "-q", "-d", download, f"{name}=={version}"], check=True)
        (archive,) = Path(download).iterdir()
        staging = Path(download) / "unpacked"
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as bundle:
                bundle.extractall(staging)
        else:
            with tarfile.open(archive) as bundle:
                # the "data" filter (no absolute paths, no links out) where Python has it
                if hasattr(tarfile, "data_filter"):
                    bundle.extractall(staging, filter="data")
                else:
                    bundle.extractall(staging)  # pinned sdists from the index
        (top,) = staging.iterdir()
        top.rename(root)


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    kind: str  # "real", "mutant" or "generated"
    fix: bool


def cases(files: list[Path], rng: random.Random) -> Iterator[Case]:
    """Endless: mutants of random files and generated code, with each real file as it is
    slipped in every tenth case until all have been seen."""
    order = list(files)
    rng.shuffle(order)
    for number in itertools.count():
        if number % 10 == 0 and order:
            path = order.pop()
            yield Case(str(path.relative_to(CACHE)), path.read_bytes(), "real", True)
        elif rng.random() < 0.1:
            yield Case("generated.py", generated_program(rng), "generated", True)
        else:
            path = rng.choice(files)
            data = path.read_bytes()
            for _ in range(rng.randrange(1, 4)):
                data = mutate(data, rng)
            yield Case(str(path.relative_to(CACHE)), data, "mutant",
                       rng.random() < FIXED_MUTANTS)


# --------------------------------------------------------------------------- the run


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    files = sdist_files()
    print(f"fuzz: seed {seed}, {len(files)} files from {len(SDISTS)} sdists, "
          f"{args.minutes:g} minutes", flush=True)
    settings = all_rules_settings()
    tally = Tally()
    started = time.monotonic()
    deadline = started + args.minutes * 60
    last_report = started
    seen: Counter[str] = Counter()
    for case in cases(files, rng):
        if time.monotonic() >= deadline:
            break
        seen[case.kind] += 1
        check_with_timeout(case.name, case.data, settings, tally, case.fix)
        if time.monotonic() - last_report > 60:
            last_report = time.monotonic()
            print(f"fuzz: {tally.cases} cases, {tally.fixes_applied} fixes, "
                  f"{tally.failed} failures", flush=True)
    elapsed = time.monotonic() - started
    print(f"fuzz: inputs: {seen['real']} real files, {seen['mutant']} mutants, "
          f"{seen['generated']} generated programs")
    _report(tally, seed, elapsed)
    return 1 if tally.failed else 0


def _report(tally: Tally, seed: int, elapsed: float) -> None:
    print(f"fuzz: seed {seed}: {tally.cases} cases in {elapsed:.0f} s "
          f"({tally.cases / max(elapsed, 1e-9):.1f}/s)")
    print(f"  fixed files {tally.fixed_files}, fixes applied {tally.fixes_applied}, "
          f"fix rounds refused {tally.fixes_refused}")
    print(f"  internal errors {tally.internal_errors}, exceptions {tally.exceptions}, "
          f"damaged files {tally.damaged}, stuck {tally.stuck}")
    if tally.kinds:
        print("  fixes by code: " + ", ".join(f"{code} {count}"
                                              for code, count in sorted(tally.kinds.items())))
    if tally.failures:
        FAILURES.mkdir(parents=True, exist_ok=True)
        for number, (name, problem, data) in enumerate(tally.failures[:200]):
            target = FAILURES / f"{seed}-{number}.py"
            target.write_bytes(data)
            print(f"  FAIL {name}: {problem} -> {target}")


if __name__ == "__main__":
    sys.exit(main())
