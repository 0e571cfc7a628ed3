"""The project half of the rate-limiting practice: joins every module's facts into endpoints,
decides which limits reach each one, and finds limits that do nothing.

Everything here reads module facts only (see `rate_limit_facts`), never source code.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Optional

from backendlint.context import ProjectContext, is_test_path
from backendlint.rules.rate_limit_facts import (
    APP_TYPES,
    PRACTICE,
    RATE_LIMITER_DEPENDENCIES,
    SLOWAPI_MIDDLEWARE,
    named_like_a_limiter,
)

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
APP_KINDS = frozenset({"fastapi", "starlette", "flask"})
SCOPED_THROTTLE = "rest_framework.throttling.ScopedRateThrottle"
# The settings scope of DRF's built-in rate throttles.
DRF_CLASS_SCOPES = {"AnonRateThrottle": "anon", "UserRateThrottle": "user"}

# Views of libraries: the HTTP methods they already implement, by qualified name.
_ALL = ("GET", "POST", "PUT", "PATCH", "DELETE")
KNOWN_VIEW_BASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "rest_framework.views.APIView": ("drf", ()),
    "rest_framework.generics.GenericAPIView": ("drf", ()),
    "rest_framework.generics.CreateAPIView": ("drf", ("POST",)),
    "rest_framework.generics.ListAPIView": ("drf", ("GET",)),
    "rest_framework.generics.RetrieveAPIView": ("drf", ("GET",)),
    "rest_framework.generics.DestroyAPIView": ("drf", ("DELETE",)),
    "rest_framework.generics.UpdateAPIView": ("drf", ("PUT", "PATCH")),
    "rest_framework.generics.ListCreateAPIView": ("drf", ("GET", "POST")),
    "rest_framework.generics.RetrieveUpdateAPIView": ("drf", ("GET", "PUT", "PATCH")),
    "rest_framework.generics.RetrieveDestroyAPIView": ("drf", ("GET", "DELETE")),
    "rest_framework.generics.RetrieveUpdateDestroyAPIView": ("drf", ("GET", "PUT", "PATCH",
                                                                     "DELETE")),
    "rest_framework.viewsets.ViewSet": ("drf", ()),
    "rest_framework.viewsets.GenericViewSet": ("drf", ()),
    "rest_framework.viewsets.ViewSetMixin": ("drf", ()),
    "rest_framework.viewsets.ModelViewSet": ("drf", _ALL),
    "rest_framework.viewsets.ReadOnlyModelViewSet": ("drf", ("GET",)),
    "rest_framework.mixins.CreateModelMixin": ("drf", ("POST",)),
    "rest_framework.mixins.UpdateModelMixin": ("drf", ("PUT", "PATCH")),
    "rest_framework.mixins.DestroyModelMixin": ("drf", ("DELETE",)),
    "rest_framework.mixins.ListModelMixin": ("drf", ("GET",)),
    "rest_framework.mixins.RetrieveModelMixin": ("drf", ("GET",)),
    "django.views.View": ("django", ()),
    "django.views.generic.View": ("django", ()),
    "django.views.generic.base.View": ("django", ()),
    "django.views.generic.TemplateView": ("django", ("GET",)),
    "django.views.generic.DetailView": ("django", ("GET",)),
    "django.views.generic.ListView": ("django", ("GET",)),
    "django.views.generic.RedirectView": ("django", ("GET",)),
    "django.views.generic.FormView": ("django", ("GET", "POST")),
    "django.views.generic.CreateView": ("django", ("GET", "POST")),
    "django.views.generic.UpdateView": ("django", ("GET", "POST")),
    "django.views.generic.DeleteView": ("django", ("GET", "POST")),
    "django.views.generic.edit.FormView": ("django", ("GET", "POST")),
    "django.views.generic.edit.CreateView": ("django", ("GET", "POST")),
    "django.views.generic.edit.UpdateView": ("django", ("GET", "POST")),
    "django.views.generic.edit.DeleteView": ("django", ("GET", "POST")),
    "django.contrib.auth.views.LoginView": ("django", ("GET", "POST")),
    "django.contrib.auth.views.PasswordResetView": ("django", ("GET", "POST")),
    "django.contrib.auth.views.PasswordResetConfirmView": ("django", ("GET", "POST")),
    "django.contrib.auth.views.PasswordChangeView": ("django", ("GET", "POST")),
    "flask.views.MethodView": ("flask", ()),
    "flask.views.View": ("flask", ()),
}
# Library views that, used as they are in urls.py, only render or redirect.
RENDER_ONLY_VIEWS = frozenset({
    "django.views.generic.TemplateView", "django.views.generic.base.TemplateView",
    "django.views.generic.RedirectView", "django.views.generic.base.RedirectView",
    "django.views.generic.DetailView", "django.views.generic.ListView",
})
# Bases that add no handler and no limit (mixins for permissions, typing).
NEUTRAL_BASE_PREFIXES = ("django.contrib.auth.mixins.", "builtins.object", "typing.Generic")
# Django packages that lock out repeated failed logins project-wide (django-axes,
# django-defender): brute force is already throttled.
LOCKOUT_MIDDLEWARE = frozenset({"axes.middleware.AxesMiddleware",
                                "defender.middleware.FailedLoginMiddleware"})
DRF_ACTIONS = {"list": "GET", "retrieve": "GET", "create": "POST", "update": "PUT",
               "partial_update": "PATCH", "destroy": "DELETE"}

# ------------------------------------------------------------------ sensitivity
SENSITIVE_WORDS = frozenset({
    "login", "signin", "token", "tokens", "password", "passwd", "reset", "forgot", "register",
    "registration", "signup", "activate", "activation", "otp", "totp", "verify",
    "verification", "mfa", "2fa", "invite", "invitation", "magiclink",
})
# Words that act through a GET request: an emailed link, a provider redirect. Links that
# carry their token in the path (`/magic-link/{token}`) act too; without one they are pages.
GET_SENSITIVE_WORDS = frozenset({"activate", "activation", "verify", "verification",
                                 "callback"})
GET_LINK_WORDS = frozenset({"magiclink", "invite", "invitation"})
_PATH_PARAMETER = re.compile(r"[{<][^}>]*[}>]|\(\?P<")
NOT_SENSITIVE_WORDS = frozenset({"logout", "signout", "status", "settings"})
_JOINED = {("log", "in"): "login", ("sign", "in"): "signin", ("sign", "up"): "signup",
           ("magic", "link"): "magiclink", ("two", "factor"): "2fa", ("sign", "out"): "signout",
           ("log", "out"): "logout", ("pass", "word"): "password",
           # A view that needs a signed-in user is not the sign-in itself.
           ("login", "required"): "loginrequired", ("login", "protected"): "loginprotected"}


def words(text: str) -> list[str]:
    """`resetPassword`, `reset_password`, `/reset-password/{uid}` → reset, password."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    raw = [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]
    joined: list[str] = []
    index = 0
    while index < len(raw):
        pair = tuple(raw[index:index + 2])
        if pair in _JOINED:
            joined.append(_JOINED[pair])
            index += 2
        else:
            joined.append(raw[index])
            index += 1
    if joined != raw and any(pair in _JOINED for pair in zip(joined, joined[1:])):
        return words(" ".join(joined))
    return joined


