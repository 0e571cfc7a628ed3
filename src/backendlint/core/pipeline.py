"""The pipeline: per-file pass (parse once, one traversal), project pass, suppression."""

from __future__ import annotations

import ast
import codecs
import gc
import hashlib
import io
import os
import re
import sys
import tokenize
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from backendlint import limits
from backendlint.core.builtin_rules import UnparsableFile, UnusedSuppression
from backendlint.core.context import (
    FileContext,
    SourceText,
    split_lines,
    take_cyclic_garbage_note,
)
from backendlint.core.facts import PackedFacts, facts_text, pack, stored_form, unpack
from backendlint.core.findings import Finding
from backendlint.core.practice import FileGate
from backendlint.core.project_pass import run_project_pass
from backendlint.core.registry import all_rules, codes_for_noqa, practices
from backendlint.core.rule import FileAnalysis, Rule, Visitor
from backendlint.pyparse import parse_quietly
from backendlint.semantic.symbols import SymbolCollector
from backendlint.settings import Settings
from backendlint.suppression import Directive, apply_suppressions, is_our_token, parse_directives
from backendlint.syntax_versions import newer_syntax_hint

if TYPE_CHECKING:
    from backendlint.cache import ResultCache

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


# Fields never walked: expression contexts and operators are leaves that rules read from
# their parent (`node.op`), and there are millions of them.
_LEAF_FIELDS = frozenset({"ctx", "op", "ops"})
_CHILD_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}
# Nodes with no child nodes: walking them only matters to a rule that visits them.
_LEAF_TYPES: frozenset[type[ast.AST]] = frozenset({
    ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.alias, ast.Global,
    ast.Nonlocal,
})


def _child_fields(node_type: type[ast.AST]) -> tuple[str, ...]:
    fields = tuple(name for name in node_type._fields if name not in _LEAF_FIELDS)
    _CHILD_FIELDS[node_type] = fields
    return fields


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
        self.skip = _LEAF_TYPES - self.enter.keys() - self.leave.keys()
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
        fields = _CHILD_FIELDS.get(node_type) or _child_fields(node_type)
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


def _bl001(path: str, message: str, line: int, column: int) -> Finding:
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
        result.findings.append(_bl001(path, too_large, 1, 1))
        return result
    try:
        text = data if isinstance(data, str) else decode_source(data)
    except DecodeError as error:
        result.findings.append(_bl001(path, str(error), error.line, error.column))
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
        result.findings.append(_bl001(path, f"syntax error: {message}", line, column))
        return result
    except (ValueError, RecursionError, MemoryError) as error:
        # ValueError: NUL bytes before 3.12; RecursionError/MemoryError: absurd nesting.
        result.findings.append(_bl001(path, _parse_failure(error), 1, 1))
        return result
    too_many = limits.node_problem(tree, len(text))
    if too_many:
        result.findings.append(_bl001(path, too_many, 1, 1))
        return result
    ctx = FileContext(path, SourceText(text), tree, module, is_package, settings)
    worth: dict[str, bool] = {}
    # A RULES_TEXT gate is what the rules' own needles below decide anyway: only the gates
    # declared with text or imports of their own are tested here.
    gated_out = skipped_practices(text, memo=worth, rules_text=False)
    running = [rule_class for rule_class in rules
               if rule_class.practice not in gated_out
               and _worth_running(rule_class.requires_any_text, text, worth)]
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
        result.findings.append(_bl001(path, "code is nested too deeply to analyse", 1, 1))
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


# `import a.b as c, d` and `from a.b import c` at any indentation (a docstring that shows an
# import statement only widens a gate). Relative imports name this project's own modules.
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b"
                          r"|import[ \t]+([A-Za-z_][\w., \t]*))", re.MULTILINE)


def imported_modules(text: str) -> set[str]:
    """Every absolute module a source's import statements name (a cheap reading of the text:
    no parse needed)."""
    found: set[str] = set()
    for from_module, plain in _IMPORT_LINE.findall(text):
        if from_module:
            found.add(from_module)
            continue
        for item in plain.split(","):
            words = item.split()
            if words:
                found.add(words[0])
    return found


