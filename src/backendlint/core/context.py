"""What a rule sees while it runs: the file being linted, or the whole project's facts."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from backendlint.core.facts import F, ModuleFacts, Span, facts_or_none
from backendlint.core.findings import Confidence, Edit, Finding, Fix, Related, Severity
from backendlint.semantic.analyze.testcode import is_test_path
from backendlint.semantic.model import SemanticModel

if TYPE_CHECKING:
    from backendlint.core.practice import PracticeOptions
    from backendlint.core.rule import Location, Rule, Visitor
    from backendlint.semantic.index import ProjectIndex
    from backendlint.settings import Settings


T = TypeVar("T")
V = TypeVar("V", bound="Visitor")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines as Python numbers them: broken at \\n, \\r\\n and \\r only. str.splitlines() also
    breaks at form feeds and other separators, which would shift line numbers against ast's."""
    if "\r" not in text:
        return text.split("\n")  # the same lines, without the regex
    return _LINE_BREAK.split(text)


class SourceText:
    """The decoded source with fast conversion of ast's UTF-8 byte columns to characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def char_column(self, line: int, byte_column: int) -> int:
        """0-based character column of a 0-based UTF-8 byte offset on a 1-based line."""
        text = self.line(line)
        if text.isascii():
            return byte_column
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="replace"))

    def segment(self, node: ast.AST) -> str:
        """The source text of a node (ast.get_source_segment re-splits the whole file on
        every call; this uses the lines split once)."""
        line = getattr(node, "lineno", None)
        end_line = getattr(node, "end_lineno", None)
        col = getattr(node, "col_offset", None)
        end_col = getattr(node, "end_col_offset", None)
        if line is None or end_line is None or col is None or end_col is None:
            return ""
        start = self.char_column(line, col)
        end = self.char_column(end_line, end_col)
        if line == end_line:
            return self.line(line)[start:end]
        middle = self.lines[line:end_line - 1]
        return "\n".join([self.line(line)[start:], *middle, self.line(end_line)[:end]])


class FileContext:
    """One file's pass: its source, tree, semantic model, settings, findings and facts."""

    def __init__(self, path: str, source: SourceText, tree: ast.Module, module_name: str,
                 is_package: bool, settings: Settings) -> None:
        self.path = path
        self.source = source
        self.tree = tree
        self.module_name = module_name
        self.settings = settings
        self.semantic = SemanticModel(tree, module_name, is_package)
        self.findings: list[Finding] = []
        # JSON-serialisable module summary for the project pass, one entry per practice.
        self.facts: dict[str, Any] = {}
        self.statement_stack: list[ast.stmt] = []
        # State that several rules of one practice share for this file (one analysis instead
        # of one per rule); it lives and dies with the file's pass.
        self.shared: dict[str, Any] = {}
        # Visitors that several practices read (the endpoint model), made on first request
        # by `shared_visitor`; the engine walks each once, ahead of the rules and analyses.
        self.shared_visitors: list[Any] = []

    @cached_property
    def is_test_file(self) -> bool:
        """Asked by rules on most nodes they visit: worked out once per file."""
        return is_test_path(self.path)

    @property
    def is_stub(self) -> bool:
        return self.path.endswith(".pyi")

    def shared_state(self, key: str, factory: Callable[[], T]) -> T:
        """One object per file that several rules share (a practice's analysis)."""
        found: T | None = self.shared.get(key)
        if found is None:
            found = self.shared[key] = factory()
        return found

    def shared_visitor(self, cls: type[V]) -> V:
        """The one visitor of class `cls` for this file, made on the first request (from a
        practice analysis's `__init__`). The engine runs it once per node before every rule
        and analysis, so each practice that asks reads the same state, computed once."""
        found = self.shared_visitor_if_made(cls)
        if found is not None:
            return found
        made = cls(self)  # type: ignore[call-arg]
        self.shared_visitors.append(made)
        return made

    def shared_visitor_if_made(self, cls: type[V]) -> Optional[V]:
        """The file's visitor of class `cls` when a practice has asked for it, else None."""
        for visitor in self.shared_visitors:
            if type(visitor) is cls:
                found: V = visitor
                return found
        return None

    def practice_facts(self, practice: str) -> dict[str, Any]:
        """Legacy untyped facts; new practices use `set_facts` with a ModuleFacts class."""
        facts: dict[str, Any] = self.facts.setdefault(practice, {})
        return facts

    def set_facts(self, facts: ModuleFacts) -> None:
        """This module's typed facts for one practice (encoded only if the cache keeps them)."""
        self.facts[type(facts).practice] = facts

    def span(self, node: ast.AST, end_node: Optional[ast.AST] = None) -> Span:
        """Where a node is, typed, for facts and findings."""
        found = self.location(node, end_node)
        return Span(found["line"], found["column"], found["end_line"], found["end_column"],
                    tuple(found["noqa"]))

    def location(self, node: ast.AST, end_node: Optional[ast.AST] = None) -> Location:
        """A serialisable location of a node, with the lines where a noqa comment applies."""
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        last = end_node or node
        end_line = getattr(last, "end_lineno", None) or line
        end_col = getattr(last, "end_col_offset", None)
        if end_col is None:
            end_col = col
        noqa = {line}
        if self.statement_stack:
            statement = self.statement_stack[-1]
            noqa.add(statement.lineno)
            if not _is_compound(statement) and statement.end_lineno is not None:
                noqa.add(statement.end_lineno)
        return {
            "line": line,
            "column": self.source.char_column(line, col) + 1,
            "end_line": end_line,
            "end_column": self.source.char_column(end_line, end_col) + 1,
            "noqa": sorted(noqa),
        }

    def replace(self, node: ast.AST, content: str) -> Edit:
        """An edit that replaces a node's source text."""
        location = self.location(node)
        return Edit(location["line"], location["column"], location["end_line"],
                    location["end_column"], content)

    def insert_before(self, node: ast.AST, content: str) -> Edit:
        location = self.location(node)
        return Edit(location["line"], location["column"], location["line"],
                    location["column"], content)

    def insert_after(self, node: ast.AST, content: str) -> Edit:
        location = self.location(node)
        return Edit(location["end_line"], location["end_column"], location["end_line"],
                    location["end_column"], content)

    def add_finding(self, rule: type[Rule], node: ast.AST, message: str, *,
                    fix: Optional[Fix] = None, severity: Optional[Severity] = None,
                    end_node: Optional[ast.AST] = None,
                    confidence: Optional[Confidence] = None,
                    related: tuple[Related, ...] = ()) -> None:
        self.findings.append(
            rule.make_finding(self.path, self.location(node, end_node), message, severity, fix,
                              confidence, related))


