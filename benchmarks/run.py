"""Benchmark backendlint against the Python floor and its peers on real projects.

One command: `python benchmarks/run.py`. It downloads pinned sdists (reused when present),
installs the peer tools into benchmarks/.venv-peers (reused when present), times every tool
on the Django corpus (and optionally on all five projects), measures linear scaling on copies
of FastAPI, profiles backendlint, and writes docs/performance.md. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
PEERS_VENV = HERE / ".venv-peers"
SEMGREP_RULE = HERE / "semgrep" / "blocking-sleep-in-async.yaml"
REPORT = ROOT / "docs" / "performance.md"
# Everything in docs/performance.md from this line on is written by hand and kept on re-runs.
NOTES_MARKER = "<!-- hand-written notes below are kept when the benchmark rewrites this file -->"


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    # The import package inside the unpacked sdist: what a user of the project would lint
    # (the sdists also ship tests and docs, which we leave out to keep the peers' runs short).
    package: str


PROJECTS: tuple[Project, ...] = (
    Project("Django", "5.2.19", "django"),
    Project("fastapi", "0.165.0", "fastapi"),
    Project("SQLAlchemy", "2.1.9", "lib/sqlalchemy"),
    Project("Flask", "3.1.3", "src/flask"),
    Project("celery", "5.7.0", "celery"),
)

PEER_PACKAGES: tuple[str, ...] = (
    "ruff==0.17.6", "bandit==1.9.4", "flake8==7.5.0", "flake8-async==26.8.1",
    "flake8-annotations==3.3.0", "pylint==4.1.4",
)
SEMGREP_PACKAGE = "semgrep==1.185.0"
# The sampling profiler: cProfile's per-call overhead inflates small functions, a sampler
# does not. Optional, as semgrep is: the report says why when it is missing.
PY_SPY_PACKAGE = "py-spy==0.4.3"

BACKENDLINT_FLAGS = ("--isolated", "--no-respect-gitignore", "--exit-zero", "-q",
                     "--output-format", "concise")
# Tool runs longer than this (first repetition) are not repeated: bandit, flake8 and pylint on
# Django would otherwise dominate the benchmark's own run time without changing any conclusion.
REPEAT_LIMIT_SECONDS = 30.0
MIB = 1024 * 1024


# --------------------------------------------------------------------------- corpus


def project_root(project: Project) -> Path:
    return CORPUS / f"{project.name.lower()}-{project.version}"


def package_dir(project: Project) -> Path:
    return project_root(project) / project.package


def ensure_corpus(project: Project) -> Path:
    """Download and unpack the pinned sdist unless it is already there."""
    target = package_dir(project)
    if target.is_dir():
        return target
    CORPUS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as download:
        run_checked([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary",
                     ":all:", "-q", "-d", download, f"{project.name}=={project.version}"])
        archives = list(Path(download).iterdir())
        if len(archives) != 1:
            raise SystemExit(f"expected one sdist for {project.name}, got {archives}")
        unpack(archives[0], CORPUS)
    if not target.is_dir():
        raise SystemExit(f"{project.name}: {target} not found in the sdist")
    return target


def unpack(archive: Path, destination: Path) -> None:
    """Unpack an sdist; the top folder is renamed to the lower-case name-version we expect."""
    with tempfile.TemporaryDirectory(dir=destination) as staging:
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as bundle:
                bundle.extractall(staging)
        else:
            with tarfile.open(archive) as bundle:
                bundle.extractall(staging, filter="data")
        (top,) = Path(staging).iterdir()
        top.rename(destination / top.name.lower())


def python_files(paths: Sequence[Path]) -> list[Path]:
    return sorted(file for path in paths for file in path.rglob("*.py"))


def count_lines(files: Sequence[Path]) -> int:
    return sum(file.read_bytes().count(b"\n") for file in files)


# --------------------------------------------------------------------------- peers


def peer_bin(name: str) -> Path:
    return PEERS_VENV / "bin" / name


def ensure_peers() -> Optional[str]:
    """Install the peers if missing; returns why semgrep is unavailable, or None."""
    if not peer_bin("python").exists():
        run_checked([sys.executable, "-m", "venv", str(PEERS_VENV)])
    if not all(peer_bin(tool).exists() for tool in ("ruff", "bandit", "flake8", "pylint")):
        run_checked([str(peer_bin("pip")), "install", "-q", *PEER_PACKAGES])
    if not peer_bin("semgrep").exists():
        completed = subprocess.run([str(peer_bin("pip")), "install", "-q", SEMGREP_PACKAGE],
                                   check=False, capture_output=True, text=True)
        if completed.returncode != 0:
            return "pip install failed: " + last_line(completed.stderr)
    return None


def ensure_sampler() -> Optional[str]:
    """Install py-spy into the peers' environment if missing; why it is unavailable, or None."""
    if peer_bin("py-spy").exists():
        return None
    completed = subprocess.run([str(peer_bin("pip")), "install", "-q", PY_SPY_PACKAGE],
                               check=False, capture_output=True, text=True)
    return None if completed.returncode == 0 else ("pip install failed: "
                                                   + last_line(completed.stderr))


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "(no output)"


def tool_version(command: Sequence[str]) -> str:
    try:
        completed = subprocess.run(command, check=False, capture_output=True, text=True,
                                   timeout=120, env=peer_env())
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unavailable ({error})"
    text = " ".join((completed.stdout or completed.stderr).split())
    return text[:160] if text else "unknown"


# A copy of src/ taken when the run starts: other engineers edit rules in this tree while the
# benchmark runs, and an edit mid-run would both mix code versions and (through the cache's
# code fingerprint) turn every warm run into a cold one.
_SNAPSHOT: list[Path] = []


def snapshot_source(workdir: Path) -> str:
    """Copy src/ aside, point every child's PYTHONPATH at it; returns the code's revision."""
    target = workdir / "src"
    shutil.copytree(ROOT / "src", target, ignore=shutil.ignore_patterns("__pycache__"))
    # Byte-compiled as `pip install` leaves it (the peers are pip-installed too): without
    # this every run would compile backendlint's modules first, as the environment sets
    # PYTHONDONTWRITEBYTECODE.
    compileall.compile_dir(str(target), quiet=1)
    _SNAPSHOT.append(target)
    revision = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=False,
                              capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT,
                           check=False, capture_output=True, text=True).stdout.strip()
    return revision + (" plus uncommitted changes under src/" if dirty else "")


