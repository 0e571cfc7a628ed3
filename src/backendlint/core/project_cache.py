"""The project pass with the result cache: its whole output reused when no module's facts
changed, else each practice's last output kept where the facts its rules read did not
change or only moved lines (`shifted_pass`), and the other practices run."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Optional

from backendlint.core.project_pass import (
    Output,
    PracticeOutput,
    joined,
    project_practices,
    run_practices,
    run_project_pass,
)
from backendlint.core.shifted_pass import kept_output, module_changes

if TYPE_CHECKING:
    from backendlint.cache import ResultCache
    from backendlint.core.pipeline import FileResult
    from backendlint.settings import Settings


def cached_project_pass(results: list[FileResult], settings: Settings,
                        cache: Optional[ResultCache], jobs: int = 1) -> Output:
    """The project pass. With a cache: its output as cached when no module's facts changed
    (the pass is a pure function of the facts and the settings, which the cache is keyed
    by); else each practice's last output kept when the facts its rules read did not
    change, or only moved lines (`shifted_pass`), and the other practices run."""
    if cache is None or not all(result.facts_digest for result in results):
        return run_project_pass(results, settings, jobs)
    digest = _pass_digest(results, {})
    outputs = _cached_outputs(cache, digest)
    if outputs is not None:
        cache.project_reuse = (len(outputs), 0)
        return joined(outputs.values())
    kept = _kept_outputs(results, cache)
    order = project_practices(settings)
    todo = [practice for practice in order if practice not in kept]
    fresh = run_practices(results, settings, todo, jobs) if todo else {}
    outputs = {practice: kept[practice] if practice in kept else fresh[practice]
               for practice in order if practice in kept or practice in fresh}
    cache.project_reuse = (len(outputs) - len(fresh), len(fresh))
    if not any(output.errors for output in outputs.values()):
        _store_outputs(cache, digest, outputs)
    return joined(outputs.values())


def _pass_digest(results: list[FileResult], old_digests: Mapping[str, str]) -> str:
    """What the project pass's output is cached under: every module's facts digest (a
    module's old one where `old_digests` has it)."""
    return hashlib.sha256("\0".join(
        f"{result.path}\0{result.module}\0{old_digests.get(result.path, result.facts_digest)}"
        for result in results).encode("utf-8", "surrogateescape")).hexdigest()


def _store_outputs(cache: ResultCache, digest: str, outputs: dict[str, PracticeOutput]
                   ) -> None:
    from backendlint.cache import encode_finding_with_path

    cache.store_project_result(digest, {"practices": [
        [practice, [encode_finding_with_path(finding) for finding in output.findings],
         sorted(output.superseded), output.notes, sorted(output.reads)]
        for practice, output in outputs.items()]})


def _cached_outputs(cache: ResultCache, digest: str) -> Optional[dict[str, PracticeOutput]]:
    cached = cache.project_result(digest)
    if cached is None:
        return None
    from backendlint.cache import decode_finding_with_path

    try:
        return {practice: PracticeOutput(
            [decode_finding_with_path(item) for item in findings],
            {(path, line, column, code) for path, line, column, code in superseded},
            list(notes), [], frozenset(reads))
            for practice, findings, superseded, notes, reads in cached["practices"]}
    except (KeyError, TypeError, ValueError):
        return None


def _kept_outputs(results: list[FileResult], cache: ResultCache) -> dict[str, PracticeOutput]:
    """The last pass's outputs that still hold, by practice, with moved lines renamed: the
    last pass ran on these modules, and the only ones whose facts changed since (this run
    replaced their cache entries) did not change the facts those practices read, or only
    moved their lines."""
    replaced = cache.replaced
    previous = cache.project_digest()
    if not replaced or previous is None or previous != _pass_digest(
            results, {path: digest for path, (digest, _) in replaced.items()}):
        return {}
    changes = module_changes({result.path: (replaced[result.path][1], result.module_facts())
                              for result in results if result.path in replaced
                              and replaced[result.path][0] != result.facts_digest})
    outputs = _cached_outputs(cache, previous) if changes is not None else None
    if changes is None or outputs is None:
        return {}
    kept = {practice: kept_output(output, changes) for practice, output in outputs.items()}
    return {practice: output for practice, output in kept.items() if output is not None}