# Set by code that leaves reference cycles behind in a file's pass (sqlglot's parse trees
# point at their parents); the engine then sweeps that file's young objects.
_CYCLIC_GARBAGE = [False]


def note_cyclic_garbage() -> None:
    """Say that this file's pass made garbage only the cyclic collector frees. The engine
    runs without the collector while linting and otherwise freezes each file's survivors,
    so they are never scanned again."""
    _CYCLIC_GARBAGE[0] = True


def take_cyclic_garbage_note() -> bool:
    """Whether cyclic garbage was noted since the last call (and forget it)."""
    noted = _CYCLIC_GARBAGE[0]
    _CYCLIC_GARBAGE[0] = False
    return noted


def _is_compound(statement: ast.stmt) -> bool:
    return hasattr(statement, "body")


@dataclass(frozen=True)
class ModuleRecord:
    """A linted module as the project pass sees it: its display path and dotted name (from
    the chain of `__init__.py` packages above it, so a copy of a project under another folder
    name resolves the same imports)."""

    path: str
    module: str


class ReadFacts(Mapping[str, Any]):
    """A module's facts as the project pass hands them to rules: each key read is noted in
    `reads` (iterating notes `*`), so the pass knows which facts each practice's output
    depends on and can keep that output while those facts stay as they were."""

    __slots__ = ("_facts", "_reads")

    def __init__(self, facts: Mapping[str, Any], reads: set[str]) -> None:
        self._facts = facts
        self._reads = reads

    def __getitem__(self, key: str) -> Any:
        self._reads.add(key)
        return self._facts[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._reads.add(key)
        return key in self._facts

    def __iter__(self) -> Iterator[str]:
        self._reads.add("*")
        return iter(self._facts)

    def __len__(self) -> int:
        self._reads.add("*")
        return len(self._facts)


class ProjectContext:
    """The project pass: every linted module's facts, and a way to report findings in them."""

    def __init__(self, modules: list[dict[str, Any]], settings: Settings) -> None:
        # The facts keys the running practice's rules have read (see `ReadFacts`).
        self.reads: set[str] = set()
        # Each module: {"path": str, "module": str, "facts": {practice: {...}}}
        self.modules = [{**module, "facts": ReadFacts(module["facts"], self.reads)}
                        for module in modules]
        self.settings = settings
        self.findings: list[Finding] = []
        self._by_name = {module["module"]: module for module in self.modules
                         if module["module"]}
        self._by_suffix: Optional[dict[str, dict[str, Any]]] = None
        # State the project rules of one practice share during this pass.
        self.shared: dict[str, Any] = {}
        # (path, line, column, code) of per-file findings a project rule replaced.
        self.superseded: set[tuple[str, int, int, str]] = set()
        # What a project rule could not resolve (an unattached router), for `-v`.
        self.notes: list[str] = []
        # Internal errors of the running practice's rules (the pass fills this).
        self.errors: list[str] = []
        self._decoded: dict[type[ModuleFacts], list[tuple[ModuleRecord, ModuleFacts]]] = {}
        self._index: Optional[ProjectIndex] = None
        self._computed: dict[type, object] = {}

    def note(self, text: str) -> None:
        """Something the pass could not resolve, listed under `-v` (once)."""
        if text not in self.notes:
            self.notes.append(text)

    def shared_state(self, key: str, factory: Callable[[], T]) -> T:
        """One object per project pass that several rules share (a practice's analysis)."""
        found: T | None = self.shared.get(key)
        if found is None:
            found = self.shared[key] = factory()
        return found

    def computed(self, factory: Callable[[], T], key: type[T]) -> T:
        """One object of class `key` per project pass, made by `factory` on first use: the
        analysis several project rules of one practice share."""
        found = self._computed.get(key)
        if found is None:
            found = self._computed[key] = factory()
        assert isinstance(found, key)
        return found

    @property
    def index(self) -> ProjectIndex:
        """The project index over every module's symbols, built on first use."""
        from backendlint.semantic.symbols import ModuleSymbols

        if self._index is None:
            from backendlint.semantic.index import ProjectIndex

            self._index = ProjectIndex(self.typed_facts(ModuleSymbols))
        self.reads.add(ModuleSymbols.practice)  # built once, read by every practice after
        return self._index

    def typed_facts(self, cls: type[F]) -> list[tuple[ModuleRecord, F]]:
        """Every module's facts of one class, decoded once per project pass. Modules whose
        stored facts do not fit the class (another version) are left out."""
        cached = self._decoded.get(cls)
        self.reads.add(cls.practice)
        if cached is None:
            cached = []
            for module in self.modules:
                facts = facts_or_none(cls, module["facts"].get(cls.practice))
                if facts is not None:
                    cached.append((ModuleRecord(module["path"], module["module"]), facts))
            self._decoded[cls] = cached
        return cached  # type: ignore[return-value]

    def each_facts(self, cls: type[F]) -> Iterator[tuple[ModuleRecord, F]]:
        """Every module's facts of one class, as `typed_facts` gives them, but decoded one
        module at a time and not kept: for a rule that keeps only part of them (as
        objects, a large project's facts of one practice can be most of the run's memory)."""
        cached = self._decoded.get(cls)
        self.reads.add(cls.practice)
        if cached is not None:
            yield from cached  # type: ignore[misc]
            return
        for module in self.modules:
            facts = facts_or_none(cls, module["facts"].get(cls.practice))
            if facts is not None:
                yield ModuleRecord(module["path"], module["module"]), facts

    def practice_done(self) -> None:
        """Forget what the project rules of one practice decoded and built (their facts, the
        analyses they shared): the pass calls this between practices, so a large project's
        facts are decoded one practice at a time instead of all held until the report. The
        project index and the symbols it was built from stay (every practice reads them);
        whatever is asked for again is decoded again, with the same result."""
        from backendlint.semantic.symbols import ModuleSymbols

        self._decoded = {cls: found for cls, found in self._decoded.items()
                         if cls is ModuleSymbols}
        self.shared.clear()
        self._computed.clear()

    def close(self) -> None:
        """Forget everything the pass read and built: the modules' facts, what was decoded
        from them, the project index, the practices' analyses. The pass calls this when it
        is done, so that whatever still holds the context (a practice's analysis cached by
        context, a cycle through a shared analysis while the collector is paused) does not
        keep a large project's index and facts alive while the report is made: on the five
        sdists that was the index's symbols and more at the run's peak, when the findings
        are rebuilt. The findings, superseded places and notes stay."""
        self.practice_done()
        self.modules = []
        self._by_name = {}
        self._by_suffix = None
        self._decoded = {}
        self._index = None

    def facts_of(self, practice: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(module, that module's facts for the practice) for every module that has some."""
        return [(module, module["facts"][practice]) for module in self.modules
                if practice in module["facts"]]

    def module(self, dotted: str) -> Optional[dict[str, Any]]:
        """The module with this dotted name; when packages lack `__init__.py`, the module whose
        path ends with the dotted name's parts."""
        found = self._by_name.get(dotted)
        if found is not None:
            return found
        if self._by_suffix is None:
            self._by_suffix = self._suffix_index()
        return self._by_suffix.get(dotted)

    def _suffix_index(self) -> dict[str, dict[str, Any]]:
        """Every dotted tail of every module path (`app/routers/auth.py` → `auth`,
        `routers.auth`, `app.routers.auth`), built once: lookups are then constant time."""
        index: dict[str, dict[str, Any]] = {}
        for module in self.modules:
            parts = module["path"].rsplit(".", 1)[0].split("/")
            if parts[-1] == "__init__":
                parts = parts[:-1]
            for start in range(len(parts) - 1, -1, -1):
                index.setdefault(".".join(parts[start:]), module)
        return index

    def resolve(self, qualified: str) -> Optional[tuple[dict[str, Any], str]]:
        """Split `pkg.mod.func` into (module record, `func`) by the longest known module."""
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = self.module(".".join(parts[:cut]))
            if module is not None:
                return module, ".".join(parts[cut:])
        return None

    def report(self, rule: type[Rule], path: str, location: Location | Span, message: str,
               severity: Optional[Severity] = None, fix: Optional[Fix] = None,
               confidence: Optional[Confidence] = None,
               related: tuple[Related, ...] = ()) -> bool:
        """Add a finding; False when the rule is not enabled for that path."""
        if not self.settings.is_enabled_for(rule.code, path):
            return False
        self.findings.append(rule.make_finding(path, location, message, severity, fix,
                                               confidence, related))
        return True

    def supersede(self, path: str, location: Location | Span, code: str) -> None:
        """Drop the per-file finding of `code` at this place: the project pass knows better
        (a parameter the file saw as plain is a FastAPI dependency's, used from elsewhere)."""
        if isinstance(location, Span):
            self.superseded.add((path, location.line, location.column, code))
        else:
            self.superseded.add((path, location["line"], location["column"], code))

    def options(self, practice: str) -> PracticeOptions:
        return self.settings.options_for(practice)
