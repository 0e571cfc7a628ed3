"""Recognising hashing API calls through the `knowledge.hashing` tables: which call builds a
fast hash of which data, what digest a KDF is given, where a digest is stored."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional

from backendlint.knowledge.hashing import (
    CRYPTOGRAPHY_HASH,
    CRYPTOGRAPHY_HMAC,
    CRYPTOGRAPHY_PREFIX,
    DIGEST_ENCODERS,
    DIGEST_METHODS,
    FAST_HASHLIB,
    HMAC_CONSTRUCTORS,
    PYCRYPTODOME_HASHES,
    PYCRYPTODOME_ROOTS,
    WERKZEUG_HASH,
)
from backendlint.semantic.analyze.arguments import call_argument
from backendlint.semantic.analyze.constants import constant_str
from backendlint.semantic.analyze.dataflow import target_name
from backendlint.semantic.model import SemanticModel

_MAX_DEPTH = 8


@dataclass
class HashCall:
    api: str  # the qualified name, for messages
    algorithm: Optional[str]  # lower-case digest name when known
    data: list[ast.expr]
    is_hmac: bool = False
    constructor: Optional[ast.Call] = None


def short(qualified: str) -> str:
    """`cryptography.hazmat.primitives.hashes.Hash().update` → `hashes.Hash().update`."""
    return qualified.replace(CRYPTOGRAPHY_PREFIX, "")


def _hashlib_call(semantic: SemanticModel, call: ast.Call, qualified: str
                  ) -> Optional[HashCall]:
    name = qualified[len("hashlib."):]
    if name in FAST_HASHLIB:
        data = call_argument(call, 0, "data") or call_argument(call, None, "string")
        return HashCall(qualified, name, [data] if data is not None else [], constructor=call)
    if name == "new":
        algorithm = constant_str(semantic, call_argument(call, 0, "name"))
        data = call_argument(call, 1, "data") or call_argument(call, None, "string")
        return HashCall(qualified, algorithm.lower().replace("-", "_") if algorithm else None,
                        [data] if data is not None else [], constructor=call)
    return None


def _hmac_algorithm(semantic: SemanticModel, digest: Optional[ast.expr]) -> Optional[str]:
    if digest is None:
        return None
    text = constant_str(semantic, digest)
    if text is not None:
        return text.lower()
    qualified = semantic.qualified_name(digest) or ""
    return qualified.rsplit(".", 1)[-1].lower() if qualified.startswith("hashlib.") else None


def _pycryptodome_call(call: ast.Call, qualified: str) -> Optional[HashCall]:
    for root in PYCRYPTODOME_ROOTS:
        if not qualified.startswith(root) or not qualified.endswith(".new"):
            continue
        module = qualified[len(root):-len(".new")]
        if module == "HMAC":
            data = [arg for arg in (call_argument(call, 0, "key"), call_argument(call, 1, "msg"))
                    if arg is not None]
            return HashCall(qualified, None, data, is_hmac=True, constructor=call)
        if module in PYCRYPTODOME_HASHES:
            data_arg = call_argument(call, 0, "data")
            return HashCall(qualified, module.lower(), [data_arg] if data_arg is not None else [],
                            constructor=call)
    return None


def digest_of(semantic: SemanticModel, expr: Optional[ast.expr]) -> Optional[str]:
    """`"sha256"`, `hashes.SHA256()` or `hashlib.sha256` → "sha256"."""
    text = constant_str(semantic, expr)
    if text is not None:
        return text.lower().replace("-", "")
    if expr is None:
        return None
    qualified = semantic.qualified_name(expr) or ""
    last = qualified.rsplit(".", 1)[-1].replace("()", "").lower()
    return last or None


def construct_hash(semantic: SemanticModel, call: ast.Call) -> Optional[HashCall]:
    """A call that builds a fast hash or MAC from data, with that data."""
    qualified = semantic.qualified_name(call.func)
    if qualified is None:
        return None
    if qualified.startswith("hashlib."):
        return _hashlib_call(semantic, call, qualified)
    if qualified in HMAC_CONSTRUCTORS:
        data = [arg for arg in (call_argument(call, 0, "key"), call_argument(call, 1, "msg"))
                if arg is not None]
        digest = call_argument(call, 2, "digestmod" if qualified != "hmac.digest" else "digest")
        return HashCall(qualified, _hmac_algorithm(semantic, digest), data, is_hmac=True,
                        constructor=call)
    if qualified in (CRYPTOGRAPHY_HASH, CRYPTOGRAPHY_HMAC):
        algorithm = digest_of(semantic, call_argument(call, 0, "algorithm"))
        return HashCall(qualified, algorithm, [], is_hmac=qualified == CRYPTOGRAPHY_HMAC,
                        constructor=call)
    return _pycryptodome_call(call, qualified)


def fast_hash_call(semantic: SemanticModel, call: ast.Call) -> Optional[HashCall]:
    """A fast hash applied to data: a constructor with data, or `.update(data)` on a hash
    object (`h = hashlib.sha256(); h.update(password)`)."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "update" and call.args:
        receiver = semantic.qualified_name(func.value)
        if receiver is None or not receiver.endswith("()"):
            return None
        constructor = _constructor_of(semantic, func.value)
        built = construct_hash(semantic, constructor) if constructor is not None else None
        base = receiver[:-2]
        if built is None and not _is_hash_constructor_name(base):
            return None
        algorithm = built.algorithm if built is not None else None
        is_hmac = built.is_hmac if built is not None else base == CRYPTOGRAPHY_HMAC
        return HashCall(f"{base}().update", algorithm, [call.args[0]], is_hmac=is_hmac,
                        constructor=constructor)
    return construct_hash(semantic, call)


