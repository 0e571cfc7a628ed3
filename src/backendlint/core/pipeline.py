"""The per-file pass: decode, parse once, one traversal feeding every rule and analysis."""

from __future__ import annotations

import ast
import codecs
import io
import sys
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from backendlint import limits
from backendlint.core.builtin_rules import UnparsableFile
from backendlint.core.context import (
    FileContext,
    SourceText,
    split_lines,
)
from backendlint.core.facts import stored_form
from backendlint.core.findings import Finding
from backendlint.core.gates import skipped_practices, worth_running
from backendlint.core.registry import practices
from backendlint.core.rule import FileAnalysis, Rule, Visitor
from backendlint.pyparse import parse_quietly
from backendlint.semantic.analyze.subtrees import CHILD_FIELDS, LEAF_TYPES, child_fields
from backendlint.semantic.symbols import SymbolCollector
from backendlint.settings import Settings
from backendlint.suppression import Directive, parse_directives
from backendlint.syntax_versions import newer_syntax_hint

# Deeply nested but valid code must not overflow the interpreter's stack in our traversal.
_RECURSION_LIMIT = 20000
_SCOPE_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

Callback = Callable[[ast.AST], None]


@dataclass
class FileResult:
    """Everything the per-file pass learns about one file; JSON-serialisable for the cache."""

    path: str
    module: str
    findings: list[Finding] = field(default_factory=list)
    # Practice -> that practice's facts: the objects themselves out of `lint_source`, kept
    # packed (`PackedFacts`) once a run's worker is done with the file, or the cache's text
    # (`StoredFacts`); the project pass decodes one practice's at a time.
    facts: Mapping[str, Any] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)
    # Internal errors (a rule that crashed), reported on stderr and exit code 2.
    errors: list[str] = field(default_factory=list)
    # The facts as the cache stores them (`facts_text`), made by the worker when the run
    # caches (so a pool encodes in parallel), handed to the cache and then dropped.
    facts_text: Optional[str] = field(default=None, compare=False, repr=False)
    # Digest of the facts, set by the cache: the project pass is skipped when none changed.
    facts_digest: str = field(default="", compare=False, repr=False)

    def module_facts(self) -> Mapping[str, Any]:
        return self.facts

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "module": self.module,
            "findings": [finding.to_json() for finding in self.findings],
            "facts": stored_form(self.facts),
            "directives": [directive.to_json() for directive in self.directives],
            "errors": self.errors,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileResult:
        return cls(
            data["path"], data["module"],
            [Finding.from_json(item) for item in data["findings"]],
            data["facts"],
            [Directive.from_json(item) for item in data["directives"]],
            list(data["errors"]),
        )


class DecodeError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def decode_source(data: bytes) -> str:
    """Decode as Python does: a BOM or coding cookie picks the encoding, else UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        raise DecodeError(f"file is not valid UTF-8 or its coding declaration is wrong "
                          f"({error})") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DecodeError(
            f"file is not valid {encoding}: byte 0x{data[error.start]:02x} at offset "
            f"{error.start}", line) from None
    except LookupError:
        raise DecodeError(f"unknown encoding '{encoding}' in coding declaration") from None
    if text.startswith(codecs.BOM_UTF8.decode("utf-8")):
        text = text[1:]
    return text


def module_name_for(path: Path) -> tuple[str, bool]:
    """Dotted module name from the `__init__.py` chain above a file, and whether it is a
    package's `__init__`."""
    path = path.absolute()
    is_package = path.stem == "__init__"
    package = _package_of(path.parent)
    parts = [package] if package else []
    if not is_package:
        parts.append(path.stem)
    return ".".join(part for part in parts if part), is_package


@lru_cache(maxsize=4096)
def _package_of(directory: Path) -> str:
    """The dotted package a folder is, following `__init__.py` files upwards (memoised:
    every file of a folder asks the same question)."""
    if directory.parent == directory or not (directory / "__init__.py").exists():
        return ""
    if not directory.name.isidentifier():
        return ""
    parent = _package_of(directory.parent)
    return f"{parent}.{directory.name}" if parent else directory.name


_HANDLERS: dict[str, tuple[tuple[bool, type[ast.AST], str], ...]] = {}


def _handlers(rule_class: type[Visitor]) -> tuple[tuple[bool, type[ast.AST], str], ...]:
    """(is enter, node type, method name) for each visit_/leave_ method of a rule class,
    worked out once per class rather than once per file."""
    key = f"{rule_class.__module__}.{rule_class.__qualname__}"
    cached = _HANDLERS.get(key)
    if cached is not None:
        return cached
    found = []
    for attribute in dir(rule_class):
        if attribute.startswith(("visit_", "leave_")):
            node_type = getattr(ast, attribute[6:], None)
            if isinstance(node_type, type) and issubclass(node_type, ast.AST):
                found.append((attribute.startswith("visit_"), node_type, attribute))
    _HANDLERS[key] = tuple(found)
    return _HANDLERS[key]


