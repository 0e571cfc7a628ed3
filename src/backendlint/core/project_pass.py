"""The project pass: project-level rules over every module's facts, one practice after
another, each practice's decoded facts and shared analyses forgotten before the next (in a
mid-sized run with several jobs, shared between this process and a forked copy).

Each practice's output is kept apart, with the facts keys its rules read, so that a warm
run can keep the output of a practice whose facts did not change (`core/shifted_pass.py`)
and run only the others."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Finding
from backendlint.core.forked_work import run_shared
from backendlint.core.registry import all_rules

if TYPE_CHECKING:
    from backendlint.core.pipeline import FileResult
    from backendlint.settings import Settings

Output = tuple[list[Finding], list[str], set[tuple[str, int, int, str]], list[str]]


@dataclass
class PracticeOutput:
    """What one practice's project rules reported, superseded and noted, the internal
    errors they hit, and the facts keys they read (`*`: every key of some module)."""

    findings: list[Finding] = field(default_factory=list)
    superseded: set[tuple[str, int, int, str]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reads: frozenset[str] = frozenset()


def project_practices(settings: Settings) -> list[str]:
    """The practices with an enabled project rule, in the order the pass runs them."""
    found: list[str] = []
    for rule in all_rules():
        if rule.project_level and rule.code in settings.enabled and rule.practice not in found:
            found.append(rule.practice)
    return found


def run_practices(results: list[FileResult], settings: Settings,
                  only: Optional[Collection[str]] = None, jobs: int = 1
                  ) -> dict[str, PracticeOutput]:
    """Each practice's output (those in `only`, or all), in the pass's order. With `jobs`
    above 1 and a project of 200 to 999 modules, the practices are shared with a forked copy
    of this process (`core/forked_work.py`)."""
    practices = [practice for practice in project_practices(settings)
                 if only is None or practice in only]
    modules = [{"path": result.path, "module": result.module, "facts": result.module_facts()}
               for result in results]
    project = ProjectContext(modules, settings)

    def run(practice: str) -> PracticeOutput:
        return _run_practice(project, settings, practice)

    try:
        if jobs > 1 and SHARE_FROM_MODULES <= len(results) < SHARE_BELOW_MODULES:
            return run_shared(practices, run)
        return {practice: run(practice) for practice in practices}
    finally:
        # Whatever still holds the context must not keep the facts and the index alive.
        project.close()


# Below this many modules the whole pass takes less than a fork costs. From
# SHARE_BELOW_MODULES on (runner.PACK_FROM_FILES: where a run keeps its memory down at some
# cost in time) the pass runs in one process: the child's resident pages count again in the
# process tree's memory (the five sdists, 5,268 modules: 560 MiB against 341 in one process).
SHARE_FROM_MODULES = 200
SHARE_BELOW_MODULES = 1000


def _run_practice(project: ProjectContext, settings: Settings, practice: str
                  ) -> PracticeOutput:
    """One practice's project rules; what they gathered is moved out of the context, and
    what they decoded is forgotten."""
    for rule in all_rules():
        if not (rule.project_level and rule.code in settings.enabled
                and rule.practice == practice):
            continue
        try:
            rule.check_project(project, settings.options_for(rule.practice))
        except Exception as error:  # noqa: BLE001
            # one broken rule must not lose the others' findings
            project.errors.append(f"internal error in {rule.code} during the project "
                                  f"pass ({type(error).__name__}: {error})")
    output = PracticeOutput(project.findings, project.superseded, project.notes,
                            project.errors, frozenset(project.reads))
    project.findings, project.superseded, project.notes = [], set(), []
    project.errors = []
    project.reads.clear()
    project.practice_done()
    return output


def joined(outputs: Iterable[PracticeOutput]) -> Output:
    """(findings, internal errors, the per-file findings a project rule superseded, notes
    for `-v`) of the whole pass, from its practices' outputs in the order they ran."""
    findings: list[Finding] = []
    errors: list[str] = []
    superseded: set[tuple[str, int, int, str]] = set()
    notes: list[str] = []
    for output in outputs:
        findings.extend(output.findings)
        errors.extend(output.errors)
        superseded |= output.superseded
        notes.extend(note for note in output.notes if note not in notes)
    return findings, errors, superseded, notes


def run_project_pass(results: list[FileResult], settings: Settings, jobs: int = 1) -> Output:
    return joined(run_practices(results, settings, jobs=jobs).values())
