"""The project pass of sql-building: which returned SQL reaches a sink in another function."""

from __future__ import annotations

from dataclasses import dataclass

from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.practices.sql_building.facts import ReturnedSql, SinkCall, SqlBuildingFacts


@dataclass(frozen=True)
class Link:
    builder: ModuleRecord   # the module of the function that builds and returns the SQL
    returned: ReturnedSql
    caller: ModuleRecord    # the module of the sink call
    call: SinkCall


def project_links(project: ProjectContext) -> list[Link]:
    """Each sink call whose SQL is the result of a project function that returns dynamic SQL,
    once per project pass."""
    cached = project.shared.get("sql-building.links")
    if isinstance(cached, list):
        return cached
    modules = project.typed_facts(SqlBuildingFacts)
    by_path = {record.path: facts for record, facts in modules}
    links: list[Link] = []
    for caller, facts in modules:
        for call in facts.sink_calls:
            resolved = project.resolve(call.callee)
            if resolved is None:
                continue
            builder, function = resolved
            builder_facts = by_path.get(builder["path"])
            returned = builder_facts.returns.get(function) if builder_facts else None
            if returned is not None:
                links.append(Link(ModuleRecord(builder["path"], builder["module"]), returned,
                                  caller, call))
    project.shared["sql-building.links"] = links
    return links
