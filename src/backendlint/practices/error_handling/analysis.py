"""What BL801 and BL802 share: which functions of a file serve requests, handle errors or run
as background jobs. Decorators are read with the endpoint model's classifier (routes, DRF
`@api_view`/`@action`, Django method restrictions); class views by their bases; error
handlers by their decorators and by `add_exception_handler`/`register_error_handler`/
`handler500`; jobs by task decorators, `Task.run` and `add_task(...)`. One instance per file
(`ServingFunctions.of(ctx)`), answers kept per function."""

from __future__ import annotations

import ast
import enum
from dataclasses import dataclass
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.knowledge.background_jobs import (
    SCHEDULING_METHODS,
    TASK_BASES,
    TASK_DECORATOR_ATTRIBUTES,
    TASK_DECORATORS,
    TASK_RECEIVER_WORDS,
)
from backendlint.knowledge.responses import (
    DJANGO_ERROR_VIEWS,
    ERROR_HANDLER_DECORATORS,
    ERROR_HANDLER_REGISTRATIONS,
    VIEW_BASE_PREFIXES,
    VIEW_BASE_SUFFIXES,
)
from backendlint.knowledge.web_frameworks import DRF_ACTIONS, HTTP_VERBS, KNOWN_VIEW_BASES
from backendlint.semantic.analyze.arguments import FunctionNode, named_parameters
from backendlint.semantic.analyze.dataflow import chain_names
from backendlint.semantic.endpoints.collect import EndpointCollector
from backendlint.semantic.endpoints.facts import DecoratorKind
from backendlint.semantic.endpoints.literals import strip_call

_ENDPOINT_KINDS = frozenset({DecoratorKind.ROUTE, DecoratorKind.API_VIEW,
                             DecoratorKind.ACTION, DecoratorKind.METHODS})
_VIEW_MODULE_WORDS = ("view", "api", "endpoint", "route", "handler", "resource")


class Role(enum.Enum):
    ENDPOINT = "endpoint"
    ERROR_HANDLER = "error handler"
    TASK = "background task"


@dataclass(frozen=True)
class Serving:
    role: Role
    name: str
    # Parameters that hold the exception an error handler handles.
    exception_parameters: tuple[str, ...] = ()
    # What an error handler is registered for (an expression), when known.
    handles: Optional[ast.expr] = None