@lru_cache(maxsize=8)
def _gates(rules: tuple[type[Rule], ...], rules_text: bool = True
           ) -> tuple[tuple[str, FileGate], ...]:
    """Each gated practice's gate, with `rules_text` spelled out as the union of its rules'
    needles (a practice with a rule that has none is not gated); without `rules_text`,
    only the gates declared with text or imports of their own."""
    found: list[tuple[str, FileGate]] = []
    for practice in practices():
        gate = practice.gate
        if gate.always or (gate.rules_text and not rules_text):
            continue
        if gate.rules_text:
            own = [rule.requires_any_text for rule in rules if rule.practice == practice.name]
            if not all(own):
                continue
            needles = {needle for needles in own for needle in needles}
            # A needle that contains another adds nothing: `select ` when `elect` is there.
            text = tuple(sorted(needle for needle in needles | set(gate.text) if not any(
                other != needle and other in needle for other in needles | set(gate.text))))
            gate = FileGate(text, gate.imports)
        found.append((practice.name, gate))
    return tuple(found)


def skipped_practices(text: str, rules: Optional[tuple[type[Rule], ...]] = None,
                      memo: Optional[dict[str, bool]] = None, rules_text: bool = True
                      ) -> frozenset[str]:
    """The practices whose file-level gate rejects this source: none of their rules, nor
    their analysis, runs on it. `memo` keeps which needles the text holds (each needle is
    searched once per file, by the gates and then by the rules). Without `rules_text`, the
    RULES_TEXT gates are left to the rules' own needles (the engine's case)."""
    skipped: list[str] = []
    imported: Optional[set[str]] = None
    found = {} if memo is None else memo
    for name, gate in _gates(all_rules() if rules is None else rules, rules_text):
        if gate.text and _worth_running(gate.text, text, found):
            continue
        if gate.imports:
            if imported is None:
                imported = imported_modules(text)
            if gate.admits_imports(imported):
                continue
        skipped.append(name)
    return frozenset(skipped)


def _worth_running(needles: tuple[str, ...], text: str, memo: dict[str, bool]) -> bool:
    """The cheap skip: a rule runs only if the text contains one of its needles. Practices'
    gates and rules share needles, so each needle is searched once per file.

    Most needles are absent, so most searches read the whole haystack. A needle of ASCII
    letters, digits and `_` (152 of the 164) can only occur inside one run of characters
    that are neither whitespace nor ASCII punctuation, so it is searched in the file's
    distinct runs joined by spaces (a fifth of the text on Django), with the same answer as
    in the text; the few others are searched in the text."""
    if not needles:
        return True
    for needle in needles:
        found = memo.get(needle)
        if found is None:
            identifier = _IDENTIFIER_NEEDLES.get(needle)
            if identifier is None:
                identifier = _IDENTIFIER_NEEDLES[needle] = bool(
                    _IDENTIFIER_NEEDLE.fullmatch(needle))
            found = memo[needle] = needle in (_runs_of(text) if identifier else text)
        if found:
            return True
    return False


# Which needles are made of ASCII letters, digits and `_` only (see `_worth_running`).
_IDENTIFIER_NEEDLES: dict[str, bool] = {}
_IDENTIFIER_NEEDLE = re.compile(r"[A-Za-z0-9_]+")
# ASCII punctuation (what is neither a letter, a digit, `_` nor whitespace) becomes a space.
_PUNCTUATION = bytes(byte for byte in range(128)
                     if not (chr(byte).isalnum() or chr(byte) == "_" or chr(byte).isspace()))
_PUNCTUATION_TO_SPACE = bytes.maketrans(_PUNCTUATION, b" " * len(_PUNCTUATION))
# The last text's runs (the rules of one file ask in turn).
_LAST_RUNS: list[Any] = [None, ""]


def _runs_of(text: str) -> str:
    """The distinct runs of characters other than whitespace and ASCII punctuation, joined by
    spaces. Cut in the UTF-8 bytes (bytes.translate is much cheaper than str.translate): an
    ASCII byte there is always that character, so every run is whole characters."""
    if _LAST_RUNS[0] is not text:
        _LAST_RUNS[0] = text
        encoded = text.encode("utf-8", "surrogatepass").translate(_PUNCTUATION_TO_SPACE)
        _LAST_RUNS[1] = b" ".join(set(encoded.split())).decode("utf-8", "surrogatepass")
    runs: str = _LAST_RUNS[1]
    return runs


