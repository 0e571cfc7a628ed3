"""async-blocking (BL1xx): calls that block the event loop inside `async def`.

The rules of this practice share one `_FileAnalysis` per file: it classifies each call once
(tables in `async_blocking_calls`, the Django ORM by the shape of the receiver), and the first
rule instance of the practice in a file also writes the module facts that BL107 joins across
the project. Receivers are typed only through the semantic model (constructors, `with`
targets, `self.x` set in a method, annotations); astroid is not used, because every receiver
the tables know is reachable that way and an inferred guess would cost precision.
"""

from __future__ import annotations

import ast
import sys
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional, Union

from backendlint.diagnostics import Edit, Fix, FixAvailability, RelatedLocation, Severity
from backendlint.fixes import make_fix
from backendlint.registry import rule_by_code
from backendlint.rule import PracticeOptions, Rule
from backendlint.rules import async_blocking_calls as calls
from backendlint.semantic import Scope

if TYPE_CHECKING:
    from backendlint.context import FileContext, ProjectContext

PRACTICE = "async-blocking"
_CODES = ("BL101", "BL102", "BL103", "BL104", "BL105", "BL106", "BL108")
# Django's and our own recursion over assignments and base classes stops here.
_MAX_DEPTH = 8
_MAX_TEXT = 60
_STDLIB: frozenset[str] = frozenset(getattr(sys, "stdlib_module_names", ()))
FunctionDefNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


@dataclass
class AsyncBlockingOptions(PracticeOptions):
    # Qualified names or fnmatch patterns (`mylib.db.*`) of further blocking calls, reported
    # as BL105 unless an entry names its code (`mylib.http.*:BL102`); BL107 follows them.
    extra_blocking_calls: list[str] = field(default_factory=list)
    # Decorators that run a sync function in a worker thread, like `asgiref.sync.sync_to_async`.
    extra_thread_wrappers: list[str] = field(default_factory=list)
    # Qualified names or patterns accepted as non-blocking: library calls (`builtins.open`,
    # `requests.Session.get`) or project functions, which then stop BL107's propagation.
    ignore: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Blocking:
    """One blocking call: its code, how messages name it, and what to do instead."""

    code: str
    label: str
    hint: str
    fix: Optional[str] = None  # "sleep" or "twin"
    twin: Optional[str] = None  # the Django async method that replaces the call
    configured: bool = False  # from `extra-blocking-calls`


# ---------------------------------------------------------------------------- the analysis