@dataclass
class _Plan:
    enter: Optional[list[tuple[Visitor, Callback]]]
    leave: Optional[list[tuple[Visitor, Callback]]]
    is_statement: bool
    is_scope: bool
    fields: tuple[str, ...]


class Traversal:
    """The single walk over a module; dispatches nodes to the rules' visit/leave methods."""

    def __init__(self, ctx: FileContext, rules: list[Visitor]) -> None:
        self.ctx = ctx
        self.semantic = ctx.semantic
        self.enter: dict[type[ast.AST], list[tuple[Visitor, Callback]]] = {}
        self.leave: dict[type[ast.AST], list[tuple[Visitor, Callback]]] = {}
        self.failed: set[str] = set()
        self.errors: list[str] = []
        shared_seen: set[tuple[str, object]] = set()
        for rule in rules:
            shared: frozenset[str] = getattr(type(rule), "shared_handlers", frozenset())
            for is_enter, node_type, method in _handlers(type(rule)):
                if method in shared:
                    # One call per node for the practice: the first rule that has it.
                    key = (method, getattr(type(rule), method))
                    if key in shared_seen:
                        continue
                    shared_seen.add(key)
                table = self.enter if is_enter else self.leave
                table.setdefault(node_type, []).append((rule, getattr(rule, method)))
        self.skip = LEAF_TYPES - self.enter.keys() - self.leave.keys()
        self.plans: dict[type[ast.AST], _Plan] = {}
        self.statements = ctx.statement_stack

    def _dispatch(self, callbacks: list[tuple[Visitor, Callback]], node: ast.AST) -> None:
        for rule, callback in callbacks:
            try:
                callback(node)
            except RecursionError:
                raise
            except Exception as error:  # noqa: BLE001
                # a broken rule must not stop the other rules
                self._disable(rule, node, error)

    def _disable(self, rule: Visitor, node: ast.AST, error: Exception) -> None:
        """Take a rule that raised out of the tables (new lists: a loop over the old one may
        be running) and record the error."""
        self.failed.add(rule.label)
        for table in (self.enter, self.leave):
            for node_type, callbacks in table.items():
                table[node_type] = [item for item in callbacks if item[0] is not rule]
        self.plans.clear()
        line = getattr(node, "lineno", 0)
        self.errors.append(
            f"{self.ctx.path}:{line}: internal error in {rule.label} "
            f"({type(error).__name__}: {error}); the rule was skipped for this file")

    def _plan(self, node_type: type[ast.AST]) -> _Plan:
        """How to visit nodes of one type, worked out on the first one: a single dict lookup
        per node instead of one per question."""
        fields = CHILD_FIELDS.get(node_type) or child_fields(node_type)
        plan = _Plan(self.enter.get(node_type), self.leave.get(node_type),
                     issubclass(node_type, ast.stmt), node_type in _SCOPE_TYPES, fields)
        self.plans[node_type] = plan
        return plan

    def walk(self, node: ast.AST) -> None:
        plan = self.plans.get(type(node)) or self._plan(type(node))
        if plan.is_statement:
            self.statements.append(node)  # type: ignore[arg-type]
            # What `SemanticModel.set_current_line` does, without a call per statement.
            self.semantic._current_line = node.lineno  # type: ignore[attr-defined]
        if plan.enter:
            self._dispatch(plan.enter, node)
        if plan.is_scope:
            self._walk_scope(node)  # type: ignore[arg-type]
        else:
            # Inlined ast.iter_child_nodes: the generator costs more than the walk itself.
            # Leaves no rule asked for (most Names and Constants) are not visited at all.
            skip = self.skip
            for name in plan.fields:
                value = getattr(node, name, None)
                if type(value) is list:
                    for item in value:
                        if type(item) not in skip and isinstance(item, ast.AST):
                            self.walk(item)
                elif value is not None and type(value) not in skip and isinstance(
                        value, ast.AST):
                    self.walk(value)
        if plan.leave:
            self._dispatch(plan.leave, node)
        if plan.is_statement:
            self.statements.pop()

    def _walk_scope(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
                    | ast.ClassDef) -> None:
        # Decorators, defaults, annotations and bases run in the enclosing scope.
        if isinstance(node, ast.ClassDef):
            for child in (*node.decorator_list, *node.bases, *node.keywords):
                self.walk(child)
            body: list[ast.AST] = list(node.body)
        elif isinstance(node, ast.Lambda):
            self.walk(node.args)
            body = [node.body]
        else:
            for child in node.decorator_list:
                self.walk(child)
            self.walk(node.args)
            if node.returns is not None:
                self.walk(node.returns)
            body = list(node.body)
        self.semantic.push_scope(node)
        try:
            for child in body:
                self.walk(child)
        finally:
            self.semantic.pop_scope()


def bl001_finding(path: str, message: str, line: int, column: int) -> Finding:
    location = {"line": max(line, 1), "column": max(column, 1), "end_line": max(line, 1),
                "end_column": max(column, 1), "noqa": []}
    # Messages start with a capital letter (a package or code name aside): one style.
    return UnparsableFile.make_finding(path, location, message[:1].upper() + message[1:])


