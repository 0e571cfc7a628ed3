"""An exception's text, repr, args or traceback put into a response."""

from __future__ import annotations

import ast
from collections.abc import Callable
from fnmatch import fnmatchcase
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.core.findings import Confidence, Related, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.responses import (
    ATTRIBUTE_SINKS,
    CLIENT_FACING_EXCEPTIONS,
    CLIENT_FACING_PREFIXES,
    RESPONSE_SINKS,
)
from backendlint.practices.error_handling.analysis import Role, Serving, ServingFunctions
from backendlint.practices.error_handling.options import ErrorHandlingOptions
from backendlint.semantic.analyze.arguments import call_argument, named_parameters
from backendlint.semantic.analyze.dataflow import chain_names
from backendlint.semantic.analyze.exceptions import (
    BROAD_EXCEPTIONS,
    ExceptionText,
    caught_types,
    debug_gated,
)
from backendlint.semantic.analyze.responses import body_arguments, helper_flows, local_helper

# How sure a finding is, by what was caught.
_BROAD, _LIBRARY, _PROJECT, _CLIENT = "broad", "library", "project", "client"
_CONFIDENCE = {_BROAD: Confidence.HIGH, _LIBRARY: Confidence.MEDIUM, _PROJECT: Confidence.LOW}
_RANK = {_CLIENT: 0, _PROJECT: 1, _LIBRARY: 2, _BROAD: 3}
_HANDLER_TEXT = ("exception_handler", "errorhandler", "add_exception_handler",
                 "register_error_handler", "handler500", "exc, context")


def _client_facing(qualified: str) -> bool:
    """A class whose messages are written for clients: the frameworks' HTTP exceptions and
    every `...ValidationError`."""
    last = qualified.rsplit(".", 1)[-1]
    return qualified in CLIENT_FACING_EXCEPTIONS or qualified.startswith(
        CLIENT_FACING_PREFIXES) or "Validation" in last or last.endswith("HTTPException")