class _FileAnalysis:
    """What the practice's rules share in one file: the call classification and the facts."""

    def __init__(self, ctx: FileContext, options: AsyncBlockingOptions) -> None:
        self.ctx = ctx
        self.semantic = ctx.semantic
        self.options = options
        self.ignore = tuple(options.ignore)
        self.extra = tuple(_parse_extra(entry) for entry in options.extra_blocking_calls)
        self.wrappers = calls.THREAD_WRAPPERS | frozenset(options.extra_thread_wrappers)
        self.collect_facts = ctx.settings.is_enabled_for(calls.HELPER, ctx.path)
        # Rules running on this file, by code; a rule skipped by its `requires_any_text` may
        # still be the code an `extra-blocking-calls` entry reports under.
        self.rules: dict[str, _AsyncBlockingRule] = {}
        # Callees already recorded per function (the facts keep one edge per callee).
        self._called: dict[str, set[tuple[str, str]]] = {}
        # The callee's qualified name from the last classification, reused by the facts.
        self.last_qualified: Optional[str] = None
        self._keys: dict[int, str] = {}
        self.facts: dict[str, Any] = {}
        if self.collect_facts:
            self.facts = ctx.practice_facts(PRACTICE)
            self.facts.update({"functions": {}, "classes": {}, "async_calls": [],
                               "imports": _module_imports(self.semantic.module_scope)})

    # ------------------------------------------------------------------ classification
    def classify_call(self, node: ast.Call) -> Optional[Blocking]:
        return self._classify_call(node) if self._worth_classifying() else None

    def classify_iteration(self, iterable: ast.expr) -> Optional[Blocking]:
        if not self._worth_classifying() or not self.is_queryset(iterable, 0):
            return None
        if self._ignored(("django.db.models.QuerySet.__iter__",)):
            return None
        return Blocking(calls.DJANGO_ORM, "Iterating a queryset",
                        "use `async for` (or `sync_to_async`)")

    def _worth_classifying(self) -> bool:
        # Module-level code runs at import time; only function bodies matter here.
        if self.semantic.in_async_function():
            return True
        return self.collect_facts and self.current_key() is not None

    def _classify_call(self, node: ast.Call) -> Optional[Blocking]:
        qualified = self.semantic.qualified_name(node.func)
        self.last_qualified = qualified
        if qualified is not None:
            match = calls.match_call(qualified, bool(node.args or node.keywords))
            if match is not None:
                if self._ignored((qualified, match.canonical)):
                    return None
                return Blocking(match.code, match.label, calls.HINTS[match.code],
                                fix="sleep" if match.code == calls.SLEEP else None)
            configured = self._configured(qualified)
            if configured is not None:
                return configured
            evaluator = calls.QUERYSET_EVALUATORS.get(qualified)
            if evaluator is not None and len(node.args) == 1 and not node.keywords:
                return self._queryset_evaluation(qualified, node.args[0], evaluator)
        if isinstance(node.func, ast.Attribute):
            return self._django_method(node.func)
        return None

    def _configured(self, qualified: str) -> Optional[Blocking]:
        for pattern, code in self.extra:
            if calls.matches_any((qualified,), (pattern,)) and not self._ignored((qualified,)):
                return Blocking(code, f"{qualified}()",
                                "run it with `await asyncio.to_thread(...)`", configured=True)
        return None

    def _ignored(self, names: tuple[str, ...]) -> bool:
        return bool(self.ignore) and calls.matches_any(names, self.ignore)

    # ------------------------------------------------------------------ the Django ORM
    def _queryset_evaluation(self, qualified: str, argument: ast.expr,
                             evaluator: str) -> Optional[Blocking]:
        if not self.is_queryset(argument, 0):
            return None
        if self._ignored(("django.db.models.QuerySet.__iter__",)):
            return None
        name = qualified.split(".", 1)[1]
        return Blocking(calls.DJANGO_ORM, f"`{name}()` of a queryset",
                        f"use {evaluator} (or `sync_to_async`)")

    def _django_method(self, func: ast.Attribute) -> Optional[Blocking]:
        method = func.attr
        if method in calls.QUERYSET_QUERIES and self.is_queryset(func.value, 0):
            owner = "QuerySet"
        elif method in calls.INSTANCE_METHODS and self._is_instance(func.value):
            owner = "Model"
        else:
            return None
        if self._ignored((f"django.db.models.{owner}.{method}",)):
            return None
        receiver = _short(self.ctx.source.segment(func.value))
        twin = f"a{method}"
        return Blocking(calls.DJANGO_ORM, f"{receiver}.{method}()",
                        f"use `await {receiver}.{twin}()` (or `sync_to_async`)", fix="twin",
                        twin=twin)

    def is_queryset(self, expr: ast.expr, depth: int) -> bool:
        """A Django manager (`Model.objects`) or a queryset built from one."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(expr, ast.Attribute) and expr.attr == "objects":
            return self._is_model_class(expr.value, depth + 1)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
            return (expr.func.attr in calls.QUERYSET_CHAIN
                    and self.is_queryset(expr.func.value, depth + 1))
        if isinstance(expr, ast.Name):
            binding = self.semantic.lookup(expr.id)
            if binding is not None and binding.kind == "assign" and binding.value is not None:
                return self.is_queryset(binding.value, depth + 1)
        return False

    def _is_model_class(self, expr: ast.expr, depth: int) -> bool:
        if depth > _MAX_DEPTH:
            return False
        if isinstance(expr, ast.Name):
            binding = self.semantic.lookup(expr.id)
            if binding is not None and binding.kind == "class":
                assert isinstance(binding.node, ast.ClassDef)
                return self._is_model_definition(binding.node, depth + 1)
        qualified = self.semantic.qualified_name(expr)
        if qualified is None:
            return False
        if qualified == "django.contrib.auth.get_user_model()":
            return True
        return _names_model(qualified)

    def _is_model_definition(self, node: ast.ClassDef, depth: int) -> bool:
        for base in node.bases:
            qualified = self.semantic.qualified_name(base)
            if qualified in calls.MODEL_BASES or self._is_model_class(base, depth + 1):
                return True
        return False

    def _is_instance(self, expr: ast.expr) -> bool:
        """A model instance: made by the model's constructor or a single-object query, a
        parameter annotated with the model, or the loop variable over a queryset."""
        if not isinstance(expr, ast.Name):
            return False
        binding = self.semantic.lookup(expr.id)
        if binding is None:
            return False
        if (binding.kind in ("assign", "annassign") and binding.value is not None
                and self._creates_instance(binding.value)):
            return True
        if binding.kind in ("param", "annassign") and binding.annotation is not None:
            annotation = _strip_optional(binding.annotation)
            return annotation is not None and self._is_model_class(annotation, 0)
        if binding.kind == "for" and isinstance(binding.node, (ast.For, ast.AsyncFor)):
            target = binding.node.target
            return (isinstance(target, ast.Name) and target.id == expr.id
                    and self.is_queryset(binding.node.iter, 0))
        return False

    def _creates_instance(self, value: ast.expr) -> bool:
        if isinstance(value, ast.Await):
            value = value.value
        if not isinstance(value, ast.Call):
            return False
        func = value.func
        if isinstance(func, ast.Attribute) and func.attr in calls.INSTANCE_QUERIES:
            return self.is_queryset(func.value, 0)
        if self.semantic.qualified_name(func) == "django.shortcuts.get_object_or_404":
            return bool(value.args) and self._is_model_class(value.args[0], 0)
        return self._is_model_class(func, 0)

    # ------------------------------------------------------------------ facts for BL107
    def current_key(self) -> Optional[str]:
        """The fact key of the function whose body is running here (None in lambdas, class
        bodies and at module level)."""
        scope = self.semantic.scope
        return self._keys.get(id(scope.node)) if scope.kind == "function" else None

    def _scope_path(self, scope: Optional[Scope]) -> Optional[list[str]]:
        names: list[str] = []
        while scope is not None and scope.kind != "module":
            if scope.kind == "lambda":
                return None
            node = scope.node
            assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            names.insert(0, node.name)
            scope = scope.parent
        return names

    def record_definition(self, node: Union[FunctionDefNode, ast.ClassDef]) -> None:
        # Called before the engine enters the node's scope: the current scope encloses it.
        path = self._scope_path(self.semantic.scope)
        if path is None:
            return
        key = ".".join([*path, node.name])
        self._keys[id(node)] = key
        if isinstance(node, ast.ClassDef):
            bases = [ref for ref in (self._reference(base, self.semantic.qualified_name(base))
                                     for base in node.bases) if ref]
            self.facts["classes"][key] = bases
            return
        self.facts["functions"][key] = {
            "name": key, "line": node.lineno,
            "async": isinstance(node, ast.AsyncFunctionDef),
            "wrapped": any(self._is_thread_wrapper(d) for d in node.decorator_list),
            "blocking": [], "calls": [],
        }

    def _is_thread_wrapper(self, decorator: ast.expr) -> bool:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        qualified = self.semantic.qualified_name(target)
        return qualified is not None and calls.matches_any((qualified,), tuple(self.wrappers))

    def record_call(self, node: ast.Call, blocking: Optional[Blocking]) -> None:
        key = self.current_key()
        if key is None:
            return
        function = self.facts["functions"].get(key)
        if function is None:
            return
        if blocking is not None:
            self.record_blocking(node, blocking)
            return
        if self.semantic.in_async_function():
            reference = self._reference(node.func, self.last_qualified)
            if reference is not None:
                self.facts["async_calls"].append({
                    "ref": reference, "call": _short(self.ctx.source.segment(node.func)),
                    "location": self.ctx.location(node)})
            return
        if function["async"]:
            return
        reference = self._reference(node.func, self.last_qualified)
        if reference is None or len(function["calls"]) >= 200:
            return
        # One edge per callee is enough for the call graph (the first line names it); the
        # facts of every module stay in memory until the project pass.
        seen = self._called.setdefault(key, set())
        kind, name = next(iter(reference.items()))
        if (kind, name) not in seen:
            seen.add((kind, name))
            # [kind, name, line] rather than nested dicts: these edges are most of the
            # practice's facts, which all stay in memory until the project pass.
            function["calls"].append([kind, name, node.lineno])

    def record_blocking(self, node: ast.AST, blocking: Blocking) -> None:
        key = self.current_key()
        function = self.facts["functions"].get(key) if key is not None else None
        # A cheap filesystem check (BL108) is a warning where it is written; it does not make
        # every caller of the helper a blocking call.
        if function is None or function["async"] or blocking.code == calls.FILESYSTEM_CHECK:
            return
        if len(function["blocking"]) < 3:
            function["blocking"].append({"code": blocking.code,
                                         "call": blocking.label.replace("`", ""),
                                         "line": getattr(node, "lineno", 0)})

    def _reference(self, func: ast.expr, qualified: Optional[str]) -> Optional[dict[str, str]]:
        """Where a callee lives: `{"local": key}` in this module, `{"qualified": name}`
        elsewhere, or None when the model cannot tell."""
        if qualified is None:
            return self._self_method(func)
        if qualified.startswith("builtins."):
            return None
        root = _root_name(func)
        if root is not None:
            binding = self.semantic.lookup(root.id)
            if binding is not None and binding.kind in ("function", "class"):
                path = self._scope_path(self.semantic.binding_scope(root.id))
                root_qualified = self.semantic.qualified_name(root) or ""
                if path is not None and qualified.startswith(root_qualified):
                    return {"local": ".".join([*path, root.id])
                            + qualified[len(root_qualified):]}
        prefix = f"{self.ctx.module_name}." if self.ctx.module_name else None
        if prefix and qualified.startswith(prefix):
            return {"local": qualified[len(prefix):]}
        return {"qualified": qualified}

    def _self_method(self, func: ast.expr) -> Optional[dict[str, str]]:
        """`self.helper()` inside a method: the class's own `helper`."""
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return None
        function = self.semantic.current_function()
        cls = self.semantic.enclosing_class()
        if function is None or cls is None or not function.args.args:
            return None
        if func.value.id != function.args.args[0].arg or func.value.id not in ("self", "cls"):
            return None
        class_key = self._keys.get(id(cls))
        return {"local": f"{class_key}.{func.attr}"} if class_key else None


