"""The per-file work of the async-blocking practice: each call is classified once by the
knowledge tables (`knowledge/blocking_calls.py`, the Django ORM by the shape of the receiver)
and reported for the rule of its category; the same pass writes the facts BL107 joins
across the project.

Receivers are typed only through the semantic model (constructors, `with` targets, `self.x`
set in a method, annotations); an inferred guess would cost precision.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Optional, Union

from backendlint.core.findings import Confidence
from backendlint.core.rule import FileAnalysis, Rule
from backendlint.knowledge import blocking_calls as calls
from backendlint.knowledge.blocking_calls import Category
from backendlint.practices.async_blocking.categories import RULES
from backendlint.practices.async_blocking.detection import Blocking
from backendlint.practices.async_blocking.facts import (
    AsyncBlockingFacts,
    AsyncCall,
    BlockingSite,
    CallEdge,
    CallRef,
    Condition,
    Const,
    FunctionFacts,
)
from backendlint.practices.async_blocking.options import AsyncBlockingOptions
from backendlint.semantic.analyze.annotations import strip_optional
from backendlint.semantic.analyze.arguments import (
    FunctionNode,
    call_argument,
    keyword_argument,
    parameters_with_defaults,
)
from backendlint.semantic.analyze.branches import branch_tests, under_run_once_guard
from backendlint.semantic.analyze.constants import literal_value
from backendlint.semantic.model import Scope

if TYPE_CHECKING:
    from backendlint.core.context import FileContext
    from backendlint.core.practice import PracticeOptions

_BY_CODE: dict[str, Category] = {rule.code: category for category, rule in RULES.items()}

# Django's and our own recursion over assignments and base classes stops here.
_MAX_DEPTH = 8
_MAX_TEXT = 60
# Callees recorded per function: the facts keep one edge per callee, and at most this many.
_MAX_EDGES = 200
_MAX_SITES = 3


class AsyncBlockingAnalysis(FileAnalysis):
    """Classifies every call of the file once and reports it under its rule; records the
    module's functions, their calls and blocking sites for BL107."""

    def __init__(self, ctx: FileContext, options: PracticeOptions,
                 enabled: frozenset[type[Rule]]) -> None:
        super().__init__(ctx, options, enabled)
        assert isinstance(options, AsyncBlockingOptions)
        self.ignore = tuple(options.ignore)
        self.extra = tuple(_parse_extra(entry) for entry in options.extra_blocking_calls)
        self.wrappers = tuple(calls.THREAD_WRAPPERS | frozenset(options.extra_thread_wrappers))
        # BL107 and the project pass of the other rules (calls only the index can resolve).
        self.collect_facts = True
        self._called: dict[str, set[tuple[bool, str]]] = {}
        self._last_qualified: Optional[str] = None
        self._keys: dict[int, str] = {}
        # The parameters callers pass, per function node (for branch conditions).
        self._params: dict[int, frozenset[str]] = {}
        # Call nodes whose result is awaited: a coroutine comes back, nothing blocks here.
        self._awaited: set[int] = set()
        # Receivers switched to non-blocking mode (`sock.setblocking(False)`), by key.
        self._non_blocking: set[tuple[str, int, str]] = set()
        # `related_name=` of the relations declared in this module.
        self._related_names = _related_names(ctx.tree) if "related_name" in ctx.source.text \
            else frozenset()
        self.facts = AsyncBlockingFacts()
        if self.collect_facts:
            self.facts.imports = _module_imports(self.semantic.module_scope)

    def finish(self) -> None:
        if self.collect_facts:
            self.ctx.set_facts(self.facts)

    # ------------------------------------------------------------------ traversal
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if self.collect_facts:
            self._record_definition(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        if self.collect_facts:
            self._record_definition(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if self.collect_facts:
            self._record_definition(node)

    def visit_Await(self, node: ast.Await) -> None:
        if isinstance(node.value, ast.Call):
            self._awaited.add(id(node.value))

    def visit_Call(self, node: ast.Call) -> None:
        blocking = self._classify_call(node) if self._worth_classifying() else None
        if self.collect_facts:
            self._record_call(node, blocking)
        if blocking is not None and self.semantic.in_async_function() and (
                id(node) not in self._awaited or blocking.category is Category.DJANGO_ORM):
            # An awaited call returns an awaitable: the name is not the sync call the model
            # resolved it to (shadowed, or a mistyped receiver). The sync ORM is the exception:
            # `await Model.objects.get()` runs the query, then fails; its fix is the twin.
            self._report(node, blocking)

    def visit_For(self, node: ast.For) -> None:
        self._check_iteration(node.iter)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        if not node.is_async:
            self._check_iteration(node.iter)

    def _check_iteration(self, iterable: ast.expr) -> None:
        if not self._worth_classifying() or not self.is_queryset(iterable, 0):
            return
        if self._ignored(("django.db.models.QuerySet.__iter__",)):
            return
        blocking = Blocking(Category.DJANGO_ORM, "iterating a queryset",
                            "use `async for` (or wrap the code in `sync_to_async`)")
        if self.collect_facts:
            self._record_blocking(iterable, blocking)
        if self.semantic.in_async_function():
            self._report(iterable, blocking)

    def _report(self, node: ast.AST, blocking: Blocking) -> None:
        rule = RULES[blocking.category]
        if rule in self.enabled:
            fix = rule.fix(self.ctx, node, blocking) if isinstance(node, ast.Call) else None
            message, confidence = rule.message(blocking), None
            if blocking.canonical in calls.CACHED_CALLS:
                # `importlib.import_module`: only the first import of a module reads files.
                message += " (only the first call per argument blocks: the result is cached)"
                confidence = Confidence.LOW
            self.report(rule, node, message, fix=fix, confidence=confidence)
        elif blocking.configured and self.ctx.settings.is_enabled_for(rule.code, self.ctx.path):
            # An `extra-blocking-calls` entry may name a rule whose text needles were absent.
            self.ctx.add_finding(rule, node, rule.message(blocking))

    # ------------------------------------------------------------------ classification
    def _worth_classifying(self) -> bool:
        # Module-level code runs at import time; only function bodies matter here.
        if self.semantic.in_async_function():
            return True
        return self.collect_facts and self._current_key() is not None

    def _classify_call(self, node: ast.Call) -> Optional[Blocking]:
        qualified = self.semantic.qualified_name(node.func)
        self._last_qualified = qualified
        if qualified is not None:
            match = calls.match_call(qualified, bool(node.args or node.keywords))
            if match is None:
                self._note_switch(node, qualified)
            else:
                if self._ignored((qualified, match.canonical)):
                    return None
                if self._non_blocking_call(node, match.canonical):
                    return None
                return Blocking(match.category, match.label,
                                fix="sleep" if match.category is Category.SLEEP else None,
                                canonical=match.canonical)
            configured = self._configured(qualified)
            if configured is not None:
                return configured
            evaluator = calls.QUERYSET_EVALUATORS.get(qualified)
            if evaluator is not None and len(node.args) == 1 and not node.keywords:
                return self._queryset_evaluation(qualified, node.args[0], evaluator)
        if isinstance(node.func, ast.Attribute):
            return self._django_method(node.func)
        return None

    def _non_blocking_call(self, node: ast.Call, canonical: str) -> bool:
        """`os.waitpid(pid, os.WNOHANG)`; a method of a socket after `setblocking(False)`."""
        flag = calls.NON_BLOCKING_FLAGS.get(canonical)
        if flag is not None:
            argument = call_argument(node, flag[0], flag[1])
            return argument is not None and self._mentions(argument, flag[2])
        owner = canonical.rpartition(".")[0]
        switches = calls.NON_BLOCKING_SWITCHES.get(owner)
        if switches is None or not isinstance(node.func, ast.Attribute):
            return False
        key = self._receiver_key(node.func.value)
        return key is not None and key in self._non_blocking

    def _note_switch(self, node: ast.Call, qualified: str) -> None:
        """`sock.setblocking(False)`, `sock.settimeout(0)`: later calls on it return at once."""
        receiver, _, method = qualified.rpartition(".")
        if not isinstance(node.func, ast.Attribute) or not node.args:
            return
        known_type = calls.receiver_type(receiver)
        if known_type is None or method not in calls.NON_BLOCKING_SWITCHES.get(known_type, ()):
            return
        known, value = literal_value(self.semantic, node.args[0])
        key = self._receiver_key(node.func.value)
        if key is not None and known and value in (False, 0):
            self._non_blocking.add(key)

    def _receiver_key(self, expr: ast.expr) -> Optional[tuple[str, int, str]]:
        if isinstance(expr, ast.Name):
            binding = self.semantic.lookup(expr.id)
            return ("name", id(binding), expr.id) if binding is not None else None
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            cls = self.semantic.enclosing_class()
            if expr.value.id in ("self", "cls") and cls is not None:
                return ("attribute", id(cls), expr.attr)
        return None

    def _mentions(self, expr: ast.expr, qualified: str) -> bool:
        """Whether a flag expression (`os.WNOHANG | os.WUNTRACED`) includes the flag."""
        if isinstance(expr, ast.BinOp):
            return self._mentions(expr.left, qualified) or self._mentions(expr.right, qualified)
        return self.semantic.qualified_name(expr) == qualified

    def _configured(self, qualified: str) -> Optional[Blocking]:
        for pattern, category in self.extra:
            if calls.matches_any((qualified,), (pattern,)) and not self._ignored((qualified,)):
                return Blocking(category, f"{qualified}()", configured=True)
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
        return Blocking(Category.DJANGO_ORM, f"`{name}()` of a queryset",
                        f"use {evaluator} (or wrap the code in `sync_to_async`)")

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
        return Blocking(Category.DJANGO_ORM, f"{receiver}.{method}()",
                        f"use `await {receiver}.{twin}()` (or wrap the code in "
                        "`sync_to_async`)", fix="twin", twin=twin)

    def is_queryset(self, expr: ast.expr, depth: int) -> bool:
        """A Django manager (`Model.objects`) or a queryset built from one."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(expr, ast.Attribute) and expr.attr == "objects":
            return self._is_model_class(expr.value, depth + 1)
        if isinstance(expr, ast.Attribute) and (
                expr.attr.endswith("_set") or expr.attr in self._related_names):
            # A reverse or related manager of an instance: `order.item_set`, `order.items`
            # for `ForeignKey(Order, related_name="items")`.
            return self._is_instance(expr.value)
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
            annotation = strip_optional(binding.annotation)
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
        if isinstance(func, ast.Name):
            # A function of this module annotated to return a model (`-> Order`).
            binding = self.semantic.lookup(func.id)
            if (binding is not None and binding.kind == "function"
                    and isinstance(binding.node, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and binding.node.returns is not None):
                returned = strip_optional(binding.node.returns)
                return returned is not None and self._is_model_class(returned, 0)
        return self._is_model_class(func, 0)

    # ------------------------------------------------------------------ facts for BL107
    def _current_key(self) -> Optional[str]:
        """The fact key of the function whose body is running here (None in lambdas, class
        bodies and at module level)."""
        scope = self.semantic.scope
        return self._keys.get(id(scope.node)) if scope.kind == "function" else None

    def _record_definition(self, node: Union[FunctionNode, ast.ClassDef]) -> None:
        # Called before the engine enters the node's scope: the current scope encloses it.
        path = _scope_path(self.semantic.scope)
        if path is None:
            return
        key = ".".join([*path, node.name])
        self._keys[id(node)] = key
        if isinstance(node, ast.ClassDef):
            bases = [ref for ref in (self._reference(base, self.semantic.qualified_name(base))
                                     for base in node.bases) if ref]
            self.facts.classes[key] = bases
            return
        decorators = [self._decorator_name(d) for d in node.decorator_list]
        pairs = parameters_with_defaults(node)
        if (self.semantic.scope.kind == "class" and pairs
                and "builtins.staticmethod" not in decorators):
            pairs = pairs[1:]  # `self` or `cls`: the receiver, not an argument
        defaults: dict[str, Const] = {}
        for arg, default in pairs:
            known, value = literal_value(self.semantic, default)
            if known:
                defaults[arg.arg] = value
        self._params[id(node)] = frozenset(arg.arg for arg, _ in pairs)
        self.facts.functions[key] = FunctionFacts(
            name=key, line=node.lineno, is_async=isinstance(node, ast.AsyncFunctionDef),
            wrapped=any(name is not None and calls.matches_any((name,), self.wrappers)
                        for name in decorators),
            memoised=any(name in calls.MEMOISERS for name in decorators),
            params=[arg.arg for arg, _ in pairs], defaults=defaults)

    def _decorator_name(self, decorator: ast.expr) -> Optional[str]:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        return self.semantic.qualified_name(target)

    def _branch(self, conditions: bool = True, guard: bool = True
                ) -> tuple[list[Condition], bool]:
        """The parameter tests the current statement runs under, and whether it is behind a
        run-once guard, within the innermost function (each only when asked for: a call edge
        needs the tests, an awaited-call fact the guard)."""
        scope = self.semantic.scope
        params = self._params.get(id(scope.node), frozenset())
        stack = self.ctx.statement_stack
        node = scope.node
        start = None
        for index in range(len(stack) - 1, -1, -1):
            if stack[index] is node:
                start = index
                break
        if start is None:
            return [], False
        tail = stack[start:]
        tests = branch_tests(tail, params) if params and conditions else []
        return ([Condition(test.param, test.test, test.value) for test in tests],
                guard and under_run_once_guard(tail, params))

    def _constants(self, node: ast.Call) -> tuple[dict[str, Const], bool]:
        constants: dict[str, Const] = {}
        spread = False
        for index, argument in enumerate(node.args):
            if isinstance(argument, ast.Starred):
                spread = True
                break
            known, value = literal_value(self.semantic, argument)
            if known:
                constants[str(index)] = value
        for keyword in node.keywords:
            if keyword.arg is None:
                spread = True
                continue
            known, value = literal_value(self.semantic, keyword.value)
            if known:
                constants[keyword.arg] = value
        return constants, spread

    def _record_call(self, node: ast.Call, blocking: Optional[Blocking]) -> None:
        key = self._current_key()
        if key is None:
            return
        function = self.facts.functions.get(key)
        if function is None:
            return
        if blocking is not None:
            self._record_blocking(node, blocking)
            return
        if self.semantic.in_async_function():
            if id(node) in self._awaited:
                return  # `await helper()`: the call returns an awaitable
            reference = self._reference(node.func, self._last_qualified)
            if reference is not None:
                constants, spread = self._constants(node)
                _, guarded = self._branch(conditions=False)
                self.facts.async_calls.append(AsyncCall(
                    reference, _short(self.ctx.source.segment(node.func)), self.ctx.span(node),
                    constants, spread, bool(node.args or node.keywords), guarded))
            return
        if function.is_async:
            return
        reference = self._reference(node.func, self._last_qualified)
        if reference is None or len(function.calls) >= _MAX_EDGES:
            return
        seen = self._called.setdefault(key, set())
        if (reference.local, reference.name) not in seen:
            constants, spread = self._constants(node)
            conditions, _ = self._branch(guard=False)
            if not conditions and not constants:
                seen.add((reference.local, reference.name))
            function.calls.append(CallEdge(reference, node.lineno, conditions, constants,
                                           spread))

    def _record_blocking(self, node: ast.AST, blocking: Blocking) -> None:
        key = self._current_key()
        function = self.facts.functions.get(key) if key is not None else None
        # A cheap filesystem check (BL108) is a warning where it is written; it does not make
        # every caller of the helper a blocking call.
        if (function is None or function.is_async
                or blocking.category is Category.FILESYSTEM_CHECK):
            return
        if len(function.blocking) < _MAX_SITES:
            conditions, guarded = self._branch()
            guarded = guarded or blocking.canonical in calls.CACHED_CALLS
            function.blocking.append(BlockingSite(blocking.category.value,
                                                  blocking.label.replace("`", ""),
                                                  getattr(node, "lineno", 0), conditions,
                                                  guarded))

    def _reference(self, func: ast.expr, qualified: Optional[str]) -> Optional[CallRef]:
        """Where a callee lives: in this module (`local`), elsewhere (`qualified`), or None
        when the model cannot tell."""
        if qualified is None:
            return self._self_method(func)
        if qualified.startswith("builtins."):
            return None
        root = _root_name(func)
        if root is not None:
            binding = self.semantic.lookup(root.id)
            if binding is not None and binding.kind in ("function", "class"):
                path = _scope_path(self.semantic.binding_scope(root.id))
                root_qualified = self.semantic.qualified_name(root) or ""
                if path is not None and qualified.startswith(root_qualified):
                    return CallRef(True, ".".join([*path, root.id])
                                   + qualified[len(root_qualified):])
        prefix = f"{self.ctx.module_name}." if self.ctx.module_name else None
        if prefix and qualified.startswith(prefix):
            return CallRef(True, qualified[len(prefix):])
        return CallRef(False, qualified)

    def _self_method(self, func: ast.expr) -> Optional[CallRef]:
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
        return CallRef(True, f"{class_key}.{func.attr}") if class_key else None


def _scope_path(scope: Optional[Scope]) -> Optional[list[str]]:
    names: list[str] = []
    while scope is not None and scope.kind != "module":
        if scope.kind == "lambda":
            return None
        node = scope.node
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        names.insert(0, node.name)
        scope = scope.parent
    return names


def _related_names(tree: ast.Module) -> frozenset[str]:
    """`related_name="items"` of the fields declared in the module's classes."""
    names: set[str] = set()
    for statement in tree.body:
        if not isinstance(statement, ast.ClassDef):
            continue
        for item in statement.body:
            value = item.value if isinstance(item, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(value, ast.Call):
                related = keyword_argument(value, "related_name")
                if isinstance(related, ast.Constant) and isinstance(related.value, str) \
                        and related.value.isidentifier():
                    names.add(related.value)
    return frozenset(names)


def _module_imports(scope: Scope) -> dict[str, str]:
    """Module-level imports, so that BL107 can follow re-exports through `__init__`."""
    imported: dict[str, str] = {}
    for name, bindings in scope.bindings.items():
        last = bindings[-1]
        if last.kind == "import" and last.qualified:
            imported[name] = last.qualified
    return imported


def _parse_extra(entry: str) -> tuple[str, Category]:
    """`mylib.db.*` → (pattern, database); `mylib.http.*:BL102` → (pattern, network)."""
    pattern, _, code = entry.rpartition(":")
    category = _BY_CODE.get(code.strip().upper())
    if pattern and category is not None:
        return pattern.strip(), category
    return entry.strip(), Category.DATABASE


def _root_name(expr: ast.expr) -> Optional[ast.Name]:
    while isinstance(expr, (ast.Attribute, ast.Call)):
        expr = expr.value if isinstance(expr, ast.Attribute) else expr.func
    return expr if isinstance(expr, ast.Name) else None


def _names_model(qualified: str) -> bool:
    """`shop.models.Order`, `django.contrib.auth.models.User`: a class from a models module."""
    parts = qualified.split(".")
    return ("()" not in qualified and len(parts) >= 2 and "models" in parts[:-1]
            and parts[-1][:1].isupper())


def _short(text: str) -> str:
    single = " ".join(text.split())
    return single if len(single) <= _MAX_TEXT else single[: _MAX_TEXT - 3] + "..."
