"""The work BL901 and BL909 share.

Per file, `ClientCollector` records (in `ClientFacts`) the pooled clients and session
factories built inside functions, the sessions opened and left open, the functions that serve
requests by themselves (routes, views, middleware, per-request hooks), the FastAPI
dependencies the module names and the functions that run once (memoised, start-up, lifespan).
`ClientRule` is the base of both rules: its visit methods are shared, so the collector sees
each node once whichever of the two rules run.

In the project pass, `RequestPaths` answers whether a function runs on every request: it
serves one itself, is a `Depends(...)` target anywhere in the project, or is called (through
the project index, across modules) from one that does, by a chain that does not pass through
a function that runs once.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from typing import Optional

from backendlint.core.context import FileContext, ModuleRecord, ProjectContext
from backendlint.core.findings import Related
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.data_clients import (
    LIFESPAN_DECORATORS,
    PER_REQUEST_DECORATOR_ATTRIBUTES,
    POOLED_CLIENTS,
    RESULT_CACHES,
    SESSION_CLASSES,
    SESSION_FACTORIES,
    SESSION_FACTORY_KIND,
    SHARED_POOL_KEYWORDS,
    STARTUP_DECORATOR_ATTRIBUTES,
)
from backendlint.knowledge.fastapi import FASTAPI_DEPENDS
from backendlint.practices.data_access.facts_clients import (
    ClientBuild,
    ClientFacts,
    DependencyUse,
    RequestFunction,
    RequestRole,
    SessionOpen,
    SessionState,
)
from backendlint.practices.data_access.options import DataAccessOptions
from backendlint.semantic.analyze.arguments import FunctionNode, named_parameters
from backendlint.semantic.analyze.branches import under_global_flag_guard, under_run_once_guard
from backendlint.semantic.analyze.name_patterns import matches_name_pattern
from backendlint.semantic.analyze.release import release_of
from backendlint.semantic.endpoints.collect import EndpointCollector, SharedEndpoints
from backendlint.semantic.endpoints.facts import DecoratorKind, FunctionSummary
from backendlint.semantic.model import Scope

_STATE_KEY = "data-access.clients"
_UNLOOKED = object()
# Memoisers that are async-aware (BL908's fix): a function under one runs once per argument.
_ASYNC_MEMOISERS = frozenset({"async_lru.alru_cache", "aiocache.cached"})
# Names of functions that build the application: they run once.
_ONCE_NAMES = frozenset({"create_app", "make_app", "build_app", "get_application",
                         "create_application", "init_app", "lifespan", "on_startup",
                         "startup", "startup_event", "app_lifespan"})
_ASGI_PARAMETERS = ("scope", "receive", "send")
_MAX_CHAIN = 4
_SESSION_WORDS = ("local", "maker", "factory")
# The last names of every constructor, factory and `Depends` the collector records: a method
# call named otherwise (`self.save()`, `qs.filter()`, most calls in a module) is not resolved.
_RECORDED_LEAVES = frozenset(
    name.removesuffix("()").rsplit(".", 1)[-1]
    for name in (*POOLED_CLIENTS, *SESSION_FACTORIES, *SESSION_CLASSES, *FASTAPI_DEPENDS))


def _may_be_recorded(attribute: str) -> bool:
    """Whether a call of `x.<attribute>(...)` can be a client, a session or a dependency:
    its name is a constructor's, or names a session or database as `_session` reads them."""
    lowered = attribute.lower()
    return attribute in _RECORDED_LEAVES or "session" in lowered or \
        "db" in lowered.split("_")



def _prefix(scope: Optional[Scope]) -> list[str]:
    """The project index's qualname parts of the scopes down to `scope` (a function's parts
    are followed by `<locals>`)."""
    chain: list[Scope] = []
    while scope is not None and scope.kind != "module":
        if scope.kind in ("function", "class"):
            chain.append(scope)
        scope = scope.parent
    parts: list[str] = []
    for item in reversed(chain):
        parts.append(getattr(item.node, "name", "?"))
        if item.kind == "function":
            parts.append("<locals>")
    return parts


