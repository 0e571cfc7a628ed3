"""What the access-control project rules share: they run in the project pass over the
practice's facts, from one `AccessAnalysis`."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.practices.access_control.analysis import RELEVANT_TEXT
from backendlint.practices.access_control.options import AccessControlOptions
from backendlint.practices.access_control.project import AccessAnalysis, analyse


class AccessProjectRule(Rule):
    requires_any_text = RELEVANT_TEXT
    project_level = True

    @staticmethod
    def analysis(project: ProjectContext, options: PracticeOptions) -> AccessAnalysis:
        assert isinstance(options, AccessControlOptions)
        return analyse(project, options)
