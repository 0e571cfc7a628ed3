"""The project half of the type-hint fixes: a fix this module judged safe becomes unsafe when
the project shows it would add a mypy error elsewhere.

- A parameter annotated from its default (`default=False` → `default: bool = False`) must
  accept what every caller passes: each call in the project index either leaves it out or
  passes a literal of that type. A caller passing `None`, another type, a variable or `*args`
  makes the fix unsafe, and so does a function used as a value (a callback: its calls are
  out of sight).
- A method's return annotation must agree with every override in a project subclass (found
  through the C3 MRO of the index): an `async def` override of a sync method, an override
  annotated (or to be annotated) with another type, or one returning a value under a base
  annotated `-> None`, makes the base's fix unsafe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Applicability, Fix
from backendlint.core.rule import Rule
from backendlint.practices.type_hints.facts import (
    DeferredFinding,
    MethodShape,
    OverrideCheck,
    ParameterCheck,
    TypeHintsFacts,
)
from backendlint.semantic.analyze.inference import accepts, literal_repr_type
from backendlint.semantic.index import ProjectIndex


@dataclass(frozen=True)
class Hazard:
    """Why a fix may add a mypy error; when `certain`, it would, and no fix is offered."""

    reason: str
    certain: bool


@dataclass
class _ProjectView:
    index: ProjectIndex
    escaped: set[str] = field(default_factory=set)
    methods: dict[tuple[str, str], MethodShape] = field(default_factory=dict)
    subclasses: dict[str, list[str]] = field(default_factory=dict)


def _view(project: ProjectContext) -> _ProjectView:
    def build() -> _ProjectView:
        index = project.index
        view = _ProjectView(index)
        for _module, facts in project.typed_facts(TypeHintsFacts):
            view.escaped.update(index.resolve(name) for name in facts.escaped)
            for shape in facts.methods:
                view.methods[(shape.cls, shape.method)] = shape
        for record, symbols in index.modules():
            for class_name in symbols.classes:
                full = f"{record.module}.{class_name}"
                for base in index.mro(full)[1:]:
                    view.subclasses.setdefault(base, []).append(full)
        return view

    return project.shared_state("type-hints.fix-safety", build)


def report_deferred(project: ProjectContext, rule: type[Rule]) -> None:
    """Report `rule`'s findings that waited for the project, each fix safe or not."""
    view: Optional[_ProjectView] = None
    for module, facts in project.typed_facts(TypeHintsFacts):
        for deferred in facts.deferred:
            if deferred.code != rule.code:
                continue
            view = view or _view(project)
            hazard = _hazard(view, deferred)
            fix: Optional[Fix] = deferred.fix
            if hazard is not None and fix is not None:
                fix = None if hazard.certain else Fix(
                    f"{fix.description} (unsafe: {hazard.reason})", Applicability.UNSAFE,
                    fix.edits, fix.imports)
            project.report(rule, module.path, deferred.span, deferred.message, fix=fix)


def _hazard(view: _ProjectView, deferred: DeferredFinding) -> Optional[Hazard]:
    if deferred.parameter is not None:
        return _caller_conflict(view, deferred.parameter)
    if deferred.override is not None:
        return _override_conflict(view, deferred.override)
    return None


def _caller_conflict(view: _ProjectView, check: ParameterCheck) -> Optional[Hazard]:
    function = view.index.resolve(check.function)
    if function in view.escaped:
        name = function.rsplit(".", 1)[-1]
        return Hazard(f"`{name}` is passed around as a value, so not every call can be seen",
                      certain=False)
    unknown: Optional[Hazard] = None
    for record, site in view.index.call_sites(function):
        if "*" in site.passed or "**" in site.passed:
            unknown = unknown or Hazard(
                f"a call in {record.path}:{site.line} unpacks its arguments", certain=False)
            continue
        slot = str(check.position) if check.position is not None else None
        key = slot if slot is not None and slot in site.passed else (
            check.parameter if check.parameter in site.passed else None)
        if key is None:
            continue  # left at its default
        literal = site.constant_args.get(key)
        passed = literal_repr_type(literal) if literal is not None else None
        if passed is None:
            unknown = unknown or Hazard(f"a call in {record.path}:{site.line} passes "
                                        f"`{check.parameter}` a value of unknown type", False)
        elif not accepts(check.annotation, passed):
            return Hazard(f"a call in {record.path}:{site.line} passes `{check.parameter}` "
                          f"a `{passed}`", certain=True)
    return unknown


def _override_conflict(view: _ProjectView, check: OverrideCheck) -> Optional[Hazard]:
    for subclass in view.subclasses.get(check.cls, []):
        shape = view.methods.get((subclass, check.method))
        if shape is None:
            continue
        where = f"`{subclass.rsplit('.', 1)[-1]}.{check.method}`"
        if shape.is_async != check.is_async:
            kind = "async" if shape.is_async else "sync"
            return Hazard(f"the override {where} is {kind}", certain=True)
        if shape.annotation is not None and shape.annotation != check.annotation:
            return Hazard(f"the override {where} returns `{shape.annotation}`", certain=True)
        if shape.annotation is None and shape.fix is not None and shape.fix != check.annotation:
            # A conflict only once both fixes are applied.
            return Hazard(f"the override {where} would be annotated `{shape.fix}`",
                          certain=False)
        if shape.annotation is None and shape.fix is None and shape.returns_value \
                and check.annotation == "None":
            return Hazard(f"the override {where} returns a value", certain=False)
    return None
