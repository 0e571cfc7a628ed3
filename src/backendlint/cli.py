"""The command line: `backendlint [check] PATH...`, `backendlint rule CODE`, `backendlint rules`."""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Optional

import click

from backendlint import __version__
from backendlint.cache import CACHE_DIR_NAME, ResultCache
from backendlint.config import CliOverrides, ConfigError, find_config, settings_for
from backendlint.core.context import split_lines
from backendlint.core.findings import Finding
from backendlint.core.pipeline import (
    FileResult,
    RunResult,
    finish_run,
    lint_files,
    lint_source,
    module_name_for,
    open_cache,
    suppress,
)
from backendlint.core.registry import UnknownSelectorError, all_rules, rule_by_code
from backendlint.discovery import Discovery, DiscoveryError, display_path, display_paths
from backendlint.fixes import FixOutcome, applicable, fix_until_stable, write_atomically
from backendlint.output import FORMATS, Report, render
from backendlint.settings import Settings

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


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="backendlint",
                      message="%(prog)s %(version)s")
def main() -> None:
    """A linter for Python backend services: blocking calls in async code, type hints,
    SQL built from strings, weak password hashing and missing rate limits."""


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
@click.option("--show-settings", is_flag=True, help="Print the resolved settings and exit.")
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
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Print what is being done on stderr.")
def check(paths: tuple[Path, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], exclude: tuple[str, ...],
          extend_exclude: tuple[str, ...], force_exclude: Optional[bool], no_gitignore: bool,
          output_format: str, output_file: Optional[Path], statistics: bool, exit_zero: bool,
          fix: bool, unsafe_fixes: bool, diff: bool, show_fixes: bool, show_settings: bool,
          stdin_filename: Optional[str], config_path: Optional[Path], isolated: bool,
          jobs: Optional[int], no_cache: bool, cache_dir: Optional[Path], quiet: bool,
          verbose: bool) -> None:
    """Lint files and folders (default: the current directory)."""
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
    if show_settings:
        click.echo(json.dumps(settings.as_dict(), indent=2))
        return
    started = time.perf_counter()
    fixing = fix or diff
    if reading_stdin:
        run, fixed, diffs = _check_stdin(settings, stdin_filename, fixing, unsafe_fixes, diff)
    else:
        execution = _Execution(
            jobs=jobs or os.cpu_count() or 1,
            cache_dir=None if no_cache else (cache_dir or settings.project_root / CACHE_DIR_NAME),
            verbose=verbose)
        run, fixed, diffs = _check_paths(list(paths) or [Path(".")], settings, fixing,
                                         unsafe_fixes, diff, execution)
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
    report = Report(
        findings=run.findings, files=run.files, suppressed=run.suppressed, fixed=fixed,
        errors=run.errors, source_lines=_source_reader(run), statistics=statistics,
        show_fixes=show_fixes, quiet=quiet, unsafe_fixes_enabled=unsafe_fixes,
        color=output_file is None and output_format in ("full", "concise") and _use_color(),
    )
    _emit(render(report, output_format), output_file)
    if run.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if run.findings and not exit_zero else EXIT_CLEAN)


def _use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _emit(text: str, output_file: Optional[Path]) -> None:
    if output_file is None:
        click.echo(text, nl=not text.endswith("\n") and bool(text))
        return
    try:
        output_file.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as error:
        _fail(f"{output_file}: cannot write report: {error.strerror}")


_SOURCE_CACHE: dict[str, Optional[list[str]]] = {}


def _source_reader(run: RunResult) -> Any:
    def read(path: str) -> Optional[list[str]]:
        if path not in _SOURCE_CACHE:
            try:
                _SOURCE_CACHE[path] = split_lines(Path(path).read_text(
                    encoding="utf-8", errors="replace"))
            except OSError:
                _SOURCE_CACHE[path] = None
        return _SOURCE_CACHE[path]

    return read


def _file_lint(display: str, module: str, is_package: bool, settings: Settings
               ) -> Any:
    """Lint one file's text with suppressions applied (what the fix loop iterates on)."""

    def lint(text: str) -> list[Finding]:
        result = lint_source(display, text, settings, module, is_package)
        kept, _ = suppress(result.findings, result.directives, display, settings)
        return kept

    return lint


def _fix_text(text: str, display: str, module: str, is_package: bool, settings: Settings,
              unsafe: bool) -> FixOutcome:
    return fix_until_stable(text, _file_lint(display, module, is_package, settings), unsafe)


def _unified_diff(before: str, after: str, display: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"a/{display}", tofile=f"b/{display}"))


@dataclass
class _Execution:
    jobs: int
    cache_dir: Optional[Path]
    verbose: bool


