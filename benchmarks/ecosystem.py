"""Diff backendlint's findings between two builds on pinned real projects.

`python benchmarks/ecosystem.py`: downloads pinned sdists of the five frameworks of
benchmarks/run.py and of real applications (reused from `benchmarks/.ecosystem-cache/` when
present), runs backendlint from a git ref (default `main`) and from the working tree on each
with every rule selected, and prints the findings added, removed and moved per project and per
rule, with examples. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".ecosystem-cache"
DEFAULT_EXAMPLES = 3
LINT_FLAGS = ("check", "--output-format", "json", "--no-cache", "--exit-zero", "--select",
              "ALL", "--isolated", "--no-respect-gitignore", "-q")


class EcosystemError(Exception):
    """A download, a checkout or a build that failed before any project was linted."""


@dataclass(frozen=True)
class Project:
    name: str  # the distribution name on the package index
    version: str
    paths: tuple[str, ...]  # what is linted, relative to the unpacked sdist
    kind: str  # "framework" or "application"


# The five frameworks are those of benchmarks/run.py (tests/test_ecosystem.py checks that the
# pins agree); the applications are real services published as sdists, chosen small to
# medium so the whole check stays short on a shared machine.
PROJECTS: tuple[Project, ...] = (
    Project("Django", "5.2.19", ("django",), "framework"),
    Project("fastapi", "0.165.0", ("fastapi",), "framework"),
    Project("SQLAlchemy", "2.1.9", ("lib/sqlalchemy",), "framework"),
    Project("Flask", "3.1.3", ("src/flask",), "framework"),
    Project("celery", "5.7.0", ("celery",), "framework"),
    Project("flaskbb", "2.0.2", ("flaskbb",), "application"),  # Flask forum
    Project("ihatemoney", "7.2.1", ("ihatemoney",), "application"),  # Flask budget sharing
    Project("zou", "1.0.97", ("zou",), "application"),  # Flask-RESTful production tracker API
    Project("changedetection.io", "0.60.10", ("changedetectionio",), "application"),  # Flask
    Project("lnbits", "1.6.2", ("lnbits",), "application"),  # FastAPI Lightning wallet
    Project("chainlit", "2.12.0", ("chainlit",), "application"),  # FastAPI chat-app server
    Project("fastapi-users", "15.0.5", ("fastapi_users",), "application"),  # FastAPI auth
    Project("archivebox", "0.7.4", ("archivebox",), "application"),  # Django web archiver
    Project("misago", "0.39.6", ("misago",), "application"),  # Django forum
    Project("django-allauth", "65.22.1", ("allauth",), "application"),  # Django accounts
    Project("dj-rest-auth", "7.2.0", ("dj_rest_auth",), "application"),  # DRF auth endpoints
    Project("djoser", "2.3.5", ("djoser",), "application"),  # DRF auth endpoints
)


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    code: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line} {self.code} {self.message}"


@dataclass(frozen=True, order=True)
class Move:
    """The same finding (path, code, message) on another line."""

    path: str
    code: str
    message: str
    old_line: int
    new_line: int

    def text(self) -> str:
        return f"{self.path}:{self.old_line}->{self.new_line} {self.code} {self.message}"


@dataclass
class Diff:
    added: list[Finding] = field(default_factory=list)
    removed: list[Finding] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved)


def parse_findings(text: str) -> list[Finding]:
    """The findings of `backendlint check --output-format json`."""
    document = json.loads(text)
    return [Finding(item["path"], int(item["line"]), item["code"], item["message"])
            for item in document["findings"]]


def diff_findings(base: Iterable[Finding], head: Iterable[Finding]) -> Diff:
    """Added and removed findings, matched by (path, code, line, message) as multisets.

    Then each removed finding is paired with an added one of the same path, code and message
    on another line, in line order: such a pair is reported once, as moved. A finding whose
    message changed is one removal plus one addition.
    """
    base_counts = Counter(base)
    head_counts = Counter(head)
    removed = sorted((base_counts - head_counts).elements())
    added = sorted((head_counts - base_counts).elements())
    moved = pair_moves(removed, added)
    moved_old = Counter(Finding(m.path, m.old_line, m.code, m.message) for m in moved)
    moved_new = Counter(Finding(m.path, m.new_line, m.code, m.message) for m in moved)
    return Diff(sorted((Counter(added) - moved_new).elements()),
                sorted((Counter(removed) - moved_old).elements()), sorted(moved))


def pair_moves(removed: Sequence[Finding], added: Sequence[Finding]) -> list[Move]:
    def group(findings: Sequence[Finding]) -> dict[tuple[str, str, str], list[int]]:
        groups: dict[tuple[str, str, str], list[int]] = {}
        for finding in findings:
            groups.setdefault((finding.path, finding.code, finding.message), []).append(
                finding.line)
        return groups

    new_lines = group(added)
    moves = []
    for (path, code, message), old_lines in group(removed).items():
        for old, new in zip(sorted(old_lines), sorted(new_lines.get((path, code, message), []))):
            moves.append(Move(path, code, message, old, new))
    return moves


# --------------------------------------------------------------------------- summaries


@dataclass
class ProjectResult:
    project: Project
    diff: Diff = field(default_factory=Diff)
    base_count: int = 0
    head_count: int = 0
    error: str = ""
    seconds: dict[str, float] = field(default_factory=dict)


RuleCounts = dict[str, tuple[int, int, int]]  # code -> (added, removed, moved)


def counts_by_rule(diffs: Iterable[Diff]) -> RuleCounts:
    added: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    moved: Counter[str] = Counter()
    for diff in diffs:
        added.update(finding.code for finding in diff.added)
        removed.update(finding.code for finding in diff.removed)
        moved.update(move.code for move in diff.moved)
    return {code: (added[code], removed[code], moved[code])
            for code in sorted({*added, *removed, *moved})}


def format_rule_table(counts: RuleCounts) -> str:
    lines = ["| rule | added | removed | moved |", "| --- | ---: | ---: | ---: |"]
    lines.extend(f"| {code} | {a} | {r} | {m} |" for code, (a, r, m) in counts.items())
    return "\n".join(lines)


def format_project_table(results: Sequence[ProjectResult]) -> str:
    lines = ["| project | version | base findings | head findings | added | removed | moved |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        if result.error:
            lines.append(f"| {result.project.name} | {result.project.version} "
                         f"| error: {result.error} | | | | |")
            continue
        diff = result.diff
        lines.append(f"| {result.project.name} | {result.project.version} "
                     f"| {result.base_count} | {result.head_count} | {len(diff.added)} "
                     f"| {len(diff.removed)} | {len(diff.moved)} |")
    return "\n".join(lines)


def format_examples(diff: Diff, limit: int) -> list[str]:
    """Up to `limit` examples per rule and kind of change, grouped by rule."""
    changes: tuple[tuple[str, Sequence[Finding | Move]], ...] = (
        ("+", diff.added), ("-", diff.removed), ("~", diff.moved))
    lines: list[str] = []
    for sign, items in changes:
        shown: Counter[str] = Counter()
        for item in sorted(items, key=lambda item: item.code):  # stable: file order kept
            if shown[item.code] < limit:
                shown[item.code] += 1
                lines.append(f"{sign} {item.text()}")
    return lines


def format_report(results: Sequence[ProjectResult], base: str, limit: int) -> str:
    changed = [result for result in results if not result.error and not result.diff.empty]
    errors = [result for result in results if result.error]
    parts = [f"# backendlint ecosystem check: {base} (base) vs working tree (head)", "",
             format_project_table(results), ""]
    if not changed:
        parts.append(f"No changes on {len(results) - len(errors)} projects."
                     + (f" {len(errors)} failed." if errors else ""))
        return "\n".join(parts) + "\n"
    parts += ["## Per rule, all projects", "",
              format_rule_table(counts_by_rule(result.diff for result in changed)), ""]
    for result in changed:
        parts += [f"## {result.project.name} {result.project.version}", "",
                  format_rule_table(counts_by_rule([result.diff])), ""]
        examples = format_examples(result.diff, limit)
        if examples:
            parts += ["```", *examples, "```", ""]
    return "\n".join(parts)


def format_timing(results: Sequence[ProjectResult], elapsed: float) -> str:
    base = sum(result.seconds.get("base", 0.0) for result in results)
    head = sum(result.seconds.get("head", 0.0) for result in results)
    return (f"{elapsed:.0f} s in all (backendlint: base {base:.0f} s, head {head:.0f} s; "
            f"the rest is fetching, unpacking and preparing the two builds)")


def report_json(results: Sequence[ProjectResult], base: str) -> dict[str, Any]:
    return {
        "base": base,
        "head": "working tree",
        "projects": [{
            "name": result.project.name,
            "version": result.project.version,
            "paths": list(result.project.paths),
            "error": result.error or None,
            "base_findings": result.base_count,
            "head_findings": result.head_count,
            "seconds": result.seconds,
            "added": [asdict(finding) for finding in result.diff.added],
            "removed": [asdict(finding) for finding in result.diff.removed],
            "moved": [asdict(move) for move in result.diff.moved],
        } for result in results],
        "rules": {code: {"added": a, "removed": r, "moved": m} for code, (a, r, m)
                  in counts_by_rule(result.diff for result in results).items()},
    }


# --------------------------------------------------------------------------- fetching


def project_root(project: Project) -> Path:
    return CACHE / f"{project.name.lower()}-{project.version}"


def ensure_project(project: Project) -> Path:
    """Download and unpack the pinned sdist unless the cache already has it."""
    root = project_root(project)
    if root.is_dir():
        return root
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="download-", dir=CACHE) as download:
        completed = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
             "-q", "-d", download, f"{project.name}=={project.version}"],
            check=False, capture_output=True, text=True)
        archives = list(Path(download).iterdir())
        if completed.returncode != 0 or len(archives) != 1:
            raise EcosystemError(f"pip download {project.name}=={project.version} failed: "
                                 f"{last_line(completed.stderr)}")
        unpack_sdist(archives[0], root)
    missing = [path for path in project.paths if not (root / path).exists()]
    if missing:
        raise EcosystemError(f"{project.name}: {', '.join(missing)} not in the sdist")
    return root


def unpack_sdist(archive: Path, root: Path) -> None:
    """Unpack; the sdist's single top folder becomes root."""
    with tempfile.TemporaryDirectory(prefix="unpack-", dir=root.parent) as staging:
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as bundle:
                bundle.extractall(staging)
        else:
            with tarfile.open(archive) as bundle:
                if hasattr(tarfile, "data_filter"):
                    bundle.extractall(staging, filter="data")
                else:
                    bundle.extractall(staging)  # old Pythons: no extraction filters
        (top,) = Path(staging).iterdir()
        top.rename(root)


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines()
             if line.strip() and not line.startswith("WARNING: Location")]
    return lines[-1][:200] if lines else "(no output)"


