"""Measure backendlint's accuracy on labelled real applications.

`python benchmarks/accuracy/run.py`: reads every label file
`benchmarks/accuracy/<practice>/<project>.toml`, downloads the pinned distribution of each
(reused from `benchmarks/.accuracy-cache/` when present), runs backendlint on the labelled
sub-trees and prints TP, FP, FN, precision and recall per practice, split and rule. The label
format and the scoring are described in benchmarks/accuracy/README.md.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # backendlint depends on tomli before 3.11
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".accuracy-cache"
SPLITS = ("tune", "holdout")
KINDS = ("sdist", "wheel")
DEFAULT_TOLERANCE = 1
SHOWABLE = ("fp", "fn")


class HarnessError(Exception):
    """A label file that does not parse, a download that fails, a run that breaks."""


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class Label:
    """One labelled line: a finding expected there, forbidden there, or checked clean."""

    path: str
    line: int
    code: str
    note: str = ""


@dataclass(frozen=True)
class LabelFile:
    practice: str
    name: str
    version: str
    split: str
    paths: tuple[str, ...]
    codes: tuple[str, ...]
    kind: str = "sdist"
    # What backendlint is run on, when wider than the labelled paths (a project-wide rule
    # needs the app factory that registers the labelled views); default: paths.
    lint: tuple[str, ...] = ()
    tolerance: int = DEFAULT_TOLERANCE
    note: str = ""
    expect: tuple[Label, ...] = ()
    absent: tuple[Label, ...] = ()
    clean: tuple[Label, ...] = ()
    source: str = "<memory>"

    def covers(self, path: str, code: str) -> bool:
        """Whether a finding at this path with this code was labelled for (is in scope)."""
        return any(code.startswith(prefix) for prefix in self.codes) and any(
            path_under(path, tree) for tree in self.paths)


def path_under(path: str, tree: str) -> bool:
    """`flaskbb/auth/views.py` is under `flaskbb/` and `flaskbb`; a file path is under itself."""
    path = normalise_path(path)
    tree = normalise_path(tree)
    return tree in ("", ".") or path == tree or path.startswith(tree + "/")


def normalise_path(path: str) -> str:
    path = path.replace("\\", "/").strip()
    while path.startswith("./"):
        path = path[2:]
    return path.rstrip("/")


def parse_label_file(text: str, practice: str, source: str = "<memory>") -> LabelFile:
    """Parse one TOML label file; raises HarnessError naming the file and the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise HarnessError(f"{source}: not valid TOML: {error}") from error
    project = table(data, "project", source)
    codes = string_list(project, "codes", source)
    paths = tuple(normalise_path(path) for path in string_list(project, "paths", source))
    labels = {section: tuple(parse_label(entry, section, index, source)
                             for index, entry in enumerate(entries(data, section, source)))
              for section in ("expect", "absent", "clean")}
    result = LabelFile(
        practice=practice,
        name=required_string(project, "name", source),
        version=required_string(project, "version", source),
        split=choice(project, "split", SPLITS, None, source),
        paths=paths,
        codes=codes,
        kind=choice(project, "kind", KINDS, "sdist", source),
        lint=tuple(normalise_path(path) for path in string_list(project, "lint", source))
        if "lint" in project else paths,
        tolerance=tolerance(project, source),
        note=str(project.get("note", "")),
        expect=labels["expect"], absent=labels["absent"], clean=labels["clean"],
        source=source,
    )
    check_labels_in_scope(result)
    return result


