"""Per-file work the ORM loop rules share (BL902, BL903): which loops iterate a queryset or
an SQLAlchemy result, what the loop body reads from the loop variable, which names change
per iteration, and the ORM model classes of the module (for the project pass).

One object per file (`OrmLoops.of(ctx)`); the rules forward their visits to it, and every
handler is idempotent, so two rules forwarding the same node record it once.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Optional, Union

from backendlint.core.context import FileContext
from backendlint.knowledge.orm import (
    DJANGO_QUERYSET_METHODS,
    SQLALCHEMY_EAGER_OPTIONS,
    SQLALCHEMY_QUERY_CHAIN,
    SQLALCHEMY_RESULT_TAILS,
    SQLALCHEMY_SELECT,
)
from backendlint.practices.data_access.facts_models import (
    AttributeRead,
    OrmLoop,
    OrmLoopFacts,
    QuerySource,
)
from backendlint.semantic.model import BindingKind, ScopeKind, SemanticModel
from backendlint.semantic.orm_models import Orm, OrmModelFacts, model_class, queryset_eager

Comprehension = Union[ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp]
LoopNode = Union[ast.For, ast.AsyncFor]
_MAX_HOPS = 6
_WRAPPERS = frozenset({"builtins.list", "builtins.tuple", "builtins.sorted", "builtins.reversed",
                       "builtins.set"})


@dataclass
class ActiveComprehension:
    node: Comprehension
    # Target name → the loop record for it (None when the iterable is no known query).
    targets: dict[str, Optional[OrmLoop]] = field(default_factory=dict)


def _text(node: ast.AST, limit: int = 60) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _first_arg_name(call: ast.Call) -> Optional[ast.expr]:
    return call.args[0] if call.args else None


class OrmLoops:
    """The shared per-file state; see the module docstring."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.models = OrmModelFacts()
        self.facts = OrmLoopFacts()
        self._loops: dict[int, Optional[OrmLoop]] = {}
        self._comprehensions: list[ActiveComprehension] = []
        self._method_funcs: set[int] = set()
        self._seen: set[tuple[str, int]] = set()
        # `_function_qualname` by the def it is asked in.
        self._qualnames: dict[int, Optional[str]] = {}
        self._finished = False

    @classmethod
    def of(cls, ctx: FileContext) -> OrmLoops:
        return ctx.shared_state("data-access.orm-loops", lambda: OrmLoops(ctx))

    @property
    def semantic(self) -> SemanticModel:
        return self.ctx.semantic

    def _once(self, kind: str, node: ast.AST) -> bool:
        key = (kind, id(node))
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    # ------------------------------------------------------------------ models
    def visit_class(self, node: ast.ClassDef) -> None:
        if not self._once("class", node) or self.semantic.scope.kind is not ScopeKind.MODULE:
            return
        found = model_class(self.semantic, node, node.name)
        if found is not None:
            self.models.classes[node.name] = found

    # ------------------------------------------------------------------ loops
    def visit_for(self, node: LoopNode) -> None:
        if not self._once("for", node):
            return
        variable, iterable = _loop_variable(node.target, node.iter, self.semantic)
        source = self.query_source(iterable) if variable is not None else None
        loop = None
        if source is not None and variable is not None:
            loop = OrmLoop(source, variable, self.ctx.span(node.iter))
            self.facts.loops.append(loop)
        self._loops[id(node)] = loop

    def enter_comprehension(self, node: Comprehension) -> None:
        if self._comprehensions and self._comprehensions[-1].node is node:
            return
        if not self._once("comprehension", node):
            return
        active = ActiveComprehension(node)
        for generator in node.generators:
            variable, iterable = _loop_variable(generator.target, generator.iter, self.semantic)
            if variable is None:
                for name in _target_names(generator.target):
                    active.targets[name] = None
                continue
            source = self.query_source(iterable)
            loop = None
            if source is not None:
                loop = OrmLoop(source, variable, self.ctx.span(generator.iter))
                self.facts.loops.append(loop)
            for name in _target_names(generator.target):
                active.targets[name] = loop if name == variable else None
        self._comprehensions.append(active)

    def leave_comprehension(self, node: Comprehension) -> None:
        if self._comprehensions and self._comprehensions[-1].node is node:
            self._comprehensions.pop()

    def _loop_of(self, name: str) -> Optional[OrmLoop]:
        """The query loop whose variable this name is, here; None otherwise."""
        for active in reversed(self._comprehensions):
            if name in active.targets:
                return active.targets[name]
        if not self._loops:
            return None
        binding = self.semantic.lookup(name)
        if binding is None or binding.kind is not BindingKind.FOR:
            return None
        loop = self._loops.get(id(binding.node))
        if loop is None:
            return None
        stack = self.ctx.statement_stack
        if binding.node not in stack or stack[-1] is binding.node:
            return None
        return loop

    def visit_call(self, node: ast.Call) -> None:
        if not (self._loops or self._comprehensions):
            return
        func = node.func
        if not isinstance(func, ast.Attribute) or not self._once("call", node):
            return
        if isinstance(func.value, ast.Name):
            self._method_funcs.add(id(func))  # `order.save()`: a method, not a relation
            loop = self._loop_of(func.value.id)
            if loop is not None:
                loop.calls.append(AttributeRead(func.attr, self.ctx.span(node)))
            return
        inner = func.value
        if isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name):
            loop = self._loop_of(inner.value.id)
            if loop is not None:
                self._method_funcs.add(id(inner))
                if func.attr in DJANGO_QUERYSET_METHODS and self._assigned_chain(node):
                    return  # `qs = row.items.filter(...)`: a lazy queryset, refined later
                loop.reads.append(AttributeRead(inner.attr, self.ctx.span(inner), func.attr))

    def _assigned_chain(self, call: ast.Call) -> bool:
        """Whether the statement being visited assigns a chain that starts with this call."""
        stack = self.ctx.statement_stack
        statement = stack[-1] if stack else None
        if not isinstance(statement, (ast.Assign, ast.AnnAssign)) or statement.value is None:
            return False
        current: ast.expr = statement.value
        while isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
            if current is call:
                return True
            current = current.func.value
        return False

    def visit_attribute(self, node: ast.Attribute) -> None:
        if not (self._loops or self._comprehensions) or not isinstance(node.value, ast.Name):
            return
        if id(node) in self._method_funcs or not isinstance(node.ctx, ast.Load):
            return
        if not self._once("attribute", node):
            return
        loop = self._loop_of(node.value.id)
        if loop is not None:
            loop.reads.append(AttributeRead(node.attr, self.ctx.span(node)))

    # ------------------------------------------------------------------ what a loop iterates
    def query_source(self, expr: ast.expr, line: Optional[int] = None, hops: int = 0
                     ) -> Optional[QuerySource]:
        """What rows an iterable gives, when it is a queryset of a model or an SQLAlchemy
        result of one: the chain as written, through `list()` and local variables (each
        looked up as bound before the line that uses it, so `qs = qs.filter(...)` refines the
        earlier `qs`)."""
        if hops > _MAX_HOPS:
            return None
        semantic = self.semantic
        if isinstance(expr, ast.Call) and len(expr.args) >= 1 and \
                semantic.qualified_name(expr.func) in _WRAPPERS:
            return self.query_source(expr.args[0], line, hops + 1)
        if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Slice):
            # `qs[:50]`: a page of the same rows.
            found = self.query_source(expr.value, line, hops + 1)
            if found is not None:
                found.text = _text(expr)
            return found
        if isinstance(expr, ast.Name):
            earlier = self._earlier(expr.id, line)
            if earlier is None:
                return None
            return self.query_source(earlier[0], earlier[1] - 1, hops + 1)
        found = self._sqlalchemy_source(expr, line, hops) or \
            self._django_source(expr, line, hops) or self._function_source(expr)
        if found is not None and not found.text:
            found.text = _text(expr)
        return found

    def _function_source(self, expr: ast.expr) -> Optional[QuerySource]:
        """`get_orders()` or `self.get_bills()`: rows a project function returns, decided in
        the project pass from that function's facts."""
        if not isinstance(expr, ast.Call) or expr.args or expr.keywords:
            return None
        func = expr.func
        qualified: Optional[str] = None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                func.value.id in ("self", "cls"):
            cls = self.semantic.enclosing_class()
            if cls is not None and self.semantic.scope.kind is not ScopeKind.MODULE:
                prefix = f"{self.ctx.module_name}." if self.ctx.module_name else ""
                qualified = f"{prefix}{cls.name}.{func.attr}"
        elif isinstance(func, (ast.Name, ast.Attribute)):
            qualified = self.semantic.qualified_name(func)
        if not qualified or qualified.startswith(("builtins.", "django.", "sqlalchemy.")):
            return None
        return QuerySource(Orm.NONE, "", via_function=qualified)

    def visit_return(self, node: ast.Return) -> None:
        """What a module-level function or a method returns, when it is a query."""
        if node.value is None or not self._once("return", node):
            return
        owner = self._function_qualname()
        if owner is None or owner in self.facts.returns:
            return
        found = self.query_source(node.value)
        if found is not None and not found.via_function:
            self.facts.returns[owner] = found

    def _function_qualname(self) -> Optional[str]:
        """`get_orders`, `Project.get_bills`: the function being visited, when it is at
        module level or a method (nested functions have no name the index knows). The defs
        and classes around a def are the same for each of its returns: one answer per def."""
        function = self.semantic.current_function()
        if function is None:
            return self._definitions_qualname()
        key = id(function)
        if key not in self._qualnames:
            self._qualnames[key] = self._definitions_qualname()
        return self._qualnames[key]

    def _definitions_qualname(self) -> Optional[str]:
        definitions = [statement for statement in self.ctx.statement_stack
                       if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                 ast.ClassDef))]
        if not definitions or isinstance(definitions[-1], ast.ClassDef) or any(
                not isinstance(item, ast.ClassDef) for item in definitions[:-1]):
            return None
        return ".".join(item.name for item in definitions)

    def _earlier(self, name: str, before: Optional[int]) -> Optional[tuple[ast.expr, int]]:
        binding = self.semantic.lookup(name, before)
        if binding is None or binding.value is None or \
                binding.kind not in (BindingKind.ASSIGN, BindingKind.ANNASSIGN):
            return None
        return binding.value, binding.line

    def _django_source(self, expr: ast.expr, line: Optional[int], hops: int
                       ) -> Optional[QuerySource]:
        current = expr
        methods = 0
        while isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute) \
                and current.func.attr in DJANGO_QUERYSET_METHODS:
            methods += 1
            current = current.func.value
        if methods == 0:
            return None
        eager, every = queryset_eager(self.semantic, expr)
        if isinstance(current, ast.Attribute) and isinstance(current.value, (ast.Name,
                                                                             ast.Attribute)):
            if not _looks_like_class(current.value):
                # `ticket.checklists.all()`: a related manager of some row.
                if current.attr.startswith("_") or current.attr == "objects":
                    return None
                return QuerySource(Orm.DJANGO, "", "objects", eager, every,
                                   via_relation=current.attr)
            model = self.semantic.qualified_name(current.value)
            if model is None:
                return None
            return QuerySource(Orm.DJANGO, model, current.attr, eager, every)
        if isinstance(current, ast.Name):
            earlier = self._earlier(current.id, line)
            if earlier is None:
                return None
            found = self.query_source(earlier[0], earlier[1] - 1, hops + 1)
            if found is None or found.orm is not Orm.DJANGO:
                return None
            found.eager = [*found.eager, *eager]
            found.every = found.every or every
            return found
        return None

    def _sqlalchemy_source(self, expr: ast.expr, line: Optional[int], hops: int
                           ) -> Optional[QuerySource]:
        current = expr
        scalars = False
        paginated = False
        # Result tails: `.scalars().all()`, `.unique()`, `.paginate(...).items`.
        while True:
            if isinstance(current, ast.Attribute) and current.attr == "items" and \
                    isinstance(current.value, ast.Call) and \
                    isinstance(current.value.func, ast.Attribute) and \
                    current.value.func.attr == "paginate":
                current = current.value.func.value
                paginated = True
                continue
            if isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute) and \
                    current.func.attr in SQLALCHEMY_RESULT_TAILS and not current.args:
                scalars = scalars or current.func.attr == "scalars"
                current = current.func.value
                continue
            break
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute) and \
                current.func.attr in ("scalars", "execute") and current.args:
            if current.func.attr == "execute" and not scalars:
                return None
            return self._statement(current.args[0], line, hops)
        return self._legacy_query(current, paginated)

    def _statement(self, expr: ast.expr, line: Optional[int], hops: int
                   ) -> Optional[QuerySource]:
        eager: list[str] = []
        every = False
        current = expr
        for _ in range(32):
            if isinstance(current, ast.Name):
                earlier = self._earlier(current.id, line)
                if earlier is None or hops > _MAX_HOPS:
                    return None
                hops += 1
                current, line = earlier[0], earlier[1] - 1
                continue
            if not isinstance(current, ast.Call):
                return None
            func = current.func
            if isinstance(func, ast.Attribute) and func.attr != "select" and \
                    not _is_select(self.semantic, func):
                if func.attr == "options":
                    for option in current.args:
                        path, star = self._option(option)
                        every = every or star
                        if path:
                            eager.append(path)
                current = func.value
                continue
            if _is_select(self.semantic, func) and current.args:
                model = self.semantic.qualified_name(current.args[0])
                if model is None or not _looks_like_class(current.args[0]):
                    return None
                return QuerySource(Orm.SQLALCHEMY, model, "", eager, every)
            return None
        return None

    def query_source_of_statement(self, statement: ast.expr) -> Optional[QuerySource]:
        """The model a `select(...)` statement (or a variable holding one) reads."""
        return self._statement(statement, None, 0)

    def _legacy_query(self, expr: ast.expr, paginated: bool) -> Optional[QuerySource]:
        """`session.query(M).filter(...).all()` and Flask-SQLAlchemy's `M.query...`."""
        eager: list[str] = []
        every = False
        current = expr
        calls = 1 if paginated else 0
        while isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute) and \
                current.func.attr in SQLALCHEMY_QUERY_CHAIN:
            calls += 1
            if current.func.attr == "options":
                for option in current.args:
                    path, star = self._option(option)
                    every = every or star
                    if path:
                        eager.append(path)
            current = current.func.value
        model_expr: Optional[ast.expr] = None
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute) and \
                current.func.attr == "query" and len(current.args) == 1:
            model_expr = current.args[0]
        elif isinstance(current, ast.Attribute) and current.attr == "query" and calls:
            model_expr = current.value
        if model_expr is None or not _looks_like_class(model_expr):
            return None
        model = self.semantic.qualified_name(model_expr)
        if model is None:
            return None
        return QuerySource(Orm.SQLALCHEMY, model, "", eager, every)

    def _option(self, option: ast.expr) -> tuple[str, bool]:
        """The relation a loader option loads first, and whether it is a `"*"` wildcard:
        `joinedload(Order.customer)`, `selectinload("items")`, `Load(Order).joinedload(...)`."""
        steps: list[tuple[str, Optional[ast.expr]]] = []
        current: Optional[ast.expr] = option
        while isinstance(current, ast.Call):
            func = current.func
            argument = _first_arg_name(current)
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
                steps.append((func.attr, argument))
                current = func.value
                continue
            name = (self.semantic.qualified_name(func) or "").rpartition(".")[2] or \
                (func.attr if isinstance(func, ast.Attribute) else "")
            steps.append((name, argument))
            break
        steps.reverse()
        if steps and steps[0][0] == "Load":
            steps = steps[1:]
        if not steps:
            return "", False
        name, argument = steps[0]
        if name not in SQLALCHEMY_EAGER_OPTIONS:
            return "", False
        if isinstance(argument, ast.Attribute):
            return argument.attr, False
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            if argument.value == "*":
                return "", True
            return argument.value.split(".")[0], False
        return "", False

    # ------------------------------------------------------------------ BL903's questions
    def enclosing_loop(self) -> Optional[Union[LoopNode, Comprehension]]:
        """The innermost loop whose body the current node is in (within the current
        function), or None."""
        if self._comprehensions:
            return self._comprehensions[-1].node
        stack = self.ctx.statement_stack
        for position in range(len(stack) - 2, -1, -1):
            statement = stack[position]
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                return None
            if isinstance(statement, (ast.For, ast.AsyncFor)):
                if stack[position + 1] in statement.body:
                    return statement
                # In the `else:` block of the loop: runs once.
                if stack[position + 1] in statement.orelse:
                    continue
        return None

    def loop_source(self, loop: Union[LoopNode, Comprehension]) -> Optional[OrmLoop]:
        if isinstance(loop, (ast.For, ast.AsyncFor)):
            return self._loops.get(id(loop))
        for active in self._comprehensions:
            if active.node is loop:
                found = [item for item in active.targets.values() if item is not None]
                return found[0] if found else None
        return None

    @staticmethod
    def in_loop_body(loop: Union[LoopNode, Comprehension], line: int) -> bool:
        if not isinstance(loop, (ast.For, ast.AsyncFor)) or not loop.body:
            return False
        return loop.body[0].lineno <= line <= (loop.body[-1].end_lineno or line)

    def per_item(self, loop: Union[LoopNode, Comprehension], expr: ast.AST) -> Optional[str]:
        """A name in `expr` whose value changes with each iteration of `loop` (its target,
        or a name assigned in its body), or None."""
        if isinstance(loop, (ast.For, ast.AsyncFor)):
            first, last = loop.lineno, loop.end_lineno or loop.lineno
            targets = set(_target_names(loop.target))
        else:
            first, last = loop.lineno, loop.end_lineno or loop.lineno
            targets = {name for generator in loop.generators
                       for name in _target_names(generator.target)}
        for name in _names_in(expr):
            if name in targets:
                if isinstance(loop, (ast.For, ast.AsyncFor)):
                    binding = self.semantic.lookup(name)
                    if binding is not None and binding.node is loop:
                        return name
                    if binding is not None and first <= binding.line <= last:
                        return name
                    continue
                return name
            binding = self.semantic.lookup(name)
            if binding is not None and binding.kind not in (
                    BindingKind.IMPORT, BindingKind.FUNCTION, BindingKind.CLASS) and \
                    first < binding.line <= last and \
                    self.semantic.binding_scope(name) is self.semantic.scope:
                return name
        return None

    def finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        if self.models.classes:
            self.ctx.set_facts(self.models)
        if self.facts.loops or self.facts.returns:
            self.ctx.set_facts(self.facts)