def is_sensitive(names: Iterable[str], paths: Iterable[str], methods: Optional[set[str]],
                 full_path: str) -> bool:
    vocabulary: list[str] = []
    paths = list(paths)
    for text in (*names, *paths):
        # Path parameters (`{token}`, `<uid>`) name inputs, not the endpoint's purpose.
        vocabulary.extend(words(re.sub(r"[{<][^}>]*[}>]", "", text)))
    if any(word in NOT_SENSITIVE_WORDS for word in vocabulary):
        return False
    found = {word for word in vocabulary if word in SENSITIVE_WORDS}
    if "callback" in vocabulary and ("oauth" in vocabulary or "oauth" in words(full_path)):
        found.add("callback")
    if not found:
        return False
    if methods is None or not (methods & (MUTATING | {"WEBSOCKET"})):
        # A GET login or reset page only renders a form; links in emails and provider
        # redirects are the GET requests that act. A Django view whose methods are unknown
        # (no decorator, no `request.method` test, no `request.POST`) is judged as a GET.
        has_parameter = any(_PATH_PARAMETER.search(path) for path in paths)
        return bool(found & GET_SENSITIVE_WORDS or (found & GET_LINK_WORDS and has_parameter))
    return True


# ------------------------------------------------------------------ model
@dataclass
class Endpoint:
    framework: str  # fastapi, starlette, flask, drf, django
    path: str  # display path of the file to report in
    location: dict[str, Any]
    names: list[str]
    own_paths: list[str]
    full_path: str
    methods: Optional[set[str]]
    limited: str = "no"  # yes, no, unknown
    ineffective: bool = False  # a BL503 finding covers its limit
    exempt: bool = False
    exempt_what: str = ""
    # (path, location) of what exempts it, when that is not the endpoint's def (an attribute).
    exempt_site: Optional[tuple[str, dict[str, Any]]] = None

    def describe(self) -> str:
        if self.methods is None:
            method = "ANY"
        else:
            mutating = sorted(self.methods & MUTATING)
            method = ", ".join(mutating or sorted(self.methods))
        return f"{method} {self.full_path or '/'}"

    @property
    def sensitive(self) -> bool:
        return is_sensitive(self.names, self.own_paths, self.methods, self.full_path)


@dataclass
class Problem:
    """A BL503 finding: a limit that does nothing."""

    path: str
    location: dict[str, Any]
    message: str


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
class Group:
    """One app, router or blueprint after aliases are joined."""

    kind: Optional[str] = None
    path: str = ""
    prefix: str = ""
    deps: list[str] = field(default_factory=list)
    middleware: list[str] = field(default_factory=list)
    parents: list[tuple[str, list[str], str]] = field(default_factory=list)
    state_limiter: Optional[str] = None
    limited_whole: bool = False
    exempt_whole: bool = False


def _matches(name: Optional[str], patterns: Iterable[str]) -> bool:
    return bool(name) and any(name == p or fnmatch.fnmatchcase(name or "", p) for p in patterns)


