"""What one module defines and uses, for the project index: collected during the single
traversal by `SymbolCollector`, stored as typed `ModuleSymbols` facts.

Names are qualified as the semantic model spells them (`app.services.fetch`, call results
with `()`), so the index can join them across modules without re-parsing anything.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from typing import ClassVar, Optional, Union

from backendlint.core.facts import ModuleFacts
from backendlint.core.rule import Visitor
from backendlint.knowledge.libraries import THIRD_PARTY_ROOTS
from backendlint.semantic.analyze.annotations import strip_optional, yielded_type
from backendlint.semantic.analyze.arguments import FunctionNode
from backendlint.semantic.model import BindingKind, ScopeKind, SemanticModel

if sys.version_info >= (3, 10):
    _STDLIB: frozenset[str] = frozenset(sys.stdlib_module_names)
else:  # pragma: no cover - Python 3.9 has no list; keep the common ones out
    _STDLIB = frozenset({"os", "sys", "re", "json", "time", "logging", "typing", "asyncio"})
_PARTIALS = frozenset({"functools.partial", "functools.partialmethod"})


@dataclass
class CallSite:
    """A call inside a function: the callee as the model resolved it, and whether the result
    is awaited (an awaited call returns a coroutine: nothing blocks at the call itself)."""

    callee: str
    awaited: bool
    line: int
    column: int
    # Positional and keyword arguments that are literals (`is_async=True`, `0`): a callee's
    # branches can be decided by them. Values are the literal's repr.
    constant_args: dict[str, str] = field(default_factory=dict)
    # Every argument passed, literal or not: positional indices and keyword names, `*` and
    # `**` for unpacked ones (a parameter not named here was left at its default).
    passed: tuple[str, ...] = ()
    # Written inside a lambda: it runs when the lambda is called, which may be later, never,
    # or once for many calls (`cache.save_result(lambda: fetch(x), ttl)`).
    in_lambda: bool = False


@dataclass
class FunctionSymbol:
    qualname: str  # within the module: `fetch`, `Service.fetch`, `outer.<locals>.inner`
    is_async: bool
    line: int
    column: int
    returns: Optional[str] = None  # the return annotation, qualified (`app.models.User`)
    # Tuples, not lists: the index keeps every module's symbols for the whole project pass
    # (79,000 functions on the five sdists), and most of these are empty, which as a tuple
    # is one shared object (as a list, 56 bytes each, four per function).
    decorators: tuple[str, ...] = ()
    calls: tuple[CallSite, ...] = ()
    # What `return x` statements give, qualified (`flask.Flask()` after `app = Flask()`).
    returned: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()


@dataclass
class ClassSymbol:
    qualname: str
    line: int
    bases: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()


@dataclass
class ModuleSymbols(ModuleFacts):
    practice: ClassVar[str] = "index"
    version: ClassVar[int] = 3

    # Local name -> qualified target, for module-level imports (`from .x import y` as
    # `pkg.x.y`, `import a.b as c` as `a.b`).
    imports: dict[str, str] = field(default_factory=dict)
    star_imports: list[str] = field(default_factory=list)
    # `__all__`, when it is a literal list or tuple of strings.
    exports: Optional[list[str]] = None
    # Module-level names bound to a value the model resolves (`router = APIRouter()` as
    # `fastapi.APIRouter()`), and `functools.partial(f, ...)` aliases as `f`.
    values: dict[str, str] = field(default_factory=dict)
    partials: dict[str, str] = field(default_factory=dict)
    functions: dict[str, FunctionSymbol] = field(default_factory=dict)
    classes: dict[str, ClassSymbol] = field(default_factory=dict)
    # Calls at module level and in class bodies (outside every function).
    module_calls: list[CallSite] = field(default_factory=list)


_Definition = Union[FunctionNode, ast.ClassDef]


class SymbolCollector(Visitor):
    """Fills a module's `ModuleSymbols`; the engine runs it when a project rule is enabled."""

    def __init__(self, ctx: object) -> None:
        from backendlint.core.context import FileContext

        assert isinstance(ctx, FileContext)
        self.ctx = ctx
        self.symbols = ModuleSymbols()
        self._stack: list[tuple[_Definition, Union[FunctionSymbol, ClassSymbol]]] = []
        self._awaited: set[int] = set()
        self._own_root = ctx.module_name.split(".", 1)[0]
        # What a function's or class's body adds while it is walked (calls, returned values,
        # methods), by the symbol's id; made tuples on the symbols when the module is done.
        self._calls: dict[int, tuple[FunctionSymbol, list[CallSite]]] = {}
        self._returned: dict[int, tuple[FunctionSymbol, list[str]]] = {}
        self._methods: dict[int, tuple[ClassSymbol, list[str]]] = {}
        self._module_calls: list[CallSite] = []

    # ------------------------------------------------------------------ definitions
    def _qualname(self, name: str) -> str:
        parts = []
        for node, _symbol in self._stack:
            parts.append(node.name)
            if not isinstance(node, ast.ClassDef):
                parts.append("<locals>")
        return ".".join([*parts, name])

    def _function(self, node: FunctionNode) -> None:
        model = self.ctx.semantic
        decorators = [name for name in (model.qualified_name(_decorator_target(item))
                                        for item in node.decorator_list) if name]
        symbol = FunctionSymbol(
            self._qualname(node.name), isinstance(node, ast.AsyncFunctionDef), node.lineno,
            node.col_offset + 1, _return_type(model, node.returns, decorators),
            tuple(decorators),
            parameters=tuple(arg.arg for arg in (*node.args.posonlyargs, *node.args.args,
                                                 *node.args.kwonlyargs)))
        self.symbols.functions[symbol.qualname] = symbol
        if self._stack and isinstance(self._stack[-1][1], ClassSymbol):
            owner = self._stack[-1][1]
            self._methods.setdefault(id(owner), (owner, []))[1].append(node.name)
        self._stack.append((node, symbol))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def leave_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._stack.pop()

    def leave_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._stack.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        model = self.ctx.semantic
        bases = [model.qualified_name(base) or ast.unparse(base) for base in node.bases]
        symbol = ClassSymbol(self._qualname(node.name), node.lineno, tuple(bases))
        self.symbols.classes[symbol.qualname] = symbol
        self._stack.append((node, symbol))

    def leave_ClassDef(self, node: ast.ClassDef) -> None:
        self._stack.pop()

    # ------------------------------------------------------------------ bodies
    def _current_function(self) -> Optional[FunctionSymbol]:
        if self._stack and isinstance(self._stack[-1][1], FunctionSymbol):
            return self._stack[-1][1]
        return None

    def visit_Await(self, node: ast.Await) -> None:
        self._awaited.add(id(node.value))

    def visit_Call(self, node: ast.Call) -> None:
        function = self._current_function()
        if function is None and any(isinstance(symbol, FunctionSymbol)
                                    for _node, symbol in self._stack):
            return  # in a class body inside a function: no site of either
        callee = self.ctx.semantic.qualified_name(node.func)
        if not callee:
            return
        root = callee.split(".", 1)[0]
        if root in _STDLIB or root == "builtins" or (
                root in THIRD_PARTY_ROOTS and root != self._own_root):
            return
        site = CallSite(callee, id(node) in self._awaited, node.lineno, node.col_offset + 1,
                        _constant_arguments(node), _passed_arguments(node),
                        self.ctx.semantic.scope.kind == ScopeKind.LAMBDA)
        if function is None:
            self._module_calls.append(site)
        else:
            self._calls.setdefault(id(function), (function, []))[1].append(site)

    def visit_Return(self, node: ast.Return) -> None:
        function = self._current_function()
        if function is None or node.value is None:
            return
        returned = self.ctx.semantic.qualified_name(node.value)
        if returned:
            found = self._returned.setdefault(id(function), (function, []))[1]
            if returned not in found:
                found.append(returned)

    def visit_Assign(self, node: ast.Assign) -> None:
        if self._stack or self.ctx.semantic.scope.kind is not ScopeKind.MODULE:
            return
        for target in node.targets:
            if isinstance(target, ast.Name):
                self._module_value(target.id, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if (not self._stack and node.value is not None and isinstance(node.target, ast.Name)
                and self.ctx.semantic.scope.kind is ScopeKind.MODULE):
            self._module_value(node.target.id, node.value)

    def _module_value(self, name: str, value: ast.expr) -> None:
        model = self.ctx.semantic
        if name == "__all__" and isinstance(value, (ast.List, ast.Tuple)):
            self.symbols.exports = [item.value for item in value.elts
                                    if isinstance(item, ast.Constant)
                                    and isinstance(item.value, str)]
            return
        if (isinstance(value, ast.Call) and value.args
                and model.qualified_name(value.func) in _PARTIALS):
            target = model.qualified_name(value.args[0])
            if target:
                self.symbols.partials[name] = target
            return
        resolved = model.qualified_name(value)
        if resolved:
            self.symbols.values[name] = resolved

    def finish(self) -> None:
        model = self.ctx.semantic
        for name, bindings in model.module_scope.bindings.items():
            for binding in bindings:
                if binding.kind is BindingKind.IMPORT and binding.qualified:
                    self.symbols.imports[name] = binding.qualified
        for node in self.ctx.tree.body:
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                from backendlint.semantic.model import module_name_for_import

                self.symbols.star_imports.append(module_name_for_import(
                    model.module_name, model.is_package, node.level, node.module))
        for function, calls in self._calls.values():
            function.calls = tuple(calls)
        for function, returned in self._returned.values():
            function.returned = tuple(returned)
        for owner, methods in self._methods.values():
            owner.methods = tuple(methods)
        self.symbols.module_calls = self._module_calls
        self.ctx.set_facts(self.symbols)


def _decorator_target(decorator: ast.expr) -> ast.expr:
    """`@router.get("/x")` is named by `router.get`; `@cache` by `cache`."""
    return decorator.func if isinstance(decorator, ast.Call) else decorator


def _passed_arguments(call: ast.Call) -> tuple[str, ...]:
    passed = []
    for index, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred):
            passed.append("*")
            break
        passed.append(str(index))
    passed.extend(keyword.arg if keyword.arg is not None else "**" for keyword in call.keywords)
    return tuple(passed)


def _constant_arguments(call: ast.Call) -> dict[str, str]:
    found: dict[str, str] = {}
    for index, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred):
            break
        if isinstance(argument, ast.Constant):
            found[str(index)] = repr(argument.value)
    for keyword in call.keywords:
        if keyword.arg is not None and isinstance(keyword.value, ast.Constant):
            found[keyword.arg] = repr(keyword.value.value)
    return found


_CONTEXT_MANAGERS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})


def _return_type(model: SemanticModel, returns: Optional[ast.expr],
                 decorators: list[str]) -> Optional[str]:
    """The type a call returns, qualified: the annotation through `Optional[...]` and string
    annotations; for a `@contextmanager` function, the type it yields (its `with` target)."""
    if returns is None:
        return None
    if _CONTEXT_MANAGERS.intersection(decorators):
        yielded = yielded_type(returns)
        return model.qualified_name(yielded) if yielded is not None else None
    target = strip_optional(returns)
    return model.qualified_name(target) if target is not None else None
