"""The project pass: project-level rules over every module's facts, one practice after
another, or in two processes at once when the run has cores to spare.

Practices do not read each other's project state (each has its facts, its shared analyses,
the index), so their rules can run apart and their output be put back together in code
order: the result is the same list, in the same order, as one process gives."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Finding
from backendlint.core.registry import all_rules
from backendlint.core.rule import Rule

if TYPE_CHECKING:
    from backendlint.core.pipeline import FileResult
    from backendlint.settings import Settings

# Below this many modules a second process costs more to start than the pass takes.
MIN_MODULES_TO_SPLIT = 200
# From this many modules on, the practices run one after another in one process: a second
# process would hold its practices' facts at the same time as the first holds its own, and
# the largest runs are the ones whose memory counts (see pipeline.PACK_FROM_FILES).
MAX_MODULES_TO_SPLIT = 1000


@dataclass
class ProjectOutput:
    """What the project rules of some practices found, kept by practice so that outputs made
    apart join in code order."""

    findings: dict[str, list[Finding]] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    superseded: set[tuple[str, int, int, str]] = field(default_factory=set)
    notes: dict[str, list[str]] = field(default_factory=dict)


Output = tuple[list[Finding], list[str], set[tuple[str, int, int, str]], list[str]]


def project_rules(settings: Settings) -> list[type[Rule]]:
    return [rule for rule in all_rules()
            if rule.project_level and rule.code in settings.enabled]


def run_project_pass(results: list[FileResult], settings: Settings, jobs: int = 1) -> Output:
    """Project-level rules over every module's facts: (findings, internal errors, the
    per-file findings a project rule superseded, notes for `-v`)."""
    rules = project_rules(settings)
    halves = _split(rules) if _worth_splitting(len(results), jobs) else None
    if halves is None:
        return _joined([_run_rules(results, settings, rules)])
    return _joined(_run_apart(results, settings, halves))


def _worth_splitting(modules: int, jobs: int) -> bool:
    import multiprocessing

    return (jobs > 1 and MIN_MODULES_TO_SPLIT <= modules < MAX_MODULES_TO_SPLIT
            and "fork" in multiprocessing.get_all_start_methods())


def _split(rules: list[type[Rule]]) -> Optional[tuple[list[type[Rule]], list[type[Rule]]]]:
    """The practices in two groups of about equal work: async-blocking's (its call graph
    is about half of the pass on every corpus measured) against all the others. None when
    either group would be empty."""
    heavy = [rule for rule in rules if rule.practice == _HEAVIEST]
    rest = [rule for rule in rules if rule.practice != _HEAVIEST]
    return (heavy, rest) if heavy and rest else None


_HEAVIEST = "async-blocking"


def _run_rules(results: list[FileResult], settings: Settings, rules: list[type[Rule]]
               ) -> ProjectOutput:
    modules = [{"path": result.path, "module": result.module, "facts": result.module_facts()}
               for result in results]
    project = ProjectContext(modules, settings)
    output = ProjectOutput()
    practice: Optional[str] = None
    for rule in rules:
        if practice is not None and rule.practice != practice:
            _take(project, practice, output)
            project.practice_done()
        practice = rule.practice
        try:
            rule.check_project(project, settings.options_for(rule.practice))
        except Exception as error:  # noqa: BLE001
            # one broken rule must not lose the others' findings
            message = (f"internal error in {rule.code} during the project pass "
                       f"({type(error).__name__}: {error})")
            output.errors.append((rule.practice, message))
    if practice is not None:
        _take(project, practice, output)
    # Whatever still holds the context must not keep the facts and the index alive.
    project.close()
    output.superseded = project.superseded
    return output


def _take(project: ProjectContext, practice: str, output: ProjectOutput) -> None:
    """Move what one practice's rules left in the project context into the output."""
    output.findings.setdefault(practice, []).extend(project.findings)
    project.findings.clear()
    output.notes.setdefault(practice, []).extend(project.notes)
    project.notes.clear()


def _joined(outputs: list[ProjectOutput]) -> Output:
    """Outputs of disjoint practices as one process would have made them: findings and
    notes in the practices' code order, notes once each."""
    findings: dict[str, list[Finding]] = {}
    notes: dict[str, list[str]] = {}
    errors: dict[str, list[str]] = {}
    superseded: set[tuple[str, int, int, str]] = set()
    for output in outputs:
        findings.update(output.findings)
        notes.update(output.notes)
        for practice, error in output.errors:
            errors.setdefault(practice, []).append(error)
        superseded |= output.superseded
    order = sorted({*findings, *notes, *errors}, key=_practice_order())
    joined_notes: list[str] = []
    for practice in order:
        for note in notes.get(practice, []):
            if note not in joined_notes:
                joined_notes.append(note)
    return ([finding for practice in order for finding in findings.get(practice, [])],
            [error for practice in order for error in errors.get(practice, [])],
            superseded, joined_notes)


def _practice_order() -> Any:
    first_code: dict[str, str] = {}
    for rule in all_rules():
        first_code.setdefault(rule.practice, rule.code)
    return lambda practice: first_code.get(practice, "")


# What a forked process reads instead of receiving it pickled: every module's facts would
# otherwise be copied through a pipe.
_INHERITED: list[tuple[list[FileResult], Settings, list[type[Rule]]]] = []


def _run_inherited() -> ProjectOutput:
    results, settings, rules = _INHERITED[0]
    return _run_rules(results, settings, rules)


def _run_apart(results: list[FileResult], settings: Settings,
               halves: tuple[list[type[Rule]], list[type[Rule]]]) -> list[ProjectOutput]:
    """One half in a forked process, the other here at the same time."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    theirs, mine = halves
    # A buffered line would be written again by the child when it exits.
    sys.stdout.flush()
    sys.stderr.flush()
    _INHERITED[:] = [(results, settings, theirs)]
    try:
        with ProcessPoolExecutor(max_workers=1,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            future = pool.submit(_run_inherited)
            own = _run_rules(results, settings, mine)
            try:
                other = future.result()
            except Exception:  # noqa: BLE001
                # The child died (killed, out of memory) or its output would not pickle
                # (a plugin's finding): its practices run here instead.
                other = _run_rules(results, settings, theirs)
    finally:
        _INHERITED.clear()
    return [other, own]