def analyse(project: ProjectContext, options: Any) -> Analysis:
    """One analysis per project pass, shared by the four rules."""
    return project.shared_state("rate-limiting", lambda: Analysis(project, options))


class Analysis:
    """Every endpoint of the project with its limit status, and every BL503 problem."""

    def __init__(self, project: ProjectContext, options: Any) -> None:
        self.project = project
        self.decorator_patterns: list[str] = list(getattr(options, "decorators", []))
        self.dependency_patterns: list[str] = list(getattr(options, "dependencies", []))
        self.middleware_patterns: list[str] = list(getattr(options, "middleware", []))
        self.union_find = UnionFind()
        self._canonical: dict[str, str] = {}
        self._module_index = self._index_modules()
        self.modules = project.facts_of(PRACTICE)
        self.groups: dict[str, Group] = {}
        self.limiters: dict[str, dict[str, Any]] = {}
        self.limiter_apps: dict[str, set[str]] = {}
        self.attached: set[str] = set()
        self.handled: set[str] = set()
        self.functions: dict[str, tuple[str, dict[str, Any]]] = {}
        self.classes: dict[str, tuple[str, dict[str, Any]]] = {}
        self.method_hints: dict[str, list[str]] = {}
        self.drf_present = False
        self.drf_known = True
        self.drf_classes: set[str] = set()
        # DEFAULT_THROTTLE_RATES scopes over every settings module, whether any module sets
        # it, and whether each one that does is a literal dict.
        self.drf_rates: set[str] = set()
        self.drf_rates_set = False
        self.drf_rates_known = True
        self.drf_class_sites: list[tuple[str, dict[str, Any], list[str]]] = []
        self.django_settings = False
        self.django_middleware: list[str] = []
        self.fastapi_limiter_init = False
        self.rate_limiter_uses: list[tuple[str, dict[str, Any]]] = []
        self.uses_ratelimit = False
        self.slowapi_decorators = 0
        self.endpoints: list[Endpoint] = []
        self.has_routes = False
        self.problems: dict[tuple[str, int], Problem] = {}
        self._join_identities()
        self._read_facts()
        self._route_endpoints()
        self._url_endpoints()
        self._limiter_problems()
        self._drf_rate_problems()

    # ------------------------------------------------------------------ identities
    def canonical(self, identity: str) -> str:
        cached = self._canonical.get(identity)
        if cached is not None:
            return cached
        if identity.endswith("()"):
            result = self.canonical(identity[:-2]) + "()"
        else:
            result = identity
            parts = identity.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                module = self._module_index.get(".".join(parts[:cut]))
                if module is not None:
                    rest = ".".join(parts[cut:])
                    result = f"{module}.{rest}" if module else rest
                    break
        self._canonical[identity] = result
        return result

    def _index_modules(self) -> dict[str, str]:
        """Dotted name → a module's own name, by exact name first, then by path suffix (as
        `ProjectContext.module` does, but in one pass instead of a scan per lookup)."""
        index: dict[str, str] = {}
        for module in self.project.modules:
            parts = module["path"].rsplit(".", 1)[0].split("/")
            if parts[-1] == "__init__":
                parts = parts[:-1]
            for start in range(len(parts)):
                index.setdefault(".".join(parts[start:]), module["module"])
        for module in self.project.modules:
            if module["module"]:
                index[module["module"]] = module["module"]
        return index

    def root(self, identity: Optional[str]) -> Optional[str]:
        if identity is None or identity == "?":
            return identity
        return self.union_find.find(self.canonical(identity))

    def _join_identities(self) -> None:
        params: dict[str, list[str]] = {}
        for _, facts in self.modules:
            for first, second in facts.get("aliases", []):
                self.union_find.union(self.canonical(first), self.canonical(second))
            for function, names in facts.get("params", {}).items():
                params[self.canonical(function)] = names
        for _, facts in self.modules:
            for callee, position, argument in facts.get("call_args", []):
                names = params.get(self.canonical(callee))
                if not names:
                    continue
                if isinstance(position, int):
                    name = names[position] if position < len(names) else None
                else:
                    name = position if position in names else None
                if name is not None:
                    self.union_find.union(self.canonical(argument),
                                          f"{self.canonical(callee)}.{name}")

    def group(self, identity: Optional[str]) -> Group:
        key = self.root(identity) or "?"
        return self.groups.setdefault(key, Group())

    # ------------------------------------------------------------------ facts
    def _read_facts(self) -> None:
        for module, facts in self.modules:
            path = module["path"]
            self._read_objects(path, facts)
            self._read_limiters(path, facts)
            for qual, summary in facts.get("functions", {}).items():
                self.functions[self.canonical(qual)] = (path, summary)
                self.uses_ratelimit |= any(d["kind"] == "ratelimit"
                                           for d in summary["decorators"])
            for qual, summary in facts.get("classes", {}).items():
                self.classes[self.canonical(qual)] = (path, summary)
            for qual, methods in facts.get("method_hints", {}).items():
                self.method_hints[self.canonical(qual)] = methods
            if not is_test_path(path):
                # Test settings say nothing of how the project is deployed.
                self._read_settings(path, facts)
            self.fastapi_limiter_init |= bool(facts.get("fastapi_limiter_init"))
            self.rate_limiter_uses.extend((path, use) for use in facts.get("rate_limiter_uses",
                                                                           []))

    def _read_objects(self, path: str, facts: dict[str, Any]) -> None:
        for item in facts.get("objects", []):
            group = self.group(item["id"])
            if group.kind is None:
                group.kind, group.path, group.prefix = item["kind"], path, item["prefix"]
            group.deps.extend(item["deps"])
            group.middleware.extend(item["middleware"])
            if item["handles_limit"]:
                self.handled.add(self.root(item["id"]) or "?")
        for item in facts.get("middleware", []):
            self.group(item["app"]).middleware.append(item["middleware"])
        for item in facts.get("includes", []):
            self.group(item["child"]).parents.append(
                (self.root(item["parent"]) or "?", item["deps"], item["prefix"]))
        for item in facts.get("blueprint_limits", []):
            self.group(item["owner"]).limited_whole = True
        for item in facts.get("blueprint_exempts", []):
            self.group(item["owner"]).exempt_whole = True

    def _read_limiters(self, path: str, facts: dict[str, Any]) -> None:
        for item in facts.get("limiters", []):
            key = self.root(item["id"]) or "?"
            self.limiters[key] = {**item, "path": path}
            if item["app"] is not None:
                self.limiter_apps.setdefault(key, set()).add(self.root(item["app"]) or "?")
        for item in facts.get("init_apps", []):
            self.limiter_apps.setdefault(self.root(item["limiter"]) or "?", set()).add(
                self.root(item["app"]) or "?")
        for item in facts.get("state_limiters", []):
            limiter = self.root(item["limiter"]) or "?"
            self.attached.add(limiter)
            self.group(item["app"]).state_limiter = limiter
        for app in facts.get("limit_handlers", []):
            self.handled.add(self.root(app) or "?")

    def _read_settings(self, path: str, facts: dict[str, Any]) -> None:
        drf = facts.get("drf_settings")
        if drf is not None:
            self.drf_present = True
            self.drf_known &= bool(drf["known"])
            self.drf_classes.update(drf.get("throttle_classes", []))
            self.drf_rates.update(drf.get("rates", []))
            self.drf_rates_set |= bool(drf.get("rates_set"))
            self.drf_rates_known &= bool(drf.get("rates_known", False))
            if drf.get("classes_location") is not None:
                self.drf_class_sites.append((path, drf["classes_location"],
                                             drf["throttle_classes"]))
        self.django_settings |= bool(facts.get("django_settings"))
        self.django_middleware.extend(facts.get("django_middleware", []))

    def library(self, receiver: Optional[str]) -> Optional[str]:
        """slowapi or flask_limiter for a limiter identity, else None."""
        if not receiver:
            return None
        for prefix, library in (("slowapi", "slowapi"), ("flask_limiter", "flask_limiter")):
            if receiver == prefix or receiver.startswith(prefix + "."):
                return library
        limiter = self.limiters.get(self.root(receiver) or "?")
        return limiter["library"] if limiter else None

    # ------------------------------------------------------------------ limits
    def dependency_limits(self, dependencies: Iterable[str]) -> bool:
        return any(d in RATE_LIMITER_DEPENDENCIES or _matches(d, self.dependency_patterns)
                   for d in dependencies)

    def decorator_limits(self, decorators: Iterable[dict[str, Any]],
                         handler: Optional[str] = None) -> bool:
        for decorator in decorators:
            name = decorator.get("name")
            if handler is not None and name not in (None, "dispatch", handler):
                continue
            if decorator["kind"] in ("limit", "ratelimit"):
                return True
            if decorator["kind"] == "throttle" and decorator["classes"] != []:
                return True
            if _matches(decorator["q"], self.decorator_patterns):
                return True
            if decorator["kind"] == "body_limit" or named_like_a_limiter(decorator["q"]):
                return True
        return False

    def _hard_limit(self, group: Group) -> bool:
        return (group.limited_whole or self.dependency_limits(group.deps)
                or any(_matches(m, self.middleware_patterns) for m in group.middleware))

    def _default_limit(self, root: str, group: Group) -> bool:
        if group.kind in ("fastapi", "starlette"):
            if not any(m in SLOWAPI_MIDDLEWARE for m in group.middleware):
                return False
            limiter = self.limiters.get(group.state_limiter or "")
            if limiter is not None:
                return bool(limiter["defaults"])
            return any(item["defaults"] for item in self.limiters.values()
                       if item["library"] == "slowapi")
        if group.kind == "flask":
            return any(item["defaults"] and (root in self.limiter_apps.get(key, set())
                                             or "?" in self.limiter_apps.get(key, set()))
                       for key, item in self.limiters.items()
                       if item["library"] == "flask_limiter")
        return False

    def chain(self, owner: Optional[str]) -> tuple[bool, bool, bool, bool]:
        """(hard limit, default limits, reached an app, exempt from defaults) along every
        path from a router or blueprint up to the apps that serve it. A Starlette `Route`
        (no owner) may be served by any Starlette app of the project."""
        hard = defaults = reached = exempt = False
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
            hard |= self._hard_limit(group)
            defaults |= self._default_limit(node, group)
            exempt |= group.exempt_whole
            reached |= group.kind in APP_KINDS and not is_test_path(group.path)
            for parent, deps, _ in group.parents:
                hard |= self.dependency_limits(deps)
                queue.append(parent)
        return hard, defaults, reached, exempt

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
            parent, _, include_prefix = group.parents[0]
            prefix = include_prefix.rstrip("/") + prefix
            node = parent
        return prefix

    # ------------------------------------------------------------------ routes
    def _route_endpoints(self) -> None:
        for module, facts in self.modules:
            for route in facts.get("routes", []):
                self._route(module["path"], route)

    def _route_framework(self, route: dict[str, Any]) -> Optional[str]:
        group = self.groups.get(self.root(route["owner"]) or "?") if route["owner"] else None
        kind = group.kind if group and group.kind else APP_TYPES.get(route["owner_type"] or "")
        if kind is None:
            return None
        return {"router": "fastapi", "blueprint": "flask"}.get(kind, kind)

    def _route(self, path: str, route: dict[str, Any]) -> None:
        framework = self._route_framework(route)
        if framework is None:
            return
        summary = route.get("summary")
        location = route["location"]
        if summary is None and route["view"]:
            found = self.functions.get(self.canonical(route["view"]))
            if found is not None:
                # A view registered with add_url_rule/add_api_route/Route is reported at its
                # def, in whichever module defines it.
                path, summary = found
                location = summary["location"]
        hard, defaults, reached, exempt = self.chain(route["owner"])
        full_path = self.prefix(route["owner"]) + route["path"]
        view_class = self.classes.get(self.canonical(route["view"] or ""))
        if summary is None and view_class is not None:
            self._method_view_endpoints(view_class, route, framework, full_path,
                                        (hard, defaults, reached, exempt))
            return
        decorators = summary["decorators"] if summary else []
        own = (route.get("wrapped_limit") or self.decorator_limits(decorators)
               or self.dependency_limits(route["deps"])
               or bool(summary and (summary["param_limiters"]
                                    or self.dependency_limits(summary["param_deps"]))))
        route_exempt = any(d["kind"] == "exempt" and self.library(d.get("recv"))
                           for d in decorators)
        endpoint = Endpoint(framework, path, location,
                            [summary["name"]] if summary else [], [route["path"]], full_path,
                            set(route["methods"]) if route["methods"] else None)
        limited = own or hard
        # An exempted blueprint is a deliberate choice, like an exempted route.
        endpoint.exempt = not limited and (route_exempt or (defaults and exempt))
        endpoint.exempt_what = "@limiter.exempt" if route_exempt else "limiter.exempt(blueprint)"
        endpoint.limited = self._status(limited, defaults and not exempt and not route_exempt,
                                        reached)
        self.add_endpoint(endpoint)
        if summary is not None and route.get("style") == "decorator":
            self._decorator_problems(path, route, summary)

    def _status(self, limited: bool, defaults: bool, reached: bool) -> str:
        # A router no known app includes is served by code backendlint cannot see, or by
        # nothing at all (an OpenAPI callbacks router): its limits are unknown.
        if limited or defaults:
            return "yes"
        return "no" if reached else "unknown"

    def _method_view_endpoints(self, view: tuple[str, dict[str, Any]], route: dict[str, Any],
                               framework: str, full_path: str,
                               chain: tuple[bool, bool, bool, bool]) -> None:
        path, summary = view
        hard, defaults, reached, exempt = chain
        class_limit = self.decorator_limits(summary.get("view_decorators", []))
        handlers = [(name, handler, {name.upper()})
                    for name, handler in summary["handlers"].items()
                    if name in ("get", "post", "put", "patch", "delete")]
        dispatch = summary["handlers"].get("dispatch_request")
        if not handlers and dispatch is not None and framework == "flask":
            # A plain flask.views.View: one handler for the `methods` it lists (GET when
            # none are listed).
            methods = {m.upper() for m in summary.get("methods_attr") or ["GET"]}
            handlers = [("dispatch_request", dispatch, methods)]
        for _name, handler, methods in handlers:
            own = class_limit or self.decorator_limits(handler["decorators"])
            endpoint = Endpoint(framework, path, handler["location"], [summary["name"]],
                                [route["path"]], full_path, methods)
            endpoint.limited = self._status(own or hard, defaults and not exempt, reached)
            self.add_endpoint(endpoint)

    def _decorator_problems(self, path: str, route: dict[str, Any],
                            summary: dict[str, Any]) -> None:
        for decorator in summary["decorators"]:
            if decorator["kind"] != "limit":
                continue
            library = self.library(decorator.get("recv"))
            if library is None:
                continue
            self.slowapi_decorators += library == "slowapi"
            if decorator["index"] < route["route_index"]:
                self.problem(path, summary["location"],
                             "The limit decorator is above the route decorator, so the route "
                             "registers the undecorated function and the limit never runs; "
                             "put the route decorator first")
            elif library == "slowapi" and not summary["has_request"] \
                    and self._route_framework(route) in ("fastapi", "starlette"):
                self.problem(path, summary["location"],
                             "slowapi needs a `request: Request` parameter on a limited "
                             "endpoint; without it the limit cannot run")

    def add_endpoint(self, endpoint: Endpoint) -> None:
        self.has_routes = True
        if not is_test_path(endpoint.path):
            self.endpoints.append(endpoint)

    def problem(self, path: str, location: dict[str, Any], message: str) -> None:
        if is_test_path(path):
            return
        self.problems.setdefault((path, location["line"]), Problem(path, location, message))

    # ------------------------------------------------------------------ Django and DRF
    def _url_endpoints(self) -> None:
        views: dict[str, dict[str, Any]] = {}
        for module, facts in self.modules:
            for url in facts.get("urls", []):
                key = self.canonical(url["view"])
                entry = views.setdefault(key, {"paths": [], "ratelimited": True,
                                               "path": module["path"], "location": url["location"]})
                entry["paths"].append(url["path"])
                # A view is limited by its URL only when every pattern wraps it.
                entry["ratelimited"] &= url["ratelimited"]
        for key, entry in views.items():
            if key in self.functions:
                self._function_view(self.functions[key], entry)
            elif key in self.classes:
                self._class_view(self.classes[key], entry)
            elif key in KNOWN_VIEW_BASES and KNOWN_VIEW_BASES[key][1]:
                self._library_view(key, entry)

    def _django_wide_limit(self) -> bool:
        return any(m in LOCKOUT_MIDDLEWARE or _matches(m, self.middleware_patterns)
                   for m in self.django_middleware)

    def _settings_throttle(self) -> str:
        """yes / no / unknown: whether DRF's DEFAULT_THROTTLE_CLASSES limit every view."""
        if not self.drf_present:
            return "no" if self.django_settings else "unknown"
        if not self.drf_known:
            return "unknown"
        return "yes" if self.drf_classes else "no"

    def _function_view(self, found: tuple[str, dict[str, Any]], entry: dict[str, Any]) -> None:
        path, summary = found
        decorators = summary["decorators"]
        is_drf = any(d["kind"] == "api_view" for d in decorators)
        methods: Optional[set[str]] = None
        for decorator in decorators:
            if decorator["kind"] in ("api_view", "methods"):
                methods = set(decorator["methods"])
        if methods is None and self.canonical(summary["qual"]) in self.method_hints:
            methods = {"GET", *self.method_hints[self.canonical(summary["qual"])]}
        throttles = [d for d in decorators if d["kind"] == "throttle"]
        limited = (self.decorator_limits(decorators) or entry["ratelimited"]
                   or self._django_wide_limit())
        status = "yes" if limited else "no"
        if not limited and is_drf and not throttles:
            status = self._settings_throttle()
        endpoint = Endpoint("drf" if is_drf else "django", path, summary["location"],
                            [summary["name"]], entry["paths"], _url(entry["paths"][0]), methods,
                            limited=status)
        endpoint.exempt = any(d["classes"] == [] for d in throttles)
        endpoint.exempt_what = "@throttle_classes([])"
        self.add_endpoint(endpoint)

    def lineage(self, key: str) -> Optional[tuple[str, list[tuple[str, dict[str, Any]]],
                                                  set[str], bool]]:
        """(framework, project classes subclass-first, methods inherited from library
        views, whether it is a viewset) — None when a base is unknown."""
        chain: list[tuple[str, dict[str, Any]]] = []
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
            for base in chain[-1][1]["bases"]:
                canonical = self.canonical(base)
                if canonical in self.classes:
                    pending.append(canonical)
                elif base in KNOWN_VIEW_BASES:
                    kind, methods = KNOWN_VIEW_BASES[base]
                    framework = framework or kind
                    inherited.update(methods)
                    viewset |= "ViewSet" in base or "mixins" in base
                elif not base.startswith(NEUTRAL_BASE_PREFIXES):
                    return None
        if framework is None:
            return None
        return framework, chain, inherited, viewset

    def _drf_class_throttle(self, chain: list[tuple[str, dict[str, Any]]]) -> tuple[str, Any]:
        """(yes/no/unknown, the effective throttle classes or None)."""
        for _, summary in chain:
            if summary["get_throttles"]:
                return "yes", None
            classes = summary.get("throttle_classes")
            if classes == "unknown":
                return "unknown", None
            if classes is not None:
                return ("yes" if classes else "no"), classes
        status = self._settings_throttle()
        return status, sorted(self.drf_classes) if status != "unknown" else None

    def _class_view(self, found: tuple[str, dict[str, Any]], entry: dict[str, Any]) -> None:
        path, summary = found
        resolved = self.lineage(self.canonical(summary["qual"]))
        if resolved is None:
            return
        framework, chain, inherited, viewset = resolved
        throttle, classes = ("no", None)
        first = next((s.get("throttle_classes") for _, s in chain
                      if s.get("throttle_classes") is not None), None)
        explicit_empty = framework == "drf" and first == []
        exempt_site = next(((p, s["throttle_location"]) for p, s in chain
                            if s.get("throttle_classes") is not None
                            and "throttle_location" in s), None) if explicit_empty else None
        if framework == "drf":
            throttle, classes = self._drf_class_throttle(chain)
            self._scope_problem(path, summary, chain, classes)
        class_limited = (entry["ratelimited"] or self._django_wide_limit()
                         or any(self.decorator_limits(s["decorators"]) for _, s in chain))
        handlers: dict[str, tuple[dict[str, Any], set[str], list[str]]] = {}
        for _, owner in chain:
            for name, handler in owner["handlers"].items():
                if name not in handlers:
                    resolved_methods = _handler_methods(name, handler, viewset)
                    if resolved_methods is not None:
                        handlers[name] = (handler, *resolved_methods)
        defined = {m for _, methods, _ in handlers.values() for m in methods}
        for name, (handler, methods, extra_names) in handlers.items():
            own = class_limited or any(
                self.decorator_limits(s["decorators"], handler=name) for _, s in chain) \
                or self.decorator_limits(handler["decorators"])
            self._class_endpoint(framework, path, handler["location"], summary, entry,
                                 methods, extra_names, own, throttle, explicit_empty,
                                 exempt_site)
        remaining = inherited - defined
        if remaining:
            self._class_endpoint(framework, path, summary["location"], summary, entry,
                                 remaining, [], class_limited, throttle, explicit_empty,
                                 exempt_site)

    def _class_endpoint(self, framework: str, path: str, location: dict[str, Any],
                        summary: dict[str, Any], entry: dict[str, Any], methods: set[str],
                        extra_names: list[str], own: bool, throttle: str,
                        explicit_empty: bool,
                        exempt_site: Optional[tuple[str, dict[str, Any]]] = None) -> None:
        names = [summary["name"], *extra_names]
        base_names = [b.rsplit(".", 1)[-1] for b in summary["bases"]
                      if b.startswith("django.contrib.auth.views.")]
        full_path = _url(entry["paths"][0])
        if extra_names:
            full_path = full_path.rstrip("/") + "/" + extra_names[-1]
        endpoint = Endpoint(framework, path, location, names + base_names,
                            entry["paths"] + extra_names, full_path, methods)
        endpoint.limited = "yes" if own else throttle
        endpoint.exempt = explicit_empty
        endpoint.exempt_what = "throttle_classes = []"
        endpoint.exempt_site = exempt_site
        self.add_endpoint(endpoint)

    def _library_view(self, key: str, entry: dict[str, Any]) -> None:
        if key in RENDER_ONLY_VIEWS:
            return  # `TemplateView.as_view(...)` in urls.py renders a page and changes nothing
        limited = entry["ratelimited"] or self._django_wide_limit()
        name = key.rsplit(".", 1)[-1]
        self.add_endpoint(Endpoint(
            KNOWN_VIEW_BASES[key][0], entry["path"], entry["location"], [name], entry["paths"],
            _url(entry["paths"][0]), set(KNOWN_VIEW_BASES[key][1]),
            limited="yes" if limited else "no"))

    def _scope_problem(self, path: str, summary: dict[str, Any],
                       chain: list[tuple[str, dict[str, Any]]], classes: Any) -> None:
        owner = next(((p, s) for p, s in chain if s.get("throttle_scope")), None)
        if owner is None or classes is None:
            return
        scope = owner[1]["throttle_scope"]
        # Point at the `throttle_scope = ...` line (in whichever class of the chain set it).
        if "scope_location" in owner[1]:
            path, summary = owner[0], {**summary, "location": owner[1]["scope_location"]}
        if SCOPED_THROTTLE in classes or any("ScopedRateThrottle" in c for c in classes):
            reason = self._missing_rate(scope) if scope != "?" else None
            if reason is not None:
                self.problem(path, summary["location"],
                             f"`throttle_scope = \"{scope}\"` limits nothing: {reason}")
            return
        self.problem(path, summary["location"],
                     f"`throttle_scope = \"{scope}\"` limits nothing: ScopedRateThrottle is not "
                     "in this view's `throttle_classes` nor in DEFAULT_THROTTLE_CLASSES")

    def _rates_known(self) -> bool:
        return self.drf_present and self.drf_known and self.drf_rates_known

    def _missing_rate(self, scope: str) -> Optional[str]:
        """Why a throttle scope has no rate, or None when it has one (or rates are unknown)."""
        if not self._rates_known() or scope in self.drf_rates:
            return None
        if not self.drf_rates_set:
            return ("DEFAULT_THROTTLE_RATES is not set, so DRF's default rate for "
                    f"'{scope}' (None) applies and the throttle never limits")
        return (f"DEFAULT_THROTTLE_RATES has no '{scope}' rate, so DRF raises "
                "ImproperlyConfigured on every request the throttle checks")

    def _drf_rate_problems(self) -> None:
        """DEFAULT_THROTTLE_CLASSES naming AnonRateThrottle or UserRateThrottle without a
        rate for their scope."""
        for path, location, classes in self.drf_class_sites:
            for name in classes:
                scope = DRF_CLASS_SCOPES.get(name.rsplit(".", 1)[-1])
                reason = self._missing_rate(scope) if scope else None
                if reason is not None:
                    self.problem(path, location,
                                 f"`{name.rsplit('.', 1)[-1]}` in DEFAULT_THROTTLE_CLASSES "
                                 f"limits nothing: {reason}; add \"{scope}\": \"100/hour\" "
                                 "(or another rate) to DEFAULT_THROTTLE_RATES")

    # ------------------------------------------------------------------ limiter setup
    def _limiter_problems(self) -> None:
        if not self.has_routes:
            return
        all_middleware = {m for g in self.groups.values() for m in g.middleware}
        for key, limiter in self.limiters.items():
            path, location = limiter["path"], limiter["location"]
            if limiter["library"] == "slowapi":
                if key not in self.attached and "?" not in self.attached:
                    self.problem(path, location,
                                 "this slowapi Limiter is never attached as "
                                 "`app.state.limiter`, so its limits never run")
                elif not self.handled:
                    self.problem(path, location,
                                 "no handler for `RateLimitExceeded` is registered; slowapi "
                                 "needs `app.add_exception_handler(RateLimitExceeded, "
                                 "_rate_limit_exceeded_handler)` to answer exceeded limits "
                                 "with its 429 response and Retry-After header")
                elif limiter["defaults"] and not (all_middleware & SLOWAPI_MIDDLEWARE):
                    self.problem(path, location,
                                 "`default_limits` apply only through SlowAPIMiddleware, which "
                                 "is never added: `app.add_middleware(SlowAPIMiddleware)`")
            elif not self.limiter_apps.get(key):
                self.problem(path, location,
                             "This flask-limiter Limiter is never bound to an app (pass `app=` "
                             "or call `limiter.init_app(app)`), so its limits never run")
        if not self.fastapi_limiter_init:
            for path, location in self.rate_limiter_uses:
                self.problem(path, location,
                             "fastapi-limiter's `RateLimiter` needs `await FastAPILimiter.init"
                             "(redis)` at startup, and the project never calls it")

    # ------------------------------------------------------------------ messages
    def suggestion(self, framework: str) -> str:
        """How to add a limit with what the project already uses (the most used one)."""
        fastapi_limiter_first = len(self.rate_limiter_uses) > self.slowapi_decorators
        if framework in ("fastapi", "starlette") and fastapi_limiter_first:
            return ("add `dependencies=[Depends(RateLimiter(times=5, seconds=60))]` "
                    f"(fastapi-limiter is used in {_file(self.rate_limiter_uses[0][0])})")
        for key, limiter in sorted(self.limiters.items(), key=lambda kv: kv[1]["path"]):
            variable = key.rsplit(".", 1)[-1]
            if limiter["library"] == "slowapi" and framework in ("fastapi", "starlette"):
                return (f"add @{variable}.limit(\"5/minute\") (slowapi is configured in "
                        f"{_file(limiter['path'])})")
            if limiter["library"] == "flask_limiter" and framework == "flask":
                return (f"add @{variable}.limit(\"5 per minute\") (flask-limiter is "
                        f"configured in {_file(limiter['path'])})")
        if framework in ("fastapi", "starlette"):
            if self.rate_limiter_uses:
                return ("add `dependencies=[Depends(RateLimiter(times=5, seconds=60))]` "
                        f"(fastapi-limiter is used in {_file(self.rate_limiter_uses[0][0])})")
            return "add a limit, e.g. slowapi's @limiter.limit(\"5/minute\")"
        if framework == "flask":
            return "add a limit, e.g. flask-limiter's @limiter.limit(\"5 per minute\")"
        if framework == "drf" and not self.uses_ratelimit:
            if any("ScopedRateThrottle" in c for c in self.drf_classes):
                return "set `throttle_scope` (ScopedRateThrottle is in DEFAULT_THROTTLE_CLASSES)"
            return "add `throttle_classes = [AnonRateThrottle, UserRateThrottle]` with rates"
        return "add django-ratelimit's @ratelimit(key=\"ip\", rate=\"5/m\")"


def _file(path: str) -> str:
    """A file's name for a message; its full path is in the finding's related locations."""
    return path.rsplit("/", 1)[-1]


def _url(path: str) -> str:
    """A Django route (`login/`, `^login/$`) as a URL for messages."""
    cleaned = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", path.lstrip("^").rstrip("$"))
    return cleaned if cleaned.startswith("/") else "/" + cleaned


def _handler_methods(name: str, handler: dict[str, Any],
                     viewset: bool) -> Optional[tuple[set[str], list[str]]]:
    """The HTTP methods of a class view's method, and the names it adds to the endpoint
    (an `@action`'s name and url_path); None when it is not a handler."""
    for decorator in handler["decorators"]:
        if decorator["kind"] == "action":
            extra = [name] + ([decorator["url_path"]] if decorator.get("url_path") else [])
            return set(decorator["methods"]), extra
    if name in ("get", "post", "put", "patch", "delete"):
        return {name.upper()}, []
    if viewset and name in DRF_ACTIONS:
        return {DRF_ACTIONS[name]}, []
    return None