class ExceptionDetailsInResponse(Rule):
    """## What it does
    Checks for an exception's text (`str(e)`, `repr(e)`, `f"{e}"`, `e.args`) or a traceback
    (`traceback.format_exc()`) put into what a client receives: `HTTPException(detail=...)`,
    `JSONResponse(...)`, a dict or string returned by an endpoint or error handler, Flask
    `jsonify(...)`, `abort(500, ...)` and `flash(...)`, Django `HttpResponse(...)`,
    `JsonResponse(...)` and `messages.error(...)`, DRF `Response(...)` and `APIException`s;
    also through a local variable or a helper function of the same module.

    Not reported: text of exceptions written for clients (`HTTPException` and its
    subclasses, `ValidationError`s, Werkzeug and DRF exceptions, classes listed in
    `client-errors`), `e.detail`, and branches that run only when a `DEBUG` flag is on. The
    project's own exception classes are taken to carry messages written for clients unless
    listed in `internal-errors`. The confidence says what was caught: high for `Exception`
    or a traceback, medium for a library's or a builtin's class, low for a class listed in
    `internal-errors`.

    ## Why is this bad?
    Exception text describes the server, not the client's mistake: SQL with table and column
    names, file paths, hostnames and ports of internal services, library versions, sometimes
    a secret from a connection string. Handed to every client, it maps the system for an
    attacker (CWE-209) and tells a user nothing they can act on.

    ## Example
    ```python
    from fastapi import FastAPI, HTTPException

    app = FastAPI()


    @app.post("/orders")
    async def create_order(order: dict) -> dict:
        try:
            return await save(order)
        except Exception as e:
            raise HTTPException(status_code=500, detail=str(e))
    ```

    Use instead:
    ```python
    import logging

    from fastapi import FastAPI, HTTPException

    app = FastAPI()
    logger = logging.getLogger(__name__)


    @app.post("/orders")
    async def create_order(order: dict) -> dict:
        try:
            return await save(order)
        except Exception:
            logger.exception("saving an order failed")
            raise HTTPException(status_code=500, detail="could not save the order")
    ```

    ## Options
    - `client-errors` in `[tool.backendlint.error-handling]`: more exception classes whose
      messages are written for clients (qualified names or patterns).
    - `internal-errors`: the project's own exception classes whose text must not reach
      clients (reported with low confidence).

    ## Fix safety
    There is no fix: what the client should read instead is a product decision.
    """

    code = "BL801"
    name = "exception-details-in-response"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 209
    requires_any_text = ("except", *_HANDLER_TEXT)

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        assert isinstance(options, ErrorHandlingOptions)
        self.client_errors = options.client_errors
        self.internal_errors = options.internal_errors
        self.handlers: list[ast.ExceptHandler] = []
        text = ctx.source.text
        self.has_error_handlers = any(needle in text for needle in _HANDLER_TEXT)
        self.skip = self.ctx.is_test_file
        self.text = ExceptionText(self.semantic, self._is_exception)
        self.returned = ExceptionText(self.semantic, self._is_exception, through_calls=True,
                                      checked_elsewhere=self._checked_as_call)
        self._kinds: dict[int, str] = {}
        self._found_kind = _CLIENT
        # The project's own top-level packages: the module's, and every folder of its path
        # (a namespace package breaks the chain of `__init__.py` the module name is read
        # from, but not the path).
        self.project_roots = {part for part in ctx.path.split("/")[:-1] if part.isidentifier()}
        self.project_roots.add(ctx.module_name.split(".", 1)[0])

    # ------------------------------------------------------------------ where we are
    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self.handlers.append(node)

    def leave_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self.handlers.pop()

    def _active(self) -> bool:
        return not self.skip and (bool(self.handlers) or self.has_error_handlers)

    def _serving(self) -> Optional[Serving]:
        return ServingFunctions.of(self.ctx).current()

    # ------------------------------------------------------------------ exceptions
    def _is_exception(self, name: ast.Name) -> bool:
        binding = self.semantic.lookup(name.id)
        if binding is None:
            return False
        kind: Optional[str] = None
        if binding.kind == "except" and isinstance(binding.node, ast.ExceptHandler):
            kind = self._handler_kind(binding.node)
        elif binding.kind == "param":
            serving = self._serving()
            if serving is not None and serving.role is Role.ERROR_HANDLER \
                    and name.id in serving.exception_parameters:
                kind = self._registered_kind(serving.handles)
        if kind is None or kind == _CLIENT:
            return False
        if _RANK[kind] > _RANK[self._found_kind]:
            self._found_kind = kind
        return True

    def _handler_kind(self, handler: ast.ExceptHandler) -> str:
        key = id(handler)
        if key not in self._kinds:
            kinds = [self._class_kind(name, element) for name, element in zip(
                caught_types(self.semantic, handler), self._type_nodes(handler))]
            self._kinds[key] = max(kinds, key=_RANK.__getitem__) if kinds else _BROAD
        return self._kinds[key]

    @staticmethod
    def _type_nodes(handler: ast.ExceptHandler) -> list[Optional[ast.expr]]:
        if handler.type is None:
            return [None]
        return list(handler.type.elts) if isinstance(handler.type, ast.Tuple) \
            else [handler.type]

    def _registered_kind(self, handles: Optional[ast.expr]) -> str:
        if handles is None:
            return _BROAD
        if isinstance(handles, ast.Constant):
            # `@app.errorhandler(500)`: Werkzeug's own HTTPException, a generic text.
            return _CLIENT
        return self._class_kind(self.semantic.qualified_name(handles), handles)

    def _class_kind(self, qualified: Optional[str], node: Optional[ast.expr]) -> str:
        if qualified in BROAD_EXCEPTIONS:
            return _BROAD
        if qualified is None:
            return _PROJECT
        last = qualified.rsplit(".", 1)[-1]
        if _client_facing(qualified):
            return _CLIENT
        if any(fnmatchcase(qualified, p) or fnmatchcase(last, p) for p in self.client_errors):
            return _CLIENT
        if isinstance(node, ast.Name) and self._local_client_class(node):
            return _CLIENT
        if any(fnmatchcase(qualified, p) or fnmatchcase(last, p) for p in self.internal_errors):
            return _PROJECT
        if qualified.split(".", 1)[0] in self.project_roots or "." not in qualified:
            # The project's own classes mostly carry messages written for clients.
            return _CLIENT
        return _LIBRARY

    def _local_client_class(self, node: ast.Name) -> bool:
        """A class of this module whose bases are client-facing."""
        binding = self.semantic.lookup(node.id)
        if binding is None or binding.kind != "class" or not isinstance(binding.node,
                                                                         ast.ClassDef):
            return False
        return any(_client_facing(self.semantic.qualified_name(base) or "")
                   for base in binding.node.bases)

    # ------------------------------------------------------------------ sinks
    def sink_arguments(self, call: ast.Call) -> Optional[list[ast.expr]]:
        """The body arguments of a response call; None for any other call."""
        qualified = self.semantic.qualified_name(call.func)
        if qualified is not None and qualified in RESPONSE_SINKS:
            return body_arguments(call, RESPONSE_SINKS[qualified])
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in ATTRIBUTE_SINKS:
            receivers, where = ATTRIBUTE_SINKS[func.attr]
            names = chain_names(func.value)
            if not receivers or (names and names[-1].lower() in receivers):
                return body_arguments(call, where)
        return None

    def _checked_as_call(self, call: ast.Call) -> bool:
        return self.sink_arguments(call) is not None or local_helper(self.semantic,
                                                                     call) is not None

    def visit_Call(self, node: ast.Call) -> None:
        if not self._active():
            return
        arguments = self.sink_arguments(node)
        if arguments is not None:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else self.ctx.source.segment(
                func).rsplit(".", 1)[-1]
            for argument in arguments:
                self._check(argument, self.text.find, f"`{name}(...)`")
            return
        helper = local_helper(self.semantic, node)
        if helper is not None:
            to_sink, _ = helper_flows(helper, self.sink_arguments)
            self._check_helper_arguments(node, helper, to_sink)

    def visit_Return(self, node: ast.Return) -> None:
        if not self._active() or node.value is None:
            return
        serving = self._serving()
        if serving is None or serving.role is Role.TASK:
            return
        value = node.value
        if isinstance(value, ast.Call):
            helper = local_helper(self.semantic, value)
            if helper is not None:
                _, to_return = helper_flows(helper, self.sink_arguments)
                self._check_helper_arguments(value, helper, to_return, returned=True)
                return
        self._check(value, self.returned.find, f"the {serving.role.value}'s return value")

    def _check_helper_arguments(self, call: ast.Call, helper: ast.FunctionDef
                                | ast.AsyncFunctionDef, positions: frozenset[int],
                                returned: bool = False) -> None:
        if not positions:
            return
        names = [arg.arg for arg in named_parameters(helper.args)]
        offset = 1 if names[:1] in (["self"], ["cls"]) and isinstance(call.func,
                                                                      ast.Attribute) else 0
        where = f"`{helper.name}(...)`" + (", whose result is returned" if returned else "")
        for position in sorted(positions):
            if position - offset < 0 or position >= len(names):
                continue
            argument = call_argument(call, position - offset, names[position])
            if argument is not None:
                self._check(argument, self.text.find_object, where)

    def _shown(self, node: ast.expr) -> str:
        text = " ".join(self.ctx.source.segment(node).split())
        return text if len(text) <= 40 else text[:37] + "..."

    def _check(self, expr: ast.expr, finder: Callable[[ast.expr], Optional[ast.expr]],
               where: str) -> None:
        self._found_kind = _CLIENT
        found = finder(expr)
        if found is None:
            return
        if debug_gated(self.ctx.statement_stack, expr):
            return
        shown = self._shown(expr if len(self.ctx.source.segment(expr)) <= 40 else found)
        confidence = _CONFIDENCE.get(self._found_kind, Confidence.HIGH)
        hint = ""
        inside = expr.lineno <= found.lineno <= (expr.end_lineno or expr.lineno)
        self.report(found if inside else expr, f"exception details (`{shown}`) reach the client through {where}; "
                          f"log them and send a generic message{hint}",
                    confidence=confidence,
                    related=() if inside else (Related(
                        self.ctx.path, found.lineno, found.col_offset + 1,
                        "the exception text"),))
