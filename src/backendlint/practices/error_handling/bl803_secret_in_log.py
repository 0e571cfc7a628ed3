"""A password, token, key or `Authorization` header written to a log or printed."""

from __future__ import annotations

import ast
import re
from typing import Optional

from backendlint.core.context import FileContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.knowledge.logging_apis import (
    CREDENTIAL_NAMES,
    LOG_METHODS,
    NON_DATA_KEYWORDS,
    NOT_LOGGED_SECRET_WORDS,
    REQUEST_BODY_ATTRIBUTES,
    REQUEST_HEADER_ATTRIBUTES,
    SECRET_METADATA_WORDS,
    SECRET_UNWRAP_METHODS,
)
from backendlint.knowledge.words import PASSWORD_INFIXES
from backendlint.practices.error_handling.options import ErrorHandlingOptions
from backendlint.practices.password_hashing.vocabulary import (
    is_hash_name,
    is_password_name,
    is_secret_name,
)
from backendlint.semantic.analyze.dataflow import chain_names, data_leaves, leaf_name
from backendlint.semantic.analyze.identifiers import components
from backendlint.semantic.analyze.logging_calls import is_logging_call, is_print_call

_CONTAINERS = (ast.Tuple, ast.List, ast.Set)
_WRAPPING_BUILTINS = frozenset({"builtins.dict", "builtins.list", "builtins.tuple",
                                "builtins.repr", "json.dumps", "pprint.pformat"})