class ServingFunctions:
    """The roles of one file's functions."""

    KEY = "error-handling.serving"

    @classmethod
    def of(cls, ctx: FileContext) -> ServingFunctions:
        return ctx.shared_state(cls.KEY, lambda: cls(ctx))

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.semantic = ctx.semantic
        self.collector = EndpointCollector(ctx)
        self._roles: dict[int, Optional[Serving]] = {}
        self._registered: Optional[dict[str, tuple[Role, Optional[ast.expr]]]] = None
        path = ctx.path.lower()
        self._view_module = any(word in path.rsplit("/", 1)[-1] for word in _VIEW_MODULE_WORDS) \
            or "/views/" in path or "/api/" in path

    def current(self) -> Optional[Serving]:
        """The role of the innermost def being visited."""
        function = self.semantic.current_function()
        return self.role(function) if function is not None else None

    def role(self, function: FunctionNode) -> Optional[Serving]:
        key = id(function)
        if key not in self._roles:
            self._roles[key] = self._classify(function)
        return self._roles[key]

    # ------------------------------------------------------------------ classification
    def _classify(self, function: FunctionNode) -> Optional[Serving]:
        names = [arg.arg for arg in named_parameters(function.args)]
        for index, decorator in enumerate(function.decorator_list):
            found = self._from_decorator(function, decorator, index, names)
            if found is not None:
                return found
        registered = self._registrations().get(function.name)
        in_class = self.semantic.enclosing_class()
        if registered is not None and in_class is None:
            role, handles = registered
            if role is Role.ERROR_HANDLER:
                return self._error_handler(function, names, handles)
            return Serving(role, function.name)
        if in_class is not None:
            return self._method(function, in_class, names)
        if names[:2] == ["exc", "context"]:
            # DRF's EXCEPTION_HANDLER signature.
            return Serving(Role.ERROR_HANDLER, function.name, ("exc",))
        if names and names[0] == "request" and self._view_module \
                and not function.name.startswith("_"):
            return Serving(Role.ENDPOINT, function.name)
        return None

    def _from_decorator(self, function: FunctionNode, decorator: ast.expr, index: int,
                        names: list[str]) -> Optional[Serving]:
        entry = self.collector.classify(decorator, index)
        if entry.kind in _ENDPOINT_KINDS:
            return Serving(Role.ENDPOINT, function.name)
        if isinstance(decorator, ast.Call) and entry.attr in ERROR_HANDLER_DECORATORS:
            handles = decorator.args[0] if decorator.args else None
            return self._error_handler(function, names, handles)
        qualified = entry.qualified or ""
        if qualified in TASK_DECORATORS:
            return Serving(Role.TASK, function.name)
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in TASK_DECORATOR_ATTRIBUTES:
            receiver = chain_names(target.value)
            resolved = strip_call(self.semantic.qualified_name(target.value)) or ""
            if (receiver and receiver[-1].lower() in TASK_RECEIVER_WORDS) \
                    or resolved.startswith(("celery.", "huey.", "dramatiq.", "rq.")):
                return Serving(Role.TASK, function.name)
        return None

    def _error_handler(self, function: FunctionNode, names: list[str],
                       handles: Optional[ast.expr]) -> Serving:
        # FastAPI/Starlette: (request, exc); Flask: (error); DRF: (exc, context).
        if names and names[0] in ("request", "req", "self") and len(names) > 1:
            parameters: tuple[str, ...] = (names[1],)
        else:
            parameters = (names[0],) if names else ()
        return Serving(Role.ERROR_HANDLER, function.name, parameters, handles)

    def _method(self, function: FunctionNode, cls: ast.ClassDef, names: list[str]
                ) -> Optional[Serving]:
        if function not in cls.body:
            return None
        bases = [strip_call(self.semantic.qualified_name(base)) or "" for base in cls.bases]
        if function.name == "run" and any(base in TASK_BASES for base in bases):
            return Serving(Role.TASK, f"{cls.name}.run")
        if function.name not in HTTP_VERBS and function.name not in DRF_ACTIONS:
            return None
        for base in bases:
            if base in KNOWN_VIEW_BASES or base.startswith(VIEW_BASE_PREFIXES) \
                    or base.rsplit(".", 1)[-1].endswith(VIEW_BASE_SUFFIXES):
                return Serving(Role.ENDPOINT, f"{cls.name}.{function.name}")
        return None

    # ------------------------------------------------------------------ registrations
    def _registrations(self) -> dict[str, tuple[Role, Optional[ast.expr]]]:
        """Functions named where they are registered, at module level or one function deep
        (`create_app`): `app.add_exception_handler(Exc, handler)`,
        `app.register_error_handler(500, handler)`, `handler500 = "app.views.server_error"`,
        `background_tasks.add_task(job, ...)`. Statements only, no deep walk."""
        if self._registered is not None:
            return self._registered
        found: dict[str, tuple[Role, Optional[ast.expr]]] = {}
        statements: list[ast.stmt] = []
        for statement in self.ctx.tree.body:
            statements.append(statement)
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                statements.extend(statement.body)
        for statement in statements:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                self._registration(statement.value, found)
            elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name) and target.id in DJANGO_ERROR_VIEWS:
                    value = statement.value
                    name = value.id if isinstance(value, ast.Name) else (
                        value.value.rsplit(".", 1)[-1]
                        if isinstance(value, ast.Constant) and isinstance(value.value, str)
                        else None)
                    if name:
                        found[name] = (Role.ERROR_HANDLER, None)
        self._registered = found
        return found

    @staticmethod
    def _registration(call: ast.Call, found: dict[str, tuple[Role, Optional[ast.expr]]]
                      ) -> None:
        func = call.func
        if not isinstance(func, ast.Attribute):
            return
        if func.attr in ERROR_HANDLER_REGISTRATIONS and len(call.args) >= 2 \
                and isinstance(call.args[1], ast.Name):
            found[call.args[1].id] = (Role.ERROR_HANDLER, call.args[0])
        elif func.attr in SCHEDULING_METHODS and call.args and isinstance(call.args[0],
                                                                           ast.Name):
            found.setdefault(call.args[0].id, (Role.TASK, None))