def peer_env() -> dict[str, str]:
    env = dict(os.environ)
    if _SNAPSHOT:
        env["PYTHONPATH"] = str(_SNAPSHOT[-1])
    # Offline and quiet: no version checks, no metrics, no colour codes in captured output.
    env.update({"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off",
                "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    return env


def run_checked(command: Sequence[str]) -> None:
    print("+", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True)


# --------------------------------------------------------------------------- measuring


@dataclass
class Sample:
    seconds: float
    # ru_maxrss from wait4: the largest single process of the tree that was waited for.
    max_rss: int
    # Sum of the RSS of the whole process tree, sampled from /proc (counts pages shared by
    # forked workers once per process, so it over-states a pool's real footprint).
    tree_rss: int
    returncode: int
    stderr: str
    # user + system CPU of the process and its waited-for children: far less sensitive to a
    # busy machine than wall clock, and shows what a pool costs in total.
    cpu_seconds: float = 0.0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as stream:
                found.extend(int(child) for child in stream.read().split())
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as stream:
            return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _tree_rss(root: int) -> int:
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += _rss(pid)
        pending.extend(_children(pid))
    return total


def measure(command: Sequence[str], cwd: Path) -> Sample:
    """Run once, wall clock from spawn to exit, with both memory measures."""
    peak = [0]
    done = threading.Event()
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors,
                                   env=peer_env())

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    return Sample(elapsed, usage.ru_maxrss * 1024, peak[0], process.returncode, stderr,
                  usage.ru_utime + usage.ru_stime)


@dataclass
class Row:
    label: str
    command: str
    samples: list[Sample] = field(default_factory=list)
    unavailable: str = ""
    note: str = ""
    # The command as run (`command` is how the report shows it).
    argv: list[str] = field(default_factory=list)
    # Seconds of a yardstick (ruff) run just before each sample, when paired.
    partner_seconds: list[float] = field(default_factory=list)

    @property
    def paired_ratios(self) -> list[float]:
        """Each sample's time over its yardstick's, run just before it."""
        return [sample.seconds / partner
                for sample, partner in zip(self.samples, self.partner_seconds)]

    @property
    def seconds(self) -> float:
        return min(sample.seconds for sample in self.samples)

    @property
    def cpu_seconds(self) -> float:
        return min(sample.cpu_seconds for sample in self.samples)

    @property
    def max_rss(self) -> int:
        return max(sample.max_rss for sample in self.samples)

    @property
    def tree_rss(self) -> int:
        return max(sample.tree_rss for sample in self.samples)


def repeat(label: str, command: Sequence[str], cwd: Path, runs: int,
           before: Optional[Callable[[int], None]] = None,
           after: Optional[Callable[[], None]] = None, ok_codes: Sequence[int] = (0,),
           partner: Optional[Sequence[str]] = None) -> Row:
    """Best of `runs` (one run when the first is slower than REPEAT_LIMIT_SECONDS); with a
    `partner`, that command runs just before each attempt, for a ratio under the same load."""
    row = Row(label, shell_text(command), argv=list(command))
    for attempt in range(runs):
        if partner is not None:
            row.partner_seconds.append(measure(partner, cwd).seconds)
        if before is not None:
            before(attempt)
        try:
            sample = measure(command, cwd)
        finally:
            if after is not None:
                after()
        if sample.returncode not in ok_codes:
            row.unavailable = f"exit {sample.returncode}: {last_line(sample.stderr)}"
            return row
        row.samples.append(sample)
        print(f"  {label}: {sample.seconds:.2f}s", file=sys.stderr)
        if sample.seconds > REPEAT_LIMIT_SECONDS:
            row.note = f"first run over {REPEAT_LIMIT_SECONDS:.0f} s, not repeated"
            break
    return row


def shell_text(command: Sequence[str]) -> str:
    shown = []
    for part in command:
        text = str(part)
        for prefix, name in ((str(PEERS_VENV / "bin") + "/", ""), (str(CORPUS) + "/", ""),
                             (sys.executable, "python")):
            if text.startswith(prefix):
                text = name + text[len(prefix):]
        shown.append(text)
    return " ".join(shown)


# --------------------------------------------------------------------------- the runs

FLOOR_SCRIPT = """
import ast, sys
for name in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(name, "rb") as stream:
        data = stream.read()
    try:
        ast.parse(data, filename=name)
    except (SyntaxError, ValueError):
        pass  # the whole sdists ship a few files that are not Python 3 on purpose
"""


def backendlint(paths: Sequence[Path], *extra: str) -> list[str]:
    return [sys.executable, "-m", "backendlint", "check", *BACKENDLINT_FLAGS, *extra,
            *(str(path) for path in paths)]


@dataclass
class Corpus:
    name: str
    paths: list[Path]
    files: list[Path]
    lines: int


def make_corpus(name: str, paths: list[Path]) -> Corpus:
    files = python_files(paths)
    return Corpus(name, paths, files, count_lines(files))


def bench_corpus(corpus: Corpus, runs: int, semgrep_problem: Optional[str],
                 workdir: Path) -> list[Row]:
    """Every tool on one corpus; the first backendlint row after the floor is the baseline."""
    paths = [str(path) for path in corpus.paths]
    listing = workdir / "files.txt"
    listing.write_text("\n".join(str(file) for file in corpus.files), encoding="utf-8")
    rows = [repeat("floor: read + ast.parse, 1 process",
                   [sys.executable, "-c", FLOOR_SCRIPT, str(listing)], workdir, runs)]
    rows[0].command = "python -c '<read + ast.parse each file>' files.txt"
    rows.append(repeat("backendlint cold, default -j", backendlint(corpus.paths, "--no-cache"),
                       workdir, runs))
    rows.append(repeat("backendlint cold, -j1", backendlint(corpus.paths, "-j1", "--no-cache"),
                       workdir, runs))
    rows.extend(warm_rows(corpus, runs, workdir))
    rows.extend(peer_rows(paths, runs, semgrep_problem, workdir))
    return rows


def bench_whole(corpus: Corpus, runs: int, workdir: Path) -> list[Row]:
    """The floor and backendlint alone (cold `-j1` and default `-j`) on the whole sdists,
    tests and docs included: the peers would take most of an hour on 1.4 million lines."""
    listing = workdir / "files-whole.txt"
    listing.write_text("\n".join(str(file) for file in corpus.files), encoding="utf-8")
    floor = repeat("floor: read + ast.parse, 1 process",
                   [sys.executable, "-c", FLOOR_SCRIPT, str(listing)], workdir, runs)
    floor.command = "python -c '<read + ast.parse each file>' files.txt"
    return [floor,
            repeat("backendlint cold, default -j", backendlint(corpus.paths, "--no-cache"),
                   workdir, runs),
            repeat("backendlint cold, -j1", backendlint(corpus.paths, "-j1", "--no-cache"),
                   workdir, runs)]


def warm_rows(corpus: Corpus, runs: int, workdir: Path) -> list[Row]:
    """The warm runs; those after one file changed are each paired with a ruff run just
    before, as their targets are ratios to ruff."""
    ruff = None if "ruff" in SKIPPED_PEERS else ruff_command([str(path) for path in corpus.paths])
    cache = workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    warm = backendlint(corpus.paths, "--cache-dir", str(cache))
    measure(warm, workdir)  # populate
    rows = [repeat("backendlint warm (cached)", warm, workdir, runs)]
    rows[-1].command = shell_text(warm).replace(str(cache), "$TMP/cache")
    rows[-1].note = "the report replayed: no input changed"

    def forget_report(attempt: int) -> None:
        for manifest in cache.glob("replay-*.bin"):
            manifest.unlink()

    # The same run when the last report cannot be replayed: every file's result from the
    # cache, the project pass's too, and the report rendered again.
    rows.append(repeat("backendlint warm, report not replayed", warm, workdir, runs,
                       before=forget_report))
    rows[-1].command = rows[-2].command
    rows[-1].note = "replay manifests deleted before each run"
    touched = pick_touched_file(corpus.files)
    original = touched.read_bytes()

    # A fresh comment each time: the same text twice would be a cache hit the second time.
    def appended(attempt: int) -> None:
        touched.write_bytes(original + f"\n# benchmark touch {attempt} {time.time_ns()}\n"
                            .encode())

    # Comments at the top move every line below them, as most real edits do: the module's
    # facts move with them, so the project pass's last output is reused with its lines
    # renamed (core/shifted_pass.py). Each attempt moves the lines by another count (the
    # cache keeps the last attempt's pass: the same shift twice would find it exactly).
    def inserted(attempt: int) -> None:
        lines = "".join(f"# benchmark edit {attempt}.{line} {time.time_ns()}\n"
                        for line in range(attempt + 1))
        touched.write_bytes(lines.encode() + original)

    # A new function changes what the facts say: the project pass runs again over every
    # module's facts. Another name each attempt, so no attempt finds the last one's pass.
    def function_added(attempt: int) -> None:
        touched.write_bytes(original + f"\n\ndef benchmark_edit_{attempt}_{time.time_ns()}():"
                            f"\n    return None\n".encode())

    def restore() -> None:
        touched.write_bytes(original)

    where = touched.relative_to(CORPUS)
    for label, edit, note in (
            ("backendlint warm, 1 file changed, lines moved", inserted,
             (f"a comment inserted at the top of {where}: its facts only move, the project "
             "pass's last output is reused")),
            ("backendlint warm, 1 file changed, a function added", function_added,
             (f"a function appended to {where}: its facts change, the project pass runs "
             "again")),
            ("backendlint warm, 1 file changed, at its end", appended,
             f"a comment appended to {where}: its facts stay, the project pass is cached")):
        rows.append(repeat(label, warm, workdir, runs, before=edit, after=restore,
                           partner=ruff))
        rows[-1].command = rows[0].command
        rows[-1].note = note
    return rows


def pick_touched_file(files: Sequence[Path]) -> Path:
    """A mid-sized module, as a user's edit would be; stable across runs."""
    sized = sorted(files, key=lambda file: (file.stat().st_size, str(file)))
    return sized[len(sized) // 2]


def ruff_command(paths: Sequence[str]) -> list[str]:
    """ruff's cold run, the yardstick of the warm targets."""
    return [str(peer_bin("ruff")), "check", "--isolated", "--no-cache", "--no-respect-gitignore",
            "--exit-zero", "--select", "ASYNC,ANN,S", "--output-format", "concise", *paths]


def peer_rows(paths: list[str], runs: int, semgrep_problem: Optional[str],
              workdir: Path) -> list[Row]:
    def peer(name: str, label: str, command: list[str], ok_codes: Sequence[int] = (0,)
             ) -> Row:
        if name in SKIPPED_PEERS:
            row = Row(label, shell_text(command))
            row.unavailable = "not run this time (--skip-peers)"
            return row
        return repeat(label, command, workdir, runs, ok_codes=ok_codes)

    rows = [
        peer("ruff", "ruff --no-cache (ASYNC, ANN, S)", ruff_command(paths)),
        peer("bandit", "bandit -r -q", [str(peer_bin("bandit")), "-r", "-q", *paths],
             ok_codes=(0, 1)),
        peer("flake8", "flake8 + flake8-async + flake8-annotations (ASYNC, ANN)",
             [str(peer_bin("flake8")), "--isolated", "--exit-zero", "--select", "ASYNC,ANN",
              *paths]),
        peer("pylint", "pylint -j0, 3 checks (W0611, W0612, C0114)",
             [str(peer_bin("pylint")), "-j", "0", "--disable=all",
              "--enable=W0611,W0612,C0114", "--exit-zero", "--score=n", *paths]),
    ]
    semgrep = Row("semgrep, 1 local rule", "")
    if semgrep_problem is None:
        semgrep = peer("semgrep", "semgrep, 1 local rule",
                       [str(peer_bin("semgrep")), "scan", "--metrics=off", "--no-git-ignore",
                        "--config", str(SEMGREP_RULE), "--quiet", *paths])
        semgrep.command = semgrep.command.replace(str(HERE) + "/", "benchmarks/")
        # semgrep skips every file lacking the rule's literal text, so one rule is cheap.
        if not semgrep.unavailable:
            semgrep.note = "skips files without the text `sleep`"
    else:
        semgrep.unavailable = semgrep_problem
    rows.append(semgrep)
    return rows


# Peers left out of a run (--skip-peers): flake8 alone takes minutes on Django.
SKIPPED_PEERS: set[str] = set()


# The peers whose target is a ratio close enough to call that one run of each decides
# nothing: bandit's own time swung by 40% between runs within the hour (round seven).
PAIRED_PEERS: tuple[tuple[str, float], ...] = (("bandit", 3.0), ("semgrep", 1.0))


@dataclass
class Pairing:
    """Back-to-back runs of backendlint cold (default `-j`) and one peer, alternating which
    goes first: each pair's ratio compares the two under the same load."""

    peer: str
    factor: float
    ours: list[float] = field(default_factory=list)
    theirs: list[float] = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [peer / ours for ours, peer in zip(self.ours, self.theirs)]

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)

    @property
    def met(self) -> bool:
        return self.median >= self.factor


def measured_pairs(first: Sequence[str], second: Sequence[str], cwd: Path, pairs: int,
                   alternate: bool = False) -> Iterator[tuple[Sample, Sample]]:
    """`pairs` pairs of back-to-back runs, each as (first's sample, second's sample). With
    `alternate`, the second runs first in odd pairs, so a load that rises or falls through
    the session favours neither."""
    for index in range(pairs):
        if alternate and index % 2:
            later = measure(second, cwd)
            yield measure(first, cwd), later
        else:
            earlier = measure(first, cwd)
            yield earlier, measure(second, cwd)


def paired_runs(peer: str, factor: float, ours: Sequence[str], theirs: Sequence[str],
                cwd: Path, pairs: int, ok_codes: Sequence[int] = (0, 1)) -> Optional[Pairing]:
    """`pairs` pairs of runs, taking turns at going first; None when a run fails."""
    pairing = Pairing(peer, factor)
    for index, (mine, peers) in enumerate(measured_pairs(ours, theirs, cwd, pairs, True)):
        if mine.returncode not in ok_codes or peers.returncode not in ok_codes:
            return None
        pairing.ours.append(mine.seconds)
        pairing.theirs.append(peers.seconds)
        print(f"  pair {index + 1} with {peer}: {pairing.ratios[-1]:.2f}x", file=sys.stderr)
    return pairing if pairs else None


def paired_peers(rows: Sequence[Row], corpus: Corpus, pairs: int, workdir: Path
                 ) -> list[Pairing]:
    """The close peers' ratios from paired runs, for those that ran in the table."""
    ours = backendlint(corpus.paths, "--no-cache")
    found = []
    for peer, factor in PAIRED_PEERS:
        row = find(rows, peer)
        if row is None or not pairs:
            continue
        pairing = paired_runs(peer, factor, ours, row.argv, workdir, pairs)
        if pairing is None:
            print(f"  pairs with {peer}: a run failed; its target is judged by the table's "
                  "best runs", file=sys.stderr)
            continue
        found.append(pairing)
    return found


@dataclass
class ScalePoint:
    copies: int
    lines: int
    seconds: float


def bench_scaling(fastapi: Path, runs: int, workdir: Path) -> list[ScalePoint]:
    """backendlint cold default on 1x, 2x, 4x copies of the FastAPI package."""
    points: list[ScalePoint] = []
    for copies in (1, 2, 4):
        tree = workdir / f"scale{copies}"
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir()
        for index in range(copies):
            # Distinct package names, so the project pass sees distinct modules.
            shutil.copytree(fastapi, tree / f"fastapi_copy{index}")
        corpus = make_corpus(f"fastapi x{copies}", [tree])
        row = repeat(f"fastapi x{copies}", backendlint([tree], "--no-cache"), workdir, runs)
        if row.unavailable:
            raise SystemExit(f"backendlint failed on the scaling corpus: {row.unavailable}")
        points.append(ScalePoint(copies, corpus.lines, row.seconds))
    return points


# --------------------------------------------------------------------------- profile


PRACTICES_SCRIPT = """
import json
from backendlint.core.registry import all_rules
codes = {}
for rule in all_rules():
    if rule.practice != "engine":
        codes.setdefault(rule.practice, []).append(rule.code)
print(json.dumps({practice: sorted(found) for practice, found in codes.items()}))
"""
# `--select` of this alone runs the engine (parse, suppressions, report) and no practice.
ENGINE_ONLY = "BL001"
# The per-practice table's last row: every rule, i.e. the cold `-j1` run paired with a floor.
ALL_PRACTICES = "all practices"


def practice_codes() -> dict[str, list[str]]:
    """Each practice's rule codes, from the copied source (registry order)."""
    completed = subprocess.run([sys.executable, "-c", PRACTICES_SCRIPT], capture_output=True,
                               text=True, env=peer_env(), check=True)
    found: dict[str, list[str]] = json.loads(completed.stdout)
    return found


@dataclass
class PracticeCost:
    """Cold `-j1` CPU time of backendlint with some rules selected, as ratios to the floor
    run just before each (pairs, so the machine's speed at the time cancels out)."""

    label: str
    ratios: list[float]
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)


