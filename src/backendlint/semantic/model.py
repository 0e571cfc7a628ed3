"""The semantic model of one module: scopes, bindings, imports and qualified names.

The engine's single traversal calls `push_scope` / `pop_scope` as it enters and leaves
functions, lambdas and classes; rules ask the model questions at the node they are visiting.
Each scope's bindings are collected when the scope is entered, by a scan of its statements
(not of nested scopes), so a name imported or defined below its use still resolves.
"""

from __future__ import annotations

import ast
import builtins
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Optional, Union

from backendlint.semantic.analyze.annotations import strip_optional
from backendlint.semantic.analyze.arguments import FunctionNode, named_parameters

ScopeNode = Union[ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef]

BUILTIN_NAMES = frozenset(dir(builtins))
# Resolution follows aliases and assignments; this bounds it on pathological chains. Each
# link of a call chain counts, and a query refined in steps (`stmt = stmt.where(...)` three
# times, then `.order_by().offset().limit()`) is a long but ordinary chain.
_MAX_RESOLVE_DEPTH = 32


class BindingKind(str, enum.Enum):
    """How a name got its value. A str enum, so `binding.kind == "assign"` reads as before."""

    IMPORT = "import"
    FUNCTION = "function"
    CLASS = "class"
    ASSIGN = "assign"
    AUGASSIGN = "augassign"
    ANNASSIGN = "annassign"
    PARAM = "param"
    WITH = "with"
    FOR = "for"
    EXCEPT = "except"
    GLOBAL = "global"
    NONLOCAL = "nonlocal"
    OTHER = "other"


class ScopeKind(str, enum.Enum):
    MODULE = "module"
    FUNCTION = "function"
    LAMBDA = "lambda"
    CLASS = "class"


@dataclass
class Binding:
    """One way a name gets a value in a scope."""

    name: str
    kind: BindingKind
    node: ast.AST
    line: int
    value: Optional[ast.expr] = None
    annotation: Optional[ast.expr] = None
    qualified: Optional[str] = None  # for imports


@dataclass
class Scope:
    node: ScopeNode
    kind: ScopeKind
    parent: Optional[Scope]
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    # For classes: `self.<attr> = value` found in the class's methods.
    attributes: dict[str, list[Binding]] = field(default_factory=dict)

    # Answers about the scope chain, worked out once when the scope is made: the rules ask
    # them for most calls they look at.
    in_async: bool = field(init=False, default=False)
    function: Optional[FunctionNode] = field(init=False, default=None)
    method_of: Optional[ast.ClassDef] = field(init=False, default=None)

    def __post_init__(self) -> None:
        parent = self.parent
        if self.kind == "function":
            self.in_async = isinstance(self.node, ast.AsyncFunctionDef)
            self.function = self.node  # type: ignore[assignment]
            if parent is not None and parent.kind == "class":
                self.method_of = parent.node  # type: ignore[assignment]
        elif self.kind == "class" and parent is not None:
            self.function = parent.function
            self.method_of = parent.method_of
        elif self.kind == "lambda" and parent is not None:
            self.function = parent.function

    def bind(self, binding: Binding) -> None:
        self.bindings.setdefault(binding.name, []).append(binding)

    @property
    def is_async(self) -> bool:
        return isinstance(self.node, ast.AsyncFunctionDef)


def module_name_for_import(current_module: str, is_package: bool, level: int,
                           module: Optional[str]) -> str:
    """Resolve `from ..x import y` against the importing module's dotted name."""
    if level == 0:
        return module or ""
    parts = current_module.split(".") if current_module else []
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        parts = parts[: max(0, len(parts) - (level - 1))]
    if module:
        parts.append(module)
    return ".".join(parts)


