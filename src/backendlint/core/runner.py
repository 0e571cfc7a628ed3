"""A run over many files: cached results looked up, the misses linted (in a process pool
when there are enough), then the project pass, suppressions and the report's order."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from backendlint.core.builtin_rules import UnusedSuppression
from backendlint.core.context import take_cyclic_garbage_note
from backendlint.core.facts import PackedFacts, facts_text, pack, unpack
from backendlint.core.findings import Finding
from backendlint.core.pipeline import FileResult, bl001_finding, lint_source, module_name_for
from backendlint.core.project_cache import cached_project_pass
from backendlint.core.registry import all_rules, codes_for_noqa
from backendlint.settings import Settings
from backendlint.suppression import Directive, apply_suppressions, is_our_token

if TYPE_CHECKING:
    from backendlint.cache import ResultCache


def suppress(result_findings: list[Finding], directives: list[Directive], path: str,
             settings: Settings) -> tuple[list[Finding], int]:
    """Apply one file's suppression comments; add BL002 findings when selected."""
    if not directives:
        return result_findings, 0
    rule_names = {rule.name for rule in all_rules()}
    expand: dict[str, set[str]] = {}
    for directive in directives:
        for token in directive.codes or ():
            if is_our_token(token, rule_names):
                codes = codes_for_noqa(token)
                if codes:
                    expand[token] = codes
    outcome = apply_suppressions(result_findings, directives, expand, settings.enabled)
    kept = outcome.kept
    if settings.is_enabled_for(UnusedSuppression.code, path):
        for directive, problem in outcome.problems:
            location = {"line": directive.line, "column": directive.column,
                        "end_line": directive.line, "end_column": directive.end_column,
                        "noqa": []}
            kept.append(UnusedSuppression.make_finding(path, location,
                                                       problem[:1].upper() + problem[1:]))
    return kept, outcome.suppressed


@dataclass
class RunResult:
    findings: list[Finding]
    suppressed: int
    files: int
    errors: list[str]
    results: list[FileResult]
    # What the project pass could not resolve (printed with -v).
    notes: list[str] = field(default_factory=list)


def finish_run(results: list[FileResult], settings: Settings,
               cache: Optional[ResultCache] = None,
               settings_of: Optional[Callable[[str], Settings]] = None,
               context: Sequence[FileResult] = (), jobs: int = 1) -> RunResult:
    """Project pass, then suppression, then deterministic order.

    `settings_of` gives a file's own settings when nested configurations apply (default: all
    `settings`). `context` are results of files not being reported on, whose facts the
    project pass still reads (a run on a few files sees the whole project). With `jobs`
    above 1 the project pass may share its practices with a forked process."""
    with _collector_paused():
        return _finish_run(results, settings, cache, settings_of, context, jobs)


def _finish_run(results: list[FileResult], settings: Settings, cache: Optional[ResultCache],
                settings_of: Optional[Callable[[str], Settings]],
                context: Sequence[FileResult], jobs: int) -> RunResult:
    # In a big run the per-file findings wait packed while the project pass decodes the
    # facts (the five sdists' 119,200 findings took some 70 MiB as objects): the pass then
    # reuses their memory, and they are rebuilt, equal, for suppression and the report.
    many = len(results) + len(context) >= PACK_FROM_FILES
    packed = [pack(result.findings) if many and result.findings else None
              for result in results]
    for result, stored in zip(results, packed):
        if stored is not None:
            result.findings = []
    try:
        project_findings, errors, superseded, notes = cached_project_pass(
            [*results, *context], settings, cache, jobs)
    finally:
        for result, stored in zip(results, packed):
            if stored is not None:
                result.findings = unpack(stored)
        del packed
    if cache is not None:
        cache.save({result.path for result in [*results, *context]})
    of = settings_of or (lambda path: settings)
    context_paths = {result.path for result in context}
    by_path: dict[str, list[Finding]] = {}
    for finding in project_findings:
        if finding.path in context_paths or not of(finding.path).is_enabled_for(
                finding.code, finding.path):
            continue
        by_path.setdefault(finding.path, []).append(finding)
    findings: list[Finding] = []
    suppressed = 0
    for result in results:
        errors.extend(result.errors)
        combined = result.findings + by_path.pop(result.path, [])
        if superseded:
            combined = [f for f in combined
                        if (f.path, f.line, f.column, f.code) not in superseded]
        kept, count = suppress(combined, result.directives, result.path, of(result.path))
        findings.extend(kept)
        suppressed += count
    for leftovers in by_path.values():
        findings.extend(leftovers)
    findings.sort(key=Finding.sort_key)
    return RunResult(findings, suppressed, len(results), errors, results, notes)