def table(data: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise HarnessError(f"{source}: missing [{key}] table")
    return value


def entries(data: dict[str, Any], key: str, source: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise HarnessError(f"{source}: {key} must be an array of tables ([[{key}]])")
    return value


def required_string(data: dict[str, Any], key: str, source: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise HarnessError(f"{source}: {key} must be a non-empty string")
    return value.strip()


def string_list(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key)
    if (not isinstance(value, list) or not value
            or not all(isinstance(item, str) and item.strip() for item in value)):
        raise HarnessError(f"{source}: {key} must be a non-empty list of strings")
    return tuple(item.strip() for item in value)


def choice(data: dict[str, Any], key: str, allowed: Sequence[str], default: Optional[str],
           source: str) -> str:
    value = data.get(key, default)
    if value not in allowed:
        raise HarnessError(f"{source}: {key} must be one of {', '.join(allowed)}, "
                           f"not {value!r}")
    return str(value)


def tolerance(data: dict[str, Any], source: str) -> int:
    value = data.get("line-tolerance", DEFAULT_TOLERANCE)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise HarnessError(f"{source}: line-tolerance must be a whole number >= 0")
    return value


def parse_label(entry: dict[str, Any], section: str, index: int, source: str) -> Label:
    where = f"{source}: [[{section}]] #{index + 1}"
    line = entry.get("line")
    if isinstance(line, bool) or not isinstance(line, int) or line < 1:
        raise HarnessError(f"{where}: line must be a whole number >= 1")
    return Label(normalise_path(required_string(entry, "path", where)), line,
                 required_string(entry, "code", where), str(entry.get("note", "")))


def check_labels_in_scope(labels: LabelFile) -> None:
    for section in ("expect", "absent", "clean"):
        for label in getattr(labels, section):
            if not labels.covers(label.path, label.code):
                raise HarnessError(f"{labels.source}: [[{section}]] {label.path}:{label.line} "
                                   f"{label.code} is outside the file's paths or codes")


def load_label_files(root: Path) -> list[LabelFile]:
    """Every `<practice>/<project>.toml` under root, in a stable order."""
    found = []
    for file in sorted(root.glob("*/*.toml")):
        source = str(file.relative_to(root))
        found.append(parse_label_file(file.read_text(encoding="utf-8"), file.parent.name,
                                      source))
    return found


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Reported:
    """A finding as backendlint's JSON output gives it, reduced to what is matched."""

    path: str
    line: int
    code: str
    message: str = ""


def parse_report(text: str) -> list[Reported]:
    """The findings of `backendlint check --output-format json`."""
    try:
        document = json.loads(text)
        return [Reported(normalise_path(item["path"]), int(item["line"]), str(item["code"]),
                         str(item.get("message", "")))
                for item in document["findings"]]
    except (ValueError, KeyError, TypeError) as error:
        raise HarnessError(f"backendlint's JSON output did not parse: {error}") from error


@dataclass
class Outcome:
    """The scoring of one label file against one run."""

    labels: LabelFile
    true_positives: list[tuple[Reported, Label]] = field(default_factory=list)
    false_positives: list[Reported] = field(default_factory=list)
    false_negatives: list[Label] = field(default_factory=list)
    regressions: list[Label] = field(default_factory=list)
    clean_reported: list[Label] = field(default_factory=list)
    clean_kept: list[Label] = field(default_factory=list)


def near(finding: Reported, label: Label, tolerance: int) -> bool:
    return (finding.path == label.path and finding.code == label.code
            and abs(finding.line - label.line) <= tolerance)


def score(labels: LabelFile, findings: Iterable[Reported]) -> Outcome:
    """Match findings to labels: each expect and each finding is used at most once.

    A finding in scope matches the nearest unused `expect` with its path and code within the
    tolerance (TP); otherwise it is a FP. Unmatched expects are FNs. An `absent` or `clean`
    entry with a finding near it is hit (the finding already counts as a FP).
    """
    outcome = Outcome(labels)
    in_scope = sorted((finding for finding in findings
                       if labels.covers(finding.path, finding.code)),
                      key=lambda finding: (finding.path, finding.line, finding.code))
    unused = list(labels.expect)
    for finding in in_scope:
        label = nearest(finding, unused, labels.tolerance)
        if label is None:
            outcome.false_positives.append(finding)
        else:
            unused.remove(label)
            outcome.true_positives.append((finding, label))
    outcome.false_negatives = unused
    outcome.regressions = hit(labels.absent, outcome.false_positives, labels.tolerance)
    outcome.clean_reported = hit(labels.clean, outcome.false_positives, labels.tolerance)
    outcome.clean_kept = [label for label in labels.clean
                          if label not in outcome.clean_reported]
    return outcome


def nearest(finding: Reported, candidates: Sequence[Label], tolerance: int
            ) -> Optional[Label]:
    close = [label for label in candidates if near(finding, label, tolerance)]
    return min(close, key=lambda label: abs(label.line - finding.line), default=None)


def hit(labels: Sequence[Label], findings: Sequence[Reported], tolerance: int) -> list[Label]:
    return [label for label in labels
            if any(near(finding, label, tolerance) for finding in findings)]


# --------------------------------------------------------------------------- scoring


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    regressions: int = 0
    clean_kept: int = 0
    clean_total: int = 0
    expect_total: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> Optional[float]:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> Optional[float]:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def agreement(self) -> Optional[float]:
        """(TP + clean lines left clean) / (expected lines + clean lines); None without clean."""
        if not self.clean_total:
            return None
        return ratio(self.tp + self.clean_kept, self.expect_total + self.clean_total)


def ratio(part: int, whole: int) -> Optional[float]:
    return part / whole if whole else None


def tallies_by_rule(outcome: Outcome) -> dict[str, Tally]:
    """One tally per code seen in the outcome's findings or labels."""
    tallies: dict[str, Tally] = {}

    def at(code: str) -> Tally:
        return tallies.setdefault(code, Tally())

    for finding, _ in outcome.true_positives:
        at(finding.code).tp += 1
    for finding in outcome.false_positives:
        at(finding.code).fp += 1
    for label in outcome.false_negatives:
        at(label.code).fn += 1
    for label in outcome.regressions:
        at(label.code).regressions += 1
    for label in outcome.clean_kept:
        at(label.code).clean_kept += 1
    for label in outcome.labels.clean:
        at(label.code).clean_total += 1
    for label in outcome.labels.expect:
        at(label.code).expect_total += 1
    return tallies


Key = tuple[str, str, str]  # practice, split, rule


def tabulate(outcomes: Iterable[Outcome]) -> dict[Key, Tally]:
    table_: dict[Key, Tally] = {}
    for outcome in outcomes:
        for code, tally in tallies_by_rule(outcome).items():
            key = (outcome.labels.practice, outcome.labels.split, code)
            table_.setdefault(key, Tally()).add(tally)
    return table_


def total(tallies: Iterable[Tally]) -> Tally:
    result = Tally()
    for tally in tallies:
        result.add(tally)
    return result


# --------------------------------------------------------------------------- printing


def percent(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.2f}"


def format_table(rows: dict[Key, Tally], show_agreement: bool) -> str:
    header = ["practice", "split", "rule", "TP", "FP", "FN", "precision", "recall",
              "regressions"]
    if show_agreement:
        header.append("agreement")
    body = [tally_cells([*key], tally, show_agreement) for key, tally in sorted(rows.items())]
    body.extend(subtotal_rows(rows, show_agreement))
    body.append(tally_cells(["total", "", ""], total(rows.values()), show_agreement))
    widths = [max(len(row[index]) for row in [header, *body]) for index in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in [header, *body])


def subtotal_rows(rows: dict[Key, Tally], show_agreement: bool) -> list[list[str]]:
    """One `all` line per practice and split that has more than one rule."""
    groups: dict[tuple[str, str], list[Tally]] = {}
    for (practice, split, _), tally in rows.items():
        groups.setdefault((practice, split), []).append(tally)
    return [tally_cells([practice, split, "all"], total(tallies), show_agreement)
            for (practice, split), tallies in sorted(groups.items()) if len(tallies) > 1]


def tally_cells(prefix: list[str], tally: Tally, show_agreement: bool) -> list[str]:
    cells = [*prefix, str(tally.tp), str(tally.fp), str(tally.fn), percent(tally.precision),
             percent(tally.recall), str(tally.regressions)]
    if show_agreement:
        cells.append(percent(tally.agreement))
    return cells


def format_examples(outcomes: Sequence[Outcome], show: Sequence[str]) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        where = f"{outcome.labels.practice}/{outcome.labels.name}"
        if "fp" in show:
            lines.extend(f"FP  {where}  {finding.path}:{finding.line} {finding.code} "
                         f"{finding.message}" for finding in outcome.false_positives)
        if "fn" in show:
            lines.extend(f"FN  {where}  {label.path}:{label.line} {label.code} {label.note}"
                         .rstrip() for label in outcome.false_negatives)
    return "\n".join(lines)


# --------------------------------------------------------------------------- fetching


def unpacked_root(labels: LabelFile) -> Path:
    return CACHE / f"{labels.kind}-{labels.name.lower()}-{labels.version}"


def ensure_distribution(labels: LabelFile) -> Path:
    """Download and unpack the pinned distribution unless the cache already has it."""
    target = unpacked_root(labels)
    if target.is_dir():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    binary = ["--only-binary", ":all:"] if labels.kind == "wheel" else ["--no-binary", ":all:"]
    with tempfile.TemporaryDirectory(prefix="download-", dir=CACHE) as download:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", *binary, "-q",
                   "-d", download, f"{labels.name}=={labels.version}"]
        completed = subprocess.run(command, check=False, capture_output=True, text=True)
        archives = list(Path(download).iterdir())
        if completed.returncode != 0 or len(archives) != 1:
            raise HarnessError(f"pip download {labels.name}=={labels.version} failed: "
                               f"{last_line(completed.stderr)}")
        unpack(archives[0], target)
    return target


def unpack(archive: Path, target: Path) -> None:
    """Unpack into target; an sdist's single top folder becomes target itself."""
    with tempfile.TemporaryDirectory(prefix="unpack-", dir=target.parent) as staging:
        if archive.name.endswith((".zip", ".whl")):
            with zipfile.ZipFile(archive) as bundle:
                bundle.extractall(staging)
        else:
            with tarfile.open(archive) as bundle:
                extract_tar(bundle, staging)
        children = list(Path(staging).iterdir())
        if len(children) == 1 and children[0].is_dir():
            children[0].rename(target)
        else:  # a wheel: its packages sit at the top of the archive
            target.mkdir()
            for child in children:
                child.rename(target / child.name)


def extract_tar(bundle: tarfile.TarFile, destination: str) -> None:
    if hasattr(tarfile, "data_filter"):  # refuses links and paths that leave destination
        bundle.extractall(destination, filter="data")
    else:
        bundle.extractall(destination)  # old Pythons: no extraction filters


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines()
             if line.strip() and not line.startswith("WARNING: Location")]
    return lines[-1][:200] if lines else "(no output)"


# --------------------------------------------------------------------------- running


def backendlint_command(base: Sequence[str], labels: LabelFile) -> list[str]:
    # --isolated: the application's own configuration must not change what is measured;
    # --no-respect-gitignore: the cache sits in a folder this repository's .gitignore ignores.
    return [*base, "check", "--output-format", "json", "--no-cache", "--exit-zero",
            "--isolated", "--no-respect-gitignore", "-q", "--select", ",".join(labels.codes),
            *labels.lint]


def run_backendlint(base: Sequence[str], labels: LabelFile, root: Path) -> list[Reported]:
    missing = [path for path in {*labels.paths, *labels.lint} if not (root / path).exists()]
    if missing:
        raise HarnessError(f"{labels.source}: {', '.join(missing)} not in {root.name}")
    command = backendlint_command(base, labels)
    try:
        completed = subprocess.run(command, cwd=root, check=False, capture_output=True,
                                   text=True)
    except OSError as error:
        raise HarnessError(f"cannot run {shlex.join(base)}: {error}") from error
    if completed.returncode != 0:
        raise HarnessError(f"{labels.source}: backendlint exited {completed.returncode}: "
                           f"{last_line(completed.stderr)}")
    return parse_report(completed.stdout)


def select(files: Sequence[LabelFile], practices: Sequence[str], split: str,
           project: Optional[str]) -> list[LabelFile]:
    def wanted(labels: LabelFile) -> bool:
        return ((not practices or labels.practice in practices)
                and (split == "all" or labels.split == split)
                and (project is None or project.lower() in (
                    labels.name.lower(), Path(labels.source).stem.lower())))

    return [labels for labels in files if wanted(labels)]


def parse_show(text: str) -> tuple[str, ...]:
    parts = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [part for part in parts if part not in SHOWABLE]
    if unknown:
        raise argparse.ArgumentTypeError(f"--show takes fp, fn; not {', '.join(unknown)}")
    return parts


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--practice", action="append", default=[],
                        help="only this practice (repeatable)")
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--project", help="only the label files of this project")
    parser.add_argument("--backendlint", default="backendlint",
                        help='command that runs backendlint (e.g. "python -m backendlint")')
    parser.add_argument("--show", type=parse_show, default=(),
                        help="list examples: fp, fn or fp,fn")
    parser.add_argument("--agreement", action="store_true",
                        help="also print agreement for files with [[clean]] entries")
    parser.add_argument("--labels", type=Path, default=HERE, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def evaluate(args: argparse.Namespace) -> list[Outcome]:
    files = select(load_label_files(args.labels), args.practice, args.split, args.project)
    base = shlex.split(args.backendlint)
    outcomes = []
    for labels in files:
        root = ensure_distribution(labels)
        print(f"{labels.source}: {labels.name} {labels.version}", file=sys.stderr)
        outcomes.append(score(labels, run_backendlint(base, labels, root)))
    return outcomes


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    try:
        outcomes = evaluate(args)
    except HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not outcomes:
        print("no label files match", file=sys.stderr)
        return 0
    print(format_table(tabulate(outcomes), args.agreement))
    if args.show:
        examples = format_examples(outcomes, args.show)
        if examples:
            print()
            print(examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
