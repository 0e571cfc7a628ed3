"""The per-file half of the transaction and task rules (BL904, BL905, BL907): where a
statement stands against `transaction.atomic` in its own function, and the module's
`TransactionFacts` (row locks run outside an atomic block, queued tasks with what they carry,
calls made inside atomic blocks, `ATOMIC_REQUESTS` in `DATABASES`).

The rules share one collector per file (`ctx.shared_state`) and one call per node
(`shared_handlers`), so enabling one of them fills the same facts as enabling all three."""

from __future__ import annotations

import ast
import enum
import sys
from dataclasses import dataclass
from typing import ClassVar, Optional

from backendlint.core.context import FileContext, ProjectContext
from backendlint.core.findings import Related
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.background_jobs import TASK_BASES
from backendlint.knowledge.celery import (
    ATOMIC,
    ATOMIC_REQUESTS_SETTING,
    DATABASES_SETTING,
    MANAGEMENT_COMMAND_BASES,
    NON_ATOMIC_REQUESTS,
    QUERYSET_EVALUATING_BUILTINS,
    QUERYSET_EVALUATING_CALLS,
    QUERYSET_EVALUATING_METHODS,
    QUEUE_METHODS,
    SELECT_FOR_UPDATE,
    SEND_TASK,
    SIGNATURE_METHODS,
)
from backendlint.knowledge.libraries import THIRD_PARTY_ROOTS
from backendlint.knowledge.web_frameworks import DRF_ACTIONS, HTTP_VERBS, METHOD_DECORATOR
from backendlint.practices.data_access.facts_tasks import (
    LockEvaluation,
    PassedInstance,
    QueuedTask,
    TransactionFacts,
)
from backendlint.practices.data_access.tasks import is_task_decorator, task_verdict
from backendlint.semantic.analyze.arguments import call_argument
from backendlint.semantic.analyze.orm_instances import instance_origin
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.index import CallerRef, FunctionRef
from backendlint.semantic.model import ScopeKind, SemanticModel

_FOLLOW_DEPTH = 4
_EVALUATING_FUNCTIONS = QUERYSET_EVALUATING_BUILTINS | QUERYSET_EVALUATING_CALLS
_SHORT = 60


def is_atomic(semantic: SemanticModel, expr: ast.expr) -> bool:
    """`transaction.atomic`, `transaction.atomic(using=...)`, `atomic()` imported directly,
    and `method_decorator(transaction.atomic, ...)` on a view."""
    target = expr.func if isinstance(expr, ast.Call) else expr
    qualified = semantic.qualified_name(target)
    if qualified in ATOMIC:
        return True
    return (qualified == METHOD_DECORATOR and isinstance(expr, ast.Call)
            and any(is_atomic(semantic, argument) for argument in expr.args))


def may_open_transaction(semantic: SemanticModel, expr: ast.expr) -> bool:
    """A context manager of the project's own that may wrap `atomic` (`with
    locked_transaction():`, `with self.atomic_block():`): enough to leave a row lock alone,
    never enough to report a task queued in it."""
    target = expr.func if isinstance(expr, ast.Call) else expr
    name = (semantic.qualified_name(target) or ast.unparse(target)).rsplit(".", 1)[-1]
    return any(word in name.lower() for word in _TRANSACTION_WORDS)


_TRANSACTION_WORDS = ("atomic", "transaction")


def atomic_site(ctx: FileContext, lenient: bool = False) -> tuple[int, str]:
    """The line of the `with transaction.atomic():` block (`block`) or `@transaction.atomic`
    decorator (`decorator`) that the current node runs in, within its own function; (0, "")
    when there is none. Code in a lambda or a nested def runs when it is called (an
    `on_commit` callback): never in. `lenient` also takes the project's own context
    managers named like a transaction (see `may_open_transaction`)."""
    semantic = ctx.semantic
    if semantic.scope.kind is ScopeKind.LAMBDA:
        return 0, ""
    stack = ctx.statement_stack
    for position in range(len(stack) - 1, -1, -1):
        statement = stack[position]
        if isinstance(statement, (ast.With, ast.AsyncWith)):
            if any(is_atomic(semantic, item.context_expr) for item in statement.items):
                return statement.lineno, "block"
            if lenient and any(may_open_transaction(semantic, item.context_expr)
                               for item in statement.items):
                return statement.lineno, "block"
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorators = list(statement.decorator_list)
            owner = stack[position - 1] if position else None
            if isinstance(owner, ast.ClassDef):
                # `@method_decorator(transaction.atomic, name="dispatch")` on the view.
                decorators.extend(owner.decorator_list)
            for decorator in decorators:
                if is_atomic(semantic, decorator):
                    return decorator.lineno, "decorator"
            return 0, ""
        elif isinstance(statement, ast.ClassDef):
            return 0, ""
    return 0, ""


