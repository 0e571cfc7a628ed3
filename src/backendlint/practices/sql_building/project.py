"""The project pass of sql-building: which returned SQL reaches a sink in another function,
and what the project functions whose results a sink interpolates (`WHERE {build_where(x)}`)
return. Callees are found through the project index (re-exports, aliases, partials)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.practices.sql_building.facts import (
    FragmentCall,
    ReturnedSql,
    SinkCall,
    SqlBuildingFacts,
)


@dataclass(frozen=True)
class Link:
    builder: ModuleRecord   # the module of the function that builds and returns the SQL
    returned: ReturnedSql
    caller: ModuleRecord    # the module of the sink call
    call: SinkCall


@dataclass(frozen=True)
class Condition:
    """A project function that returns a SQL condition built from unsafe values."""

    builder: ModuleRecord
    function: str
    returned: ReturnedSql


# What a callee in a hole returns: a condition with unsafe values, "safe" text only, or
# "unknown" (not a project function, or it returns something else).
Verdict = Union[Condition, str]


@dataclass(frozen=True)
class FragmentLink:
    caller: ModuleRecord
    call: FragmentCall
    verdicts: tuple[Verdict, ...]


def _facts_by_path(project: ProjectContext) -> dict[str, SqlBuildingFacts]:
    return {record.path: facts for record, facts in project.typed_facts(SqlBuildingFacts)}


def _function(project: ProjectContext, by_path: dict[str, SqlBuildingFacts], qualified: str
              ) -> Optional[tuple[ModuleRecord, str, SqlBuildingFacts]]:
    """The module, the top-level name and the facts of a project function."""
    ref = project.index.function(qualified)
    if ref is None:
        return None
    facts = by_path.get(ref.module.path)
    prefix = f"{ref.module.module}."
    if facts is None or not ref.qualified.startswith(prefix):
        return None
    return ref.module, ref.qualified[len(prefix):], facts


def project_links(project: ProjectContext) -> list[Link]:
    """Each sink call whose SQL is the result of a project function that returns dynamic SQL,
    once per project pass."""
    cached = project.shared.get("sql-building.links")
    if isinstance(cached, list):
        return cached
    by_path = _facts_by_path(project)
    links: list[Link] = []
    for caller, facts in project.typed_facts(SqlBuildingFacts):
        for call in facts.sink_calls:
            found = _function(project, by_path, call.callee)
            if found is None:
                continue
            builder, function, builder_facts = found
            returned = builder_facts.returns.get(function)
            if returned is not None:
                links.append(Link(builder, returned, caller, call))
    project.shared["sql-building.links"] = links
    return links


def fragment_links(project: ProjectContext) -> list[FragmentLink]:
    """Each sink whose unsafe holes are all calls of functions, with what each returns."""
    cached = project.shared.get("sql-building.fragments")
    if isinstance(cached, list):
        return cached
    by_path = _facts_by_path(project)
    links: list[FragmentLink] = []
    for caller, facts in project.typed_facts(SqlBuildingFacts):
        for call in facts.fragment_calls:
            verdicts: list[Verdict] = []
            for callee in call.callees:
                found = _function(project, by_path, callee)
                if found is None:
                    verdicts.append("unknown")
                    continue
                builder, function, builder_facts = found
                condition = builder_facts.conditions.get(function)
                if condition is not None:
                    verdicts.append(Condition(builder, function, condition))
                elif function in builder_facts.safe_builders:
                    verdicts.append("safe")
                else:
                    verdicts.append("unknown")
            links.append(FragmentLink(caller, call, tuple(verdicts)))
    project.shared["sql-building.fragments"] = links
    return links