def lint_paths(files: list[tuple[Path, str]], settings: Settings, jobs: int = 1,
               cache_dir: Optional[Path] = None) -> RunResult:
    """Lint files given as (filesystem path, display path): the per-file pass in a process
    pool when `jobs` > 1 and the run is big enough, each result cached when `cache_dir` is
    set; then the project pass and suppressions."""
    cache = open_cache(cache_dir, settings)
    results = lint_files(files, settings, jobs, cache=cache)
    return finish_run(results, settings, cache, jobs=jobs)


def open_cache(cache_dir: Optional[Path], settings: Settings) -> Optional[ResultCache]:
    if cache_dir is None:
        return None
    from backendlint.cache import ResultCache

    return ResultCache(cache_dir, settings.fingerprint())


# With the collector off while linting and plugin rules loaded (which may make cycles), a
# worker sweeps its young objects this often.
_COLLECT_EVERY = 100
# Below this many files a pool costs more to start than it saves.
_MIN_FILES_FOR_POOL = 24
# From this many files on, a run keeps each file's facts packed until the project pass and
# its findings packed during it (memory for time: unpacking Django's facts costs about 2 s
# of a 16 s `-j1` run, and its 885 files' objects take only some 100 MiB; the five sdists'
# 5,268 took 350 MiB). A pool's workers always send them packed (bytes travel cheaper than
# objects), compressed only from this many files on: zlib was a third of the packing.
PACK_FROM_FILES = 1000


def lint_files(files: list[tuple[Path, str]], settings: Settings, jobs: int = 1,
               cache_dir: Optional[Path] = None, cache: Optional[ResultCache] = None
               ) -> list[FileResult]:
    """Per-file results in input order. Cached results are looked up here, in this process
    (a warm run starts no pool at all); only the misses are linted, in a pool when there are
    enough of them. With `cache_dir` (rather than an open `cache`) the cache is saved here."""
    own_cache = cache is None and cache_dir is not None
    if own_cache:
        cache = open_cache(cache_dir, settings)
    worker = _Worker(settings, want_key=cache is not None)
    results: list[Optional[FileResult]] = [None] * len(files)
    misses: list[int] = []
    stats: dict[int, os.stat_result] = {}
    for index, (real, display) in enumerate(files):
        if cache is None or not _cacheable(display):
            misses.append(index)
            continue
        module, _ = module_name_for(real)
        cached, info = cache.lookup(display, module, real)
        if cached is None:
            misses.append(index)
            if info is not None:
                stats[index] = info
        else:
            results[index] = cached
    todo = [files[index] for index in misses]
    worker.pack = len(files) >= PACK_FROM_FILES or (jobs > 1
                                                    and len(todo) >= _MIN_FILES_FOR_POOL)
    worker.compress = len(files) >= PACK_FROM_FILES
    # A full collection and a freeze cost a warm run more than its few misses take to lint.
    with _fewer_collections() if len(todo) >= _MIN_FILES_FOR_POOL else nullcontext():
        fresh = _lint_uncached(todo, worker, jobs)
    for index, (result, key) in zip(misses, fresh):
        results[index] = result
        info = stats.get(index)
        if cache is not None and key is not None and info is not None and not result.errors:
            cache.store(files[index][1], key, info, result)
    done = [result for result in results if result is not None]
    if own_cache and cache is not None:
        cache.save({result.path for result in done})
    return done