def cpu_ratios(command: Sequence[str], floor: Sequence[str], cwd: Path, pairs: int
               ) -> tuple[list[float], list[float]]:
    """`pairs` pairs (floor, then command): each pair's CPU-time ratio, and the command's
    CPU seconds."""
    ratios, seconds = [], []
    for base, spent in measured_pairs(floor, command, cwd, pairs):
        ratios.append(spent.cpu_seconds / max(base.cpu_seconds, 1e-9))
        seconds.append(spent.cpu_seconds)
    return ratios, seconds


def practice_costs(corpus: Corpus, workdir: Path, pairs: int) -> list[PracticeCost]:
    """What each practice costs alone, next to the engine alone and all of them: the floor
    and the shared infrastructure (walk, semantic model, project index) bound what nine
    practices can cost together."""
    listing = workdir / "files-practices.txt"
    listing.write_text("\n".join(str(file) for file in corpus.files), encoding="utf-8")
    floor = [sys.executable, "-c", FLOOR_SCRIPT, str(listing)]
    selections = [("the engine alone (no practice)", [ENGINE_ONLY])]
    selections += [(practice, codes) for practice, codes in practice_codes().items()]
    costs = []
    for label, codes in [*selections, (ALL_PRACTICES, [])]:
        select = ["--select", ",".join(codes)] if codes else []
        ratios, seconds = cpu_ratios(backendlint(corpus.paths, "-j1", "--no-cache", *select),
                                     floor, workdir, pairs)
        costs.append(PracticeCost(label, ratios, seconds))
        print(f"  {label}: {costs[-1].median:.2f}x the floor", file=sys.stderr)
    return costs