def _project_pass(results: list[FileResult], settings: Settings,
                  cache: Optional[ResultCache]
                  ) -> tuple[list[Finding], list[str], set[tuple[str, int, int, str]],
                             list[str]]:
    """The project pass, or its cached output when no module's facts changed (the pass is a
    pure function of the facts and the settings, which the cache is keyed by)."""
    if cache is None or not all(result.facts_digest for result in results):
        return run_project_pass(results, settings)
    from backendlint.cache import decode_finding_with_path, encode_finding_with_path

    digest = hashlib.sha256("\0".join(
        f"{result.path}\0{result.module}\0{result.facts_digest}" for result in results
    ).encode("utf-8", "surrogateescape")).hexdigest()
    cached = cache.project_result(digest)
    if cached is not None:
        try:
            findings = [decode_finding_with_path(item) for item in cached["findings"]]
            superseded = {(path, line, column, code)
                          for path, line, column, code in cached["superseded"]}
            return findings, list(cached["errors"]), superseded, list(cached.get("notes", []))
        except (KeyError, TypeError, ValueError):
            pass
    findings, errors, superseded, notes = run_project_pass(results, settings)
    if not errors:
        cache.store_project_result(digest, {
            "findings": [encode_finding_with_path(finding) for finding in findings],
            "superseded": sorted(superseded), "errors": errors, "notes": notes})
    return findings, errors, superseded, notes


def suppress(result_findings: list[Finding], directives: list[Directive], path: str,
             settings: Settings) -> tuple[list[Finding], int]:
    """Apply one file's suppression comments; add BL002 findings when selected."""
    if not directives:
        return result_findings, 0
    rule_names = {rule.name for rule in all_rules()}
    expand: dict[str, set[str]] = {}
    for directive in directives:
        for token in directive.codes or ():
            if is_our_token(token, rule_names):
                codes = codes_for_noqa(token)
                if codes:
                    expand[token] = codes
    outcome = apply_suppressions(result_findings, directives, expand, settings.enabled)
    kept = outcome.kept
    if settings.is_enabled_for(UnusedSuppression.code, path):
        for directive, problem in outcome.problems:
            location = {"line": directive.line, "column": directive.column,
                        "end_line": directive.line, "end_column": directive.end_column,
                        "noqa": []}
            kept.append(UnusedSuppression.make_finding(path, location,
                                                       problem[:1].upper() + problem[1:]))
    return kept, outcome.suppressed


@dataclass
class RunResult:
    findings: list[Finding]
    suppressed: int
    files: int
    errors: list[str]
    results: list[FileResult]
    # What the project pass could not resolve (printed with -v).
    notes: list[str] = field(default_factory=list)


def finish_run(results: list[FileResult], settings: Settings,
               cache: Optional[ResultCache] = None,
               settings_of: Optional[Callable[[str], Settings]] = None,
               context: Sequence[FileResult] = ()) -> RunResult:
    """Project pass, then suppression, then deterministic order.

    `settings_of` gives a file's own settings when nested configurations apply (default: all
    `settings`). `context` are results of files not being reported on, whose facts the
    project pass still reads (a run on a few files sees the whole project)."""
    with _collector_paused():
        return _finish_run(results, settings, cache, settings_of, context)