def _check_paths(paths: list[Path], settings: Settings, fixing: bool, unsafe: bool,
                 diff_only: bool, execution: _Execution
                 ) -> tuple[Optional[RunResult], list[Finding], list[str]]:
    discovery = Discovery(settings)
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
    results = _lint_all(pairs, settings, execution, cache)
    fixed: list[Finding] = []
    diffs: list[str] = []
    refused: dict[str, str] = {}
    if fixing:
        changed = False
        for (path, display), result in zip(pairs, results):
            if not any(applicable(f, unsafe) for f in result.findings):
                continue
            outcome = _fix_file(path, display, settings, unsafe, diff_only)
            if outcome is None:
                continue
            if outcome.error:
                refused[display] = outcome.error
            fixed.extend(outcome.applied)
            if diff_only and outcome.applied:
                diffs.append(_unified_diff(path.read_text(encoding="utf-8"), outcome.text,
                                           display))
            changed = changed or bool(outcome.applied)
        if changed and not diff_only:
            results = _lint_all(pairs, settings, execution, cache)
    run = finish_run(results, settings, cache)
    if refused:
        run.findings = [_with_refusal(f, refused.get(f.path), unsafe) for f in run.findings]
    return run, fixed, diffs


def _with_refusal(finding: Finding, error: Optional[str], unsafe: bool) -> Finding:
    """A finding whose fix was refused says so, so the report explains why it remains."""
    if error is None or not applicable(finding, unsafe):
        return finding
    return dataclasses.replace(finding, message=f"{finding.message} ({error})")


def _lint_all(pairs: list[tuple[Path, str]], settings: Settings, execution: _Execution,
              cache: Optional[ResultCache]) -> list[FileResult]:
    if execution.verbose:
        click.echo(f"backendlint: linting {len(pairs)} files with {execution.jobs} "
                   f"job(s), cache {execution.cache_dir or 'off'}", err=True)
    return lint_files(pairs, settings, execution.jobs, cache=cache)


def _fix_file(path: Path, display: str, settings: Settings, unsafe: bool, diff_only: bool
              ) -> Optional[FixOutcome]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    module, is_package = module_name_for(path)
    outcome = _fix_text(text, display, module, is_package, settings, unsafe)
    if outcome.error:
        click.echo(f"backendlint: warning: {display}: {outcome.error}; file left unchanged",
                   err=True)
    if outcome.applied and not diff_only and outcome.text != text:
        try:
            write_atomically(path, outcome.text)
        except OSError as error:
            click.echo(f"backendlint: error: {display}: cannot write fixes: {error.strerror}",
                       err=True)
            return None
    return outcome


def _check_stdin(settings: Settings, stdin_filename: Optional[str], fixing: bool,
                 unsafe: bool, diff_only: bool
                 ) -> tuple[Optional[RunResult], list[Finding], list[str]]:
    display = display_path(Path(stdin_filename)) if stdin_filename else "-"
    if stdin_filename and settings.force_exclude:
        discovery = Discovery(settings)
        if discovery.excluded(Path(os.path.abspath(stdin_filename)), False):
            if fixing and not diff_only:
                sys.stdout.write(sys.stdin.read())
            return None, [], []
    data = sys.stdin.buffer.read()
    module, is_package = module_name_for(Path(stdin_filename)) if stdin_filename else ("", False)
    result = lint_source(display, data, settings, module, is_package)
    fixed: list[Finding] = []
    diffs: list[str] = []
    if fixing and any(applicable(f, unsafe) for f in result.findings):
        text = data.decode("utf-8", errors="replace")
        outcome = _fix_text(text, display, module, is_package, settings, unsafe)
        fixed = outcome.applied
        if diff_only:
            diffs.append(_unified_diff(text, outcome.text, display))
        else:
            # As ruff does: with --fix on stdin, the fixed source goes to stdout and the
            # findings that remain to stderr.
            sys.stdout.write(outcome.text)
            sys.stdout.flush()
        result = lint_source(display, outcome.text, settings, module, is_package)
    elif fixing and not diff_only:
        sys.stdout.write(data.decode("utf-8", errors="replace"))
    run = finish_run([result], settings)
    return run, fixed, diffs


@main.command("rule")
@click.argument("code")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def rule_command(code: str, output_format: str) -> None:
    """Show a rule's documentation."""
    from backendlint.ruledocs import rule_markdown

    try:
        rule = rule_by_code(code.upper()) if code.upper().startswith("BL") else next(
            r for r in all_rules() if r.name == code)
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
    """Entry point that turns any unexpected exception into exit code 2 and one line."""
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
