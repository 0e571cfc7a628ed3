"""The command line: `backendlint [check] PATH...`, `backendlint rule CODE`, `backendlint rules`."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Optional, Union

import click

from backendlint import __version__, baseline, replay
from backendlint.cache import ResultCache
from backendlint.config import CliOverrides, ConfigError, find_config, settings_for
from backendlint.config_tree import ConfigTree
from backendlint.core.findings import Finding
from backendlint.core.pipeline import FileResult, lint_source, module_name_for
from backendlint.core.registry import UnknownSelectorError, all_rules, rule_by_code
from backendlint.core.runner import RunResult, finish_run, lint_files, open_cache
from backendlint.discovery import (
    Discovery,
    DiscoveryError,
    display_path,
    display_paths,
)
from backendlint.fingerprints import fingerprints
from backendlint.fix_files import encodable, fix_file, fix_text, text_diff, with_refusal
from backendlint.fixes import applicable
from backendlint.gate import confident_enough, fails, on_changed_lines
from backendlint.gitdiff import GitError, changed_lines, relative_to_root, report_root
from backendlint.noqa_writer import add_noqa
from backendlint.output import FORMATS, MACHINE_FORMATS, Report, render, render_chunks, sarif
from backendlint.replay import CACHE_DIR_NAME
from backendlint.report_sources import read_source
from backendlint.settings import Settings
from backendlint.sourcefile import decode, encode

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _DefaultToCheck(click.Group):
    """`backendlint src/` means `backendlint check src/`, as `ruff src/` once did."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        top_level = {"--help", "-h", "--version"}
        if not args or (args[0] not in self.commands and args[0] not in top_level):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _fail(message: str) -> NoReturn:
    click.echo(f"backendlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _warn(message: str) -> None:
    click.echo(f"backendlint: warning: {message}", err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="backendlint",
                      message="%(prog)s %(version)s")
def main() -> None:
    """A linter for Python backend services: blocking calls in async code, type hints,
    SQL built from strings, weak password hashing, missing rate limits, access control,
    web security, error handling and data access."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", multiple=True, help="Rules to enable (codes, prefixes, practice or "
              "rule names; comma-separated). Replaces the configured selection.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--exclude", multiple=True, help="Path patterns to skip (replaces the defaults).")
@click.option("--extend-exclude", multiple=True, help="Path patterns to skip, added to the "
              "defaults.")
@click.option("--force-exclude", is_flag=True, default=None,
              help="Apply excludes to files named on the command line too (for pre-commit).")
@click.option("--no-respect-gitignore", "no_gitignore", is_flag=True,
              help="Lint files that .gitignore ignores.")
@click.option("--follow-external-links", is_flag=True,
              help="Follow symbolic links that point out of the linted folders.")
@click.option("--output-format", type=click.Choice(FORMATS), default="full",
              show_default=True)
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file.")
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (never hides "
              "errors).")
@click.option("--fix", is_flag=True, help="Apply safe fixes.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (with --fix or "
              "--diff).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--show-fixes", is_flag=True, help="List what was fixed.")
@click.option("--show-settings", "show_settings", is_flag=False, flag_value="", default=None,
              metavar="[FILE]", help="Print the settings that apply to FILE (default: the "
              "current directory) and exit.")
@click.option("--stdin-filename", help="The name of the file read from stdin (for config, "
              "excludes and messages).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs; 1 runs in process).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where to keep the result cache (default: .backendlint_cache in the "
              "project root).")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Report and fail only on findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path",
              type=click.Path(path_type=Path, dir_okay=False),
              help="Record the current findings in this baseline file and exit 0.")
@click.option("--prune-baseline", is_flag=True,
              help="With --baseline: rewrite the file without its stale entries.")
@click.option("--diff-base", metavar="REF",
              help="Report only findings on lines changed since the merge base with this git "
              "ref (and project findings whose chain or setup touches one).")
@click.option("--add-noqa", is_flag=True,
              help="Append `# noqa: CODE` to the line of each current finding, then exit.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="warning",
              show_default=True, help="The least severe finding that makes the exit code 1.")
@click.option("--min-confidence", type=click.Choice(["high", "medium", "low"]),
              help="Report only findings at least this certain.")
@click.option("--sarif-category", default="backendlint", show_default=True,
              help="SARIF automationDetails category: one per job when jobs split the rules.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Print what is being done on stderr.")
def check(paths: tuple[Path, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], exclude: tuple[str, ...],
          extend_exclude: tuple[str, ...], force_exclude: Optional[bool], no_gitignore: bool,
          follow_external_links: bool,
          output_format: str, output_file: Optional[Path], statistics: bool, exit_zero: bool,
          fix: bool, unsafe_fixes: bool, diff: bool, show_fixes: bool,
          show_settings: Optional[str],
          stdin_filename: Optional[str], config_path: Optional[Path], isolated: bool,
          jobs: Optional[int], no_cache: bool, cache_dir: Optional[Path],
          baseline_path: Optional[Path], write_baseline_path: Optional[Path],
          prune_baseline: bool, diff_base: Optional[str], add_noqa: bool, fail_on: str,
          min_confidence: Optional[str], sarif_category: str, quiet: bool,
          verbose: bool) -> None:
    """Lint files and folders (default: the current directory)."""
    recorder = replay.start_recording()
    if recorder is not None and (fix or diff or add_noqa or verbose or no_cache or output_file
                                 or write_baseline_path or prune_baseline or diff_base
                                 or show_settings is not None or paths == (Path("-"),)):
        recorder.refuse()
    overrides = CliOverrides(
        select=_split(select) or None,
        ignore=_split(ignore),
        extend_select=_split(extend_select),
        exclude=_split(exclude) or None,
        extend_exclude=_split(extend_exclude),
        respect_gitignore=False if no_gitignore else None,
        force_exclude=force_exclude,
    )
    reading_stdin = paths == (Path("-"),)
    start = Path(stdin_filename).absolute().parent if reading_stdin and stdin_filename \
        else Path.cwd()
    try:
        settings = settings_for(start, config_path, isolated, overrides)
    except (ConfigError, UnknownSelectorError) as error:
        _fail(str(error))
    if verbose:
        found = settings.config_path or (None if isolated else find_config(start))
        click.echo(f"backendlint {__version__}: configuration "
                   f"{found if found else '(defaults)'}", err=True)
    tree = ConfigTree(settings, overrides, fixed=isolated or config_path is not None)
    if show_settings is not None:
        try:
            shown = tree.settings_for(Path(show_settings)) if show_settings else settings
        except (ConfigError, UnknownSelectorError) as error:
            _fail(str(error))
        click.echo(json.dumps(shown.as_dict(), indent=2))
        return
    started = time.perf_counter()
    fixing = fix or diff
    if reading_stdin:
        run, fixed, diffs = _check_stdin(settings, stdin_filename, fixing, unsafe_fixes, diff)
    else:
        execution = _Execution(
            jobs=jobs or os.cpu_count() or 1,
            cache_dir=None if no_cache else (cache_dir or settings.project_root / CACHE_DIR_NAME),
            verbose=verbose, follow_external_links=follow_external_links, recorder=recorder)
        try:
            run, fixed, diffs = _check_paths(list(paths) or [Path(".")], tree, fixing,
                                             unsafe_fixes, diff, execution)
        except (ConfigError, UnknownSelectorError) as error:
            _fail(str(error))
    if run is None:
        return
    if verbose:
        click.echo(f"backendlint: checked {run.files} files in "
                   f"{time.perf_counter() - started:.2f}s", err=True)
        for note in run.notes:
            click.echo(f"backendlint: note: {note}", err=True)
    for problem in run.errors:
        click.echo(f"backendlint: error: {problem}", err=True)
    if diff:
        _emit("".join(diffs), output_file)
        sys.exit(EXIT_ERROR if run.errors else (EXIT_FINDINGS if diffs and not exit_zero
                                                 else EXIT_CLEAN))
    # As ruff does: with --fix on stdin, stdout carries the fixed source alone (the caller
    # writes it into the file), so the report goes to stderr.
    report_stream = sys.stderr if reading_stdin and fix and not diff else sys.stdout
    findings = confident_enough(run.findings, min_confidence)
    if add_noqa:
        _add_noqa(findings, run.errors)
    gate = _Gate(settings, findings)
    if write_baseline_path is not None:
        _write_baseline(gate, write_baseline_path, run.errors)
    baselined = 0
    if baseline_path is not None:
        findings, baselined = _apply_baseline(gate, baseline_path, prune_baseline, run, settings)
    if diff_base is not None:
        try:
            changed = changed_lines(diff_base, Path.cwd())
        except GitError as error:
            _fail(str(error))
        findings = on_changed_lines(findings, changed, Path.cwd())
    wants_root = output_format in ("sarif", "github", "gitlab", "junit")
    report = Report(
        findings=findings, files=run.files, suppressed=run.suppressed, fixed=fixed,
        errors=run.errors, source_lines=read_source, statistics=statistics,
        show_fixes=show_fixes, quiet=quiet, unsafe_fixes_enabled=unsafe_fixes,
        color=output_file is None and output_format in ("full", "concise")
        and _use_color(report_stream),
        fingerprints=gate.fingerprints() if output_format in ("sarif", "gitlab") else {},
        root=gate.root if wants_root else None, sarif_category=sarif_category,
        baselined=baselined,
    )
    if output_format == "sarif" and len(findings) > sarif.DISPLAY_LIMIT:
        click.echo(f"backendlint: warning: {len(findings)} results; code scanning shows only "
                   f"{sarif.DISPLAY_LIMIT} per run: split the rules over jobs (--select with "
                   "its own --sarif-category each) or gate with --baseline", err=True)
    if statistics and output_format in MACHINE_FORMATS:
        # The machine-readable report stays whole; the counts go to the log.
        click.echo(render(dataclasses.replace(report, quiet=True), "concise"), err=True,
                   nl=False, color=report.color)
    _emit(render_chunks(report, output_format), output_file, report.color,
          to_stderr=report_stream is sys.stderr, recorder=recorder)
    status = EXIT_ERROR if run.errors else (
        EXIT_FINDINGS if fails(findings, fail_on) and not exit_zero else EXIT_CLEAN)
    if recorder is not None and not reading_stdin:
        recorder.finish(status, None if no_cache else str(execution.cache_dir))
    sys.exit(status)


class _Gate:
    """The repository root and the findings' fingerprints, worked out only when asked for
    (git and re-parsing the flagged files cost time a plain run does not need)."""

    def __init__(self, settings: Settings, findings: list[Finding]) -> None:
        self.settings = settings
        self.findings = findings
        self._root: Optional[Path] = None
        self._fingerprints: Optional[dict[int, str]] = None

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = report_root(Path.cwd(), self.settings.project_root)
        return self._root

    def relative(self, display: str) -> str:
        return relative_to_root(display, Path.cwd(), self.root)

    def fingerprints(self) -> dict[int, str]:
        if self._fingerprints is None:
            def read(path: str) -> Optional[str]:
                lines = read_source(path)
                return None if lines is None else "\n".join(lines)

            self._fingerprints = fingerprints(self.findings, read, self.relative)
        return self._fingerprints

    def entries(self, findings: list[Finding]) -> list[baseline.Entry]:
        paths = {f.path: self.relative(f.path) for f in findings}
        return baseline.entries_for(findings, self.fingerprints(), paths)


def _write_baseline(gate: _Gate, path: Path, errors: list[str]) -> NoReturn:
    try:
        baseline.write(path, gate.entries(gate.findings))
    except baseline.BaselineError as error:
        _fail(str(error))
    click.echo(f"backendlint: wrote {len(gate.findings)} findings to the baseline {path}",
               err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


def _apply_baseline(gate: _Gate, path: Path, prune: bool, run: RunResult,
                    settings: Settings) -> tuple[list[Finding], int]:
    try:
        entries = baseline.read(path)
    except baseline.BaselineError as error:
        _fail(str(error))
    checked = {gate.relative(result.path) for result in run.results}
    comparison = baseline.compare(gate.findings, gate.fingerprints(), entries, checked,
                                  settings.enabled)
    if comparison.stale and prune:
        kept = [*gate.entries([f for f in gate.findings if f not in comparison.new]),
                *comparison.untouched]
        try:
            baseline.write(path, kept)
        except baseline.BaselineError as error:
            _fail(str(error))
        click.echo(f"backendlint: removed {len(comparison.stale)} stale entries from {path}",
                   err=True)
    elif comparison.stale:
        click.echo(f"backendlint: warning: {len(comparison.stale)} baseline entries no longer "
                   f"match a finding (fixed or moved to another file); --prune-baseline "
                   f"removes them", err=True)
    return comparison.new, comparison.known


def _add_noqa(findings: list[Finding], errors: list[str]) -> NoReturn:
    outcome = add_noqa(findings, Path.cwd())
    for path, problem in outcome.skipped:
        click.echo(f"backendlint: warning: {path}: {problem}", err=True)
    click.echo(f"Added {outcome.added} noqa comments to {outcome.files} files.")
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


def _use_color(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or stream.isatty()


def _emit(report: Union[str, Iterable[str]], output_file: Optional[Path], color: bool = False,
          to_stderr: bool = False, recorder: Optional[replay.Recorder] = None) -> None:
    """Write the report (a text, or pieces written one by one so that a big report is never
    held whole), ending it with a newline when it has none."""
    chunks = (report,) if isinstance(report, str) else report
    last = ""
    if recorder is not None and to_stderr:
        recorder.refuse()  # the replay writes stdout only
    if output_file is None:
        # click strips colour codes when stdout is not a terminal unless told otherwise:
        # FORCE_COLOR in CI logs must survive.
        for chunk in chunks:
            if not chunk:
                continue
            click.echo(chunk, nl=False, err=to_stderr, color=color or None)
            last = chunk
            if recorder is not None:
                if not color and "\x1b" in chunk:
                    recorder.refuse()  # what click wrote is not the text as it stands
                else:
                    recorder.note_stdout(chunk)
        if last and not last.endswith("\n"):
            click.echo("", err=to_stderr, color=color or None)
            if recorder is not None:
                recorder.note_stdout("\n")
        return
    try:
        with open(output_file, "w", encoding="utf-8") as stream:
            for chunk in chunks:
                stream.write(chunk)
                last = chunk or last
            if not last.endswith("\n"):
                stream.write("\n")
    except OSError as error:
        _fail(f"{output_file}: cannot write report: {error.strerror}")


@dataclass
class _Execution:
    jobs: int
    cache_dir: Optional[Path]
    verbose: bool
    follow_external_links: bool = False
    recorder: Optional[replay.Recorder] = None


def _check_paths(paths: list[Path], tree: ConfigTree, fixing: bool, unsafe: bool,
                 diff_only: bool, execution: _Execution
                 ) -> tuple[Optional[RunResult], list[Finding], list[str]]:
    settings = tree.root
    discovery = Discovery(settings, execution.follow_external_links)
    try:
        files = discovery.files(paths)
    except DiscoveryError as error:
        _fail(str(error))
    for warning in discovery.warnings:
        click.echo(f"backendlint: warning: {warning}", err=True)
    if not files:
        click.echo("backendlint: warning: no Python files found", err=True)
        return None, [], []
    pairs = list(zip(files, display_paths(files)))
    cache = open_cache(execution.cache_dir, settings)
    results = _lint_all(pairs, tree, execution, cache)
    others = _project_context(paths, files, discovery, settings)
    context = _lint_all(others, tree, execution, cache)
    if execution.recorder is not None:
        execution.recorder.watch_files([*files, *(path for path, _ in others),
                                        *discovery.probed])
    fixed: list[Finding] = []
    diffs: list[str] = []
    refused: dict[str, str] = {}
    write_errors: list[str] = []
    if fixing:
        changed = False
        for (path, display), result in zip(pairs, results):
            if not any(applicable(f, unsafe) for f in result.findings):
                continue
            attempt = fix_file(path, display, tree.settings_for(path), unsafe, diff_only,
                               _warn)
            if attempt is None:
                continue
            outcome = attempt.outcome
            if attempt.write_error:
                write_errors.append(attempt.write_error)
                continue
            if outcome.error:
                refused[display] = outcome.error
            fixed.extend(outcome.applied)
            if diff_only and outcome.applied:
                diffs.append(text_diff(attempt.before, outcome.text, display))
            changed = changed or bool(outcome.applied)
        if changed and not diff_only:
            results = _lint_all(pairs, tree, execution, cache)
    settings_by_path = {display: tree.settings_for(real) for real, display in pairs}
    run = finish_run(results, settings, cache,
                     lambda path: settings_by_path.get(path, settings), context,
                     jobs=execution.jobs)
    if execution.verbose and cache is not None and cache.project_reuse is not None:
        kept, ran = cache.project_reuse
        click.echo(f"backendlint: project pass: {kept} practices' output kept from the "
                   f"cache, {ran} run", err=True)
    if execution.verbose and cache is not None and cache.unreadable:
        click.echo(f"backendlint: warning: {cache.unreadable} damaged entries in the cache "
                   f"{cache.snapshot} were ignored; they are rebuilt", err=True)
    # A fix that could not be written is an error of the run (exit 2), not a finding.
    run.errors.extend(write_errors)
    if refused:
        run.findings = [with_refusal(f, refused.get(f.path), unsafe) for f in run.findings]
    return run, fixed, diffs


def _project_context(paths: list[Path], files: list[Path], discovery: Discovery,
                     settings: Settings) -> list[tuple[Path, str]]:
    """The project's other files when the run names only part of it (pre-commit passes the
    changed files): the project rules still need their facts, so that a blocking helper in
    services.py is reported where views.py calls it. Nothing when no project rule is on or
    the paths cover the project root, or when a folder is named: `backendlint django/` means
    that package as the project, not the whole checkout with its tests (which would make a
    package's run cost as much as the checkout's)."""
    if not any(rule.project_level for rule in settings.rules_for("")):
        return []
    if any(path.is_dir() for path in paths):
        return []
    root = settings.project_root.resolve()
    named = [path.resolve() for path in paths]
    # Paths that cover the root are the whole project already; paths outside it are another
    # project, whose context this root is not.
    if any(root == path or root.is_relative_to(path) for path in named) or not all(
            path.is_relative_to(root) for path in named):
        return []
    try:
        everything = discovery.files([root])
    except DiscoveryError:
        return []
    linted = {path.resolve() for path in files}
    others = [path for path in everything if path.resolve() not in linted]
    return list(zip(others, display_paths(others)))


def _lint_all(pairs: list[tuple[Path, str]], tree: ConfigTree, execution: _Execution,
              cache: Optional[ResultCache]) -> list[FileResult]:
    """Per-file results, each file linted with the settings of its nearest configuration
    (each configuration's results cached under its own settings)."""
    if not pairs:
        return []
    if execution.verbose:
        click.echo(f"backendlint: linting {len(pairs)} files with {execution.jobs} "
                   f"job(s), cache {execution.cache_dir or 'off'}", err=True)
    results: list[FileResult] = []
    for settings, group in tree.groups(pairs):
        if settings is tree.root:
            results.extend(lint_files(group, settings, execution.jobs, cache=cache))
        else:
            results.extend(lint_files(group, settings, execution.jobs,
                                      cache_dir=execution.cache_dir))
    return results


def _check_stdin(settings: Settings, stdin_filename: Optional[str], fixing: bool,
                 unsafe: bool, diff_only: bool
                 ) -> tuple[Optional[RunResult], list[Finding], list[str]]:
    display = display_path(Path(stdin_filename)) if stdin_filename else "-"
    if stdin_filename and settings.force_exclude:
        discovery = Discovery(settings)
        if discovery.excluded(Path(os.path.abspath(stdin_filename)), False):
            if fixing and not diff_only:
                _write_stdout(sys.stdin.buffer.read())
            return None, [], []
    data = sys.stdin.buffer.read()
    module, is_package = module_name_for(Path(stdin_filename)) if stdin_filename else ("", False)
    result = lint_source(display, data, settings, module, is_package)
    fixed: list[Finding] = []
    diffs: list[str] = []
    output = data  # with --fix, the caller writes stdout into the file: the bytes as read
    if fixing and any(applicable(f, unsafe) for f in result.findings):
        original = decode(data)  # it decoded once already, or there would be no fixes
        outcome = encodable(fix_text(original.text, display, module, is_package, settings,
                                       unsafe), original)
        if outcome.error:
            click.echo(f"backendlint: warning: {display}: {outcome.error}", err=True)
        fixed = outcome.applied
        if diff_only:
            diffs.append(text_diff(original.text, outcome.text, display))
        elif outcome.applied:
            output = encode(outcome.text, original)
            result = lint_source(display, outcome.text, settings, module, is_package)
    if fixing and not diff_only:
        _write_stdout(output)
    run = finish_run([result], settings)
    return run, fixed, diffs


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@main.command("rule")
@click.argument("code")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def rule_command(code: str, output_format: str) -> None:
    """Show a rule's documentation."""
    from backendlint.ruledocs import rule_markdown

    # A code (BL101) or a rule name; names may start with "bl" too (blocking-...).
    is_code = re.fullmatch(r"BL\d+", code.strip(), re.IGNORECASE) is not None
    try:
        rule = rule_by_code(code.strip().upper()) if is_code else next(
            r for r in all_rules() if r.name == code.strip())
    except (UnknownSelectorError, StopIteration):
        from backendlint.core.registry import unknown_message

        _fail(unknown_message(code))
    if output_format == "json":
        click.echo(json.dumps(_rule_json(rule) | {"explanation": rule_markdown(rule)},
                              indent=2))
    else:
        click.echo(rule_markdown(rule))


def _rule_json(rule: Any) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "practice": rule.practice,
        "severity": rule.severity.value,
        "fix": rule.fix_availability.value,
        "default_enabled": rule.default_enabled,
        "confidence": rule.confidence.value,
        "cwe": rule.cwe,
        "summary": rule.summary(),
    }