def _is_hash_constructor_name(qualified: str) -> bool:
    if qualified in (CRYPTOGRAPHY_HASH, CRYPTOGRAPHY_HMAC) or qualified in HMAC_CONSTRUCTORS:
        return True
    if qualified.startswith("hashlib."):
        return qualified[len("hashlib."):] in FAST_HASHLIB or qualified == "hashlib.new"
    return qualified.startswith(PYCRYPTODOME_ROOTS) and qualified.endswith(".new")


def _constructor_of(semantic: SemanticModel, receiver: ast.expr) -> Optional[ast.Call]:
    if isinstance(receiver, ast.Call):
        return receiver
    if isinstance(receiver, ast.Name):
        value = semantic.value_of(receiver.id)
        if isinstance(value, ast.Call):
            return value
    return None


def digest_core(semantic: SemanticModel, expr: ast.expr) -> ast.expr:
    """`base64.b64encode(hashlib.sha256(x).digest()).decode()[:32]` → `hashlib.sha256(x)`."""
    for _ in range(_MAX_DEPTH):
        if isinstance(expr, ast.Subscript):
            expr = expr.value
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
                and expr.func.attr in DIGEST_METHODS:
            expr = expr.func.value
        elif isinstance(expr, ast.Await):
            expr = expr.value
        elif isinstance(expr, ast.Call) and expr.args \
                and semantic.qualified_name(expr.func) in DIGEST_ENCODERS:
            expr = expr.args[0]
        else:
            break
    return expr


def stored_names(semantic: SemanticModel, statement: Optional[ast.stmt], call: ast.Call
                 ) -> list[str]:
    """Names the digest of `call` is stored in by the statement around it; a `return` in a
    function counts as the function's name."""
    if statement is None:
        return []
    if isinstance(statement, ast.Assign):
        targets: list[ast.expr] = list(statement.targets)
        value: Optional[ast.expr] = statement.value
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        targets, value = [statement.target], statement.value
    elif isinstance(statement, ast.Return):
        function = semantic.current_function()
        if statement.value is not None and function is not None \
                and digest_core(semantic, statement.value) is call:
            return [function.name]
        return []
    else:
        return []
    if value is None or digest_core(semantic, value) is not call:
        return []
    names = [target_name(target) for target in targets]
    return [name for name in names if name]


def werkzeug_method(semantic: SemanticModel, call: ast.Call) -> Optional[str]:
    """The `method=` of werkzeug's `generate_password_hash(password, method)`, when constant."""
    if semantic.qualified_name(call.func) not in WERKZEUG_HASH:
        return None
    return constant_str(semantic, call_argument(call, 1, "method"))
