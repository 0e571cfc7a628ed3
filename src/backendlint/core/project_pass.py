"""The project pass: project-level rules over every module's facts, one practice after
another, each practice's decoded facts and shared analyses forgotten before the next."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Finding
from backendlint.core.registry import all_rules

if TYPE_CHECKING:
    from backendlint.core.pipeline import FileResult
    from backendlint.settings import Settings

Output = tuple[list[Finding], list[str], set[tuple[str, int, int, str]], list[str]]


def run_project_pass(results: list[FileResult], settings: Settings) -> Output:
    """(findings, internal errors, the per-file findings a project rule superseded, notes
    for `-v`)."""
    modules = [{"path": result.path, "module": result.module, "facts": result.module_facts()}
               for result in results]
    project = ProjectContext(modules, settings)
    errors: list[str] = []
    practice: Optional[str] = None
    for rule in all_rules():
        if rule.project_level and rule.code in settings.enabled:
            if practice is not None and rule.practice != practice:
                project.practice_done()
            practice = rule.practice
            try:
                rule.check_project(project, settings.options_for(rule.practice))
            except Exception as error:  # noqa: BLE001
                # one broken rule must not lose the others' findings
                errors.append(f"internal error in {rule.code} during the project pass "
                              f"({type(error).__name__}: {error})")
    # Whatever still holds the context must not keep the facts and the index alive.
    project.close()
    return project.findings, errors, project.superseded, project.notes
