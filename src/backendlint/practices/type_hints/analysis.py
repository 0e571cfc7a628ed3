"""type-hints (BL2xx): parameters and returns without annotations, `Any`, and FastAPI inputs
that FastAPI cannot validate because they carry no annotation.

Return-type fixes are inferred from the `return` statements the single traversal passes through
(collected per function in visit_Return / visit_Yield*, decided in leave_FunctionDef), so no
function body is walked a second time.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Edit, Finding, Fix, FixAvailability, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Location, Rule
from backendlint.fixes import make_fix
from backendlint.knowledge.fastapi import FASTAPI_DEPENDS, is_path_operation_decorator
from backendlint.semantic.analyze.arguments import FunctionNode


@dataclass
class TypeHintsOptions(PracticeOptions):
    # Skip private (`_name`) functions and methods entirely (BL201 and BL203).
    ignore_private: bool = False
    # Do not require annotations on `_`-prefixed dummy parameters (BL201).
    suppress_dummy_args: bool = False
    # mypy accepts an `__init__` without `-> None` when any parameter is annotated.
    mypy_init_return: bool = True
    # Skip functions that have no annotation at all (gradual adoption, as ruff's option).
    ignore_fully_untyped: bool = False
    # Accept `Any` on `*args` / `**kwargs` (BL204).
    allow_any: bool = False


# Special methods whose return type the interpreter enforces (a wrong type raises TypeError),
# so annotating them is right whatever the body does.
ENFORCED_DUNDER_RETURNS = {
    "__init__": "None",
    "__init_subclass__": "None",
    "__str__": "str",
    "__repr__": "str",
    "__format__": "str",
    "__bytes__": "bytes",
    "__len__": "int",
    "__length_hint__": "int",
    "__hash__": "int",
    "__index__": "int",
    "__int__": "int",
    "__float__": "float",
    "__complex__": "complex",
    "__bool__": "bool",
}

BUILTIN_CONSTRUCTORS = {
    f"builtins.{name}": name
    for name in ("int", "str", "bytes", "float", "bool", "dict", "list", "set", "tuple",
                 "frozenset", "bytearray")
}
_CONSTANT_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "bool"), (int, "int"), (float, "float"), (str, "str"), (bytes, "bytes"),
)
_CONTAINER_TYPES: dict[type, str] = {
    ast.Dict: "dict", ast.DictComp: "dict", ast.List: "list", ast.ListComp: "list",
    ast.Set: "set", ast.SetComp: "set", ast.Tuple: "tuple", ast.JoinedStr: "str",
}
# Comparison operators whose result is always a bool; `==`, `<` and friends can be overloaded
# (SQLAlchemy columns, numpy arrays) to return other objects.
_BOOL_ONLY_COMPARISONS = (ast.Is, ast.IsNot, ast.In, ast.NotIn)

# Decorators that do not read annotations at runtime; any other decorator might (FastAPI,
# typer, pydantic's validate_call, functools.singledispatch), so fixes under it are unsafe.
HARMLESS_DECORATORS = frozenset({
    "builtins.staticmethod", "builtins.classmethod", "builtins.property",
    "typing.override", "typing_extensions.override", "typing.final", "typing_extensions.final",
    "functools.cache", "functools.lru_cache", "functools.cached_property",
})
ABSTRACT_DECORATORS = frozenset({
    "abc.abstractmethod", "abc.abstractproperty", "abc.abstractclassmethod",
    "abc.abstractstaticmethod",
})
OVERLOAD_DECORATORS = frozenset({"typing.overload", "typing_extensions.overload"})
ANY_NAMES = frozenset({"typing.Any", "typing_extensions.Any"})
NEUTRAL_BASES = frozenset({
    "builtins.object", "typing.Generic", "abc.ABC", "typing_extensions.Generic",
})
PROTOCOL_BASES = frozenset({"typing.Protocol", "typing_extensions.Protocol"})



# ---------------------------------------------------------------------------- small facts


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _decorator_names(rule: Rule, node: FunctionNode) -> list[str | None]:
    semantic = rule.ctx.semantic
    names: list[str | None] = []
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        names.append(semantic.qualified_name(target))
    return names


def _is_property_accessor(decorator: ast.expr) -> bool:
    """`@name.setter` / `.getter` / `.deleter` of a property defined above."""
    return (isinstance(decorator, ast.Attribute)
            and decorator.attr in ("setter", "getter", "deleter")
            and isinstance(decorator.value, ast.Name))


def _has_annotation(node: FunctionNode) -> bool:
    args = node.args
    every = (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
    return node.returns is not None or any(
        arg is not None and arg.annotation is not None for arg in every)


def _strip_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0] if body else None
    if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)):
        return body[1:]
    return body


def is_stub_body(body: list[ast.stmt]) -> bool:
    """Only a docstring, `...`, or `raise NotImplementedError`: an interface, not an
    implementation, so its return type cannot be read from the body."""
    rest = _strip_docstring(body)
    if not rest:
        return True
    if len(rest) != 1:
        return False
    only = rest[0]
    if isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant):
        return only.value.value is Ellipsis
    if isinstance(only, ast.Raise) and only.exc is not None:
        exc = only.exc.func if isinstance(only.exc, ast.Call) else only.exc
        return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
    return False


def always_exits(body: list[ast.stmt], raise_counts: bool = True) -> bool:
    """Whether every path through these statements ends in `return` or `raise`. Conservative:
    loops, `match` and anything unusual count as possibly falling through. Inside `with`, a
    raise may be swallowed by the context manager, so only returns count there."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ast.Return):
        return True
    if isinstance(last, ast.Raise):
        return raise_counts
    if isinstance(last, ast.If):
        return always_exits(last.body, raise_counts) and always_exits(last.orelse, raise_counts)
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return always_exits(last.body, raise_counts=False)
    if isinstance(last, ast.Try):
        if always_exits(last.finalbody, raise_counts):
            return True
        main = always_exits(last.body, raise_counts) or always_exits(last.orelse, raise_counts)
        return main and all(always_exits(handler.body, raise_counts)
                            for handler in last.handlers)
    return False