class ClientCollector:
    """Fills one module's `ClientFacts` during the single traversal."""

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        self.ctx = ctx
        self.options = options if isinstance(options, DataAccessOptions) else DataAccessOptions()
        self.facts = ClientFacts()
        self.endpoints = EndpointCollector(ctx)
        self.off = ctx.is_test_file or ctx.is_stub
        self._once: set[str] = set()
        self._guarded_statement: Optional[tuple[ast.stmt, bool]] = None
        # A run-once flag guard needs a `global` statement: without one in the file, no call
        # in it is guarded (asked of every call, answered once per file).
        self._declares_globals = "global" in ctx.source.text
        self._finished = False
        # The file's shared endpoint model, looked up at the first def (it is made after the
        # rules, by the practices that read it); None when there is none.
        self._shared: object = _UNLOOKED
        # `current_function`'s answers, by the def's node.
        self._function_names: dict[int, Optional[str]] = {}

    # ------------------------------------------------------------------ names
    def _qualified(self, parts: list[str]) -> str:
        module = self.ctx.module_name
        return ".".join([module, *parts] if module else parts)

    def current_function(self) -> Optional[str]:
        """The index name of the innermost enclosing def, None at module level (worked out
        once per def: every call in it asks)."""
        function = self.ctx.semantic.current_function()
        if function is None:
            return None
        found = self._function_names.get(id(function))
        if found is None:
            found = self._function_names[id(function)] = self._function_name()
        return found

    def _function_name(self) -> Optional[str]:
        scope: Optional[Scope] = self.ctx.semantic.scope
        while scope is not None and scope.kind != "function":
            if scope.kind == "module":
                return None
            scope = scope.parent
        if scope is None:
            return None
        return self._qualified([*_prefix(scope.parent), getattr(scope.node, "name", "?")])

    # ------------------------------------------------------------------ functions
    def on_function(self, node: FunctionNode) -> None:
        if self.off:
            return
        semantic = self.ctx.semantic
        qualified = self._qualified([*_prefix(semantic.scope), node.name])
        if self._runs_once(node, qualified):
            self._once.add(qualified)
        summary, routed = self._endpoint_summary(node)
        role = self._role(node, summary is not None and summary.has_request, routed,
                          [d.kind for d in (summary.decorators if summary else [])])
        if role is not None and qualified not in self._once:
            self.facts.requests[qualified] = RequestFunction(
                role, self.ctx.span(node), node.name)

    def _endpoint_summary(self, node: FunctionNode) -> tuple[Optional[FunctionSummary], bool]:
        """What the endpoint model makes of a def, and whether its decorators register a
        route. The shared model of the file (when another practice made it, it has just
        read this def) answers exactly what a collector of our own would, except for a
        decorated method: it read the decorators with the class, in the scope around it, so
        those (and every def of a file without the shared model) are read here."""
        if self._shared is _UNLOOKED:
            self._shared = self.ctx.shared_visitor_if_made(SharedEndpoints)
        shared = self._shared
        if isinstance(shared, SharedEndpoints) and id(node) in shared.summaries and (
                not node.decorator_list or self.ctx.semantic.scope.kind != "class"):
            return shared.summaries[id(node)], id(node) in shared.routed
        routes_before = len(self.endpoints.facts.routes)
        summary = self.endpoints.on_function(node)
        return summary, len(self.endpoints.facts.routes) > routes_before

    def _role(self, node: FunctionNode, has_request: bool, routed: bool,
              kinds: list[DecoratorKind]) -> Optional[RequestRole]:
        if routed:
            return RequestRole.ROUTE
        if DecoratorKind.API_VIEW in kinds or DecoratorKind.ACTION in kinds:
            return RequestRole.VIEW
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if isinstance(target, ast.Attribute) and \
                    target.attr in PER_REQUEST_DECORATOR_ATTRIBUTES:
                return RequestRole.HOOK
        names = [arg.arg for arg in named_parameters(node.args)]
        in_class = self.ctx.semantic.scope.kind == "class"
        if in_class and node.name == "__call__" and tuple(names[1:4]) == _ASGI_PARAMETERS:
            return RequestRole.MIDDLEWARE
        if in_class and node.name in ("__call__", "dispatch", "process_request",
                                      "process_view") and "request" in names:
            return RequestRole.MIDDLEWARE
        if has_request and (names[:1] == ["request"] or (in_class and names[1:2] == ["request"])):
            in_views = "views" in self.ctx.module_name.split(".")
            return RequestRole.VIEW if in_class or in_views else RequestRole.TAKES_REQUEST
        return None

    def _runs_once(self, node: FunctionNode, qualified: str) -> bool:
        semantic = self.ctx.semantic
        if node.name in _ONCE_NAMES:
            return True
        if matches_name_pattern(qualified, self.options.memoised_factories):
            return True
        enclosing = semantic.scope.node if semantic.scope.kind == "class" else None
        if node.name == "ready" and isinstance(enclosing, ast.ClassDef) and any(
                (semantic.qualified_name(base) or "").endswith("AppConfig")
                for base in enclosing.bases):
            return True
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            name = semantic.qualified_name(target) or ""
            if name in RESULT_CACHES or name in _ASYNC_MEMOISERS:
                return True
            if isinstance(target, ast.Attribute) and target.attr in STARTUP_DECORATOR_ATTRIBUTES:
                return True
            if name in LIFESPAN_DECORATORS and "lifespan" in node.name.lower():
                return True
        return False

    # ------------------------------------------------------------------ calls
    def on_call(self, node: ast.Call) -> None:
        if self.off:
            return
        semantic = self.ctx.semantic
        for keyword in node.keywords:
            if keyword.arg == "lifespan":
                name = semantic.qualified_name(keyword.value)
                if name:
                    self._once.add(name)
        if isinstance(node.func, ast.Attribute) and not _may_be_recorded(node.func.attr):
            self._record_guarded_call(node)
            return
        callee = semantic.qualified_name(node.func)
        if callee is None:
            return
        if callee in FASTAPI_DEPENDS:
            # Every `Depends(f)` names a per-request dependency, wherever it is written: a
            # parameter default, `Annotated[...]` metadata (also a module-level alias used
            # from other modules), `dependencies=[...]` of a route, router or app.
            dependency = self.endpoints.dependency(node)
            if dependency is not None:
                self.facts.dependencies.append(DependencyUse(
                    dependency.target, dependency.span, dependency.called))
            return
        function = self.current_function()
        if function is None:
            return
        if self._run_once_guarded():
            self.facts.guarded_calls.append((node.lineno, node.col_offset + 1))
        # `SessionLocal()` after `SessionLocal = sessionmaker()` resolves to
        # `sqlalchemy.orm.sessionmaker()`: a call of what a constructor made, not the
        # constructor (`boto3.session.Session().client` is one: a method of what it made).
        constructor = None if callee.endswith("()") else callee.replace("()", "")
        kind = POOLED_CLIENTS.get(constructor) if constructor else None
        if kind is None and constructor in SESSION_FACTORIES:
            kind = SESSION_FACTORY_KIND
        if kind is not None and constructor is not None:
            self._build(node, function, constructor, kind)
            return
        self._session(node, function, callee)

    def _record_guarded_call(self, node: ast.Call) -> None:
        """A call that builds nothing still matters under a run-once guard: what it calls
        runs once, not per request (the project pass follows call chains through it)."""
        if not self._run_once_guarded() or self.current_function() is None:
            return
        if self.ctx.semantic.qualified_name(node.func) is not None:
            self.facts.guarded_calls.append((node.lineno, node.col_offset + 1))

    def _run_once_guarded(self) -> bool:
        stack = self.ctx.statement_stack
        if not stack or not self._declares_globals:
            return False
        # One answer per statement: the calls in it share the statements around them.
        innermost = stack[-1]
        if self._guarded_statement is not None and self._guarded_statement[0] is innermost:
            return self._guarded_statement[1]
        # Cheap test first: a guard needs an `if` around the call.
        guarded = any(isinstance(statement, ast.If) for statement in stack) and \
            under_global_flag_guard(stack)
        self._guarded_statement = (innermost, guarded)
        return guarded

    def _statement(self) -> Optional[ast.stmt]:
        stack = self.ctx.statement_stack
        return stack[-1] if stack else None

    def _managed(self, node: ast.Call) -> bool:
        statement = self._statement()
        return isinstance(statement, (ast.With, ast.AsyncWith)) and any(
            item.context_expr is node for item in statement.items)

    def _build(self, node: ast.Call, function: str, constructor: str, kind: str) -> None:
        if any(keyword.arg in SHARED_POOL_KEYWORDS for keyword in node.keywords):
            return  # `redis.Redis(connection_pool=pool)`: the pool is shared
        if function in self._once:
            return
        current = self.ctx.semantic.current_function()
        params = frozenset(arg.arg for arg in named_parameters(current.args)) \
            if current is not None else frozenset()
        if under_run_once_guard(self.ctx.statement_stack, params) or self._run_once_guarded():
            return
        self.facts.builds.append(ClientBuild(function, constructor, ast.unparse(node.func), kind,
                                             self.ctx.span(node),
                                             self._managed(node)))

    # ------------------------------------------------------------------ sessions
    def _session(self, node: ast.Call, function: str, callee: str) -> None:
        known = callee in SESSION_CLASSES or (
            callee.endswith("()") and callee[:-2] in SESSION_FACTORIES)
        last = callee.rsplit(".", 1)[-1].lower()
        # A helper that hands out sessions is named for them (`get_db`, `new_session`);
        # what it returns is read in the project pass.
        if not known and "session" not in last and "db" not in last.split("_"):
            return
        if self._managed(node):
            return
        state = self._session_state(node)
        if state is not None:
            self.facts.sessions.append(SessionOpen(
                function, callee, ast.unparse(node.func), self.ctx.span(node), state, known))

    def _session_state(self, node: ast.Call) -> Optional[SessionState]:
        statement = self._statement()
        current = self.ctx.semantic.current_function()
        if statement is None or current is None:
            return None
        if isinstance(statement, ast.Return) and statement.value is node:
            return SessionState.RETURNED
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Yield) \
                and statement.value.value is node:
            return SessionState.YIELDED
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is node:
            targets = statement.targets if isinstance(statement, ast.Assign) \
                else [statement.target]
            if len(targets) != 1 or not isinstance(targets[0], (ast.Name, ast.Attribute)):
                return None
            root: ast.expr = targets[0]
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(targets[0], ast.Attribute) and isinstance(root, ast.Name) \
                    and root.id in ("self", "cls"):
                return None  # the object owns it now (closed by its own close/__exit__)
            return self._name_state(current, ast.unparse(targets[0]))
        return None

    def _name_state(self, function: FunctionNode, name: str) -> Optional[SessionState]:
        release = release_of(function, name)
        if release.always_released or release.handed:
            return None
        if release.yielded:
            return SessionState.CLOSED_NOT_ON_ERROR if release.closed_elsewhere \
                else SessionState.YIELDED
        if release.closed_elsewhere:
            return SessionState.CLOSED_NOT_ON_ERROR
        if release.returned:
            return SessionState.RETURNED
        return SessionState.UNCLOSED

    def finish(self) -> None:
        if self._finished or self.off:
            return
        self._finished = True
        self.facts.once = sorted(self._once)
        self.facts.builds = [b for b in self.facts.builds if b.function not in self._once]
        if (self.facts.builds or self.facts.sessions or self.facts.requests
                or self.facts.dependencies or self.facts.once or self.facts.guarded_calls):
            self.ctx.set_facts(self.facts)