def _finish_run(results: list[FileResult], settings: Settings, cache: Optional[ResultCache],
                settings_of: Optional[Callable[[str], Settings]],
                context: Sequence[FileResult]) -> RunResult:
    # In a big run the per-file findings wait packed while the project pass decodes the
    # facts (the five sdists' 119,200 findings took some 70 MiB as objects): the pass then
    # reuses their memory, and they are rebuilt, equal, for suppression and the report.
    many = len(results) + len(context) >= PACK_FROM_FILES
    packed = [pack(result.findings) if many and result.findings else None
              for result in results]
    for result, stored in zip(results, packed):
        if stored is not None:
            result.findings = []
    try:
        project_findings, errors, superseded, notes = _project_pass(
            [*results, *context], settings, cache)
    finally:
        for result, stored in zip(results, packed):
            if stored is not None:
                result.findings = unpack(stored)
        del packed
    if cache is not None:
        cache.save({result.path for result in [*results, *context]})
    of = settings_of or (lambda path: settings)
    context_paths = {result.path for result in context}
    by_path: dict[str, list[Finding]] = {}
    for finding in project_findings:
        if finding.path in context_paths or not of(finding.path).is_enabled_for(
                finding.code, finding.path):
            continue
        by_path.setdefault(finding.path, []).append(finding)
    findings: list[Finding] = []
    suppressed = 0
    for result in results:
        errors.extend(result.errors)
        combined = result.findings + by_path.pop(result.path, [])
        if superseded:
            combined = [f for f in combined
                        if (f.path, f.line, f.column, f.code) not in superseded]
        kept, count = suppress(combined, result.directives, result.path, of(result.path))
        findings.extend(kept)
        suppressed += count
    for leftovers in by_path.values():
        findings.extend(leftovers)
    findings.sort(key=Finding.sort_key)
    return RunResult(findings, suppressed, len(results), errors, results, notes)


def lint_paths(files: list[tuple[Path, str]], settings: Settings, jobs: int = 1,
               cache_dir: Optional[Path] = None) -> RunResult:
    """Lint files given as (filesystem path, display path): the per-file pass in a process
    pool when `jobs` > 1 and the run is big enough, each result cached when `cache_dir` is
    set; then the project pass and suppressions."""
    cache = open_cache(cache_dir, settings)
    results = lint_files(files, settings, jobs, cache=cache)
    return finish_run(results, settings, cache)


def open_cache(cache_dir: Optional[Path], settings: Settings) -> Optional[ResultCache]:
    if cache_dir is None:
        return None
    from backendlint.cache import ResultCache

    return ResultCache(cache_dir, settings.fingerprint())


# With the collector off while linting and plugin rules loaded (which may make cycles), a
# worker sweeps its young objects this often.
_COLLECT_EVERY = 100
# Below this many files a pool costs more to start than it saves.
_MIN_FILES_FOR_POOL = 24
# From this many files on, a run keeps each file's facts packed until the project pass and
# its findings packed during it (memory for time: unpacking Django's facts costs about 2 s
# of a 16 s `-j1` run, and its 885 files' objects take only some 100 MiB; the five sdists'
# 5,268 took 350 MiB). A pool's workers always send them packed: bytes travel cheaper than
# objects, so there it costs nothing.
PACK_FROM_FILES = 1000


def lint_files(files: list[tuple[Path, str]], settings: Settings, jobs: int = 1,
               cache_dir: Optional[Path] = None, cache: Optional[ResultCache] = None
               ) -> list[FileResult]:
    """Per-file results in input order. Cached results are looked up here, in this process
    (a warm run starts no pool at all); only the misses are linted, in a pool when there are
    enough of them. With `cache_dir` (rather than an open `cache`) the cache is saved here."""
    own_cache = cache is None and cache_dir is not None
    if own_cache:
        cache = open_cache(cache_dir, settings)
    worker = _Worker(settings, want_key=cache is not None)
    results: list[Optional[FileResult]] = [None] * len(files)
    misses: list[int] = []
    stats: dict[int, os.stat_result] = {}
    for index, (real, display) in enumerate(files):
        if cache is None or not _cacheable(display):
            misses.append(index)
            continue
        module, _ = module_name_for(real)
        cached, info = cache.lookup(display, module, real)
        if cached is None:
            misses.append(index)
            if info is not None:
                stats[index] = info
        else:
            results[index] = cached
    todo = [files[index] for index in misses]
    worker.pack = len(files) >= PACK_FROM_FILES or (jobs > 1
                                                    and len(todo) >= _MIN_FILES_FOR_POOL)
    with _fewer_collections():
        fresh = _lint_uncached(todo, worker, jobs)
    for index, (result, key) in zip(misses, fresh):
        results[index] = result
        info = stats.get(index)
        if cache is not None and key is not None and info is not None and not result.errors:
            cache.store(files[index][1], key, info, result)
    done = [result for result in results if result is not None]
    if own_cache and cache is not None:
        cache.save({result.path for result in done})
    return done