# ---------------------------------------------------------------------------- type inference


@dataclass(frozen=True)
class Inferred:
    """A type written as it goes into an annotation, and whether we are sure of it."""

    text: str
    safe: bool = True


def infer_expression(rule: Rule, expr: ast.expr | None) -> Inferred | None:
    """The type of a returned expression when it is evident from its form; None when unknown."""
    if expr is None:
        return Inferred("None")
    if isinstance(expr, ast.Constant):
        return _constant_type(expr.value)
    if isinstance(expr, ast.UnaryOp):
        return _unary_type(expr)
    if isinstance(expr, ast.Compare):
        return Inferred("bool", safe=all(isinstance(op, _BOOL_ONLY_COMPARISONS)
                                         for op in expr.ops))
    container = _CONTAINER_TYPES.get(type(expr))
    if container is not None:
        return Inferred(container)
    if isinstance(expr, ast.Call):
        # Resolved through the model so that a shadowed `str` or `dict` is not trusted.
        constructor = BUILTIN_CONSTRUCTORS.get(rule.ctx.semantic.qualified_name(expr.func) or "")
        return Inferred(constructor) if constructor else None
    return None


def _constant_type(value: Any) -> Inferred | None:
    if value is None:
        return Inferred("None")
    for python_type, text in _CONSTANT_TYPES:
        if isinstance(value, python_type):
            return Inferred(text)
    return None


def _unary_type(expr: ast.UnaryOp) -> Inferred | None:
    if isinstance(expr.op, ast.Not):
        return Inferred("bool")
    operand = expr.operand
    if (isinstance(expr.op, (ast.USub, ast.UAdd)) and isinstance(operand, ast.Constant)
            and type(operand.value) in (int, float)):
        return Inferred(type(operand.value).__name__)
    return None


def spell_union(types: list[str], target: tuple[int, int]) -> tuple[str, tuple[str, ...]]:
    """An annotation for these types (None last) for the project's minimum Python, and the
    `typing` names it needs."""
    ordered = [t for t in dict.fromkeys(types) if t != "None"]
    has_none = "None" in types
    if not ordered:
        return "None", ()
    if len(ordered) == 1 and not has_none:
        return ordered[0], ()
    if target >= (3, 10):
        return " | ".join(ordered + (["None"] if has_none else [])), ()
    if len(ordered) == 1:
        return f"Optional[{ordered[0]}]", ("Optional",)
    members = ordered + (["None"] if has_none else [])
    return f"Union[{', '.join(members)}]", ("Union",)


# ---------------------------------------------------------------------------- positions


# One compiled pattern for every function (a pattern per name meant a regex compile per def).
_DEF_NAME = re.compile(r"\bdef\s+(\w+)")


def name_location(rule: Rule, node: FunctionNode) -> Location:
    """The function's name on its `def` line, where a noqa comment applies."""
    line = node.lineno
    text = rule.ctx.source.line(line)
    match = next((m for m in _DEF_NAME.finditer(text) if m.group(1) == node.name), None)
    start = match.start(1) if match else rule.ctx.source.char_column(line, node.col_offset)
    end = match.end(1) if match else start
    return {"line": line, "column": start + 1, "end_line": line, "end_column": end + 1,
            "noqa": [line]}


def _after_name(rule: Rule, node: FunctionNode) -> tuple[int, int] | None:
    location = name_location(rule, node)
    if location["end_column"] == location["column"]:
        return None
    return location["line"], location["end_column"] - 1


def _node_end(rule: Rule, node: ast.AST) -> tuple[int, int]:
    end_line: int | None = getattr(node, "end_lineno", None)
    line = end_line if end_line is not None else int(getattr(node, "lineno", 1))
    end_column: int | None = getattr(node, "end_col_offset", None)
    column = end_column if end_column is not None else 0
    return line, rule.ctx.source.char_column(line, column)


def _parameter_list_end(rule: Rule, node: FunctionNode) -> tuple[int, int] | None:
    """(line, 0-based column) just after the `)` that closes the parameter list.

    Scans forward from the last parameter (or the name) over what may legally sit between it
    and the colon: spaces, commas, `/`, comments, line continuations and the closing parens of
    a parenthesised default. The last `)` before the `:` is the list's own.
    """
    args = node.args
    pieces: list[ast.AST] = [*args.posonlyargs, *args.args, *args.kwonlyargs, *args.defaults,
                             *(d for d in args.kw_defaults if d is not None)]
    pieces += [arg for arg in (args.vararg, args.kwarg) if arg is not None]
    if pieces:
        start: tuple[int, int] | None = max(_node_end(rule, piece) for piece in pieces)
        need_open = False
    else:
        start = _after_name(rule, node)
        need_open = True
    if start is None:
        return None
    return _scan_to_close(rule, start, need_open)