def lint_source(path: str, data: bytes | str, settings: Settings, module: str = "",
                is_package: bool = False) -> FileResult:
    """The per-file pass: a pure function of the file's content, its path and the settings."""
    result = _lint_source(path, data, settings, module, is_package)
    if not settings.is_enabled_for(UnparsableFile.code, path):
        result.findings = [f for f in result.findings if f.code != UnparsableFile.code]
    return result


def _lint_source(path: str, data: bytes | str, settings: Settings, module: str,
                 is_package: bool) -> FileResult:
    result = FileResult(path, module)
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    too_large = limits.size_problem(size, settings.max_file_size)
    if too_large:
        result.findings.append(bl001_finding(path, too_large, 1, 1))
        return result
    try:
        text = data if isinstance(data, str) else decode_source(data)
    except DecodeError as error:
        result.findings.append(bl001_finding(path, str(error), error.line, error.column))
        return result
    result.directives = parse_directives(text)
    rules = settings.rules_for(path)
    try:
        tree = parse_quietly(text, filename=path)
    except SyntaxError as error:
        message = error.msg or "invalid syntax"
        line = error.lineno or 1
        column = error.offset or 1
        hint = newer_syntax_hint(split_lines(text)[line - 1] if line <= text.count("\n") + 1
                                 else "")
        if hint:
            message = f"{message}: {hint}"
        result.findings.append(bl001_finding(path, f"syntax error: {message}", line, column))
        return result
    except (ValueError, RecursionError, MemoryError) as error:
        # ValueError: NUL bytes before 3.12; RecursionError/MemoryError: absurd nesting.
        result.findings.append(bl001_finding(path, _parse_failure(error), 1, 1))
        return result
    too_many = limits.node_problem(tree, len(text))
    if too_many:
        result.findings.append(bl001_finding(path, too_many, 1, 1))
        return result
    ctx = FileContext(path, SourceText(text), tree, module, is_package, settings)
    worth: dict[str, bool] = {}
    # A RULES_TEXT gate is what the rules' own needles below decide anyway: only the gates
    # declared with text or imports of their own are tested here.
    gated_out = skipped_practices(text, memo=worth, rules_text=False)
    running = [rule_class for rule_class in rules
               if rule_class.practice not in gated_out
               and worth_running(rule_class.requires_any_text, text, worth)]
    active: list[Visitor] = [rule_class(ctx, settings.options_for(rule_class.practice))
                             for rule_class in running]
    active.extend(_analyses(ctx, running, settings))
    if any(rule_class.project_level for rule_class in rules):
        active.append(SymbolCollector(ctx))
    # What several practices read (the endpoint model) runs once, before its readers.
    active[:0] = ctx.shared_visitors
    traversal = Traversal(ctx, active)
    previous_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous_limit, _RECURSION_LIMIT))
    try:
        traversal.walk(tree)
        for visitor in active:
            if visitor.label not in traversal.failed:
                visitor.finish()
    except RecursionError:
        result.findings.append(bl001_finding(path, "code is nested too deeply to analyse", 1, 1))
        return result
    finally:
        sys.setrecursionlimit(previous_limit)
    result.findings.extend(ctx.findings)
    result.facts = ctx.facts
    result.errors = traversal.errors
    _break_cycles(ctx, traversal, active)
    return result


def _analyses(ctx: FileContext, running: list[type[Rule]], settings: Settings
              ) -> list[FileAnalysis]:
    """One FileAnalysis per practice that declares one and has a rule running on this file."""
    by_practice: dict[str, set[type[Rule]]] = {}
    for rule_class in running:
        by_practice.setdefault(rule_class.practice, set()).add(rule_class)
    found: list[FileAnalysis] = []
    for practice in practices():
        enabled = by_practice.get(practice.name)
        if practice.analysis is not None and enabled:
            found.append(practice.analysis(ctx, settings.options_for(practice.name),
                                           frozenset(enabled)))
    return found


def _break_cycles(ctx: FileContext, traversal: Traversal, rules: list[Visitor]) -> None:
    """Rules, their shared analyses and the context point at each other; cut those links so
    reference counting frees the file's tree at once, and the run needs no cyclic garbage
    collection (which cost an eighth of a cold run)."""
    for state in ctx.shared.values():
        if hasattr(state, "__dict__"):
            state.__dict__.clear()
    ctx.shared.clear()
    ctx.shared_visitors.clear()
    traversal.enter.clear()
    traversal.leave.clear()
    traversal.plans.clear()
    for rule in rules:
        rule.__dict__.clear()


def _parse_failure(error: BaseException) -> str:
    if isinstance(error, ValueError) and "null" in str(error).lower():
        return "file contains a null (NUL) byte"
    if isinstance(error, (RecursionError, MemoryError)):
        return "code is nested too deeply for the parser"
    return f"cannot parse: {error}"
