"""Which arguments of a response constructor reach the client, and which parameters of a
helper function of the same module flow into a response (or into its return value)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Optional, Union

from backendlint.knowledge.logging_apis import EXCEPTION_TEXT_ATTRIBUTES
from backendlint.knowledge.responses import EVERY_ARGUMENT, ResponseArgument
from backendlint.semantic.analyze.arguments import call_argument, named_parameters
from backendlint.semantic.model import SemanticModel

HelperNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
_FLOWS_KEY = "_backendlint_response_flows"


def body_arguments(call: ast.Call, where: ResponseArgument) -> list[ast.expr]:
    """The arguments of a response call that carry its body."""
    if where == EVERY_ARGUMENT:
        return [*call.args, *(keyword.value for keyword in call.keywords)]
    position, keyword = where
    found = call_argument(call, position, keyword)
    return [found] if found is not None else []


def local_helper(semantic: SemanticModel, call: ast.Call) -> Optional[HelperNode]:
    """The function of this module a call calls: `helper(...)` for a module-level def,
    `self.helper(...)` for a method of the class around the caller."""
    func = call.func
    if isinstance(func, ast.Name):
        binding = semantic.lookup(func.id)
        if binding is not None and binding.kind == "function" \
                and isinstance(binding.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return binding.node
        return None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
            and func.value.id in ("self", "cls"):
        cls = semantic.enclosing_class()
        if cls is None:
            return None
        for statement in cls.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                    and statement.name == func.attr:
                return statement
    return None


def _mentions(expr: ast.AST, names: set[str]) -> bool:
    """Whether an expression uses one of the names for its value (`e.detail` does not)."""
    if isinstance(expr, ast.Name):
        return expr.id in names
    if isinstance(expr, ast.Attribute):
        if isinstance(expr.value, ast.Name):
            return expr.value.id in names and expr.attr in EXCEPTION_TEXT_ATTRIBUTES
        return _mentions(expr.value, names)
    if isinstance(expr, ast.Compare):
        return False
    return any(_mentions(child, names) for child in ast.iter_child_nodes(expr))


SinkArguments = Callable[[ast.Call], Optional[list[ast.expr]]]


def helper_flows(helper: HelperNode, sink_arguments: SinkArguments
                 ) -> tuple[frozenset[int], frozenset[int]]:
    """(positions of parameters that reach a response call inside the helper, positions of
    the others that reach its return value). Names are followed through the helper's own
    assignments; worked out once per helper."""
    cached: Optional[tuple[frozenset[int], frozenset[int]]] = getattr(helper, _FLOWS_KEY, None)
    if cached is not None:
        return cached
    parameters = [arg.arg for arg in named_parameters(helper.args)]
    to_sink: set[int] = set()
    to_return: set[int] = set()
    nodes = [node for statement in helper.body for node in ast.walk(statement)]
    assignments = [node for node in nodes if isinstance(node, (ast.Assign, ast.AnnAssign))
                   and node.value is not None]
    for position, parameter in enumerate(parameters):
        if parameter in ("self", "cls"):
            continue
        tainted = {parameter}
        for _ in range(2):
            for assignment in assignments:
                assert assignment.value is not None
                if _mentions(assignment.value, tainted):
                    targets = assignment.targets if isinstance(assignment, ast.Assign) \
                        else [assignment.target]
                    tainted.update(t.id for t in targets if isinstance(t, ast.Name))
        for node in nodes:
            if isinstance(node, ast.Return) and node.value is not None \
                    and _mentions(node.value, tainted):
                to_return.add(position)
            elif isinstance(node, ast.Call):
                arguments = sink_arguments(node)
                if arguments and any(_mentions(argument, tainted) for argument in arguments):
                    to_sink.add(position)
    result = (frozenset(to_sink), frozenset(to_return - to_sink))
    setattr(helper, _FLOWS_KEY, result)
    return result