def format_practice_costs(costs: Sequence[PracticeCost]) -> str:
    engine = next((cost.median for cost in costs if cost.label.startswith("the engine")), None)
    out = [("| what runs (cold `-j1`, `--select`) | CPU seconds, median "
            "| CPU vs the floor, median | range | added to the engine alone |"),
           "| --- | ---: | ---: | --- | ---: |"]
    for cost in costs:
        added = ("" if engine is None or cost.label.startswith("the engine")
                 else f"+{cost.median - engine:.2f}x")
        out.append(f"| {cost.label} | {statistics.median(cost.seconds):.2f} "
                   f"| {cost.median:.2f}x | {min(cost.ratios):.2f}x-{max(cost.ratios):.2f}x "
                   f"| {added} |")
    return "\n".join(out)


@dataclass
class ProfileLine:
    function: str
    own: float
    cumulative: float
    calls: int


def profile_backendlint(corpus: Corpus, workdir: Path, limit: int = 25
                        ) -> tuple[float, list[ProfileLine]]:
    """cProfile of `-j1 --no-cache` in a child process; returns total time and top entries
    by own time."""
    output = workdir / "backendlint.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "backendlint",
               "check", *BACKENDLINT_FLAGS, "-j1", "--no-cache",
               *(str(path) for path in corpus.paths)]
    subprocess.run(command, cwd=workdir, stdout=subprocess.DEVNULL, check=True, env=peer_env())
    stats = pstats.Stats(str(output))
    entries: list[ProfileLine] = []
    table = stats.stats  # type: ignore[attr-defined]
    for (filename, line, name), (_, calls, own, cumulative, _) in table.items():
        entries.append(ProfileLine(describe_function(filename, line, name), own, cumulative,
                                   calls))
    entries.sort(key=lambda entry: entry.own, reverse=True)
    total = stats.total_tt  # type: ignore[attr-defined]
    return float(total), entries[:limit]