# --------------------------------------------------------------------------- builds


def export_ref(ref: str, target: Path) -> str:
    """`git archive` the ref's src/ into target; returns the commit it resolved to."""
    commit = git("rev-parse", "--verify", "--short", f"{ref}^{{commit}}")
    archive = subprocess.run(["git", "archive", "--format=tar", commit, "src"], cwd=ROOT,
                             check=False, capture_output=True)
    if archive.returncode != 0:
        raise EcosystemError(f"git archive {ref} failed: "
                             f"{last_line(archive.stderr.decode('utf-8', 'replace'))}")
    target.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return commit


def copy_working_tree(target: Path) -> None:
    """A copy of src/ as it is now: edits made while the check runs do not leak into it."""
    shutil.copytree(ROOT / "src", target / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))


def git(*args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=ROOT, check=False, capture_output=True,
                               text=True)
    if completed.returncode != 0:
        raise EcosystemError(f"git {' '.join(args)} failed: {last_line(completed.stderr)}")
    return completed.stdout.strip()


@dataclass(frozen=True)
class Build:
    label: str
    source: Path  # the folder holding the build's backendlint package (its src/)

    def command(self, project: Project, jobs: Optional[int]) -> list[str]:
        extra = [f"-j{jobs}"] if jobs else []
        return [sys.executable, "-m", "backendlint", *LINT_FLAGS, *extra, *project.paths]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(self.source)
        env["NO_COLOR"] = "1"
        return env


