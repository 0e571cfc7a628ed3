"""The project half of the endpoint model: joins every module's `EndpointFacts` into one
graph of serving objects (apps, routers, blueprints and what includes what), view functions
and classes, and URL patterns. Practices ask it which groups an endpoint passes through on
its way to an app, what its URL prefix is and what a class view inherits; they decide
themselves what a limit or a permission is."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Callable, Optional, TypeVar

from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.core.facts import ModuleFacts
from backendlint.knowledge.web_frameworks import (
    APP_KINDS,
    APP_TYPES,
    KNOWN_VIEW_BASES,
    NEUTRAL_BASE_PREFIXES,
    OWNER_FRAMEWORK,
)
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.endpoints.facts import (
    ClassSummary,
    Decorator,
    Dependency,
    EndpointFacts,
    FunctionSummary,
    Route,
    UrlPattern,
    with_parameters,
)

F = TypeVar("F", bound=ModuleFacts)


def module_endpoints(project: ProjectContext, modules: Sequence[tuple[ModuleRecord, F]],
                     added: Callable[[F], dict[str, list[str]]]
                     ) -> list[tuple[ModuleRecord, EndpointFacts]]:
    """The endpoint facts of a practice's modules (in their order) as that practice recorded
    them: the facts stored once for every reader, with the parameters its own questions
    added (`added` reads them from the practice's facts)."""
    shared = {record.path: facts for record, facts in project.typed_facts(EndpointFacts)}
    return [(record, with_parameters(shared.get(record.path) or EndpointFacts(), added(facts)))
            for record, facts in modules]


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != self.parent.get(parent, parent):
            parent = self.parent[parent]
        self.parent[item] = parent
        return parent

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass
class Parent:
    """One `include_router`/`register_blueprint` edge up from a group."""

    root: str
    dependencies: list[Dependency]
    prefix: str


@dataclass
class Group:
    """One app, router or blueprint after aliases are joined."""

    kind: Optional[str] = None
    path: str = ""
    prefix: str = ""
    dependencies: list[Dependency] = field(default_factory=list)
    middleware: list[str] = field(default_factory=list)
    exception_handlers: list[str] = field(default_factory=list)
    parents: list[Parent] = field(default_factory=list)

    @property
    def is_app(self) -> bool:
        return self.kind in APP_KINDS and not is_test_path(self.path)


@dataclass
class Lineage:
    """A class view resolved through the project's classes to library views: its framework,
    the project classes subclass-first, the methods inherited from library views, and whether
    it is a viewset."""

    framework: str
    chain: list[tuple[str, ClassSummary]]
    inherited: set[str]
    viewset: bool


@dataclass
class ViewUrls:
    """Every URL pattern that serves one view."""

    path: str
    first: UrlPattern
    patterns: list[UrlPattern] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        return [pattern.path for pattern in self.patterns]


class EndpointGraph:
    """`resolve` is the project index's name resolution (re-exports through packages,
    aliases); without it names are joined by module and path suffix only."""

    def __init__(self, modules: list[tuple[ModuleRecord, EndpointFacts]],
                 all_modules: list[ModuleRecord],
                 resolve: Optional[Callable[[str], str]] = None,
                 plain_class: Callable[[str], bool] = lambda _name: False) -> None:
        self.modules = modules
        self._resolve = resolve
        # Whether a name is a project class with no bases (a mixin the facts leave out).
        self._plain_class = plain_class
        self.union_find = UnionFind()
        self._canonical: dict[str, str] = {}
        self._module_index = _index_modules(all_modules)
        self.groups: dict[str, Group] = {}
        self.functions: dict[str, tuple[str, FunctionSummary]] = {}
        self.classes: dict[str, tuple[str, ClassSummary]] = {}
        self.method_hints: dict[str, list[str]] = {}
        self.markers: dict[str, set[str]] = {}
        self.view_aliases: dict[str, tuple[str, list[Decorator]]] = {}
        self.loaded_classes: dict[str, str] = {}
        self._join_identities()
        self._read()

    # ------------------------------------------------------------------ identities
    def canonical(self, identity: str) -> str:
        cached = self._canonical.get(identity)
        if cached is not None:
            return cached
        if identity.endswith("()"):
            result = self.canonical(identity[:-2]) + "()"
        else:
            resolved = self._resolve(identity) if self._resolve is not None else identity
            result = resolved
            parts = resolved.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                module = self._module_index.get(".".join(parts[:cut]))
                if module is not None:
                    rest = ".".join(parts[cut:])
                    result = f"{module}.{rest}" if module else rest
                    break
        self._canonical[identity] = result
        return result

    def root(self, identity: Optional[str]) -> Optional[str]:
        if identity is None or identity == "?":
            return identity
        return self.union_find.find(self.canonical(identity))

    def _join_identities(self) -> None:
        params: dict[str, list[str]] = {}
        for _, facts in self.modules:
            for first, second in facts.aliases:
                self.union_find.union(self.canonical(first), self.canonical(second))
            for function, parameter_names in facts.parameters.items():
                params[self.canonical(function)] = parameter_names
        for _, facts in self.modules:
            for argument in facts.call_arguments:
                names = params.get(self.canonical(argument.callee))
                if not names:
                    continue
                name: Optional[str]
                if argument.keyword is None:
                    name = names[argument.position] if argument.position < len(names) else None
                else:
                    name = argument.keyword if argument.keyword in names else None
                if name is not None:
                    self.union_find.union(self.canonical(argument.identity),
                                          f"{self.canonical(argument.callee)}.{name}")

    def group(self, identity: Optional[str]) -> Group:
        key = self.root(identity) or "?"
        return self.groups.setdefault(key, Group())

    def _read(self) -> None:
        for module, facts in self.modules:
            path = module.path
            for item in facts.objects:
                group = self.group(item.identity)
                if group.kind is None:
                    group.kind, group.path, group.prefix = item.kind, path, item.prefix
                group.dependencies.extend(item.dependencies)
                group.middleware.extend(item.middleware)
                group.exception_handlers.extend(item.exception_handlers)
            for added in facts.middleware:
                self.group(added.app).middleware.append(added.middleware)
            for handler in facts.exception_handlers:
                self.group(handler.app).exception_handlers.append(handler.exception)
            for include in facts.includes:
                self.group(include.child).parents.append(
                    Parent(self.root(include.parent) or "?", include.dependencies,
                           include.prefix))
            for qual, function in facts.functions.items():
                self.functions[self.canonical(qual)] = (path, function)
            for qual, summary in facts.classes.items():
                self.classes[self.canonical(qual)] = (path, summary)
            for qual, methods in facts.method_hints.items():
                self.method_hints[self.canonical(qual)] = methods
            for qual, found in facts.markers.items():
                self.markers.setdefault(self.canonical(qual), set()).update(found)
            for name, alias in facts.view_aliases.items():
                self.view_aliases[self.canonical(name)] = (alias.view, alias.wrappers)
            for attribute, loaded in facts.loaded_classes.items():
                self.loaded_classes[self.canonical(attribute)] = loaded

    # ------------------------------------------------------------------ questions
    def routes(self) -> Iterator[tuple[str, Route]]:
        for module, facts in self.modules:
            for route in facts.routes:
                yield module.path, route

    def route_framework(self, route: Route) -> Optional[str]:
        group = self.groups.get(self.root(route.owner) or "?") if route.owner else None
        kind = group.kind if group and group.kind else APP_TYPES.get(route.owner_type or "")
        if kind is None:
            return None
        return OWNER_FRAMEWORK.get(kind, kind)

    def ancestors(self, owner: Optional[str]) -> Iterator[tuple[str, Group]]:
        """Every group on every path from a router or blueprint up to the apps that serve
        it, itself first. A Starlette `Route` (no owner) may be served by any Starlette app
        of the project."""
        start = self.root(owner)
        seen: set[str] = set()
        queue = [start] if start is not None else [
            key for key, group in self.groups.items() if group.kind == "starlette"]
        while queue:
            node = queue.pop(0)
            if node in seen:
                continue
            seen.add(node)
            group = self.groups.get(node, Group())
            yield node, group
            for parent in group.parents:
                queue.append(parent.root)

    def prefix(self, owner: Optional[str]) -> str:
        """The URL prefix along the first include path, for messages."""
        prefix = ""
        node = self.root(owner)
        seen: set[str] = set()
        while node is not None and node not in seen:
            seen.add(node)
            group = self.groups.get(node, Group())
            prefix = group.prefix.rstrip("/") + prefix
            if not group.parents:
                break
            first = group.parents[0]
            prefix = first.prefix.rstrip("/") + prefix
            node = first.root
        return prefix

    def view_urls(self) -> dict[str, ViewUrls]:
        """Every view named by URL patterns, with its patterns (canonical name → urls)."""
        views: dict[str, ViewUrls] = {}
        for module, facts in self.modules:
            for url in facts.urls:
                key, wrappers = self.view_of(url.view)
                if wrappers:
                    url = UrlPattern(url.view, url.path, url.span, [*url.wrappers, *wrappers])
                entry = views.setdefault(key, ViewUrls(module.path, url))
                entry.patterns.append(url)
        return views

    def view_of(self, reference: str) -> tuple[str, list[Decorator]]:
        """What a URL pattern's view reference names: a view assigned to a module-level
        name (`password_reset = PasswordResetView.as_view()`) or loaded into an attribute
        by its dotted name (`self.login_view = get_class(...)`) is that class."""
        key = self.canonical(reference)
        if key in self.view_aliases:
            view, wrappers = self.view_aliases[key]
            return self.canonical(view), wrappers
        if key in self.loaded_classes:
            return self.canonical(self.loaded_classes[key]), []
        return key, []

    def has_marker(self, qualified: str, marker: str) -> bool:
        return marker in self.markers.get(self.canonical(qualified), ())

    def lineage(self, key: str) -> Optional[Lineage]:
        """None when a base is unknown or no library view is reached."""
        chain: list[tuple[str, ClassSummary]] = []
        framework: Optional[str] = None
        inherited: set[str] = set()
        viewset = False
        pending = [key]
        seen: set[str] = set()
        while pending:
            current = pending.pop(0)
            if current in seen:
                continue
            seen.add(current)
            chain.append(self.classes[current])
            for base in chain[-1][1].bases:
                canonical = self.canonical(base)
                if canonical in self.classes:
                    pending.append(canonical)
                elif base in KNOWN_VIEW_BASES:
                    kind, methods = KNOWN_VIEW_BASES[base]
                    framework = framework or kind
                    inherited.update(methods)
                    viewset |= "ViewSet" in base or "mixins" in base
                elif not base.startswith(NEUTRAL_BASE_PREFIXES) and not self._plain_class(base):
                    return None
        if framework is None:
            return None
        return Lineage(framework, chain, inherited, viewset)


def _index_modules(modules: list[ModuleRecord]) -> dict[str, str]:
    """Dotted name → a module's own name, by exact name first, then by path suffix."""
    index: dict[str, str] = {}
    for module in modules:
        parts = module.path.rsplit(".", 1)[0].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        for start in range(len(parts)):
            index.setdefault(".".join(parts[start:]), module.module)
    for module in modules:
        if module.module:
            index[module.module] = module.module
    return index


def django_url(path: str) -> str:
    """A Django route (`login/`, `^login/$`) as a URL for messages."""
    cleaned = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", path.lstrip("^").rstrip("$"))
    return cleaned if cleaned.startswith("/") else "/" + cleaned