def function_qualname(semantic: SemanticModel) -> str:
    """The innermost def's qualname as the project index spells it (`View.post`,
    `outer.<locals>.inner`); "" at module level."""
    names: list[str] = []
    innermost = True
    for scope in semantic.iter_scopes():
        node = scope.node
        if scope.kind is ScopeKind.FUNCTION:
            assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            if not innermost:
                names.append("<locals>")
            names.append(node.name)
            innermost = False
        elif scope.kind is ScopeKind.CLASS:
            assert isinstance(node, ast.ClassDef)
            if names or not innermost:
                names.append(node.name)
    if innermost:
        return ""
    return ".".join(reversed(names))


def short(ctx: FileContext, node: ast.AST) -> str:
    text = " ".join(ctx.source.segment(node).split())
    return text if len(text) <= _SHORT else text[:_SHORT - 3] + "..."


class TransactionCollector:
    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.facts = TransactionFacts()
        self._reported_locks: set[int] = set()
        ctx.set_facts(self.facts)

    # ------------------------------------------------------------------ nodes
    def on_call(self, node: ast.Call) -> None:
        line, kind = atomic_site(self.ctx)
        if line:
            self.facts.atomic_calls.append(f"{node.lineno}:{node.col_offset + 1}")
        func = node.func
        semantic = self.ctx.semantic
        if isinstance(func, ast.Attribute):
            if func.attr in QUEUE_METHODS or func.attr == SEND_TASK:
                self._queued(node, func, line, kind)
            elif func.attr in QUERYSET_EVALUATING_METHODS:
                self._lock(node, func.value)
        elif node.args and semantic.qualified_name(func) in _EVALUATING_FUNCTIONS:
            self._lock(node, node.args[0])

    def on_iteration(self, iterated: ast.expr) -> None:
        self._lock(iterated, iterated)

    def on_assign(self, targets: list[ast.expr], value: ast.expr) -> None:
        semantic = self.ctx.semantic
        if semantic.scope.kind not in (ScopeKind.MODULE, ScopeKind.CLASS):
            return
        for target in targets:
            if isinstance(target, ast.Name) and target.id == DATABASES_SETTING:
                self._databases(value, target.lineno)
            elif _sets_atomic_requests(target):
                if not (isinstance(value, ast.Constant) and not value.value):
                    self.facts.atomic_requests = True
                    self.facts.atomic_requests_line = target.lineno
                elif self.facts.atomic_requests is None:
                    self.facts.atomic_requests = False

    # ------------------------------------------------------------------ settings
    def _databases(self, value: ast.expr, line: int) -> None:
        if self.facts.atomic_requests is None:
            self.facts.atomic_requests = False
        for node in ast.walk(value):  # a settings literal: small
            if isinstance(node, ast.Dict):
                for key, item in zip(node.keys, node.values):
                    if (isinstance(key, ast.Constant) and key.value == ATOMIC_REQUESTS_SETTING
                            and not (isinstance(item, ast.Constant) and not item.value)):
                        self.facts.atomic_requests = True
                        self.facts.atomic_requests_line = key.lineno

    # ------------------------------------------------------------------ locks
    def _lock(self, node: ast.AST, queryset: ast.expr) -> None:
        locking = self._locking_call(queryset, 0)
        if locking is None or id(locking) in self._reported_locks:
            return
        if atomic_site(self.ctx, lenient=True)[0] or self.ctx.is_test_file or self.ctx.semantic.scope.kind is ScopeKind.LAMBDA:
            return
        self._reported_locks.add(id(locking))
        self.facts.locks.append(LockEvaluation(
            function_qualname(self.ctx.semantic), self.ctx.span(node), short(self.ctx, node)))

    def _locking_call(self, expr: ast.expr, depth: int) -> Optional[ast.Call]:
        """The `.select_for_update()` call a queryset expression is built on, through the
        names it was assigned to in this scope."""
        current: ast.expr = expr
        for _ in range(32):
            if isinstance(current, ast.Call):
                func = current.func
                if isinstance(func, ast.Attribute) and func.attr == SELECT_FOR_UPDATE:
                    return current
                current = func
            elif isinstance(current, (ast.Attribute, ast.Subscript)):
                current = current.value
            elif isinstance(current, ast.Name) and depth < _FOLLOW_DEPTH:
                value = self.ctx.semantic.value_of(current.id)
                return self._locking_call(value, depth + 1) if value is not None else None
            else:
                return None
        return None

    # ------------------------------------------------------------------ tasks
    def _queued(self, node: ast.Call, func: ast.Attribute, line: int, kind: str) -> None:
        if self.ctx.is_test_file:
            return
        semantic = self.ctx.semantic
        receiver = func.value
        arguments: list[ast.expr] = []
        if (isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute)
                and receiver.func.attr in SIGNATURE_METHODS):
            arguments.extend(receiver.args)
            arguments.extend(keyword.value for keyword in receiver.keywords if keyword.arg)
            receiver = receiver.func.value
        by_name = func.attr == SEND_TASK
        if func.attr == "delay":
            arguments.extend(argument for argument in node.args
                             if not isinstance(argument, ast.Starred))
            arguments.extend(keyword.value for keyword in node.keywords if keyword.arg)
        else:
            offset = 1 if by_name else 0
            arguments.extend(_elements(call_argument(node, offset, "args")))
            arguments.extend(_elements(call_argument(node, offset + 1, "kwargs")))
        passed = []
        for argument in arguments:
            origin = instance_origin(semantic, argument)
            if origin is not None:
                passed.append(PassedInstance(short(self.ctx, argument), origin.kind.value,
                                             origin.cls, origin.how, self.ctx.span(argument)))
        self.facts.queued.append(QueuedTask(
            function_qualname(semantic), self.ctx.span(node),
            f"{short(self.ctx, func)}(...)", func.attr,
            semantic.qualified_name(receiver) or "", by_name, line, kind,
            semantic.scope.kind is ScopeKind.LAMBDA, passed))