def _analysis_for(rule: _AsyncBlockingRule) -> _FileAnalysis:
    options = rule.options
    assert isinstance(options, AsyncBlockingOptions)
    analysis = rule.ctx.shared_state(rule.practice, lambda: _FileAnalysis(rule.ctx, options))
    analysis.rules[rule.code] = rule
    return analysis


def _module_imports(scope: Scope) -> dict[str, str]:
    """Module-level imports, so that BL107 can follow re-exports through `__init__`."""
    imported: dict[str, str] = {}
    for name, bindings in scope.bindings.items():
        last = bindings[-1]
        if last.kind == "import" and last.qualified:
            imported[name] = last.qualified
    return imported


def _parse_extra(entry: str) -> tuple[str, str]:
    """`mylib.db.*` → (pattern, BL105); `mylib.http.*:BL102` → (pattern, BL102)."""
    pattern, _, code = entry.rpartition(":")
    if pattern and code.strip().upper() in _CODES:
        return pattern.strip(), code.strip().upper()
    return entry.strip(), calls.DATABASE


def _root_name(expr: ast.expr) -> Optional[ast.Name]:
    while isinstance(expr, (ast.Attribute, ast.Call)):
        expr = expr.value if isinstance(expr, ast.Attribute) else expr.func
    return expr if isinstance(expr, ast.Name) else None