def _is_select(semantic: SemanticModel, func: ast.expr) -> bool:
    return semantic.qualified_name(func) in SQLALCHEMY_SELECT


def _looks_like_class(expr: ast.expr) -> bool:
    name = expr.attr if isinstance(expr, ast.Attribute) else \
        expr.id if isinstance(expr, ast.Name) else ""
    return bool(name) and name[0].isupper()


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in _target_names(
            element.value if isinstance(element, ast.Starred) else element)]
    return []


def _loop_variable(target: ast.expr, iterable: ast.expr, semantic: SemanticModel
                   ) -> tuple[Optional[str], ast.expr]:
    """The name that holds one row, and the rows' iterable: `for o in qs`, and
    `for i, o in enumerate(qs)`."""
    if isinstance(target, ast.Name):
        return target.id, iterable
    if isinstance(target, ast.Tuple) and len(target.elts) == 2 and \
            isinstance(target.elts[1], ast.Name) and isinstance(iterable, ast.Call) and \
            iterable.args and semantic.qualified_name(iterable.func) == "builtins.enumerate":
        return target.elts[1].id, iterable.args[0]
    return None, iterable


def _names_in(expr: ast.AST) -> list[str]:
    """The names an argument expression reads (a small expression, not a tree walk)."""
    found: list[str] = []
    pending: list[ast.AST] = [expr]
    while pending and len(found) < 64:
        current = pending.pop()
        if isinstance(current, ast.Name):
            found.append(current.id)
            continue
        if isinstance(current, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                                ast.GeneratorExp)):
            continue
        pending.extend(ast.iter_child_nodes(current))
    return found