@main.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def rules_command(output_format: str) -> None:
    """List every rule."""
    rules = all_rules()
    if output_format == "json":
        click.echo(json.dumps([_rule_json(rule) for rule in rules], indent=2))
        return
    header = ("code", "name", "practice", "severity", "fix", "default")
    rows = [(r.code, r.name, r.practice, r.severity.value, r.fix_availability.value,
             "on" if r.default_enabled else "off") for r in rules]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths))
                   .rstrip())


def run() -> None:
    """Entry point that turns any unexpected exception into exit code 2 and one line.

    The command-line process runs without the cyclic garbage collector: it is short-lived,
    the engine frees each file's pass by reference counting (and sweeps the workers' young
    objects itself), and the collections that the report's allocations triggered rescanned
    every finding and fact alive (0.3 s of a cold run on Django)."""
    gc.disable()
    try:
        main(standalone_mode=True)
    except SystemExit as leaving:
        _exit_now(leaving.code)
    except KeyboardInterrupt:
        click.echo("backendlint: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001
        # the last line of defence: never a traceback for users
        click.echo(f"backendlint: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(EXIT_ERROR)


def _exit_now(code: object) -> NoReturn:
    """Exit without tearing the interpreter down (as mypy does): freeing a big run's trees,
    findings and facts object by object took a tenth of a cold run, after the report was
    already out. Output is flushed first; the process pool and files are closed by then."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)  # a profiler or coverage tool writes its data at normal exit
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or EXIT_ERROR
    os._exit(status)