def _elements(value: Optional[ast.expr]) -> list[ast.expr]:
    """The items of `args=[a, b]` / `(a, b)` and the values of `kwargs={"k": v}` or
    `dict(k=v)`."""
    if isinstance(value, (ast.List, ast.Tuple)):
        return [item for item in value.elts if not isinstance(item, ast.Starred)]
    if isinstance(value, ast.Dict):
        return [item for key, item in zip(value.keys, value.values) if key is not None]
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
            and value.func.id == "dict":
        return [keyword.value for keyword in value.keywords if keyword.arg]
    return []


def _sets_atomic_requests(target: ast.expr) -> bool:
    """`DATABASES["default"]["ATOMIC_REQUESTS"] = True`."""
    if not (isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant)
            and target.slice.value == ATOMIC_REQUESTS_SETTING):
        return False
    current: ast.expr = target.value
    while isinstance(current, ast.Subscript):
        current = current.value
    return isinstance(current, ast.Name) and current.id == DATABASES_SETTING


class TransactionRule(Rule):
    """Base of BL904, BL905 and BL907: one collector per file, each node handled once."""

    project_level = True
    requires_any_text: ClassVar[tuple[str, ...]] = (
        "select_for_update", "delay", "apply_async", "send_task", "ATOMIC_REQUESTS", "atomic")
    shared_handlers = frozenset({"visit_Call", "visit_For", "visit_comprehension",
                                 "visit_Assign", "visit_AnnAssign"})

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        self.collector = ctx.shared_state("data-access.transactions",
                                          lambda: TransactionCollector(ctx))

    def visit_Call(self, node: ast.Call) -> None:
        self.collector.on_call(node)

    def visit_For(self, node: ast.For) -> None:
        self.collector.on_iteration(node.iter)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self.collector.on_iteration(node.iter)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.collector.on_assign(node.targets, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.collector.on_assign([node.target], node.value)


# ---------------------------------------------------------------------- the project half
class Standing(str, enum.Enum):
    """Where a function runs against a transaction, as far as the project shows."""

    INSIDE = "inside"    # in an atomic block, an atomic function or an ATOMIC_REQUESTS view
    OUTSIDE = "outside"  # an entry point (view, task, command) or only called from outside
    UNKNOWN = "unknown"  # no callers visible, or some caller could not be judged


@dataclass(frozen=True)
class Verdict:
    standing: Standing
    # What shows it: the caller sites, the view under ATOMIC_REQUESTS.
    reason: str = ""
    related: tuple[Related, ...] = ()
    # An OUTSIDE that rests on a view while no settings module with DATABASES was linted.
    settings_unseen: bool = False


_MAX_CHAIN = 6
_VIEW_PREFIXES = ("django.views.", "rest_framework.")
_VIEW_SUFFIXES = ("View", "ViewSet", "Viewset", "APIView")
_HANDLERS = frozenset({*HTTP_VERBS, *DRF_ACTIONS})


class TransactionJudge:
    """Joins every module's `TransactionFacts` with the project index: which functions run
    inside a transaction, through their callers across modules."""

    def __init__(self, project: ProjectContext) -> None:
        self.index = project.index
        options = project.options("data-access")
        self.patterns: list[str] = list(getattr(options, "task_decorators", []))
        self.modules = project.typed_facts(TransactionFacts)
        self.atomic_sites: dict[str, set[str]] = {
            record.module: set(facts.atomic_calls) for record, facts in self.modules}
        self.atomic_requests: Optional[bool] = None
        self.atomic_requests_at: Optional[Related] = None
        for record, facts in self.modules:
            if facts.atomic_requests:
                self.atomic_requests = True
                self.atomic_requests_at = Related(record.path, facts.atomic_requests_line, 1,
                                                  "`ATOMIC_REQUESTS` is set here")
            elif facts.atomic_requests is False and self.atomic_requests is None:
                self.atomic_requests = False
        self._memo: dict[str, Verdict] = {}

    # ------------------------------------------------------------------ roles
    def _class_of(self, ref: FunctionRef) -> Optional[str]:
        qualname = ref.symbol.qualname
        if "." not in qualname or "<locals>" in qualname:
            return None
        return f"{ref.module.module}.{qualname.rsplit('.', 1)[0]}"

    def is_task(self, ref: FunctionRef) -> bool:
        if any(is_task_decorator(decorator, self.patterns, self.index.value)
               for decorator in ref.symbol.decorators):
            return True
        cls = self._class_of(ref)
        return (cls is not None and ref.symbol.qualname.endswith(".run")
                and any(entry in TASK_BASES for entry in self.index.mro(cls)))

    def _is_command(self, ref: FunctionRef) -> bool:
        cls = self._class_of(ref)
        return (cls is not None and ref.symbol.qualname.endswith(".handle")
                and any(entry in MANAGEMENT_COMMAND_BASES for entry in self.index.mro(cls)))

    def _in_view(self, ref: FunctionRef) -> bool:
        """Runs while a Django view serves a request: a module-level function taking
        `request` first, or any method of a view class (`perform_create` too)."""
        cls = self._class_of(ref)
        if cls is None:
            parameters = ref.symbol.parameters
            return "." not in ref.symbol.qualname and bool(parameters) \
                and parameters[0] in ("request", "req")
        return any(entry.startswith(_VIEW_PREFIXES) or entry.endswith(_VIEW_SUFFIXES)
                   for entry in self.index.mro(cls)[1:])

    def _is_entry_view(self, ref: FunctionRef) -> bool:
        """A view the framework calls directly. A class view's entry points are its
        handlers; any other method is a helper the view calls through `self`, which the
        index cannot follow. A `dispatch` of the project's own may open a transaction around
        the handlers: no entry point then."""
        if not self._in_view(ref):
            return False
        cls = self._class_of(ref)
        if cls is None:
            return True
        return (ref.symbol.qualname.rsplit(".", 1)[-1] in _HANDLERS
                and self.index.method(cls, "dispatch") is None)

    # ------------------------------------------------------------------ standing
    def standing(self, qualified: str) -> Verdict:
        """Whether the function runs inside a transaction on every path (INSIDE when one
        path is), judged from its decorators, its role and its callers across modules."""
        found = self._memo.get(qualified)
        if found is None:
            self._memo[qualified] = Verdict(Standing.UNKNOWN)  # cycles
            found = self._memo[qualified] = self._judge(qualified, 0)
        return found

    def _judge(self, qualified: str, depth: int) -> Verdict:
        ref = self.index.function(qualified)
        if ref is None:
            return Verdict(Standing.UNKNOWN)
        decorators = set(ref.symbol.decorators)
        name = f"`{ref.symbol.qualname}`"
        if decorators & ATOMIC:
            return Verdict(Standing.INSIDE, f"{name} is decorated `@transaction.atomic`")
        non_atomic = bool(decorators & NON_ATOMIC_REQUESTS)
        if self._in_view(ref) and not non_atomic and self.atomic_requests:
            related = (self.atomic_requests_at,) if self.atomic_requests_at else ()
            return Verdict(Standing.INSIDE, f"the view {name} runs under `ATOMIC_REQUESTS`",
                           related)
        sites = [caller for caller in self.index.callers(qualified)
                 if not is_test_path(caller.caller.module.path)]
        if sites:
            return self._from_callers(ref, sites, depth)
        if self._is_entry_view(ref):
            return Verdict(Standing.OUTSIDE, f"the view {name}",
                           settings_unseen=self.atomic_requests is None)
        if self.is_task(ref):
            return Verdict(Standing.OUTSIDE, f"the Celery task {name}")
        if self._is_command(ref):
            return Verdict(Standing.OUTSIDE, f"the management command {name}")
        return Verdict(Standing.UNKNOWN)

    def _from_callers(self, ref: FunctionRef, sites: list[CallerRef], depth: int) -> Verdict:
        outside: list[Related] = []
        unsure = False
        for caller in sites:
            where = Related(caller.caller.module.path, caller.site.line, caller.site.column,
                            f"`{ref.symbol.qualname}` is called here")
            if f"{caller.site.line}:{caller.site.column}" in self.atomic_sites.get(
                    caller.caller.module.module, ()):
                return Verdict(Standing.INSIDE,
                               f"`{caller.caller.symbol.qualname}` calls "
                               f"`{ref.symbol.qualname}` inside `transaction.atomic`",
                               (where,))
            if depth >= _MAX_CHAIN:
                return Verdict(Standing.UNKNOWN)
            upper = self._memo.get(caller.caller.qualified)
            if upper is None:
                self._memo[caller.caller.qualified] = Verdict(Standing.UNKNOWN)
                upper = self._memo[caller.caller.qualified] = self._judge(
                    caller.caller.qualified, depth + 1)
            if upper.standing is Standing.INSIDE:
                return Verdict(Standing.INSIDE, upper.reason, (where, *upper.related))
            if upper.standing is Standing.UNKNOWN:
                return Verdict(Standing.UNKNOWN)
            unsure = unsure or upper.settings_unseen
            outside.append(where)
        count = len(outside)
        return Verdict(Standing.OUTSIDE,
                       f"every caller of `{ref.symbol.qualname}` ({count} call site"
                       f"{'s' if count != 1 else ''}) runs outside a transaction",
                       tuple(outside), settings_unseen=unsure)

    # ------------------------------------------------------------------ tasks
    def task_standing(self, queued: QueuedTask) -> Optional[bool]:
        """True: a Celery task; None: it looks like one but its definition is not among the
        linted modules; False: not a task (a project function, or a library's method such
        as `multiprocessing.Pool().apply_async`)."""
        if queued.by_name:
            return True
        if not queued.callee:
            return None
        verdict = task_verdict(self.index, queued.callee, self.patterns)
        if verdict is not None:
            return verdict
        root = self.index.resolve(queued.callee).split(".", 1)[0]
        if root in _STDLIB or (root in THIRD_PARTY_ROOTS and root != "celery"):
            return False
        return None


_STDLIB: frozenset[str] = frozenset(getattr(sys, "stdlib_module_names", ())) | {
    "multiprocessing", "concurrent", "asyncio", "threading"}