class SemanticModel:
    def __init__(self, tree: ast.Module, module_name: str = "", is_package: bool = False) -> None:
        self.module_name = module_name
        self.is_package = is_package
        self.module_scope = Scope(tree, ScopeKind.MODULE, None)
        self._scan_statements(self.module_scope, tree.body)
        self.scope = self.module_scope
        # Every qualified name imported anywhere seen so far (module scope first).
        self.imported: set[str] = {
            b.qualified for bs in self.module_scope.bindings.values() for b in bs
            if b.kind == "import" and b.qualified
        }
        self._class_attribute_cache: dict[int, dict[str, list[Binding]]] = {}
        self._resolved: dict[tuple[int, int], Optional[str]] = {}
        self._current_line = 0

    # ------------------------------------------------------------------ traversal hooks
    def push_scope(self, node: ScopeNode) -> None:
        if isinstance(node, ast.ClassDef):
            scope = Scope(node, ScopeKind.CLASS, self.scope)
            self._scan_statements(scope, node.body)
        elif isinstance(node, ast.Lambda):
            scope = Scope(node, ScopeKind.LAMBDA, self.scope)
            self._bind_arguments(scope, node.args)
        else:
            assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            scope = Scope(node, ScopeKind.FUNCTION, self.scope)
            self._bind_arguments(scope, node.args)
            self._scan_statements(scope, node.body)
        for bindings in scope.bindings.values():
            for binding in bindings:
                if binding.kind == "import" and binding.qualified:
                    self.imported.add(binding.qualified)
        self.scope = scope

    def pop_scope(self) -> None:
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    def set_current_line(self, line: int) -> None:
        self._current_line = line

    # ------------------------------------------------------------------ scope questions
    def iter_scopes(self) -> Iterator[Scope]:
        scope: Optional[Scope] = self.scope
        while scope is not None:
            yield scope
            scope = scope.parent

    def current_function(self) -> Optional[FunctionNode]:
        """The innermost enclosing def (sync or async), ignoring lambdas and classes."""
        return self.scope.function

    def in_async_function(self) -> bool:
        """True when the code runs directly in an `async def` body: not in a nested sync def,
        lambda or class body inside it."""
        return self.scope.in_async

    def enclosing_class(self) -> Optional[ast.ClassDef]:
        """The class whose method we are in (the class directly around the innermost def)."""
        return self.scope.method_of

    def in_class_body(self) -> bool:
        return self.scope.kind == "class"

    # ------------------------------------------------------------------ names
    def lookup(self, name: str, before_line: Optional[int] = None) -> Optional[Binding]:
        """The binding a name refers to here, following Python's rules (class scopes are not
        visible from the functions inside them). Among several bindings in one scope, the last
        one at or before `before_line` (default: the line being visited) wins."""
        line = self._current_line if before_line is None else before_line
        scope: Optional[Scope] = self.scope
        first = True
        # A plain loop: this runs for most names the rules look at.
        while scope is not None:
            if first or scope.kind != "class":
                bindings = scope.bindings.get(name)
                if bindings:
                    chosen = bindings[-1]
                    if len(bindings) > 1:
                        for binding in bindings:
                            if binding.line <= line:
                                chosen = binding
                    if chosen.kind not in ("global", "nonlocal"):
                        return chosen
            first = False
            scope = scope.parent
        return None

    def binding_scope(self, name: str) -> Optional[Scope]:
        """The innermost scope visible from here that binds the name (class scopes count only
        when we are directly in them)."""
        scope: Optional[Scope] = self.scope
        first = True
        while scope is not None:
            if (first or scope.kind != "class") and name in scope.bindings:
                return scope
            first = False
            scope = scope.parent
        return None

    def bindings(self, name: str) -> list[Binding]:
        """All bindings of a name in the innermost scope that binds it, in source order."""
        scope = self.binding_scope(name)
        return scope.bindings[name] if scope is not None else []

    def is_builtin(self, name: str) -> bool:
        return name in BUILTIN_NAMES and self.lookup(name) is None

    def value_of(self, name: str) -> Optional[ast.expr]:
        """The expression last assigned to a simple name (None when unknown)."""
        binding = self.lookup(name)
        if binding is not None and binding.kind in ("assign", "annassign"):
            return binding.value
        return None

    def qualified_name(self, expr: ast.AST) -> Optional[str]:
        """The dotted name an expression refers to, through imports, aliases and assignments.

        Call results are written with `()`: after `s = requests.Session()`, `s.get` resolves
        to `requests.Session().get`; a parameter annotated `requests.Session` resolves the
        same way. A division is its dunder call: `Path(x) / "a"` is
        `pathlib.Path().__truediv__()`. Unbound builtins resolve to `builtins.<name>`; names defined in this module
        to `<module>.<name>`. None when the model cannot tell.

        Answers are kept per parsed node and cursor line: the rules of every practice ask about
        the same call (three times on average), and a name rebound between two lines means
        something else on each (`client = requests.Session()` then `client = httpx.Client()`).
        """
        if getattr(expr, "lineno", None) is None:
            return self._resolve(expr, 0)  # a node a rule built: its id may be reused
        key = (id(expr), self._current_line)
        found = self._resolved.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._resolved[key] = self._resolve(expr, 0)
        return found  # type: ignore[return-value]  # (typing.cast would be a call per hit)

    def _resolve(self, expr: ast.AST, depth: int) -> Optional[str]:
        if depth > _MAX_RESOLVE_DEPTH:
            return None
        if isinstance(expr, ast.Name):
            return self._resolve_name(expr.id, depth)
        if isinstance(expr, ast.Attribute):
            if isinstance(expr.value, ast.Name):
                attr_value = self._resolve_self_attribute(expr.value.id, expr.attr, depth)
                if attr_value is not None:
                    return attr_value
            base = self._resolve(expr.value, depth + 1)
            if base and base.endswith("()"):
                field_value = self._resolve_field(base[:-2], expr.attr, depth)
                if field_value is not None:
                    return field_value
            return f"{base}.{expr.attr}" if base else None
        if isinstance(expr, ast.Call):
            base = self._resolve(expr.func, depth + 1)
            return f"{base}()" if base else None
        if isinstance(expr, ast.Await):
            return self._resolve(expr.value, depth + 1)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
            # `base / "name"` is `base.__truediv__("name")`: what pathlib joins with.
            base = self._resolve(expr.left, depth + 1)
            return f"{base}.__truediv__()" if base else None
        return None

    def _resolve_name(self, name: str, depth: int) -> Optional[str]:
        binding = self.lookup(name)
        if binding is None:
            return f"builtins.{name}" if name in BUILTIN_NAMES else None
        return self._resolve_binding(binding, depth)

    def _resolve_binding(self, binding: Binding, depth: int) -> Optional[str]:
        kind = binding.kind
        if kind == "import":
            return binding.qualified
        if kind in ("function", "class"):
            return self._local_qualified(binding)
        if kind in ("assign", "annassign", "with"):
            if binding.value is not None and not _is_literal_like(binding.value):
                resolved = self._resolve_value(binding, depth)
                if resolved is not None:
                    return resolved
            if binding.annotation is not None:
                return self._instance_of(binding.annotation, depth)
            return None
        if kind == "param":
            if binding.annotation is not None:
                return self._instance_of(binding.annotation, depth)
            return None
        return None

    def _resolve_value(self, binding: Binding, depth: int) -> Optional[str]:
        """An assigned value, resolved where it was evaluated: its names mean the bindings
        before that line, so `stmt = stmt.where(...)` refines the earlier `stmt` instead of
        referring to itself."""
        assert binding.value is not None
        saved = self._current_line
        self._current_line = binding.line - 1
        try:
            return self._resolve(binding.value, depth + 1)
        finally:
            self._current_line = saved

    def _local_qualified(self, binding: Binding) -> str:
        prefix = f"{self.module_name}." if self.module_name else ""
        return prefix + binding.name

    def _instance_of(self, annotation: ast.expr, depth: int) -> Optional[str]:
        """`requests.Session` as an annotation means an instance: `requests.Session()`."""
        target = strip_optional(annotation)
        if target is None:
            return None
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            try:
                parsed = ast.parse(target.value, mode="eval").body
            except SyntaxError:
                return None
            target = strip_optional(parsed)
            if target is None:
                return None
        resolved = self._resolve(target, depth + 1)
        return f"{resolved}()" if resolved else None

    def _resolve_self_attribute(self, receiver: str, attr: str, depth: int) -> Optional[str]:
        """`self.client` where the class's methods assign `self.client = httpx.Client()`."""
        if receiver not in ("self", "cls"):
            return None
        function = self.current_function()
        if function is None or not function.args.args or function.args.args[0].arg != receiver:
            return None
        cls = self.enclosing_class()
        if cls is None:
            return None
        attributes = self._class_attributes(cls)
        for binding in reversed(attributes.get(attr, [])):
            resolved = self._resolve_binding(binding, depth + 1)
            if resolved is not None:
                return resolved
        return None

    def self_attribute_bindings(self, expr: ast.expr) -> list[Binding]:
        """The assignments of `self.<attr>` in the enclosing class's methods, for an
        `self.<attr>` expression inside one of them (source order; empty otherwise)."""
        if not (isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name)
                and expr.value.id in ("self", "cls")):
            return []
        function = self.current_function()
        cls = self.enclosing_class()
        if cls is None or function is None or not function.args.args or \
                function.args.args[0].arg != expr.value.id:
            return []
        return list(self._class_attributes(cls).get(expr.attr, []))

    def _resolve_field(self, class_name: str, attr: str, depth: int) -> Optional[str]:
        """`settings.root` on an instance of a class of this module whose body declares
        `root: Path` (a dataclass, attrs or pydantic field) or whose methods set it."""
        prefix = f"{self.module_name}." if self.module_name else ""
        if not class_name.startswith(prefix):
            return None
        name = class_name[len(prefix):]
        bindings = self.module_scope.bindings.get(name) if "." not in name else None
        if not bindings or bindings[-1].kind != BindingKind.CLASS:
            return None
        cls = bindings[-1].node
        assert isinstance(cls, ast.ClassDef)
        for binding in reversed(self._class_attributes(cls).get(attr, [])):
            if binding.kind == BindingKind.ANNASSIGN and binding.annotation is not None:
                return self._instance_of(binding.annotation, depth + 1)
        return None

    def _class_attributes(self, cls: ast.ClassDef) -> dict[str, list[Binding]]:
        key = id(cls)
        cached = self._class_attribute_cache.get(key)
        if cached is not None:
            return cached
        attributes: dict[str, list[Binding]] = {}
        for statement in cls.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                _collect_self_assignments(statement, attributes)
        for statement in cls.body:
            # A field declared in the class body (`path: Path`, a dataclass, attrs or
            # pydantic field) types `self.path` unless a method assigns it.
            if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                    and statement.target.id not in attributes):
                attributes[statement.target.id] = [Binding(
                    statement.target.id, BindingKind.ANNASSIGN, statement, statement.lineno,
                    annotation=statement.annotation)]
        self._class_attribute_cache[key] = attributes
        return attributes

    def imports_any(self, prefixes: tuple[str, ...]) -> bool:
        """Whether the module imports a name under any of these dotted prefixes."""
        return any(
            name == prefix or name.startswith(prefix + ".")
            for name in self.imported
            for prefix in prefixes
        )

    # ------------------------------------------------------------------ binding collection
    def _bind_arguments(self, scope: Scope, args: ast.arguments) -> None:
        for arg in named_parameters(args):
            scope.bind(Binding(arg.arg, BindingKind.PARAM, arg, arg.lineno, annotation=arg.annotation))
        for star in (args.vararg, args.kwarg):
            if star is not None:
                # *args and **kwargs are a tuple and a dict, whatever each item's annotation.
                scope.bind(Binding(star.arg, BindingKind.PARAM, star, star.lineno))

    def _scan_statements(self, scope: Scope, statements: list[ast.stmt]) -> None:
        for statement in statements:
            self._scan_statement(scope, statement)

    def _scan_statement(self, scope: Scope, node: ast.stmt) -> None:
        if type(node) in _BINDS_NOTHING:
            return  # most statements: the chain below would test each kind in turn
        line = node.lineno
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    scope.bind(Binding(alias.asname, BindingKind.IMPORT, node, line, qualified=alias.name))
                else:
                    top = alias.name.split(".")[0]
                    scope.bind(Binding(top, BindingKind.IMPORT, node, line, qualified=top))
        elif isinstance(node, ast.ImportFrom):
            base = module_name_for_import(self.module_name, self.is_package, node.level,
                                          node.module)
            for alias in node.names:
                if alias.name == "*":
                    continue
                qualified = f"{base}.{alias.name}" if base else alias.name
                scope.bind(Binding(alias.asname or alias.name, BindingKind.IMPORT, node, line,
                                   qualified=qualified))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope.bind(Binding(node.name, BindingKind.FUNCTION, node, line))
        elif isinstance(node, ast.ClassDef):
            scope.bind(Binding(node.name, BindingKind.CLASS, node, line))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                value = node.value if len(node.targets) >= 1 else None
                self._bind_target(scope, target, BindingKind.ASSIGN, node, value)
        elif isinstance(node, ast.AnnAssign):
            if isinstance(node.target, ast.Name):
                scope.bind(Binding(node.target.id, BindingKind.ANNASSIGN, node, line, value=node.value,
                                   annotation=node.annotation))
        elif isinstance(node, ast.AugAssign):
            if isinstance(node.target, ast.Name):
                scope.bind(Binding(node.target.id, BindingKind.AUGASSIGN, node, line, value=node.value))
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self._bind_target(scope, node.target, BindingKind.FOR, node, None)
            self._scan_statements(scope, node.body)
            self._scan_statements(scope, node.orelse)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self._bind_target(scope, item.optional_vars, BindingKind.WITH, node,
                                      item.context_expr)
            self._scan_statements(scope, node.body)
        elif isinstance(node, (ast.If, ast.While)):
            self._scan_statements(scope, node.body)
            self._scan_statements(scope, node.orelse)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            self._scan_statements(scope, node.body)  # type: ignore[attr-defined]
            for handler in node.handlers:  # type: ignore[attr-defined]
                if handler.name:
                    scope.bind(Binding(handler.name, BindingKind.EXCEPT, handler, handler.lineno))
                self._scan_statements(scope, handler.body)
            self._scan_statements(scope, node.orelse)  # type: ignore[attr-defined]
            self._scan_statements(scope, node.finalbody)  # type: ignore[attr-defined]
        elif type(node).__name__ == "Match":
            for case in node.cases:  # type: ignore[attr-defined]
                self._scan_statements(scope, case.body)
        elif isinstance(node, ast.Global):
            for name in node.names:
                scope.bind(Binding(name, BindingKind.GLOBAL, node, line))
        elif isinstance(node, ast.Nonlocal):
            for name in node.names:
                scope.bind(Binding(name, BindingKind.NONLOCAL, node, line))

    def _bind_target(self, scope: Scope, target: ast.expr, kind: BindingKind, node: ast.stmt,
                     value: Optional[ast.expr]) -> None:
        if isinstance(target, ast.Name):
            scope.bind(Binding(target.id, kind, node, node.lineno, value=value))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                inner = element.value if isinstance(element, ast.Starred) else element
                # Unpacking loses the link between one name and one value.
                self._bind_target(scope, inner, BindingKind.OTHER if kind is not BindingKind.FOR else kind, node, None)