class SecretInLog(Rule):
    """## What it does
    Checks for a secret passed to a logging call (`logger.*`, `logging.*`, `structlog`,
    `loguru`) or `print`, as an argument or formatted into the message: a password, token,
    API key, client secret or session id by its name (the names the password-hashing rules
    know, plus `secret-names`), a value read from `request.headers["Authorization"]`,
    `request.POST["password"]`, `form.password.data` or `SecretStr.get_secret_value()`; and
    a whole request body or form (`request.form`, `request.POST`, `request.data`,
    `await request.json()`) logged in a function that handles a password field, or all of a
    request's headers.

    Counts and descriptions of a secret (`max_tokens`, `token_type`, `password_length`,
    `api_key_id`), hashes, and masked values (`token[:6]`, `mask(token)`) are not reported.

    ## Why is this bad?
    Logs are copied to aggregators, shared in tickets and kept for months, read by far more
    people than the credential store (CWE-532). A password or token in a log line is a
    credential handed to all of them.

    ## Example
    ```python
    import logging

    from flask import Flask, request

    app = Flask(__name__)
    logger = logging.getLogger(__name__)


    @app.post("/login")
    def login():
        logger.info("login %s with %s", request.form["email"], request.form["password"])
        return check(request.form)
    ```

    Use instead:
    ```python
    import logging

    from flask import Flask, request

    app = Flask(__name__)
    logger = logging.getLogger(__name__)


    @app.post("/login")
    def login():
        logger.info("login %s", request.form["email"])
        return check(request.form)
    ```

    ## Options
    - `secret-names` in `[tool.backendlint.error-handling]`: regular expressions of more
      names that hold secrets.

    ## Fix safety
    There is no fix.
    """

    code = "BL803"
    name = "secret-in-log"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 532
    requires_any_text = ("log", "print")

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        assert isinstance(options, ErrorHandlingOptions)
        self.patterns = [re.compile(pattern) for pattern in options.secret_names]
        self.skip = ctx.is_test_file
        self._password_functions: dict[int, bool] = {}

    def visit_Call(self, node: ast.Call) -> None:
        if self.skip:
            return
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr not in LOG_METHODS or not is_logging_call(self.semantic, node):
                return
            sink = f"`{self.ctx.source.segment(func).rsplit('.', 1)[-1]}` log call"
        elif isinstance(func, ast.Name) and func.id == "print" \
                and is_print_call(self.semantic, node):
            sink = "`print`"
        else:
            return
        arguments = [*node.args, *(keyword.value for keyword in node.keywords
                                   if keyword.arg not in NON_DATA_KEYWORDS)]
        for argument in arguments:
            found = self._secret(argument, 0)
            if found is not None:
                _, what, confidence = found
                self.report(argument, f"{what} is written to the log by the {sink}; log that it "
                                  f"happened, not the value", confidence=confidence)
                return

    # ------------------------------------------------------------------ secrets
    def _secret(self, expr: ast.expr, depth: int
                ) -> Optional[tuple[ast.expr, str, Confidence]]:
        if depth > 4:
            return None
        if isinstance(expr, ast.Dict):
            for key, value in zip(expr.keys, expr.values):
                name = key.value if isinstance(key, ast.Constant) \
                    and isinstance(key.value, str) else None
                if name and self._is_secret_name(name) and not isinstance(value, ast.Constant):
                    return value, f"`{name}`", Confidence.HIGH
                found = self._secret(value, depth + 1)
                if found is not None:
                    return found
            return None
        for leaf in data_leaves(self.semantic, expr):
            found = self._leaf(leaf, depth)
            if found is not None:
                return found
        return None

    def _leaf(self, leaf: ast.expr, depth: int) -> Optional[tuple[ast.expr, str, Confidence]]:
        if isinstance(leaf, _CONTAINERS):
            for element in leaf.elts:
                found = self._secret(element, depth + 1)
                if found is not None:
                    return found
            return None
        if isinstance(leaf, ast.Dict):
            return self._secret(leaf, depth + 1)
        if isinstance(leaf, ast.Call):
            func = leaf.func
            if isinstance(func, ast.Attribute) and func.attr in SECRET_UNWRAP_METHODS:
                return leaf, f"`{self._shown(leaf)}`", Confidence.HIGH
            if self.semantic.qualified_name(func) in _WRAPPING_BUILTINS:
                for argument in leaf.args:
                    found = self._secret(argument, depth + 1)
                    if found is not None:
                        return found
                return None
        whole = self._whole_request(leaf)
        if whole is not None:
            return whole
        name = leaf_name(self.semantic, leaf)
        if name is not None and self._is_secret_name(name):
            confidence = Confidence.MEDIUM if components(name)[:1] == ["session"] \
                else Confidence.HIGH
            return leaf, f"`{self._shown(leaf)}`", confidence
        return None

    def _is_secret_name(self, name: str) -> bool:
        lowered = name.lower()
        if lowered in CREDENTIAL_NAMES:
            return True
        if any(pattern.search(lowered) for pattern in self.patterns):
            return True
        words = components(name)
        if not words or words[-1] in ("id", "ids") and words[:2] != ["session", "id"]:
            return False
        if any(word in SECRET_METADATA_WORDS for word in words):
            return False
        if is_password_name(name):
            return not is_hash_name(name)
        if any(word in NOT_LOGGED_SECRET_WORDS for word in words):
            return False
        return is_secret_name(name) and not is_hash_name(name)

    def _whole_request(self, leaf: ast.expr) -> Optional[tuple[ast.expr, str, Confidence]]:
        """`request.form`, `request.POST`, `await request.json()`, `form.data`, or every
        header of a request."""
        target = leaf.func if isinstance(leaf, ast.Call) else leaf
        if not isinstance(target, ast.Attribute):
            return None
        receiver = chain_names(target.value)
        if not receiver:
            return None
        holder = receiver[-1].lower()
        if holder in ("request", "req") and target.attr in REQUEST_HEADER_ATTRIBUTES:
            return leaf, (f"every header of the request (`{self._shown(leaf)}`, with "
                          f"`Authorization` and cookies)"), Confidence.MEDIUM
        is_body = (holder in ("request", "req") and target.attr in REQUEST_BODY_ATTRIBUTES) \
            or ("form" in holder and target.attr == "data")
        if is_body and self._handles_password():
            return leaf, (f"the whole request body (`{self._shown(leaf)}`), which holds a "
                          f"password field,"), Confidence.MEDIUM
        return None

    def _handles_password(self) -> bool:
        """Whether the function being visited reads or names a password."""
        function = self.semantic.current_function()
        if function is None:
            return False
        key = id(function)
        if key not in self._password_functions:
            text = self.ctx.source.segment(function).lower()
            self._password_functions[key] = any(infix in text for infix in PASSWORD_INFIXES)
        return self._password_functions[key]

    def _shown(self, node: ast.expr) -> str:
        return self.ctx.source.segment(node).split("\n", 1)[0][:50]