def lint(build: Build, project: Project, root: Path, jobs: Optional[int]
         ) -> tuple[list[Finding], float]:
    started = time.perf_counter()
    completed = subprocess.run(build.command(project, jobs), cwd=root, env=build.env(),
                               check=False, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise EcosystemError(f"{build.label} exited {completed.returncode}: "
                             f"{last_line(completed.stderr)}")
    try:
        return parse_findings(completed.stdout), elapsed
    except (ValueError, KeyError, TypeError) as error:
        raise EcosystemError(f"{build.label}: JSON output did not parse: {error}") from error


def check_project(project: Project, base: Build, head: Build, jobs: Optional[int]
                  ) -> ProjectResult:
    result = ProjectResult(project)
    try:
        root = ensure_project(project)
        base_findings, result.seconds["base"] = lint(base, project, root, jobs)
        head_findings, result.seconds["head"] = lint(head, project, root, jobs)
    except EcosystemError as error:
        result.error = str(error)
        return result
    result.base_count, result.head_count = len(base_findings), len(head_findings)
    result.diff = diff_findings(base_findings, head_findings)
    return result


# --------------------------------------------------------------------------- main


def choose_projects(names: Optional[str]) -> list[Project]:
    if not names:
        return list(PROJECTS)
    wanted = [name.strip().lower() for name in names.split(",") if name.strip()]
    known = {project.name.lower(): project for project in PROJECTS}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise EcosystemError(f"unknown project(s): {', '.join(unknown)}; known: "
                             f"{', '.join(project.name for project in PROJECTS)}")
    return [known[name] for name in wanted]


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--base", default="main", help="git ref of the base build "
                        "(default: main); the head is the working tree")
    parser.add_argument("--projects", help="comma-separated project names (default: all)")
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES,
                        help="examples per rule and kind of change (default 3)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="backendlint worker processes per run (default: backendlint's)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    return parser.parse_args(argv)


def run_check(args: argparse.Namespace) -> list[ProjectResult]:
    projects = choose_projects(args.projects)
    with tempfile.TemporaryDirectory(prefix="backendlint-ecosystem-") as temporary:
        workdir = Path(temporary)
        commit = export_ref(args.base, workdir / "base")
        copy_working_tree(workdir / "head")
        base = Build(f"base ({args.base}, {commit})", workdir / "base" / "src")
        head = Build("head (working tree)", workdir / "head" / "src")
        results = []
        for project in projects:
            print(f"{project.name} {project.version}", file=sys.stderr)
            results.append(check_project(project, base, head, args.jobs))
    return results


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    try:
        results = run_check(args)
    except EcosystemError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_report(results, args.base, args.examples))
    print(format_timing(results, time.perf_counter() - started), file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(report_json(results, args.base), indent=2) + "\n",
                             encoding="utf-8")
    return 2 if any(result.error for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