def _names_model(qualified: str) -> bool:
    """`shop.models.Order`, `django.contrib.auth.models.User`: a class from a models module."""
    parts = qualified.split(".")
    return ("()" not in qualified and len(parts) >= 2 and "models" in parts[:-1]
            and parts[-1][:1].isupper())


def _strip_optional(annotation: ast.expr) -> Optional[ast.expr]:
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = [side for side in (annotation.left, annotation.right)
                 if not (isinstance(side, ast.Constant) and side.value is None)]
        return sides[0] if len(sides) == 1 else None
    if isinstance(annotation, ast.Subscript):
        base = annotation.value
        name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
        return annotation.slice if name == "Optional" else None
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return _strip_optional(ast.parse(annotation.value, mode="eval").body)
        except SyntaxError:
            return None
    return annotation


def _quoted(label: str) -> str:
    """Call labels are quoted as code; descriptions (`len()` of a queryset) carry their own."""
    return label if "`" in label or label.startswith("iterating") else f"`{label}`"


def _short(text: str) -> str:
    single = " ".join(text.split())
    return single if len(single) <= _MAX_TEXT else single[: _MAX_TEXT - 3] + "..."


# ---------------------------------------------------------------------------- the rules


class _AsyncBlockingRule(Rule):
    """Shared machinery: each node is classified once, on the first rule of the practice
    (the engine's shared dispatch), and reported under the rule its classification names."""

    practice = PRACTICE
    options_class = AsyncBlockingOptions
    shared_handlers = frozenset({"visit_FunctionDef", "visit_AsyncFunctionDef",
                                 "visit_ClassDef", "visit_Call", "visit_For",
                                 "visit_comprehension"})

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        self.analysis = _analysis_for(self)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if self.analysis.collect_facts:
            self.analysis.record_definition(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        if self.analysis.collect_facts:
            self.analysis.record_definition(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if self.analysis.collect_facts:
            self.analysis.record_definition(node)

    def visit_Call(self, node: ast.Call) -> None:
        analysis = self.analysis
        blocking = analysis.classify_call(node)
        if analysis.collect_facts:
            analysis.record_call(node, blocking)
        if blocking is None or not self.ctx.semantic.in_async_function():
            return
        rule = analysis.rules.get(blocking.code)
        if rule is not None:
            rule.report(node, rule._message(blocking), fix=rule._fix(node, blocking))
        elif blocking.configured:
            self._report_as(blocking.code, node, self._message(blocking))

    def _report_as(self, code: str, node: ast.AST, message: str) -> None:
        """Report under a rule of the practice that did not run on this file (an
        `extra-blocking-calls` entry may name a rule whose text needles were absent)."""
        if not self.ctx.settings.is_enabled_for(code, self.ctx.path):
            return
        rule = rule_by_code(code)
        self.ctx.findings.append(rule.make_finding(self.ctx.path, self.ctx.location(node), message))

    def visit_For(self, node: ast.For) -> None:
        self._check_iteration(node.iter)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        if not node.is_async:
            self._check_iteration(node.iter)

    def _check_iteration(self, iterable: ast.expr) -> None:
        analysis = self.analysis
        blocking = analysis.classify_iteration(iterable)
        if blocking is None:
            return
        if analysis.collect_facts:
            analysis.record_blocking(iterable, blocking)
        rule = analysis.rules.get(blocking.code)
        if rule is not None and self.ctx.semantic.in_async_function():
            rule.report(iterable, rule._message(blocking))

    def _message(self, blocking: Blocking) -> str:
        kind = ("is listed in `extra-blocking-calls`" if blocking.configured
                else calls.KIND[blocking.code])
        return f"{_quoted(blocking.label)} {kind} and blocks the event loop; {blocking.hint}"

    def _fix(self, node: ast.Call, blocking: Blocking) -> Optional[Fix]:
        return None


class _AwaitFixMixin(_AsyncBlockingRule):
    """Turning a call into an awaited one, with parentheses when the result is used as a
    primary (`(await Model.objects.aget(id=1)).name`)."""

    def _await_edits(self, node: ast.Call) -> list[Edit]:
        if self._already_awaited(node):
            return []
        if self._continues_as_primary(node):
            return [self.ctx.insert_before(node, "(await "), self.ctx.insert_after(node, ")")]
        return [self.ctx.insert_before(node, "await ")]

    def _already_awaited(self, node: ast.Call) -> bool:
        location = self.ctx.location(node)
        before = self.ctx.source.line(location["line"])[: location["column"] - 1].rstrip()
        if not before.endswith("await"):
            return False
        head = before[: -len("await")]
        return not head or not (head[-1].isalnum() or head[-1] == "_")

    def _continues_as_primary(self, node: ast.Call) -> bool:
        location = self.ctx.location(node)
        line_number, column = location["end_line"], location["end_column"] - 1
        source = self.ctx.source
        statement = self.ctx.statement_stack[-1] if self.ctx.statement_stack else None
        last_line = (statement.end_lineno if statement is not None and statement.end_lineno
                     else line_number)
        while line_number <= last_line:
            rest = source.line(line_number)[column:].strip()
            if rest and not rest.startswith("#"):
                return rest[0] in ".[("
            line_number, column = line_number + 1, 0
        return False


class BlockingSleepInAsync(_AwaitFixMixin):
    """## What it does
    Checks for `time.sleep()` inside an `async def`, however it is imported.

    ## Why is this bad?
    `time.sleep()` stops the whole event loop, so every other request the worker is serving
    waits too. `asyncio.sleep()` suspends only the current task.

    ## Example
    ```python
    import time


    async def wait_for_job(job_id: str) -> None:
        time.sleep(0.5)
    ```

    Use instead:
    ```python
    import asyncio


    async def wait_for_job(job_id: str) -> None:
        await asyncio.sleep(0.5)
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking (`time.sleep`).

    ## Fix safety
    The fix rewrites the call to `await asyncio.sleep(...)` and adds `import asyncio`. It is
    unsafe because the task now yields to others while it waits, which can reorder work that
    relied on nothing else running in between.
    """

    code = "BL101"
    name = "blocking-sleep-in-async"
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = ("sleep",)

    def _fix(self, node: ast.Call, blocking: Blocking) -> Optional[Fix]:
        binding = self.ctx.semantic.lookup("asyncio")
        if binding is not None and not (binding.kind == "import"
                                        and binding.qualified == "asyncio"):
            return None
        edits = [self.ctx.replace(node.func, "asyncio.sleep"), *self._await_edits(node)]
        return make_fix("Replace with `await asyncio.sleep()`", edits, safe=False,
                        imports=(("asyncio", None),))


class BlockingHttpCallInAsync(_AsyncBlockingRule):
    """## What it does
    Checks for synchronous network calls inside an `async def`: `requests` (module functions
    and `Session` methods), `httpx` module functions and `httpx.Client` methods,
    `urllib.request.urlopen`, `urllib3` pool requests, `http.client` connections, blocking
    `socket` calls, `smtplib`, `ftplib` and `input()`. Methods count when the receiver's type
    is known: a constructor call, a `with` target, `self.x` set in `__init__`, or an annotation.

    ## Why is this bad?
    A network round trip takes milliseconds to seconds; a sync client holds the event loop for
    all of it, so the service handles one request at a time.

    ## Example
    ```python
    import requests
    from fastapi import APIRouter

    router = APIRouter()


    @router.get("/rates")
    async def rates() -> dict:
        return requests.get("https://api.example.com/rates", timeout=5).json()
    ```

    Use instead:
    ```python
    import httpx
    from fastapi import APIRouter

    router = APIRouter()


    @router.get("/rates")
    async def rates() -> dict:
        async with httpx.AsyncClient() as client:
            response = await client.get("https://api.example.com/rates", timeout=5)
        return response.json()
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `requests.get` or `requests.Session.get`.

    ## Fix safety
    There is no fix: the async client has a different API.
    """

    code = "BL102"
    name = "blocking-http-call-in-async"
    requires_any_text = ("requests", "httpx", "urllib", "http", "socket", "smtplib", "ftplib",
                         "input")


class BlockingSubprocessInAsync(_AsyncBlockingRule):
    """## What it does
    Checks for process calls that wait inside an `async def`: `subprocess.run`, `call`,
    `check_call`, `check_output`, `Popen` (and `.wait()` / `.communicate()` on a Popen),
    `os.system`, `os.popen`, `os.spawn*` and `os.wait*`.

    ## Why is this bad?
    The event loop stays blocked until the child process exits.

    ## Example
    ```python
    import subprocess


    async def render_pdf(path: str) -> None:
        subprocess.run(["wkhtmltopdf", path, path + ".pdf"], check=True)
    ```

    Use instead:
    ```python
    import asyncio


    async def render_pdf(path: str) -> None:
        process = await asyncio.create_subprocess_exec("wkhtmltopdf", path, path + ".pdf")
        await process.wait()
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `subprocess.Popen`.

    ## Fix safety
    There is no fix.
    """

    code = "BL103"
    name = "blocking-subprocess-in-async"
    requires_any_text = ("subprocess", "os")


class BlockingFileIoInAsync(_AsyncBlockingRule):
    """## What it does
    Checks for file I/O inside an `async def`: `open()`, `io.open()`, the
    `pathlib.Path` methods `open`, `read_text`, `write_text`, `read_bytes` and `write_bytes`,
    and `shutil` copies, moves and `rmtree`.

    ## Why is this bad?
    Disk I/O (and network file systems even more) blocks the event loop for as long as the
    read or write takes.

    ## Example
    ```python
    async def load_template(name: str) -> str:
        with open(f"templates/{name}.html", encoding="utf-8") as handle:
            return handle.read()
    ```

    Use instead:
    ```python
    import aiofiles


    async def load_template(name: str) -> str:
        async with aiofiles.open(f"templates/{name}.html", encoding="utf-8") as handle:
            return await handle.read()
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `builtins.open` or `pathlib.Path.read_text`.

    ## Fix safety
    There is no fix.
    """

    code = "BL104"
    name = "blocking-file-io-in-async"
    requires_any_text = ("open", "Path", "pathlib", "shutil")


class BlockingDatabaseClientInAsync(_AsyncBlockingRule):
    """## What it does
    Checks for sync database and cache clients inside an `async def`: `sqlite3`, `psycopg2`,
    sync `psycopg`, `pymysql`, `MySQLdb` and `mysql.connector` connections and cursors, sync
    SQLAlchemy (engine connections, `Session` queries and commits), `redis.Redis`, `pymongo`
    and `boto3` clients.

    ## Why is this bad?
    Each query waits for the database server while the whole event loop is stopped; under
    load, requests queue behind one slow query.

    ## Example
    ```python
    from fastapi import Depends
    from sqlalchemy.orm import Session


    async def list_users(db: Session = Depends()) -> list:
        return db.query(object).all()
    ```

    Use instead:
    ```python
    from fastapi import Depends
    from sqlalchemy import select
    from sqlalchemy.ext.asyncio import AsyncSession


    async def list_users(db: AsyncSession = Depends()) -> list:
        return list((await db.execute(select(object))).scalars())
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `redis.Redis.get` or `sqlalchemy.orm.Session.commit`.
    - `extra-blocking-calls`: the project's own blocking calls, as qualified names or fnmatch
      patterns (`mylib.db.*`). They are reported here, since in-house clients are most often
      data stores, unless an entry names another code after a colon
      (`"mylib.http.*:BL102"`); BL107 follows them through helpers too.

    ## Fix safety
    There is no fix: async drivers have different APIs.
    """

    code = "BL105"
    name = "blocking-database-client-in-async"
    requires_any_text = ("sqlite3", "psycopg", "pymysql", "MySQLdb", "mysql", "sqlalchemy",
                         "sqlmodel", "redis", "pymongo", "boto3")


class SyncDjangoOrmInAsync(_AwaitFixMixin):
    """## What it does
    Checks for the sync Django ORM inside an `async def`: manager and queryset calls that
    run a query (`get`, `first`, `count`, `exists`, `create`, `update`, `delete`,
    `get_or_create`, `aggregate`, ...), `instance.save()`, `delete()` and
    `refresh_from_db()`, and iterating, `list()`, `len()` or `bool()` of a queryset. A receiver
    counts when it is `<Model>.objects` for a class from a models module (or a subclass of
    `models.Model`), a queryset chained from it, or an instance made from them.

    ## Why is this bad?
    Django raises `SynchronousOnlyOperation` for these calls in async code, or, with
    `DJANGO_ALLOW_ASYNC_UNSAFE`, blocks the event loop for each query.

    ## Example
    ```python
    from django.http import JsonResponse
    from shop.models import Order


    async def order_detail(request, order_id: int):
        order = Order.objects.get(pk=order_id)
        return JsonResponse({"id": order.pk})
    ```

    Use instead:
    ```python
    from django.http import JsonResponse
    from shop.models import Order


    async def order_detail(request, order_id: int):
        order = await Order.objects.aget(pk=order_id)
        return JsonResponse({"id": order.pk})
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: names such as
      `django.db.models.QuerySet.count` or `django.db.models.Model.save` are accepted.

    ## Fix safety
    The fix awaits the async twin (`get` → `await ...aget`, `save` → `await ...asave`). It is
    unsafe because the twins need Django 4.1 (4.2 for instance methods), and a call inside a
    generator expression turns it into an async generator.
    """

    code = "BL106"
    name = "sync-django-orm-in-async"
    fix_availability = FixAvailability.SOMETIMES
    requires_any_text = ("objects", "save", "delete", "refresh_from_db")

    def _fix(self, node: ast.Call, blocking: Blocking) -> Optional[Fix]:
        if blocking.fix != "twin" or blocking.twin is None:
            return None
        assert isinstance(node.func, ast.Attribute)
        receiver = self.ctx.source.segment(node.func.value)
        if not receiver:
            return None
        edits = [self.ctx.replace(node.func, f"{receiver}.{blocking.twin}"),
                 *self._await_edits(node)]
        return make_fix(f"Replace with `await ...{blocking.twin}()`", edits, safe=False)


class BlockingFilesystemCheckInAsync(_AsyncBlockingRule):
    """## What it does
    Checks for cheap but blocking filesystem calls inside an `async def`:
    `os.path.exists` / `isfile` / `isdir` / `getsize`, `os.listdir`, `os.scandir`, `os.stat`,
    and `pathlib.Path.exists` / `stat` / `iterdir` / `glob`.

    ## Why is this bad?
    They are usually fast, but each is a system call that can stall on a busy disk or a
    network mount, and the whole event loop waits for it.

    ## Example
    ```python
    import os


    async def has_avatar(user_id: int) -> bool:
        return os.path.exists(f"/srv/avatars/{user_id}.png")
    ```

    Use instead:
    ```python
    import anyio


    async def has_avatar(user_id: int) -> bool:
        return await anyio.Path(f"/srv/avatars/{user_id}.png").exists()
    ```

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: qualified names accepted as
      non-blocking, such as `os.path.exists` or `pathlib.Path.exists`.

    ## Fix safety
    There is no fix.
    """

    code = "BL108"
    name = "blocking-filesystem-check-in-async"
    severity = Severity.WARNING
    requires_any_text = ("os", "Path", "glob")


class BlockingHelperCallInAsync(_AsyncBlockingRule):
    """## What it does
    Checks for calls inside an `async def` to a sync function or method of the project that
    blocks, directly or through further calls, in any module. The message names the blocking
    call the chain ends in (`open() at app/config.py:15`); each step of the chain is a related
    location, listed under the finding and in SARIF.

    ## Why is this bad?
    Wrapping blocking I/O in a helper hides it from a reviewer and from single-file linters,
    but the event loop is blocked all the same.

    ## Example
    ```python
    import json


    def load_settings() -> dict:
        with open("settings.json") as handle:
            return json.load(handle)


    async def startup() -> None:
        load_settings()
    ```

    Use instead:
    ```python
    import asyncio
    import json


    def load_settings() -> dict:
        with open("settings.json") as handle:
            return json.load(handle)


    async def startup() -> None:
        await asyncio.to_thread(load_settings)
    ```

    A helper whose only blocking work is a cheap filesystem check (`os.path.exists`,
    `Path.stat`: BL108, a warning where it is written) does not make its callers blocking.

    ## Options
    - `ignore` in `[tool.backendlint.async-blocking]`: project functions (by qualified name,
      `app.config.load_settings`) or library calls accepted as non-blocking; they stop the
      propagation.
    - `extra-thread-wrappers`: decorators besides `sync_to_async`, `database_sync_to_async`,
      `run_in_threadpool` and `asyncio.to_thread` that run the decorated function in a thread.
    - `extra-blocking-calls`: further blocking library calls to follow.

    ## Fix safety
    There is no fix.
    """

    code = "BL107"
    name = "blocking-helper-call-in-async"
    project_level = True

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        assert isinstance(options, AsyncBlockingOptions)
        graph = _CallGraph(project, options)
        for path, facts in graph.modules.items():
            for call in facts.get("async_calls", []):
                target = graph.resolve(path, call["ref"], 0)
                if target is None or target not in graph.reasons:
                    continue
                steps = graph.steps(target)
                blocker = steps[-1]
                through = f" through {len(steps) - 1} calls" if len(steps) > 2 else ""
                message = (f"`{call['call']}()` is a sync helper that blocks the event loop: "
                           f"it reaches {blocker.message.removesuffix(' blocks')} at "
                           f"{blocker.path.rsplit('/', 1)[-1]}:{blocker.line}{through}; make it "
                           "async or call it with `await asyncio.to_thread(...)`")
                # The chain goes to related locations, where SARIF and the full output
                # show each step at its place.
                project.report(cls, path, call["location"], message, related=tuple(steps))


# ---------------------------------------------------------------------------- the project pass

FunctionId = tuple[str, str]  # (module path, function key)


class _CallGraph:
    """Which sync project functions block, and why, across every module's facts."""

    def __init__(self, project: ProjectContext, options: AsyncBlockingOptions) -> None:
        self.project = project
        self.ignore = tuple(options.ignore)
        self.modules: dict[str, dict[str, Any]] = {}
        self.names: dict[str, str] = {}
        for module, facts in project.facts_of(PRACTICE):
            if "functions" in facts:
                self.modules[module["path"]] = facts
                self.names[module["path"]] = module["module"]
        self.reasons: dict[FunctionId, tuple[Any, ...]] = {}
        self._located: dict[str, Optional[tuple[str, str]]] = {}
        self._propagate()

    def function(self, target: FunctionId) -> dict[str, Any]:
        info: dict[str, Any] = self.modules[target[0]]["functions"][target[1]]
        return info

    def _eligible(self, target: FunctionId, info: dict[str, Any]) -> bool:
        if info["async"] or info["wrapped"]:
            return False
        module = self.names.get(target[0], "")
        qualified = f"{module}.{target[1]}" if module else target[1]
        return not (self.ignore and calls.matches_any((qualified,), self.ignore))

    def _propagate(self) -> None:
        # Breadth-first from the direct blockers over reversed call edges: each function
        # gets the shortest chain, and a cycle cannot loop because a reason is set once.
        callers: dict[FunctionId, list[tuple[FunctionId, int]]] = {}
        queue: deque[FunctionId] = deque()
        for path, facts in self.modules.items():
            for key, info in facts["functions"].items():
                caller = (path, key)
                if not self._eligible(caller, info):
                    continue
                if info["blocking"]:
                    self.reasons[caller] = ("direct", info["blocking"][0])
                    queue.append(caller)
                for kind, name, line in info["calls"]:
                    callee = self.resolve(path, {kind: name}, 0)
                    if callee is not None and callee != caller:
                        callers.setdefault(callee, []).append((caller, line))
        while queue:
            callee = queue.popleft()
            for caller, line in callers.get(callee, []):
                if caller not in self.reasons:
                    self.reasons[caller] = ("call", callee, line)
                    queue.append(caller)

    def steps(self, target: FunctionId) -> list[RelatedLocation]:
        """Each function of the chain from `target` to the blocking call, then that call."""
        steps: list[RelatedLocation] = []
        seen: set[FunctionId] = set()
        current = target
        while current not in seen:
            seen.add(current)
            info = self.function(current)
            steps.append(RelatedLocation(current[0], info["line"], 1,
                                         f"{info['name']}() is sync and blocks"))
            reason = self.reasons[current]
            if reason[0] == "direct":
                steps.append(RelatedLocation(current[0], reason[1]["line"], 1,
                                             f"{reason[1]['call']} blocks"))
                break
            current = reason[1]
        return steps

    # ------------------------------------------------------------------ resolution
    def resolve(self, path: str, ref: dict[str, str], depth: int) -> Optional[FunctionId]:
        if depth > _MAX_DEPTH:
            return None
        located = self._locate(path, ref)
        return self._function_in(located[0], located[1], depth) if located else None

    def _locate(self, path: str, ref: dict[str, str]) -> Optional[tuple[str, str]]:
        if "local" in ref:
            return path, ref["local"]
        qualified = ref["qualified"]
        if qualified not in self._located:
            self._located[qualified] = self._locate_qualified(qualified)
        return self._located[qualified]

    def _locate_qualified(self, qualified: str) -> Optional[tuple[str, str]]:
        found = self.project.resolve(qualified)
        if found is None or found[0]["path"] not in self.modules:
            return None
        module, rest = found
        prefix = qualified[: len(qualified) - len(rest) - 1]
        # A stdlib name (`logging.getLogger`) only means a project module of the same name
        # when that module really is called so, not when its path merely ends that way.
        if module["module"] != prefix and prefix.split(".")[0] in _STDLIB:
            return None
        return module["path"], rest

    def _function_in(self, path: str, key: str, depth: int) -> Optional[FunctionId]:
        facts = self.modules[path]
        if key in facts["functions"]:
            return path, key
        classes = facts["classes"]
        if key.endswith("()") and key[:-2] in classes:
            return self._method(path, key[:-2], "__init__", depth)
        if "()." in key:
            owner, method = key.split("().", 1)
            if owner in classes:
                return self._method(path, owner, method, depth)
        elif "." in key:
            owner, method = key.rsplit(".", 1)
            if owner in classes:
                return self._method(path, owner, method, depth)
        return self._through_import(path, key, depth)

    def _through_import(self, path: str, key: str, depth: int) -> Optional[FunctionId]:
        """`from .storage import save_report` re-exported by a package `__init__`."""
        head, dot, rest = key.partition(".")
        name = head.rstrip("()")
        imported = self.modules[path]["imports"].get(name)
        if imported is None:
            return None
        return self.resolve(path, {"qualified": imported + head[len(name):] + dot + rest},
                            depth + 1)

    def _method(self, path: str, owner: str, method: str, depth: int) -> Optional[FunctionId]:
        if depth > _MAX_DEPTH:
            return None
        facts = self.modules[path]
        key = f"{owner}.{method}"
        if key in facts["functions"]:
            return path, key
        for base in facts["classes"].get(owner, []):
            located = self._locate(path, base)
            if located is None:
                continue
            if located[1] in self.modules[located[0]]["classes"]:
                found = self._method(located[0], located[1], method, depth + 1)
                if found is not None:
                    return found
        return None