class ClientRule(Rule):
    """The base of BL901 and BL909: one collector per file, fed once per node."""

    project_level = True
    shared_handlers = frozenset({"visit_FunctionDef", "visit_AsyncFunctionDef", "visit_Call"})

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        # Both rules' collector, looked up once per rule rather than once per node.
        self.collector = ctx.shared_state(_STATE_KEY, lambda: ClientCollector(ctx, options))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.collector.on_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.collector.on_function(node)

    def visit_Call(self, node: ast.Call) -> None:
        self.collector.on_call(node)

    def finish(self) -> None:
        self.collector.finish()


# ---------------------------------------------------------------------- project pass
@dataclass(frozen=True)
class Serving:
    """Why a function runs on every request: what serves the request, and the chain of calls
    from it (each hop: module, line, column, the caller's name)."""

    description: str
    record: ModuleRecord
    line: int
    column: int
    chain: tuple[tuple[ModuleRecord, int, int, str], ...] = ()

    def related(self) -> tuple[Related, ...]:
        found = [Related(self.record.path, self.line, self.column,
                         f"{self.description} serves each request")]
        found.extend(Related(record.path, line, column, f"called from `{caller}`")
                     for record, line, column, caller in self.chain)
        return tuple(found)


def short_name(qualified: str) -> str:
    parts = [part for part in qualified.split(".") if part != "<locals>"]
    return ".".join(parts[-2:]) if len(parts) > 1 and parts[-2][:1].isupper() else parts[-1]