@dataclass
class SampledProfile:
    """py-spy's samples of one `-j1 --no-cache` run, by where the time went: each sample's
    innermost frame in backendlint's source (a call into the standard library or C counts
    for the code that made it), and each sample's innermost frame of all (own time)."""

    samples: int
    by_file: list[tuple[str, int]]
    by_function: list[tuple[str, int]]


def sampled_profile(corpus: Corpus, workdir: Path, limit: int = 25) -> SampledProfile:
    output = workdir / "sampled.txt"
    command = [str(peer_bin("py-spy")), "record", "--rate", "200", "--format", "raw",
               "--output", str(output), "--", sys.executable, "-m", "backendlint", "check",
               *BACKENDLINT_FLAGS, "-j1", "--no-cache", *(str(path) for path in corpus.paths)]
    subprocess.run(command, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True, env=peer_env())
    return read_samples(output.read_text(encoding="utf-8"), limit)


def read_samples(text: str, limit: int) -> SampledProfile:
    """Folded stacks (`frame;frame;... count`, py-spy's raw format) counted by file and by
    function."""
    by_file: dict[str, int] = {}
    by_function: dict[str, int] = {}
    total = 0
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = stack.split(";")
        own = _frame_function(frames[-1])
        by_function[own] = by_function.get(own, 0) + count
        ours = next((place for place in map(_backendlint_file, reversed(frames)) if place),
                    "outside backendlint (start-up, imports)")
        by_file[ours] = by_file.get(ours, 0) + count
    ranked = sorted(by_file.items(), key=lambda item: -item[1])[:limit]
    functions = sorted(by_function.items(), key=lambda item: -item[1])[:limit]
    return SampledProfile(total, ranked, functions)


def _frame_parts(frame: str) -> tuple[str, str]:
    """`name (path/to/file.py:LINE)` as (name, path), the line dropped."""
    name, _, where = frame.partition(" (")
    return name, where.rstrip(")").rsplit(":", 1)[0]


def _ours(place: str) -> str:
    """A path inside backendlint's source as `backendlint/...`; "" for any other."""
    marker = "backendlint/"
    return place[place.rindex(marker):] if marker in place else ""


def _frame_function(frame: str) -> str:
    """`name (backendlint/.../file.py)`, or `name (file.py)` outside backendlint."""
    name, place = _frame_parts(frame)
    return f"{name} ({_ours(place) or place.rsplit('/', 1)[-1]})"


def _backendlint_file(frame: str) -> str:
    return _ours(_frame_parts(frame)[1])


def format_samples(profile: SampledProfile) -> str:
    out = [f"{profile.samples:,} samples at 200 per second.", "",
           "| backendlint file (innermost frame of ours) | share |", "| --- | ---: |"]
    out += [f"| `{place}` | {100 * count / profile.samples:.1f}% |"
            for place, count in profile.by_file]
    out += ["", "| function (innermost frame) | share |", "| --- | ---: |"]
    out += [f"| `{name}` | {100 * count / profile.samples:.1f}% |"
            for name, count in profile.by_function]
    return "\n".join(out)


def describe_function(filename: str, line: int, name: str) -> str:
    marker = "/backendlint/"
    if marker in filename:
        filename = "backendlint/" + filename.split(marker, 1)[1]
    elif filename.startswith("~"):
        return name
    else:
        filename = Path(filename).name
    return f"{filename}:{line}({name})"


# --------------------------------------------------------------------------- report


def ratio_text(seconds: float, baseline: float) -> str:
    return f"{seconds / baseline:.2f}x"


def mib(value: int) -> str:
    return f"{value / MIB:.0f}"