def _cacheable(display: str) -> bool:
    # The snapshot is one line per file, fields separated by tabs.
    return "\t" not in display and "\n" not in display and "\0" not in display


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """No cyclic garbage collection while linting: a file's pass leaves no cycles behind
    (`_break_cycles`), yet the collector kept rescanning every live tree, at an eighth of a
    cold run. Forked workers inherit this. Workers still collect the young generation now and
    then, in case a plugin rule makes cycles."""
    enabled = gc.isenabled()
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during the project pass and the sort: every file's
    findings and facts are alive then (millions of objects), and the collections the pass's
    allocations triggered rescanned them all, a sixth of a cold run on Django (a gen-1 sweep
    of 0.5 s in the project pass, a gen-2 sweep of 0.95 s in the sort). The pass leaves only
    its own bounded garbage, freed at the next collection after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lint_uncached(todo: list[tuple[Path, str]], worker: _Worker, jobs: int
                   ) -> list[tuple[FileResult, Optional[str]]]:
    if jobs <= 1 or len(todo) < _MIN_FILES_FOR_POOL:
        return [worker(item) for item in todo]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork keeps rules registered at run time (plugins) visible in the workers.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Largest files first, in small chunks: the workers then finish together, on the
    # smallest files, instead of one waiting while the other lints a last chunk of big ones
    # (files in path order put a package's big modules side by side).
    order = sorted(range(len(todo)), key=lambda index: -_size(todo[index][0]))
    chunksize = max(1, min(_MAX_CHUNK, len(todo) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        done = pool.map(worker, [todo[index] for index in order], chunksize=chunksize)
        results: list[Optional[tuple[FileResult, Optional[str]]]] = [None] * len(todo)
        for index, result in zip(order, done):
            results[index] = result
    return [result for result in results if result is not None]


# Files per task sent to a worker: small enough that the last tasks are short.
_MAX_CHUNK = 16


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the pass reports it


class _Worker:
    """One file's per-file pass, with the content key its result is cached under; picklable
    for the pool."""

    def __init__(self, settings: Settings, want_key: bool) -> None:
        self.settings = settings
        self.linted = 0
        # Rules from outside backendlint: their passes are not known to be free of cycles.
        self.plugins = any(not rule.__module__.startswith("backendlint.")
                           for rule in all_rules())
        self.salt: Optional[bytes] = None
        # Whether facts leave the worker packed (see PACK_FROM_FILES).
        self.pack = True
        if want_key:
            from backendlint.cache import cache_salt

            self.salt = cache_salt(settings.fingerprint())

    def __call__(self, item: tuple[Path, str]) -> tuple[FileResult, Optional[str]]:
        self.linted += 1
        try:
            return self._lint(item)
        finally:
            self._after_file()

    def _after_file(self) -> None:
        """Keep the cyclic collector's work to the garbage that needs it. A file's pass leaves
        no cycles of ours (`_break_cycles`), so what is alive afterwards (its result) is moved
        out of the collector's sight at once (`gc.freeze` only splices lists); sweeping it
        every hundred files instead rescanned every result once, 0.4 s of a cold Django run.
        A pass that noted cyclic garbage (sqlglot's trees) is swept first: only the objects
        made since the last freeze."""
        if take_cyclic_garbage_note():
            gc.collect(0)
        if self.plugins:
            if self.linted % _COLLECT_EVERY == 0:
                gc.collect(0)
        elif not gc.isenabled():
            gc.freeze()

    def _lint(self, item: tuple[Path, str]) -> tuple[FileResult, Optional[str]]:
        real, display = item
        module, is_package = module_name_for(real)
        try:
            data = real.read_bytes()
        except OSError as error:
            result = FileResult(display, module)
            result.findings.append(_bl001(display, f"cannot read file: {error.strerror}", 1, 1))
            return result, None
        result = lint_source(display, data, self.settings, module, is_package)
        if self.salt is not None and not result.errors:
            result.facts_text = facts_text(result.facts)
        if self.pack and result.facts:
            # Kept packed until the project pass (and sent from a worker as bytes).
            result.facts = PackedFacts.of(result.facts)
        if self.salt is None:
            return result, None
        from backendlint.cache import content_key

        return result, content_key(self.salt, display, module, data)