def _scan_to_close(rule: Rule, start: tuple[int, int], need_open: bool
                   ) -> tuple[int, int] | None:
    line, column = start
    last_close: tuple[int, int] | None = None
    lines = rule.ctx.source.lines
    while line <= len(lines):
        text = lines[line - 1]
        if column >= len(text) or text[column] == "#":
            line, column = line + 1, 0
            continue
        char = text[column]
        if char == "(" and need_open:
            need_open = False
        elif char == ")" and not need_open:
            last_close = (line, column + 1)
        elif char in ":-":
            return last_close
        elif char not in " \t\f\\,/":
            return None
        column += 1
    return None


# ---------------------------------------------------------------------------- shared base


@dataclass
class FunctionFacts:
    """What a visit of a def learns, for the decisions made when the def is left."""

    node: FunctionNode
    decorators: list[str | None]
    is_method: bool
    is_nested: bool
    class_node: ast.ClassDef | None
    returns: list[Inferred | None] = field(default_factory=list)
    has_yield: bool = False

    @property
    def skips_first_parameter(self) -> bool:
        return self.is_method and "builtins.staticmethod" not in self.decorators

    @property
    def decorators_harmless(self) -> bool:
        known = all(name in HARMLESS_DECORATORS for name, decorator
                    in zip(self.decorators, self.node.decorator_list)
                    if not _is_property_accessor(decorator))
        return known

    @property
    def is_abstract(self) -> bool:
        return any(name in ABSTRACT_DECORATORS for name in self.decorators)

    @property
    def is_overload(self) -> bool:
        return any(name in OVERLOAD_DECORATORS for name in self.decorators)


