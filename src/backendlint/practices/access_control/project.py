"""The project half of access control: every endpoint of the project with what protects it
(a dependency, decorator, mixin, permission class, router or app dependency, blueprint
guard, DRF default), grouped the way a reader sees siblings: by router or blueprint for
FastAPI and Flask, by views module for Django and DRF."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Optional

from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.core.facts import Span
from backendlint.knowledge.auth import (
    AUTH_DECORATORS,
    AUTH_MIXINS,
    AUTH_NAME_WORDS,
    DRF_OPEN_PERMISSIONS,
    SECURITY_SCHEMES,
)
from backendlint.practices.access_control.facts import AccessControlFacts
from backendlint.practices.access_control.options import AccessControlOptions
from backendlint.practices.access_control.vocabulary import names_public_purpose
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.endpoints.facts import (
    ClassSummary,
    Decorator,
    Dependency,
    FunctionSummary,
)
from backendlint.semantic.endpoints.graph import (
    EndpointGraph,
    Lineage,
    django_url,
    module_endpoints,
)

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DRF_WRITE_HANDLERS = frozenset({"post", "put", "patch", "delete", "create", "update",
                                "partial_update", "destroy"})


@dataclass
class Endpoint:
    """One endpoint as access control sees it."""

    path: str
    span: Span
    label: str
    name: str
    qualified: str
    group: str
    group_label: str
    methods: Optional[frozenset[str]]
    requirement: Optional[str]
    url: str = ""

    @property
    def mutating(self) -> bool:
        return self.methods is None or bool(self.methods & MUTATING)


@dataclass
class DrfView:
    path: str
    span: Span
    name: str
    qualified: str
    writes: frozenset[str]
    permission_classes: Optional[list[str]]
    explicit: bool


@dataclass
class AccessAnalysis:
    project: ProjectContext
    options: AccessControlOptions
    endpoints: list[Endpoint] = field(default_factory=list)
    drf_views: list[DrfView] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.modules = self.project.typed_facts(AccessControlFacts)
        records: list[ModuleRecord] = [record for record, _ in self.modules]
        # Each module's endpoint facts, in the order of `modules`.
        self.endpoints_of = module_endpoints(self.project, self.modules,
                                             lambda facts: facts.endpoint_parameters)
        self.graph = EndpointGraph(self.endpoints_of, records)
        self.auth_functions = {self.graph.canonical(name) for _, facts in self.modules
                               for name in facts.auth_functions}
        self.optional_credentials = {self.graph.canonical(name) for _, facts in self.modules
                                     for name in facts.optional_credentials}
        # Functions whose own body refuses requests, before requirements reached through
        # dependency chains are added.
        self.self_checking = set(self.auth_functions)
        self._close_over_dependencies()
        self.guarded = {self.graph.root(identity) for _, facts in self.modules
                        for identity in facts.guarded}
        settings = [facts for record, facts in self.modules
                    if not is_test_path(record.path) and facts.rest_framework_settings]
        self.drf_settings_seen = bool(settings) or any(
            endpoints.django_settings for record, endpoints in self.endpoints_of
            if not is_test_path(record.path))
        self.default_permissions: Optional[list[str]] = next(
            (facts.default_permissions for facts in settings
             if facts.default_permissions is not None), None)
        self._routes()
        self._views()
        self._drf_classes()

    def _close_over_dependencies(self) -> None:
        """A dependency that depends on a requirement is one (`get_active_user` takes
        `Depends(get_current_user)`), however long the chain."""
        edges = {self.graph.canonical(name): [self.graph.canonical(t) for t in targets]
                 for _, facts in self.modules for name, targets in facts.depends_on.items()}
        changed = True
        while changed:
            changed = False
            for name, targets in edges.items():
                if name not in self.auth_functions and any(
                        target in self.auth_functions or self._named_auth(target)
                        or self._is_security_scheme(target) for target in targets):
                    self.auth_functions.add(name)
                    changed = True

    def _is_security_scheme(self, target: str) -> bool:
        """`oauth2_scheme` imported from another module, bound to `OAuth2PasswordBearer()`."""
        value = self.project.index.value(target)
        return value is not None and value.startswith(SECURITY_SCHEMES)

    # ------------------------------------------------------------------ requirements
    def _named_auth(self, qualified: Optional[str]) -> bool:
        if not qualified or qualified == "?":
            return False
        if qualified in AUTH_DECORATORS or self.graph.canonical(qualified) in self.auth_functions:
            return True
        if any(fnmatch.fnmatchcase(qualified, pattern) for pattern in
               (*self.options.auth_decorators, *self.options.auth_dependencies)):
            return True
        last = qualified.replace("()", "").rsplit(".", 1)[-1].lower()
        return last in AUTH_NAME_WORDS or "current_user" in last or last.startswith(
            ("require_", "requires_")) and "auth" in last

    def _dependency_requirement(self, dependencies: list[Dependency]) -> Optional[str]:
        for dependency in dependencies:
            target = dependency.target
            value = self.project.index.value(target) if target != "?" else None
            if self._named_auth(target) or (value is not None and value.startswith(
                    SECURITY_SCHEMES)):
                return f"`Depends({_short(target)})`"
        return None

    def _decorator_requirement(self, decorators: list[Decorator]) -> Optional[str]:
        for decorator in decorators:
            if decorator.is_class_list and decorator.classes is not None and \
                    decorator.qualified == "rest_framework.decorators.permission_classes":
                if decorator.classes and not set(decorator.classes) <= DRF_OPEN_PERMISSIONS:
                    return f"`@permission_classes([{', '.join(map(_short, decorator.classes))}])`"
                continue
            if self._named_auth(decorator.qualified) or self._named_auth(decorator.attr):
                return f"`@{_short(decorator.qualified or decorator.attr or '?')}`"
        return None

    def _body_requirement(self, function: FunctionSummary) -> Optional[str]:
        """A view that refuses requests itself (raises 401/403, aborts, checks a signature)."""
        if self.graph.canonical(function.qualified) in self.self_checking:
            return "a check in its own body"
        return None

    def _group_requirement(self, owner: Optional[str]) -> Optional[str]:
        for key, group in self.graph.ancestors(owner):
            found = self._dependency_requirement(group.dependencies)
            if found:
                return found
            if key in self.guarded:
                return "a `before_request` guard"
            for parent in group.parents:
                found = self._dependency_requirement(parent.dependencies)
                if found:
                    return found
        return None

    # ------------------------------------------------------------------ endpoints
    def _routes(self) -> None:
        for path, route in self.graph.routes():
            if is_test_path(path):
                continue
            function = route.function
            if function is None and route.view:
                function = self.graph.functions.get(self.graph.canonical(route.view),
                                                    (path, None))[1]
            if function is None:
                continue
            requirement = (self._body_requirement(function)
                           or self._dependency_requirement(route.dependencies)
                           or self._dependency_requirement(function.parameter_dependencies)
                           or self._decorator_requirement(function.decorators)
                           or self._group_requirement(route.owner))
            methods = frozenset(m.upper() for m in route.methods) if route.methods else \
                frozenset({"GET"})
            owner = self.graph.root(route.owner) or path
            url = self.graph.prefix(route.owner) + route.path
            label = f"`{'/'.join(sorted(methods))} {url}`"
            self.endpoints.append(Endpoint(
                path, function.span, label, function.name, function.qualified, owner,
                _short(route.owner or path), methods, requirement, url))

    def _views(self) -> None:
        for key, urls in self.graph.view_urls().items():
            url = django_url(urls.first.path)
            wrappers = self._decorator_requirement(
                [item for pattern in urls.patterns for item in pattern.wrappers])
            if key in self.graph.functions:
                path, function = self.graph.functions[key]
                self._function_view(path, function, url, wrappers)
            elif key in self.graph.classes:
                path, summary = self.graph.classes[key]
                self._class_view(key, path, summary, url, wrappers)

    def _function_view(self, path: str, function: FunctionSummary, url: str,
                       wrappers: Optional[str]) -> None:
        if is_test_path(path):
            return
        methods = None
        for decorator in function.decorators:
            if decorator.methods:
                methods = frozenset(m.upper() for m in decorator.methods)
        hints = self.graph.method_hints.get(self.graph.canonical(function.qualified))
        if methods is None and hints:
            methods = frozenset(hints) | {"GET"}
        requirement = (wrappers or self._body_requirement(function)
                       or self._decorator_requirement(function.decorators))
        if requirement is None and any(d.kind.value == "api_view" for d in function.decorators):
            requirement = self._drf_default()
        module = function.qualified.rsplit(".", 1)[0]
        self.endpoints.append(Endpoint(
            path, function.span, f"`{url}`", function.name, function.qualified, module, module,
            methods, requirement, url))

    def _class_view(self, key: str, path: str, summary: ClassSummary, url: str,
                    wrappers: Optional[str]) -> None:
        if is_test_path(path):
            return
        lineage = self.graph.lineage(key)
        if lineage is None:
            return
        handlers = {name for item in lineage.chain for name in item[1].handlers}
        methods = frozenset(m.upper() for m in handlers if m.upper() in
                            {"GET", "POST", "PUT", "PATCH", "DELETE"}) | frozenset(
            lineage.inherited)
        requirement = wrappers or self._class_requirement(lineage)
        if (lineage.framework == "drf" and requirement is None
                and not self._explicit_permissions(lineage)):
            requirement = self._drf_default()
        module = key.rsplit(".", 1)[0]
        self.endpoints.append(Endpoint(
            path, summary.span, f"`{url}`", summary.name, key, module, module,
            methods or None, requirement, url))

    def _class_requirement(self, lineage: Lineage) -> Optional[str]:
        for _, summary in lineage.chain:
            for base in summary.bases:
                if base in AUTH_MIXINS or self._named_auth(base) or base.endswith(
                        ("LoginRequiredMixin", "PermissionRequiredMixin")):
                    return f"`{_short(base)}`"
            found = self._decorator_requirement(summary.decorators)
            if found:
                return found
            listed = summary.class_lists.get("permission_classes")
            if listed is not None and listed.classes and not set(listed.classes) <= \
                    DRF_OPEN_PERMISSIONS:
                return f"`permission_classes = [{', '.join(map(_short, listed.classes))}]`"
        return None

    def _explicit_permissions(self, lineage: Lineage) -> bool:
        return any("permission_classes" in summary.class_lists for _, summary in lineage.chain)

    def _drf_default(self) -> Optional[str]:
        defaults = self.default_permissions
        if defaults and not set(defaults) <= DRF_OPEN_PERMISSIONS:
            return f"`DEFAULT_PERMISSION_CLASSES` ({', '.join(map(_short, defaults))})"
        return None

    def _drf_classes(self) -> None:
        """Every DRF view class of the project, routed here or not (a reusable app's views
        are routed by the project that installs it)."""
        for key, (path, summary) in self.graph.classes.items():
            if is_test_path(path):
                continue
            lineage = self.graph.lineage(key)
            if lineage is not None and lineage.framework == "drf":
                handlers = {name for item in lineage.chain for name in item[1].handlers}
                self._drf_view(key, path, summary, lineage, handlers)

    def _drf_view(self, key: str, path: str, summary: ClassSummary, lineage: Lineage,
                  handlers: set[str]) -> None:
        writes = frozenset(lineage.inherited & MUTATING) | frozenset(
            name.upper() for name in handlers if name in DRF_WRITE_HANDLERS)
        if not writes:
            return
        listed = None
        explicit = False
        for _, item in lineage.chain:
            if "permission_classes" in item.class_lists:
                listed = item.class_lists["permission_classes"].classes
                explicit = True
                break
        self.drf_views.append(DrfView(path, summary.span, summary.name, key, writes, listed,
                                      explicit))

    # ------------------------------------------------------------------ public endpoints
    def is_public(self, endpoint: Endpoint) -> bool:
        if names_public_purpose(endpoint.name) or names_public_purpose(endpoint.url):
            return True
        # RFC 8615 well-known URIs are public by definition; an endpoint that takes a key
        # optionally serves anonymous callers on purpose.
        if "/.well-known/" in endpoint.url or self.graph.canonical(
                endpoint.qualified) in self.optional_credentials:
            return True
        return any(fnmatch.fnmatchcase(endpoint.url, pattern)
                   or fnmatch.fnmatchcase(endpoint.qualified, pattern)
                   for pattern in self.options.public)


def _short(qualified: str) -> str:
    return qualified.replace("()", "").rsplit(".", 1)[-1]


def analyse(project: ProjectContext, options: AccessControlOptions) -> AccessAnalysis:
    """One analysis per project pass, shared by the practice's project rules."""
    return project.computed(lambda: AccessAnalysis(project, options), key=AccessAnalysis)