class RequestPaths:
    """Which functions of the project run on every request (see the module docstring)."""

    def __init__(self, project: ProjectContext) -> None:
        self.project = project
        self.index = project.index
        self.modules = project.typed_facts(ClientFacts)
        self.direct: dict[str, Serving] = {}
        self.once: set[str] = set()
        self.dependency_uses: list[tuple[ModuleRecord, DependencyUse, str]] = []
        self.guarded: set[tuple[str, int, int]] = set()
        for record, facts in self.modules:
            self.once.update(self.index.resolve(name) for name in facts.once)
            self.guarded.update((record.path, line, column)
                                for line, column in facts.guarded_calls)
            for qualified, request in facts.requests.items():
                description = (f"`{request.name}` (it takes the request)"
                               if request.role is RequestRole.TAKES_REQUEST
                               else f"{request.role.value} `{request.name}`")
                self.direct.setdefault(qualified, Serving(
                    description, record, request.span.line, request.span.column))
        for record, facts in self.modules:
            for use in facts.dependencies:
                target = self.index.resolve(use.target)
                self.dependency_uses.append((record, use, target))
                for function in self._dependency_functions(target, use.called):
                    if function not in self.once:
                        self.direct.setdefault(function, Serving(
                            f"dependency `{short_name(target)}` (`Depends`)", record,
                            use.span.line, use.span.column))

    def _dependency_functions(self, target: str, called: bool) -> list[str]:
        if self.index.class_(target) is not None:
            method = self.index.method(target, "__call__" if called else "__init__")
            return [method.qualified] if method is not None else []
        if called:
            return []
        function = self.index.function(target)
        return [function.qualified] if function is not None else []

    def serving(self, qualified: str) -> Optional[Serving]:
        """How a function comes to run on every request, or None."""
        if qualified in self.once:
            return None
        found = self.direct.get(qualified)
        if found is not None:
            return found
        queue: deque[tuple[str, tuple[tuple[ModuleRecord, int, int, str], ...]]] = deque(
            [(qualified, ())])
        seen = {qualified}
        while queue:
            name, chain = queue.popleft()
            if len(chain) >= _MAX_CHAIN:
                continue
            targets = [name]
            if name.endswith(".__init__"):
                targets.append(name[: -len(".__init__")])
            for target in targets:
                for caller in self.index.callers(target):
                    caller_name = caller.caller.qualified
                    if (caller.site.in_lambda or caller_name in seen or caller_name in self.once
                            or (caller.caller.module.path, caller.site.line,
                                caller.site.column) in self.guarded):
                        continue
                    seen.add(caller_name)
                    hop = (caller.caller.module, caller.site.line, caller.site.column,
                           short_name(caller_name))
                    served = self.direct.get(caller_name)
                    if served is not None:
                        return Serving(served.description, served.record, served.line,
                                       served.column, tuple(reversed((*chain, hop))))
                    queue.append((caller_name, (*chain, hop)))
        return None

    def session_factory(self, callee: str) -> Optional[str]:
        """What a called name is when it makes sessions: `sessionmaker(...)`'s qualified name
        (read through the project index), or None."""
        if callee in SESSION_CLASSES:
            return callee
        if callee.endswith("()") and callee[:-2] in SESSION_FACTORIES:
            return callee[:-2]
        value = self.index.value(callee)
        if value is None:
            return None
        head = value.split("(", 1)[0]
        if head in SESSION_FACTORIES:
            return head
        return None

    def session_helper(self, callee: str) -> Optional[str]:
        """A project function that returns a new session (`def get_db(): return
        SessionLocal()`): the call it returns, or None."""
        for returned in self.index.returns(callee):
            if returned.endswith("()") and self.session_factory(returned[:-2]) is not None:
                return returned
        return None

    @staticmethod
    def session_like(callee: str) -> bool:
        last = callee.rsplit(".", 1)[-1].lower()
        return "session" in last and any(word in last for word in _SESSION_WORDS)