class _TypeHintsRule(Rule):
    practice = "type-hints"
    options_class = TypeHintsOptions
    severity = Severity.WARNING
    requires_any_text = ("def ",)

    def __init__(self, ctx: Any, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        assert isinstance(options, TypeHintsOptions)
        self.hints: TypeHintsOptions = options
        self._functions: dict[int, FunctionFacts] = {}

    def _facts_for_visit(self, node: FunctionNode) -> FunctionFacts:
        semantic = self.ctx.semantic
        class_node = semantic.scope.node if semantic.in_class_body() else None
        facts = FunctionFacts(node, _decorator_names(self, node), class_node is not None,
                              semantic.current_function() is not None,
                              class_node if isinstance(class_node, ast.ClassDef) else None)
        self._functions[id(node)] = facts
        return facts

    def _current_facts(self) -> FunctionFacts | None:
        semantic = self.ctx.semantic
        if semantic.scope.kind != "function":
            return None  # a lambda's yield belongs to the lambda
        function = semantic.current_function()
        return self._functions.get(id(function)) if function is not None else None

    def _skipped(self, facts: FunctionFacts) -> bool:
        node = facts.node
        if self.hints.ignore_fully_untyped and not _has_annotation(node):
            return True
        return self.hints.ignore_private and is_private(node.name)

    def _first_parameter_exempt(self, facts: FunctionFacts, arg: ast.arg) -> bool:
        args = facts.node.args
        first = (*args.posonlyargs, *args.args)[:1]
        return facts.skips_first_parameter and bool(first) and first[0] is arg

    def _add(self, location: Location, message: str, fix: Fix | None,
             severity: Severity | None = None) -> Finding:
        finding = self.make_finding(self.ctx.path, location, message, severity, fix)
        self.ctx.findings.append(finding)
        return finding

    def _location_with_def_line(self, node: ast.AST, function: FunctionNode) -> Location:
        location = self.ctx.location(node)
        location["noqa"] = sorted(set(location["noqa"]) | {function.lineno})
        return location


# ---------------------------------------------------------------------------- parameters


def parameters_with_defaults(node: FunctionNode) -> list[tuple[ast.arg, ast.expr | None]]:
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults += list(args.defaults)
    pairs = list(zip(positional, defaults))
    if args.vararg is not None:
        pairs.append((args.vararg, None))
    pairs += list(zip(args.kwonlyargs, args.kw_defaults))
    if args.kwarg is not None:
        pairs.append((args.kwarg, None))
    return pairs


def literal_default_type(default: ast.expr | None) -> Inferred | None:
    """`retries=3`, `name="x"`, `flag=False`, `ratio=0.5`, `b"x"`; not None, not containers.
    An int default is unsafe: callers often pass floats (`timeout=5` then `timeout=2.5`)."""
    if default is None:
        return None
    if isinstance(default, ast.UnaryOp) and isinstance(default.op, (ast.USub, ast.UAdd)):
        default = default.operand
        if not (isinstance(default, ast.Constant) and type(default.value) in (int, float)):
            return None
    if not isinstance(default, ast.Constant) or default.value is None:
        return None
    inferred = _constant_type(default.value)
    if inferred is None:
        return None
    return Inferred(inferred.text, safe=inferred.text != "int")


@dataclass
class _PendingParameter:
    key: str | None
    path_operation: bool
    facts: FunctionFacts
    arg: ast.arg
    default: ast.expr | None
    location: Location
    fix_edits: list[Edit] | None
    fix_type: Inferred | None
    fix_safe: bool
    injected: bool


@dataclass
class _SharedParameters:
    pending: list[_PendingParameter] = field(default_factory=list)
    dependencies: set[str] = field(default_factory=set)


class _ParameterRule(_TypeHintsRule):
    """Shared by BL201 and BL205: which function is a FastAPI input is known only at the end of
    the file (a dependency may be referenced in `Depends()` below its definition), so
    parameter findings are kept until finish()."""

    fastapi_only: bool = False
    # Collection is shared by BL201 and BL205; reporting happens in each rule's finish().
    shared_handlers = frozenset({"visit_FunctionDef", "visit_AsyncFunctionDef", "visit_Call"})

    def __init__(self, ctx: Any, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        # BL201 and BL205 read the same parameters, collected once (shared handlers).
        shared = ctx.shared_state("type-hints.parameters", _SharedParameters)
        self._pending: list[_PendingParameter] = shared.pending
        self._dependencies: set[str] = shared.dependencies

    def visit_FunctionDef(self, node: FunctionNode) -> None:
        facts = self._facts_for_visit(node)
        key = self._dependency_key(node)
        path_operation = self._is_path_operation(node)
        for arg, default in parameters_with_defaults(node):
            if arg.annotation is not None or self._first_parameter_exempt(facts, arg):
                continue
            self._pending.append(self._pending_for(facts, key, path_operation, arg, default))

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        if self.ctx.semantic.qualified_name(node.func) not in FASTAPI_DEPENDS:
            return
        target = node.args[0] if node.args else next(
            (k.value for k in node.keywords if k.arg == "dependency"), None)
        if target is not None:
            resolved = self.ctx.semantic.qualified_name(target)
            if resolved:
                self._dependencies.add(resolved)

    def _dependency_key(self, node: FunctionNode) -> str | None:
        """The name `Depends(x)` would resolve to for this function: a module-level function,
        a module-level class (its `__init__`) or an instance of one (its `__call__`)."""
        semantic = self.ctx.semantic
        prefix = f"{self.ctx.module_name}." if self.ctx.module_name else ""
        if semantic.scope.kind == "module":
            return prefix + node.name
        cls = semantic.scope.node
        if (isinstance(cls, ast.ClassDef) and semantic.scope.parent is not None
                and semantic.scope.parent.kind == "module"):
            if node.name == "__init__":
                return prefix + cls.name
            if node.name == "__call__":
                return prefix + cls.name + "()"
        return None

    def _is_path_operation(self, node: FunctionNode) -> bool:
        return any(is_path_operation_decorator(self.ctx.semantic, decorator)
                   for decorator in node.decorator_list)

    def _pending_for(self, facts: FunctionFacts, key: str | None, path_operation: bool,
                     arg: ast.arg, default: ast.expr | None) -> _PendingParameter:
        inferred = literal_default_type(default)
        edits = self._annotation_edits(arg, default, inferred.text) if inferred else None
        safe = bool(inferred and inferred.safe and facts.decorators_harmless)
        injected = (isinstance(default, ast.Call)
                    and self.ctx.semantic.qualified_name(default.func) in FASTAPI_DEPENDS)
        return _PendingParameter(key, path_operation, facts, arg, default,
                                 self._location_with_def_line(arg, facts.node), edits,
                                 inferred, safe, injected)

    def _annotation_edits(self, arg: ast.arg, default: ast.expr | None, text: str
                          ) -> list[Edit]:
        line, column = _node_end(self, arg)
        if default is not None:
            default_line = getattr(default, "lineno", 0)
            default_column = self.ctx.source.char_column(default_line, default.col_offset)
            between = self.ctx.source.line(line)[column:default_column]
            if default_line == line and between.strip() == "=":
                # `retries=3` becomes `retries: int = 3`, spaced as PEP 8 asks.
                return [Edit(line, column + 1, line, default_column + 1, f": {text} = ")]
        return [Edit(line, column + 1, line, column + 1, f": {text}")]

    def _is_dummy(self, name: str) -> bool:
        return self.hints.suppress_dummy_args and name.startswith("_")

    def finish(self) -> None:
        for pending in self._pending:
            fastapi = pending.path_operation or (pending.key in self._dependencies)
            if fastapi != self.fastapi_only:
                continue
            self._report_pending(pending)
        if self.fastapi_only:
            self._record_for_project()

    def _record_for_project(self) -> None:
        """Facts for dependencies used from other modules: what this module passes to
        `Depends()`, and its module-level functions' unannotated parameters that no
        `Depends()` here made FastAPI inputs (the project pass may find one elsewhere)."""
        facts = self.ctx.practice_facts(self.practice)
        facts["depends_targets"] = sorted(self._dependencies)
        prefix = f"{self.ctx.module_name}." if self.ctx.module_name else ""
        candidates = []
        for pending in self._pending:
            if (pending.path_operation or pending.key is None
                    or pending.key in self._dependencies):
                continue
            message, fix = self._message_and_fix(pending, "dependency")
            candidates.append({"key": pending.key.removeprefix(prefix),
                               "location": pending.location, "message": message,
                               "fix": fix.to_json() if fix else None})
        facts["dependency_candidates"] = candidates

    def _message_and_fix(self, pending: _PendingParameter, kind: str
                         ) -> tuple[str, Fix | None]:
        raise NotImplementedError

    def _report_pending(self, pending: _PendingParameter) -> None:
        raise NotImplementedError


class MissingParameterAnnotation(_ParameterRule):
    """## What it does
    Checks for function and method parameters without a type annotation, including `*args`
    and `**kwargs`. The first parameter of a method (`self`, `cls`) is exempt; so is every
    parameter of a FastAPI path operation or dependency, which BL205 reports instead (one
    finding per parameter, never both).

    ## Why is this bad?
    An unannotated parameter is `Any` to a type checker: mypy skips the body of a function
    with no annotations at all, and calls to it are not checked. Service code is read far
    more than it is written; the annotation is the contract of the function.

    ## Example
    ```python
    def send_invoice(invoice_id, retries=3, *recipients):
        ...
    ```

    Use instead:
    ```python
    def send_invoice(invoice_id: int, retries: int = 3, *recipients: str) -> None:
        ...
    ```

    ## Options
    In `[tool.backendlint.type-hints]`:
    - `suppress-dummy-args` (default false): parameters named with a leading `_` need no
      annotation.
    - `ignore-private` (default false): skip functions and methods named `_private`.
    - `ignore-fully-untyped` (default false): skip functions that have no annotation at all,
      to adopt annotations one function at a time.

    ## Fix safety
    A parameter whose default is a literal gets that literal's type (`name="x"` →
    `name: str = "x"`, `flag=False` → `bool`, `ratio=0.5` → `float`, `b"x"` → `bytes`).
    The fix is safe for `str`, `bytes`, `bool` and `float` defaults. It is unsafe for an
    `int` default (callers often pass floats to `timeout=5`), and for any function with a
    decorator other than `staticmethod`, `classmethod`, `property` and `functools` caches,
    because decorators such as FastAPI's, typer's or `functools.singledispatch` read
    annotations at runtime. A `None` default or any other default gets no fix.
    """

    code = "BL201"
    name = "missing-parameter-annotation"
    fix_availability = FixAvailability.SOMETIMES

    def _report_pending(self, pending: _PendingParameter) -> None:
        if self._skipped(pending.facts) or self._is_dummy(pending.arg.arg):
            return
        fix = None
        if pending.fix_edits and pending.fix_type:
            fix = make_fix(f"Annotate `{pending.arg.arg}` as `{pending.fix_type.text}`",
                           pending.fix_edits, safe=pending.fix_safe)
        self._add(pending.location,
                  f"Parameter `{_spelled(pending)}` of `{pending.facts.node.name}` has no type "
                  "annotation", fix)


def _spelled(pending: _PendingParameter) -> str:
    args = pending.facts.node.args
    if pending.arg is args.vararg:
        return f"*{pending.arg.arg}"
    if pending.arg is args.kwarg:
        return f"**{pending.arg.arg}"
    return pending.arg.arg


class FastAPIParameterWithoutAnnotation(_ParameterRule):
    """## What it does
    Checks for parameters without an annotation in a FastAPI path operation (a function
    decorated with `@app.get(...)`, `.post`, `.put`, `.patch`, `.delete`, `.options`, `.head`,
    `.trace`, `.api_route` or `.websocket` on a `FastAPI()` or `APIRouter()` instance) and in a
    dependency function (one passed to `Depends(...)` or `Security(...)`, in its own module or,
    through the project pass, in another). These parameters get this error instead of BL201.

    ## Why is this bad?
    FastAPI decides from the annotation where a parameter comes from and how to validate it.
    Without one, the parameter becomes a query parameter taken as an unvalidated string: an
    `item_id` is never checked to be an integer, a `request` or `websocket` parameter is read
    from the query string instead of being injected, and the OpenAPI schema documents nothing.
    A dependency parameter (`db=Depends(get_db)`) without annotation is untyped in the body.

    ## Example
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(item_id, limit=10) -> dict:
        return {"id": item_id, "limit": limit}
    ```

    Use instead:
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(item_id: int, limit: int = 10) -> dict:
        return {"id": item_id, "limit": limit}
    ```

    ## Options
    None of the `[tool.backendlint.type-hints]` options apply: an unannotated FastAPI input is
    a validation gap whatever the project's annotation policy. A module-level dependency used
    with `Depends()` from another module is found by the project pass (its module must mention
    `fastapi`); a method used that way is reported by BL201.

    ## Fix safety
    A parameter with a literal default gets that literal's type (`limit=10` →
    `limit: int = 10`). The fix is always unsafe: the annotation changes what FastAPI accepts
    at runtime (a non-integer `limit` becomes a 422 response instead of a string).
    """

    code = "BL205"
    name = "fastapi-parameter-without-annotation"
    severity = Severity.ERROR
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = ("fastapi",)
    fastapi_only = True

    project_level = True

    def _report_pending(self, pending: _PendingParameter) -> None:
        kind = "path operation" if pending.path_operation else "dependency"
        message, fix = self._message_and_fix(pending, kind)
        self._add(pending.location, message, fix)

    def _message_and_fix(self, pending: _PendingParameter, kind: str
                         ) -> tuple[str, Fix | None]:
        name = f"`{_spelled(pending)}` of FastAPI {kind} `{pending.facts.node.name}`"
        if pending.injected:
            message = f"Parameter {name} has no annotation: the injected value is untyped"
        else:
            message = (f"Parameter {name} has no annotation: FastAPI reads it as an "
                       "unvalidated query string")
        fix = None
        if pending.fix_edits and pending.fix_type:
            fix = make_fix(f"Annotate `{pending.arg.arg}` as `{pending.fix_type.text}`",
                           pending.fix_edits, safe=False)
        return message, fix

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        """Dependencies defined in one module and passed to `Depends()` in another: their
        parameters are FastAPI inputs too, reported here instead of as BL201."""
        facts = project.facts_of(cls.practice)
        candidates: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for module, module_facts in facts:
            for entry in module_facts.get("dependency_candidates", []):
                candidates.setdefault((module["path"], entry["key"]), []).append(entry)
        reported: set[tuple[str, int, int]] = set()
        for module, module_facts in facts:
            for target in module_facts.get("depends_targets", []):
                resolved = project.resolve(target)
                if resolved is None or resolved[0]["path"] == module["path"]:
                    continue
                path = resolved[0]["path"]
                for entry in candidates.get((path, resolved[1]), []):
                    location = entry["location"]
                    place = (path, location["line"], location["column"])
                    if place in reported:
                        continue
                    reported.add(place)
                    fix = Fix.from_json(entry["fix"]) if entry["fix"] else None
                    if project.report(cls, path, location, entry["message"], fix=fix):
                        project.supersede(path, location, MissingParameterAnnotation.code)


# ---------------------------------------------------------------------------- returns


@dataclass
class _ClassInfo:
    annotated_in_bases: set[str]
    unknown_base: bool
    protocol: bool


@dataclass
class _SharedReturns:
    functions: dict[int, FunctionFacts] = field(default_factory=dict)
    classes: dict[int, _ClassInfo] = field(default_factory=dict)
    class_of: dict[int, _ClassInfo] = field(default_factory=dict)


class _ReturnRule(_TypeHintsRule):
    fix_availability = FixAvailability.SOMETIMES
    # Collection is shared by BL202 and BL203; each reports in its own leave_FunctionDef.
    shared_handlers = frozenset({"visit_FunctionDef", "visit_AsyncFunctionDef", "visit_Return",
                                 "visit_Yield", "visit_YieldFrom"})

    def __init__(self, ctx: Any, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        # BL202 and BL203 infer from the same returns, recorded once (shared handlers).
        shared = ctx.shared_state("type-hints.returns", _SharedReturns)
        self._functions = shared.functions
        self._classes: dict[int, _ClassInfo] = shared.classes
        self._class_of: dict[int, _ClassInfo] = shared.class_of

    def visit_FunctionDef(self, node: FunctionNode) -> None:
        facts = self._facts_for_visit(node)
        if facts.class_node is not None:
            self._class_of[id(node)] = self._class_info(facts.class_node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Return(self, node: ast.Return) -> None:
        facts = self._current_facts()
        if facts is not None:
            facts.returns.append(infer_expression(self, node.value))

    def visit_Yield(self, node: ast.AST) -> None:
        facts = self._current_facts()
        if facts is not None:
            facts.has_yield = True

    visit_YieldFrom = visit_Yield

    def leave_FunctionDef(self, node: FunctionNode) -> None:
        # Both return rules leave each function: read the shared facts, do not pop them.
        facts = self._functions.get(id(node))
        info = self._class_of.get(id(node))
        if facts is None or node.returns is not None or not self._wants(facts):
            return
        if self._skipped(facts) or self._init_exempt(facts):
            return
        self._add(name_location(self, node), self._message(facts),
                  self._return_fix(facts, info))

    leave_AsyncFunctionDef = leave_FunctionDef

    def _wants(self, facts: FunctionFacts) -> bool:
        raise NotImplementedError

    def _message(self, facts: FunctionFacts) -> str:
        raise NotImplementedError

    def _init_exempt(self, facts: FunctionFacts) -> bool:
        """mypy treats `__init__` as returning None once any parameter is annotated."""
        node = facts.node
        if not (facts.is_method and node.name == "__init__" and self.hints.mypy_init_return):
            return False
        return any(arg.annotation is not None for arg, _ in parameters_with_defaults(node))

    def _class_info(self, cls: ast.ClassDef) -> _ClassInfo:
        cached = self._classes.get(id(cls))
        if cached is None:
            cached = self._read_bases(cls)
            self._classes[id(cls)] = cached
        return cached

    def _read_bases(self, cls: ast.ClassDef) -> _ClassInfo:
        """Methods annotated in base classes defined in this module (followed up the chain),
        and whether some base is defined elsewhere (so its annotations are unknown)."""
        semantic = self.ctx.semantic
        info = _ClassInfo(set(), False, False)
        queue, seen = [cls], {id(cls)}
        while queue:
            current = queue.pop()
            for base in current.bases:
                target = base.value if isinstance(base, ast.Subscript) else base
                qualified = semantic.qualified_name(target)
                if qualified in NEUTRAL_BASES:
                    continue
                if qualified in PROTOCOL_BASES:
                    info.protocol = info.protocol or current is cls
                    continue
                local = self._local_class(target)
                if local is None:
                    info.unknown_base = True
                elif id(local) not in seen:
                    seen.add(id(local))
                    queue.append(local)
                    info.annotated_in_bases.update(_annotated_methods(local))
        return info

    def _local_class(self, target: ast.expr) -> ast.ClassDef | None:
        if not isinstance(target, ast.Name):
            return None
        binding = self.ctx.semantic.lookup(target.id)
        if binding is not None and binding.kind == "class" and isinstance(binding.node,
                                                                          ast.ClassDef):
            return binding.node
        return None

    def _return_fix(self, facts: FunctionFacts, info: _ClassInfo | None) -> Fix | None:
        node = facts.node
        enforced = ENFORCED_DUNDER_RETURNS.get(node.name) if facts.is_method else None
        if enforced is not None:
            if not self._names_usable([enforced], ()):
                return None
            return self._fix(facts, enforced, (), safe=True)
        if (facts.is_abstract or facts.is_overload or facts.has_yield or self.ctx.is_stub
                or is_stub_body(node.body) or None in facts.returns):
            return None
        if info is not None and (info.protocol or node.name in info.annotated_in_bases):
            return None
        sure = facts.decorators_harmless and not (info is not None and info.unknown_base)
        values = [inferred for inferred in facts.returns if inferred is not None]
        if not values and always_exits(node.body):
            # Every path raises. NoReturn changes how mypy reads every caller (code after the
            # call becomes unreachable) and forbids overrides that return, so it is unsafe.
            if not self._names_usable([], ("NoReturn",)):
                return None
            return self._fix(facts, "NoReturn", ("NoReturn",), safe=False)
        types = [inferred.text for inferred in values]
        if not always_exits(node.body) and any(text != "None" for text in types):
            # The body may fall off its end after returning values elsewhere: `X | None` is
            # right, but mypy then asks for an explicit `return None`, a code change we leave
            # to the author.
            return None
        text, names = spell_union(types, self.ctx.settings.target_version)
        if not self._names_usable(types, names):
            return None
        return self._fix(facts, text, names, safe=sure and all(v.safe for v in values))

    def _names_usable(self, builtin_names: list[str], typing_names: tuple[str, ...]) -> bool:
        """The annotation's names must mean the builtins and typing names where it is written
        (a module that defines its own `dict` or `Optional` gets no fix)."""
        semantic = self.ctx.semantic
        if not all(name == "None" or semantic.is_builtin(name) for name in builtin_names):
            return False
        for name in typing_names:
            binding = semantic.lookup(name)
            if binding is not None and binding.qualified != f"typing.{name}":
                return False
        return True

    def _fix(self, facts: FunctionFacts, text: str, typing_names: tuple[str, ...],
             safe: bool) -> Fix | None:
        end = _parameter_list_end(self, facts.node)
        if end is None:
            return None
        line, column = end
        edit = Edit(line, column + 1, line, column + 1, f" -> {text}")
        return make_fix(f"Add return annotation `{text}`", [edit], safe=safe,
                        imports=tuple(("typing", name) for name in typing_names))


def _annotated_methods(cls: ast.ClassDef) -> set[str]:
    return {statement.name for statement in cls.body
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
            and statement.returns is not None}


def _kind(facts: FunctionFacts) -> str:
    return "method" if facts.is_method else "function"


class MissingReturnAnnotationPublic(_ReturnRule):
    """## What it does
    Checks for public functions and methods (names without a leading underscore, and special
    methods such as `__str__`) that have no return annotation. `__init__` needs none when
    one of its parameters is annotated (as mypy accepts); overload variants and the
    implementation behind them are checked like any function, as mypy does; lambdas never.

    ## Why is this bad?
    Without a return annotation every caller gets `Any` back, so mypy checks nothing that is
    done with the result, and a function with no annotations at all is not checked inside.

    ## Example
    ```python
    def build_report(rows):
        return {"count": len(rows)}

    def audit(event: str):
        print(event)
    ```

    Use instead:
    ```python
    def build_report(rows: list[str]) -> dict:
        return {"count": len(rows)}

    def audit(event: str) -> None:
        print(event)
    ```

    ## Options
    In `[tool.backendlint.type-hints]`:
    - `mypy-init-return` (default true): `__init__` needs no `-> None` when any parameter is
      annotated.
    - `ignore-fully-untyped` (default false): skip functions without any annotation.

    ## Fix safety
    The fix infers the type from the function's own `return` statements (those in nested
    functions, lambdas and classes do not count; those inside loops, `with` and `try` do):
    - no `return` with a value and no `yield` → `-> None`;
    - each value a literal (`int`, `str`, `bytes`, `float`, `bool`, `None`), a call of a
      builtin constructor (`int(...)`, `dict(...)`, ... resolved, so a shadowed `dict` is not
      trusted), `not ...`, an f-string, a dict/list/set/tuple display or comprehension → that
      type (bare `dict`, `list`); several types → a union spelled for the project's minimum
      Python (`int | None` from 3.10, else `Optional[int]` / `Union[...]` with the import).
      When the body can fall off its end after returning a value elsewhere there is no fix:
      `X | None` would be right, but mypy then asks for an explicit `return None`, which is
      a change of code, not of annotations;
    - special methods whose result the interpreter checks (`__str__` → `str`, `__len__` →
      `int`, `__bool__` → `bool`, `__init__` → `None`, ...) → that type.
    Any other returned expression (a variable, an attribute, a call of anything but a builtin
    constructor) means no fix, never a guess. There is no fix for generators (the right
    `Iterator[...]` needs the yielded type), abstract
    methods, `@overload` variants, bodies that are only `...` / `raise NotImplementedError` /
    a docstring, `Protocol` members, or methods that override a method annotated in a base
    class defined in the same module.

    The fix is safe when the inferred type is certain. It is unsafe when a comparison with
    `==`, `<`, ... decides the type (`bool` is wrong for SQLAlchemy columns and numpy arrays;
    `is`, `in` and `not` always give a bool), when the function has a decorator other than
    `staticmethod`, `classmethod`, `property` and `functools` caches (FastAPI reads the return
    annotation as the response model), when the class has a base defined in another module
    (its annotation of the same method is unknown), and for `NoReturn`, which is added only
    when every path ends in `raise` and there is no `return`.
    """

    code = "BL202"
    name = "missing-return-annotation-public"

    def _wants(self, facts: FunctionFacts) -> bool:
        return not facts.is_nested and not is_private(facts.node.name)

    def _message(self, facts: FunctionFacts) -> str:
        return f"Public {_kind(facts)} `{facts.node.name}` has no return annotation"


class MissingReturnAnnotationPrivate(_ReturnRule):
    """## What it does
    Checks for private functions and methods (`_name`, `__mangled`) and functions nested in
    other functions that have no return annotation. Not reported in `.pyi` stubs.

    ## Why is this bad?
    Private helpers hold most of a service's logic; an unannotated helper returns `Any`, and
    mypy checks nothing its callers do with the result.

    ## Example
    ```python
    def _normalise(email: str):
        return email.strip().lower() == email
    ```

    Use instead:
    ```python
    def _normalise(email: str) -> bool:
        return email.strip().lower() == email
    ```

    ## Options
    In `[tool.backendlint.type-hints]`:
    - `ignore-private` (default false): skip private functions and methods.
    - `ignore-fully-untyped` (default false): skip functions without any annotation.

    ## Fix safety
    The same inference as BL202: `-> None` when nothing is returned, the literal or builtin
    constructor type of every `return`, unions for the project's minimum Python, `NoReturn`
    (unsafe) when every path raises; unsafe for `==`-style comparisons, unknown decorators and
    classes with bases from other modules; no fix for generators, stubs and overrides of
    annotated base methods.
    """

    code = "BL203"
    name = "missing-return-annotation-private"

    def _wants(self, facts: FunctionFacts) -> bool:
        if self.ctx.is_stub:
            return False
        return facts.is_nested or is_private(facts.node.name)

    def _message(self, facts: FunctionFacts) -> str:
        if facts.is_nested:
            return f"Nested function `{facts.node.name}` has no return annotation"
        return f"Private {_kind(facts)} `{facts.node.name}` has no return annotation"


# ---------------------------------------------------------------------------- Any


class AnyAnnotation(_TypeHintsRule):
    """## What it does
    Checks for parameters and return values annotated `typing.Any` (also through an alias such
    as `import typing as t; t.Any`, and in string annotations). Off by default.

    ## Why is this bad?
    `Any` switches type checking off for that value in both directions: anything is accepted
    and anything may be done with it. `object` accepts anything while keeping checks; a
    precise type or a `Protocol` says what the function needs.

    ## Example
    ```python
    from typing import Any

    def publish(event: Any) -> Any:
        return event
    ```

    Use instead:
    ```python
    def publish(event: dict[str, str]) -> bool:
        return bool(event)
    ```

    ## Options
    In `[tool.backendlint.type-hints]`:
    - `allow-any` (default false): accept `Any` on `*args` and `**kwargs`.

    ## Fix safety
    There is no fix: only the author knows the intended type.
    """

    code = "BL204"
    name = "any-type-annotation"
    default_enabled = False
    requires_any_text = ("Any",)

    def visit_FunctionDef(self, node: FunctionNode) -> None:
        for arg, _ in parameters_with_defaults(node):
            star = arg is node.args.vararg or arg is node.args.kwarg
            if arg.annotation is None or (star and self.hints.allow_any):
                continue
            if self._is_any(arg.annotation):
                self.report(arg.annotation,
                            f"Parameter `{arg.arg}` of `{node.name}` is annotated `Any`")
        if node.returns is not None and self._is_any(node.returns):
            self.report(node.returns, f"Return of `{node.name}` is annotated `Any`")

    visit_AsyncFunctionDef = visit_FunctionDef

    def _is_any(self, annotation: ast.expr) -> bool:
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:
                annotation = ast.parse(annotation.value.strip(), mode="eval").body
            except SyntaxError:
                return False
        return self.ctx.semantic.qualified_name(annotation) in ANY_NAMES