class FeedsOrmLoops:
    """The visits that feed a file's shared `OrmLoops`: a rule that reads the loops mixes this
    in before `Rule` and sets `self.loops`; `visit_Call` (and `visit_Attribute`, for rules
    that read relations) stay the rule's own."""

    loops: OrmLoops

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.loops.visit_class(node)

    def visit_Return(self, node: ast.Return) -> None:
        self.loops.visit_return(node)

    def visit_For(self, node: ast.For) -> None:
        self.loops.visit_for(node)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        self.loops.visit_for(node)

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self.loops.enter_comprehension(node)

    def leave_ListComp(self, node: ast.ListComp) -> None:
        self.loops.leave_comprehension(node)

    def visit_SetComp(self, node: ast.SetComp) -> None:
        self.loops.enter_comprehension(node)

    def leave_SetComp(self, node: ast.SetComp) -> None:
        self.loops.leave_comprehension(node)

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self.loops.enter_comprehension(node)

    def leave_DictComp(self, node: ast.DictComp) -> None:
        self.loops.leave_comprehension(node)

    def visit_GeneratorExp(self, node: ast.GeneratorExp) -> None:
        self.loops.enter_comprehension(node)

    def leave_GeneratorExp(self, node: ast.GeneratorExp) -> None:
        self.loops.leave_comprehension(node)