def format_table(rows: Sequence[Row], baseline: float, lines: int) -> str:
    """Markdown table: ratio to backendlint cold default first, absolute numbers after."""
    out = [("| tool | ratio to backendlint cold | lines/s | max RSS, largest process (MiB) "
            "| peak RSS, process tree sum (MiB) | seconds (best) | CPU seconds | runs |"),
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        if row.unavailable or not row.samples:
            reason = row.unavailable or "not run"
            out.append(f"| {row.label} | not available: {reason} | | | | | | |")
            continue
        runs = f"{len(row.samples)}" + (f" ({row.note})" if row.note else "")
        out.append(f"| {row.label} | {ratio_text(row.seconds, baseline)} "
                   f"| {lines / row.seconds:,.0f} | {mib(row.max_rss)} | {mib(row.tree_rss)} "
                   f"| {row.seconds:.2f} | {row.cpu_seconds:.2f} | {runs} |")
    return "\n".join(out)


def format_pairings(pairings: Sequence[Pairing]) -> str:
    out = [("| peer | pairs | backendlint cold, median s | peer, median s "
            "| peer / backendlint, median | range | target |"),
           "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for pairing in pairings:
        ratios = pairing.ratios
        out.append(f"| {pairing.peer} | {len(ratios)} | {statistics.median(pairing.ours):.2f} "
                   f"| {statistics.median(pairing.theirs):.2f} | {pairing.median:.2f}x "
                   f"| {min(ratios):.2f}x-{max(ratios):.2f}x | at least {pairing.factor:g}x: "
                   f"{verdict(pairing.met)} |")
    return "\n".join(out)


def format_commands(rows: Sequence[Row]) -> str:
    return "\n".join(f"- {row.label}: `{row.command}`" for row in rows if row.command)


def format_scaling(points: Sequence[ScalePoint]) -> str:
    base = points[0].seconds / points[0].lines
    out = ["| copies of FastAPI | lines | seconds (best) | ms per 1000 lines | vs 1x |",
           "| ---: | ---: | ---: | ---: | ---: |"]
    for point in points:
        per_line = point.seconds / point.lines
        out.append(f"| {point.copies} | {point.lines:,} | {point.seconds:.2f} "
                   f"| {per_line * 1e6:.1f} | {per_line / base:.2f}x |")
    return "\n".join(out)


def format_profile(total: float, entries: Sequence[ProfileLine]) -> str:
    out = [f"Total profiled time {total:.2f} s (cProfile overhead included).", "",
           "| function | own s | own % | cumulative s | calls |",
           "| --- | ---: | ---: | ---: | ---: |"]
    for entry in entries:
        out.append(f"| `{entry.function}` | {entry.own:.2f} | {entry.own / total:.1%} "
                   f"| {entry.cumulative:.2f} | {entry.calls:,} |")
    return "\n".join(out)


def find(rows: Sequence[Row], prefix: str) -> Optional[Row]:
    for row in rows:
        if row.label.startswith(prefix) and row.samples and not row.unavailable:
            return row
    return None


def verdict(met: Optional[bool]) -> str:
    return "not measured" if met is None else ("**met**" if met else "**missed**")


def format_targets(rows: Sequence[Row], points: Sequence[ScalePoint],
                   whole_rows: Sequence[Row] = (), pairings: Sequence[Pairing] = (),
                   costs: Sequence[PracticeCost] = ()) -> str:
    """Issue 18's targets: ratios from this one run. Where the run also paired the two
    sides (a peer with backendlint, a warm run with ruff, cold `-j1` with the floor in
    `--per-practice`), the target is judged by the pairs' median."""
    paired = {pairing.peer: pairing for pairing in pairings}
    all_practices = next((cost for cost in costs if cost.label == ALL_PRACTICES), None)
    floor = find(rows, "floor")
    cold = find(rows, "backendlint cold, default")
    single = find(rows, "backendlint cold, -j1")
    warm = find(rows, "backendlint warm (cached)")
    touched = [row for row in rows if row.label.startswith("backendlint warm, 1 file")
               and row.samples]
    ruff = find(rows, "ruff")
    out = ["| target | measured | verdict |", "| --- | --- | --- |"]
    for name, these in (("Django", rows), ("the whole five sdists", whole_rows)):
        floor_row = find(these, "floor")
        single_row = find(these, "backendlint cold, -j1")
        if floor_row and single_row:
            ratio = single_row.seconds / floor_row.seconds
            cpu_ratio = single_row.cpu_seconds / max(floor_row.cpu_seconds, 1e-9)
            if all_practices is not None and these is rows:
                ratios = all_practices.ratios
                out.append(f"| cold `-j1` at most 3.0x the `ast.parse` floor ({name}) | "
                           f"{all_practices.median:.2f}x the floor in CPU time (median of "
                           f"{len(ratios)} paired runs, {min(ratios):.2f}x-{max(ratios):.2f}x; "
                           f"best runs in the table: {ratio:.2f}x) "
                           f"| {verdict(all_practices.median <= 3.0)} |")
                continue
            out.append(f"| cold `-j1` at most 3.0x the `ast.parse` floor ({name}) | "
                       f"{ratio:.2f}x the floor (CPU time: {cpu_ratio:.2f}x) "
                       f"| {verdict(ratio <= 3.0)} |")
    del floor, single
    if cold:
        for prefix, factor in (("bandit", 3.0), ("flake8", 1.0), ("pylint", 1.0),
                               ("semgrep", 1.0)):
            peer = find(rows, prefix)
            wanted = f"at least {factor:.0f}x faster than" if factor > 1 else "faster than"
            if peer is None:
                out.append(f"| cold default {wanted} {prefix} | {prefix} not available "
                           f"| not measured |")
                continue
            best = peer.seconds / cold.seconds
            pairing = paired.get(prefix)
            if pairing is not None:
                ratios = pairing.ratios
                out.append(f"| cold default {wanted} {prefix} | {prefix} takes "
                           f"{pairing.median:.2f}x backendlint cold (median of "
                           f"{len(ratios)} paired runs, {min(ratios):.2f}x-{max(ratios):.2f}x; "
                           f"best runs in the table: {best:.2f}x) "
                           f"| {verdict(pairing.met)} |")
                continue
            out.append(f"| cold default {wanted} {prefix} | {prefix} takes "
                       f"{best:.2f}x backendlint cold "
                       f"| {verdict(peer.seconds >= factor * cold.seconds)} |")
    for row in touched if ruff else ():
        assert ruff is not None
        how = row.label.rpartition(", ")[2]
        best = row.seconds / ruff.seconds
        ratios = row.paired_ratios
        if ratios:
            median = statistics.median(ratios)
            out.append(f"| warm, one file changed ({how}), at most 1.0x ruff `--no-cache` | "
                       f"{median:.2f}x ruff (median of {len(ratios)} paired runs, "
                       f"{min(ratios):.2f}x-{max(ratios):.2f}x; best runs in the table: "
                       f"{best:.2f}x) | {verdict(median <= 1.0)} |")
            continue
        out.append(f"| warm, one file changed ({how}), at most 1.0x ruff `--no-cache` | "
                   f"{best:.2f}x ruff | {verdict(row.seconds <= ruff.seconds)} |")
    if warm and ruff:
        out.append(f"| warm, nothing changed, at most 0.5x ruff `--no-cache` | "
                   f"{warm.seconds / ruff.seconds:.2f}x ruff "
                   f"| {verdict(warm.seconds <= 0.5 * ruff.seconds)} |")
    for name, these in (("Django", rows), ("the whole five sdists", whole_rows)):
        backendlint_rows = [row for row in these
                            if row.label.startswith("backendlint") and row.samples]
        if backendlint_rows:
            largest = max(row.tree_rss for row in backendlint_rows)
            largest_one = max(row.max_rss for row in backendlint_rows)
            out.append(f"| peak memory under 400 MiB ({name}) | largest process "
                       f"{mib(largest_one)} MiB; largest process-tree sum of any run: "
                       f"{mib(largest)} MiB | {verdict(largest < 400 * MIB)} |")
    if len(points) >= 2:
        base = points[0].seconds / points[0].lines
        worst = max(point.seconds / point.lines / base for point in points)
        out.append(f"| time per line flat from 1x to 4x copies (within 1.25x of 1x) "
                   f"| worst {worst:.2f}x the 1x time per line "
                   f"| {verdict(worst <= 1.25)} |")
    return "\n".join(out)


GATE_SCRIPT = """
import json, sys
from collections import Counter
from backendlint.core.gates import skipped_practices
counts = Counter()
names = open(sys.argv[1], encoding="utf-8").read().splitlines()
for name in names:
    with open(name, "rb") as stream:
        text = stream.read().decode("utf-8", "replace")
    counts.update(skipped_practices(text))
print(json.dumps({"files": len(names), "skipped": counts}))
"""


def gate_skips(corpus: Corpus, workdir: Path) -> dict[str, int]:
    """How many files each practice's file-level gate skips (run with the copied source)."""
    listing = workdir / f"gate-{corpus.name.replace(' ', '-')}.txt"
    listing.write_text("\n".join(str(file) for file in corpus.files), encoding="utf-8")
    completed = subprocess.run([sys.executable, "-c", GATE_SCRIPT, str(listing)],
                               capture_output=True, text=True, env=peer_env(), check=False)
    if completed.returncode != 0:
        return {}
    counted: dict[str, int] = json.loads(completed.stdout)["skipped"]
    return counted


def format_skips(corpora: Sequence[tuple[Corpus, dict[str, int]]]) -> str:
    practices = sorted({name for _, counts in corpora for name in counts})
    header = "| practice | " + " | ".join(
        f"{corpus.name} ({len(corpus.files):,} files)" for corpus, _ in corpora) + " |"
    out = [header, "| --- |" + " ---: |" * len(corpora)]
    for practice in practices:
        out.append(f"| {practice} | " + " | ".join(
            f"{counts.get(practice, 0):,} ({counts.get(practice, 0) / max(len(corpus.files), 1):.0%})"
            for corpus, counts in corpora) + " |")
    return "\n".join(out)


def machine_text() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{model}, {os.cpu_count()} logical CPUs, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def load_average() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


@dataclass
class Results:
    main: Corpus
    main_rows: list[Row]
    combined: Optional[Corpus]
    combined_rows: list[Row]
    scaling: list[ScalePoint]
    versions: dict[str, str]
    profile: Optional[tuple[float, list[ProfileLine]]]
    runs: int
    load_before: str
    load_after: str
    command: str
    whole: Optional[Corpus] = None
    whole_rows: list[Row] = field(default_factory=list)
    skips: list[tuple[Corpus, dict[str, int]]] = field(default_factory=list)
    pairings: list[Pairing] = field(default_factory=list)
    practice_costs: list[PracticeCost] = field(default_factory=list)
    # The sampled profile, or why there is none.
    sampled: Optional[SampledProfile] = None
    sampled_problem: str = ""


def render_report(results: Results, notes: str) -> str:
    cold = find(results.main_rows, "backendlint cold, default")
    baseline = cold.seconds if cold else 1.0
    today = datetime.date.today().isoformat()
    projects = ", ".join(f"{p.name} {p.version}" for p in PROJECTS)
    parts = [
        "# Performance",
        "",
        "Generated by `" + results.command + "` on " + today + ". Do not edit above the "
        "hand-written notes marker: the benchmark rewrites it.",
        "",
        f"- Machine: {machine_text()}.",
        (f"- Load average before / after the run: {results.load_before} / "
         f"{results.load_after}. The machine was shared with other engineers' test runs, "
         "so absolute times carry noise; ratios measured back-to-back are steadier."),
        "- Versions: " + "; ".join(f"{name} {version}"
                                   for name, version in results.versions.items()) + ".",
        f"- Corpora (pinned sdists, import package only): {projects}.",
        (f"- Timing: wall clock from spawn to exit, best of {results.runs} runs (a tool "
         f"slower than {REPEAT_LIMIT_SECONDS:.0f} s on its first run is run once). Output "
         "goes to /dev/null. *CPU seconds* are user + system time of the process and its "
         "waited children (steadier than wall clock on a busy machine)."),
        ("- Memory: *max RSS* is `ru_maxrss` from `os.wait4`, i.e. the largest single "
         "process of the tree (the main process, or the largest pool worker, since waited "
         "workers are folded in); *tree sum* is the sum of RSS over the process and all "
         "its descendants, sampled from /proc every 20 ms, which counts pages that forked "
         "workers share once per worker and so over-states a pool."),
        ("- The floor is a separate `python -c` process that reads and `ast.parse`s every "
         "`.py` file of the corpus; interpreter start-up is included, as it is for "
         "backendlint."),
        "",
        f"## Django ({results.main.lines:,} lines in {len(results.main.files):,} files)",
        "",
        "Ratios are to **backendlint cold, default `-j`** (lower is faster).",
        "",
        format_table(results.main_rows, baseline, results.main.lines),
        "",
        "## Targets (Django corpus)",
        "",
        format_targets(results.main_rows, results.scaling, results.whole_rows,
                       results.pairings, results.practice_costs),
        "",
    ]
    if results.pairings:
        parts += [
            "## Paired runs against the close peers (Django)",
            "",
            ("Backendlint cold (default `-j`) and the peer run back to back, taking turns "
             "at going first; the ratio of each pair compares the two under the same load, "
             "and the target is judged by the median."),
            "",
            format_pairings(results.pairings),
            "",
        ]
    if results.skips:
        parts += [
            "## Files each practice skips (its file-level gate: `Practice.gate`)",
            "",
            format_skips(results.skips),
            "",
        ]
    if results.whole is not None and results.whole_rows:
        whole_cold = find(results.whole_rows, "backendlint cold, default")
        parts += [
            (f"## The whole five sdists, tests and docs included ({results.whole.lines:,} "
             f"lines in {len(results.whole.files):,} files)"),
            "",
            format_table(results.whole_rows, whole_cold.seconds if whole_cold else 1.0,
                         results.whole.lines),
            "",
        ]
    if results.combined is not None and results.combined_rows:
        combined_cold = find(results.combined_rows, "backendlint cold, default")
        parts += [
            (f"## All five projects ({results.combined.lines:,} lines in "
             f"{len(results.combined.files):,} files)"),
            "",
            format_table(results.combined_rows,
                         combined_cold.seconds if combined_cold else 1.0,
                         results.combined.lines),
            "",
        ]
    if results.practice_costs:
        parts += [
            "## What each practice costs alone (Django, cold `-j1`)",
            "",
            ("CPU time of backendlint with one practice's rules selected, as a ratio to the "
             f"floor run just before it (median of {len(results.practice_costs[0].ratios)} "
             "pairs). The engine alone still reads, parses and reports every file; a "
             "practice alone also builds what it shares with the others (the walk's "
             "dispatch, the semantic model, the project index), so the added costs do not "
             "sum to the last row."),
            "",
            format_practice_costs(results.practice_costs),
            "",
        ]
    parts += [
        "## Linear scaling (backendlint cold, default `-j`, copies of FastAPI's package)",
        "",
        format_scaling(results.scaling) if results.scaling else "not run",
        "",
        "## Commands",
        "",
        format_commands(results.main_rows),
        "",
    ]
    if results.profile is not None:
        total, entries = results.profile
        parts += ["## Profile data (cProfile, `-j1 --no-cache`, Django, top by own time)", "",
                  format_profile(total, entries), ""]
    if results.sampled is not None:
        parts += ["## Sampled profile (py-spy, `-j1 --no-cache`, Django)", "",
                  format_samples(results.sampled), ""]
    elif results.sampled_problem:
        parts += ["## Sampled profile (py-spy, `-j1 --no-cache`, Django)", "",
                  f"Not available: {results.sampled_problem}.", ""]
    parts += [NOTES_MARKER, notes.rstrip("\n") if notes else "", ""]
    return "\n".join(parts)


def kept_notes() -> str:
    if not REPORT.exists():
        return ""
    text = REPORT.read_text(encoding="utf-8")
    if NOTES_MARKER not in text:
        return ""
    return text.split(NOTES_MARKER, 1)[1].lstrip("\n")


# --------------------------------------------------------------------------- main


def collect_versions(semgrep_problem: Optional[str]) -> dict[str, str]:
    versions = {
        "backendlint": tool_version([sys.executable, "-m", "backendlint", "--version"]),
        "ruff": tool_version([str(peer_bin("ruff")), "--version"]),
        "bandit": tool_version([str(peer_bin("bandit")), "--version"]),
        "flake8": tool_version([str(peer_bin("flake8")), "--version"]),
        "pylint": tool_version([str(peer_bin("pylint")), "--version"]),
    }
    versions["semgrep"] = (f"not available ({semgrep_problem})" if semgrep_problem
                           else tool_version([str(peer_bin("semgrep")), "--version"]))
    # Each tool's own version output on one line, minus a leading repeated tool name.
    return {name: text.removeprefix(name).strip(" ,:") or text
            for name, text in versions.items()}


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions per measurement "
                        "(best is reported; default 3)")
    parser.add_argument("--combined", action="store_true", help="also run every tool on "
                        "all five projects together")
    parser.add_argument("--whole", action="store_true", help="also run the floor and "
                        "backendlint on the whole five sdists (tests and docs included)")
    parser.add_argument("--pairs", type=int, default=5, help="pairs of back-to-back runs "
                        "of backendlint and each close peer (bandit, semgrep) that judge "
                        "their targets; 0 judges them by the table's best runs (default 5)")
    parser.add_argument("--per-practice", type=int, default=0, metavar="PAIRS",
                        help="also time each practice alone on Django (cold -j1), as a CPU "
                        "ratio to the floor over PAIRS pairs (about 2 minutes with 3)")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile and "
                        "sampled (py-spy) runs")
    parser.add_argument("--skip-peers", default="", metavar="NAMES",
                        help="comma-separated peers not to run (ruff, bandit, flake8, pylint, "
                        "semgrep); their rows say so")
    parser.add_argument("--no-write", action="store_true", help="print the report instead "
                        "of writing docs/performance.md")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    SKIPPED_PEERS.update(name.strip() for name in args.skip_peers.split(",") if name.strip())
    command = "python benchmarks/run.py" + "".join(
        f" {arg}" for arg in (argv if argv is not None else sys.argv[1:]))
    packages = {project.name: ensure_corpus(project) for project in PROJECTS}
    semgrep_problem = ensure_peers()
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="backendlint-bench-") as temporary:
        workdir = Path(temporary)
        revision = snapshot_source(workdir)
        versions = collect_versions(semgrep_problem)
        versions["backendlint"] += f" (git {revision})"
        if semgrep_problem is None and versions["semgrep"].startswith("unavailable"):
            semgrep_problem = versions["semgrep"]
        main_corpus = make_corpus("Django", [packages["Django"]])
        print(f"Django: {main_corpus.lines} lines, {len(main_corpus.files)} files",
              file=sys.stderr)
        main_rows = bench_corpus(main_corpus, args.runs, semgrep_problem, workdir)
        pairings = paired_peers(main_rows, main_corpus, args.pairs, workdir)
        costs = (practice_costs(main_corpus, workdir, args.per_practice)
                 if args.per_practice > 0 else [])
        combined: Optional[Corpus] = None
        combined_rows: list[Row] = []
        if args.combined:
            combined = make_corpus("all", list(packages.values()))
            combined_rows = bench_corpus(combined, args.runs, semgrep_problem, workdir)
        whole: Optional[Corpus] = None
        whole_rows: list[Row] = []
        if args.whole:
            whole = make_corpus("whole sdists",
                                [project_root(project) for project in PROJECTS])
            whole_rows = bench_whole(whole, args.runs, workdir)
        skips = [(corpus, gate_skips(corpus, workdir))
                 for corpus in (main_corpus, combined, whole) if corpus is not None]
        scaling = bench_scaling(packages["fastapi"], args.runs, workdir)
        profile = None if args.no_profile else profile_backendlint(main_corpus, workdir)
        sampled, sampled_problem = None, ""
        if not args.no_profile:
            sampled_problem = ensure_sampler() or ""
            if not sampled_problem:
                try:
                    sampled = sampled_profile(main_corpus, workdir)
                except (OSError, subprocess.CalledProcessError) as error:
                    sampled_problem = f"py-spy failed ({error})"
    results = Results(main_corpus, main_rows, combined, combined_rows, scaling, versions,
                      profile, args.runs, load_before, load_average(), command, whole,
                      whole_rows, skips, pairings, costs, sampled, sampled_problem)
    report = render_report(results, kept_notes())
    if args.no_write:
        print(report)
    else:
        REPORT.write_text(report, encoding="utf-8")
        print(f"wrote {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