# Statements that bind no name and hold no statements.
_BINDS_NOTHING: frozenset[type[ast.stmt]] = frozenset({
    ast.Expr, ast.Return, ast.Raise, ast.Pass, ast.Assert, ast.Delete, ast.Break,
    ast.Continue,
})
# What the memo of `qualified_name` holds for a question not asked yet (None is an answer).
_UNKNOWN = object()


def _collect_self_assignments(function: FunctionNode,
                              attributes: dict[str, list[Binding]]) -> None:
    """`self.<attr> = value` statements of one method. Only statements are visited (an
    assignment is never inside an expression), not nested defs or classes. A parameter
    assigned as is (`self.pool = pool`) carries its annotation, since the parameter's name
    means nothing outside this method."""
    if not function.args.args:
        return
    receiver = function.args.args[0].arg
    parameters = {arg.arg: arg.annotation for arg in named_parameters(function.args)}
    pending: list[ast.stmt] = list(function.body)
    while pending:
        node = pending.pop()
        if type(node) in _BINDS_NOTHING or isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for block in ("body", "orelse", "finalbody"):
            pending.extend(getattr(node, block, ()))
        for handler in getattr(node, "handlers", ()):
            pending.extend(handler.body)
        for case in getattr(node, "cases", ()):
            pending.extend(case.body)
        if isinstance(node, ast.Assign):
            targets: list[ast.expr] = list(node.targets)
            value: Optional[ast.expr] = node.value
            annotation: Optional[ast.expr] = None
        elif isinstance(node, ast.AnnAssign):
            targets, value, annotation = [node.target], node.value, node.annotation
        else:
            continue
        if (annotation is None and isinstance(value, ast.Name) and value.id in parameters
                and value.id != receiver):
            annotation = parameters[value.id]
            value = None
        for target in targets:
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and target.value.id == receiver):
                kind = BindingKind.ASSIGN if annotation is None else BindingKind.ANNASSIGN
                attributes.setdefault(target.attr, []).append(
                    Binding(target.attr, kind, node, node.lineno, value=value,
                            annotation=annotation))
    for bindings in attributes.values():
        bindings.sort(key=lambda binding: binding.line)


def _is_literal_like(value: ast.expr) -> bool:
    if isinstance(value, ast.BinOp):
        return not isinstance(value.op, ast.Div)  # a path join resolves (see _resolve)
    return isinstance(value, (ast.Constant, ast.JoinedStr, ast.Dict, ast.List,
                              ast.Tuple, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp))