def _cacheable(display: str) -> bool:
    # The snapshot is one line per file, fields separated by tabs.
    return "\t" not in display and "\n" not in display and "\0" not in display


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """No cyclic garbage collection while linting: a file's pass leaves no cycles behind
    (`_break_cycles`), yet the collector kept rescanning every live tree, at an eighth of a
    cold run. Forked workers inherit this. Workers still collect the young generation now and
    then, in case a plugin rule makes cycles."""
    gc.collect()
    gc.freeze()
    try:
        with _collector_paused():
            yield
    finally:
        gc.unfreeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during the project pass and the sort: every file's
    findings and facts are alive then (millions of objects), and the collections the pass's
    allocations triggered rescanned them all, a sixth of a cold run on Django (a gen-1 sweep
    of 0.5 s in the project pass, a gen-2 sweep of 0.95 s in the sort). The pass leaves only
    its own bounded garbage, freed at the next collection after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lint_uncached(todo: list[tuple[Path, str]], worker: _Worker, jobs: int
                   ) -> list[tuple[FileResult, Optional[str]]]:
    if jobs <= 1 or len(todo) < _MIN_FILES_FOR_POOL:
        return [worker(item) for item in todo]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork keeps rules registered at run time (plugins) visible in the workers.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Largest files first, in small chunks: the workers then finish together, on the
    # smallest files, instead of one waiting while the other lints a last chunk of big ones
    # (files in path order put a package's big modules side by side).
    order = sorted(range(len(todo)), key=lambda index: -_size(todo[index][0]))
    chunksize = max(1, min(_MAX_CHUNK, len(todo) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        done = pool.map(worker, [todo[index] for index in order], chunksize=chunksize)
        results: list[Optional[tuple[FileResult, Optional[str]]]] = [None] * len(todo)
        for index, result in zip(order, done):
            results[index] = result
    return [result for result in results if result is not None]


# Files per task sent to a worker: small enough that the last tasks are short.
_MAX_CHUNK = 16


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the pass reports it


class _Worker:
    """One file's per-file pass, with the content key its result is cached under; picklable
    for the pool."""

    def __init__(self, settings: Settings, want_key: bool) -> None:
        self.settings = settings
        self.linted = 0
        # Rules from outside backendlint: their passes are not known to be free of cycles.
        self.plugins = any(not rule.__module__.startswith("backendlint.")
                           for rule in all_rules())
        self.salt: Optional[bytes] = None
        # Whether facts leave the worker packed, and compressed (see PACK_FROM_FILES).
        self.pack = True
        self.compress = True
        if want_key:
            from backendlint.cache import cache_salt

            self.salt = cache_salt(settings.fingerprint())

    def __call__(self, item: tuple[Path, str]) -> tuple[FileResult, Optional[str]]:
        self.linted += 1
        try:
            return self._lint(item)
        finally:
            self._after_file()

    def _after_file(self) -> None:
        """Keep the cyclic collector's work to the garbage that needs it. A file's pass leaves
        no cycles of ours (`_break_cycles`), so what is alive afterwards (its result) is moved
        out of the collector's sight at once (`gc.freeze` only splices lists); sweeping it
        every hundred files instead rescanned every result once, 0.4 s of a cold Django run.
        A pass that noted cyclic garbage (sqlglot's trees) is swept first: only the objects
        made since the last freeze."""
        if take_cyclic_garbage_note():
            gc.collect(0)
        if self.plugins:
            if self.linted % _COLLECT_EVERY == 0:
                gc.collect(0)
        elif not gc.isenabled():
            gc.freeze()

    def _lint(self, item: tuple[Path, str]) -> tuple[FileResult, Optional[str]]:
        real, display = item
        module, is_package = module_name_for(real)
        try:
            data = real.read_bytes()
        except OSError as error:
            result = FileResult(display, module)
            result.findings.append(bl001_finding(display, f"cannot read file: {error.strerror}", 1, 1))
            return result, None
        result = lint_source(display, data, self.settings, module, is_package)
        if self.salt is not None and not result.errors:
            result.facts_text = facts_text(result.facts)
        if self.pack and result.facts:
            # Kept packed until the project pass (and sent from a worker as bytes).
            result.facts = PackedFacts.of(result.facts, self.compress)
        if self.salt is None:
            return result, None
        from backendlint.cache import content_key

        return result, content_key(self.salt, display, module, data)
