"""The work BL401 and BL402 share: every call is classified once as a fast hash (or MAC) of
some data, or not; a hash of a password is BL401's, a broken digest of a secret BL402's."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Optional

from backendlint.core.rule import FileAnalysis, Rule
from backendlint.knowledge.hashing import (
    BROKEN_ALGORITHMS,
    CRYPTO_RANDOM_PREFIXES,
    HASHER_BASE_PREFIXES,
    HASHER_METHODS,
    RANDOM_PREFIXES,
    SLOW_HASH_INPUTS,
)
from backendlint.practices.password_hashing.bl401_fast_hash_on_password import (
    FastHashOnPassword,
)
from backendlint.practices.password_hashing.bl402_broken_hash_for_secret import (
    BrokenHashForSecret,
)
from backendlint.practices.password_hashing.hash_apis import (
    HashCall,
    digest_core,
    fast_hash_call,
    short,
    stored_names,
)
from backendlint.practices.password_hashing.reading import PasswordReading
from backendlint.practices.password_hashing.vocabulary import (
    is_breach_check,
    is_cache_name,
    is_non_security_name,
    is_password_function,
)
from backendlint.semantic.analyze.arguments import call_argument, keyword_is_constant
from backendlint.semantic.analyze.dataflow import (
    calls_with_prefix,
    data_leaves,
    derives_from_parameters,
    leaf_name,
    target_name,
)

if TYPE_CHECKING:
    from backendlint.core.context import FileContext
    from backendlint.core.practice import PracticeOptions
    from backendlint.semantic.model import SemanticModel

_HASH_RULES = frozenset({FastHashOnPassword, BrokenHashForSecret})


class HashingAnalysis(PasswordReading, FileAnalysis):
    """Classifies each hash call once; BL401 and BL402 are table-driven rules on it."""

    def __init__(self, ctx: FileContext, options: PracticeOptions,
                 enabled: frozenset[type[Rule]]) -> None:
        super().__init__(ctx, options, enabled)
        # BL401 detections wait for the end of the file: a slow hasher further down may take
        # the digest as its input (a pre-hash), which is not a fast password hash.
        self.pending: list[tuple[ast.Call, str]] = []
        self.prehashes: set[int] = set()

    def visit_Call(self, node: ast.Call) -> None:
        if not self.enabled & _HASH_RULES:
            return
        self._note_slow_hash_input(node)
        hashed = fast_hash_call(self.model, node)
        if hashed is None:
            return
        leaves = [leaf for data in hashed.data for leaf in data_leaves(self.model, data)]
        if not leaves or self.in_test_code():
            return  # no data yet (`hashlib.sha256()` before `.update(...)`), or a test
        if self.wants(FastHashOnPassword):
            reason = self._password_reason(node, leaves)
            if reason is not None:
                self.pending.append((node, FastHashOnPassword.message(short(hashed.api),
                                                                      reason)))
        if self.wants(BrokenHashForSecret):
            self._broken_hash(node, hashed, leaves)

    def _note_slow_hash_input(self, node: ast.Call) -> None:
        """The fast hashes whose digest a slow hasher takes as its password (directly,
        through `b64encode(...)`, `.hexdigest()` or a local variable)."""
        qualified = self.model.qualified_name(node.func)
        where = SLOW_HASH_INPUTS.get(qualified or "")
        if where is None:
            return
        data = call_argument(node, *where)
        if data is None:
            return
        for leaf in data_leaves(self.model, data):
            core = digest_core(self.model, leaf)
            if isinstance(core, ast.Call):
                self.prehashes.add(id(core))
                self.prehashes.update(id(inner) for inner in _digest_calls(self.model, core))

    def finish(self) -> None:
        for node, message in self.pending:
            if id(node) not in self.prehashes:
                self.report(FastHashOnPassword, node, message)

    # -------------------------------------------------------------- BL401
    def _password_reason(self, node: ast.Call, leaves: list[ast.expr]) -> Optional[str]:
        function = self.function_name() or ""
        if is_breach_check(function) or self._calls_breach_api():
            return None
        if self._keys_a_cache(node, function):
            return None
        name = self.password_leaf(leaves)
        if name is not None:
            return f"hashes the password `{name}`"
        if not calls_with_prefix(self.model, leaves, RANDOM_PREFIXES):
            for stored in stored_names(self.model, self.statement(), node):
                if stored == function:
                    if self._in_password_function(function):
                        return f"makes the result of the password function `{function}()`"
                elif self.password_name(stored):
                    return f"makes the password hash `{stored}`"
        if self._in_password_function(function) and \
                derives_from_parameters(self.model, leaves):
            return f"hashes the input of the password function `{function}()`"
        return None

    def _keys_a_cache(self, node: ast.Call, function: str) -> bool:
        """A digest used as an in-memory cache key (`cache_key = sha256(...)`, a function named
        `_cache_key`, `self._cache[sha256(...)]`): nothing is stored for a later login."""
        if is_cache_name(function):
            return True
        if any(is_cache_name(name) for name in stored_names(self.model, self.statement(),
                                                              node)):
            return True
        statement = self.statement()
        return statement is not None and any(
            is_cache_name(holder) and digest_core(self.model, key) is node
            for holder, key in _keyed_lookups(statement))

    def _calls_breach_api(self) -> bool:
        function = self.model.current_function()
        return function is not None and "pwnedpasswords" in self.ctx.source.segment(function)

    def _in_password_function(self, function: str) -> bool:
        if not function:
            return False
        if is_password_function(function):
            return True
        if function in HASHER_METHODS:
            bases = self.class_bases(self.model.enclosing_class())
            return any(base.startswith(HASHER_BASE_PREFIXES) for base in bases)
        return False

    # -------------------------------------------------------------- BL402
    def _broken_hash(self, node: ast.Call, hashed: HashCall, leaves: list[ast.expr]) -> None:
        if hashed.is_hmac or hashed.algorithm not in BROKEN_ALGORITHMS:
            return
        if keyword_is_constant(hashed.constructor, "usedforsecurity", False):
            return
        if self.password_leaf(leaves) is not None:
            return  # a password: BL401's finding
        if calls_with_prefix(self.model, leaves, CRYPTO_RANDOM_PREFIXES):
            return
        context = self._secret_context(node, leaves)
        if context is not None:
            self.report(BrokenHashForSecret, node,
                        BrokenHashForSecret.message(short(hashed.api), hashed.algorithm,
                                                    context))

    def _secret_context(self, node: ast.Call, leaves: list[ast.expr]) -> Optional[str]:
        names = stored_names(self.model, self.statement(), node)
        function = self.function_name() or ""
        if any(is_non_security_name(name) for name in names) or is_non_security_name(function):
            return None
        for name in names:
            if self.secret_name(name):
                return f"makes the security value `{name}`"
        if names:
            for leaf in leaves:
                leaf_id = leaf_name(self.model, leaf)
                if self.secret_name(leaf_id):
                    return f"hashes the secret `{leaf_id}`"
        if self.secret_name(function):
            return f"computes a security value in `{function}()`"
        return None


def _digest_calls(semantic: SemanticModel, call: ast.Call) -> list[ast.Call]:
    """Hash calls inside a pre-hash's input (`sha256(hmac.new(k, pw).digest())`)."""
    found = []
    for argument in call.args:
        core = digest_core(semantic, argument)
        if isinstance(core, ast.Call):
            found.append(core)
    return found


def _keyed_lookups(statement: ast.stmt) -> list[tuple[str, ast.expr]]:
    """(holder name, key) of `holder[key]`, `key in holder` and `holder.get(key)` in a
    statement's own expressions."""
    found: list[tuple[str, ast.expr]] = []
    for node in ast.walk(statement):
        if isinstance(node, ast.Subscript):
            name = target_name(node.value) if isinstance(node.value, (ast.Name, ast.Attribute)) \
                else None
            if name:
                found.append((name, node.slice))
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 \
                and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            holder = node.comparators[0]
            name = target_name(holder) if isinstance(holder, (ast.Name, ast.Attribute)) else None
            if name:
                found.append((name, node.left))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("get", "set", "setdefault", "pop", "add") and node.args:
            holder = node.func.value
            name = target_name(holder) if isinstance(holder, (ast.Name, ast.Attribute)) else None
            if name:
                found.append((name, node.args[0]))
    return found
