"""The project pass of blocking-helper-call-in-async: which sync project functions block,
and why, across every module's facts; and what a call written in an `async def` resolves to."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Optional, Union

from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.core.findings import Related
from backendlint.knowledge import blocking_calls as calls
from backendlint.practices.async_blocking.crossmodule import external_match
from backendlint.practices.async_blocking.facts import (
    AsyncBlockingFacts,
    AsyncCall,
    BlockingSite,
    CallEdge,
    CallRef,
    Condition,
    Const,
    FunctionFacts,
)
from backendlint.practices.async_blocking.options import AsyncBlockingOptions
from backendlint.semantic.analyze.branches import ParameterTest

# Resolution through imports and base classes stops here.
_MAX_DEPTH = 8
_MAX_CHAIN = 5
_STDLIB: frozenset[str] = frozenset(getattr(sys, "stdlib_module_names", ()))

FunctionId = tuple[str, str]  # (module path, function key)


@dataclass(frozen=True)
class Direct:
    """The function blocks itself, at this call."""

    site: BlockingSite


@dataclass(frozen=True)
class Through:
    """The function blocks because it calls another that does, on this line."""

    callee: FunctionId
    line: int


Reason = Union[Direct, Through]
_UNKNOWN = object()


# ---------------------------------------------------------------------- the lean facts
# The project pass needs every module's functions, classes and imports at once to resolve a
# call (BL107's propagation, the calls the index resolves), so those are kept as the graph
# reads them: decoded one module at a time and rebuilt without what it never reads, names
# interned, empty values shared. The call edges, most of the facts, are not kept: the graph
# reads each module's again when it resolves them, and keeps only those that resolve to a
# project function (`CallGraph._propagate`). On the five sdists every module's decoded facts
# were 177 MiB at once (most of it the lists and dicts of 237,778 call edges).

# Constant arguments (and defaults) as one flat tuple, `(key, value, key, value, ...)`: a
# call passes one or two, and a dict of one took four times the memory of the pair.
Constants = tuple[object, ...]


class Edge(NamedTuple):
    """A call from a sync function to a project function (CallEdge, resolved and lean)."""

    line: int
    conditions: tuple[Condition, ...]
    constants: Constants
    spread: bool


class Function:
    """What the graph reads of a function's facts (FunctionFacts, lean)."""

    __slots__ = ("blocking", "defaults", "is_async", "line", "memoised", "name", "params",
                 "wrapped")

    def __init__(self, name: str, line: int, is_async: bool, wrapped: bool, memoised: bool,
                 params: tuple[str, ...], defaults: Constants,
                 blocking: tuple[BlockingSite, ...]) -> None:
        self.name = name
        self.line = line
        self.is_async = is_async
        self.wrapped = wrapped
        self.memoised = memoised
        self.params = params
        self.defaults = defaults
        self.blocking = blocking


class Module:
    """One module's facts as the project pass keeps them (AsyncBlockingFacts, lean)."""

    __slots__ = ("async_calls", "classes", "functions", "imports", "record")

    def __init__(self, record: ModuleRecord, functions: dict[str, Function],
                 classes: dict[str, tuple[CallRef, ...]], async_calls: tuple[AsyncCall, ...],
                 imports: dict[str, str]) -> None:
        self.record = record
        self.functions = functions
        self.classes = classes
        self.async_calls = async_calls
        self.imports = imports


# Memory for time, as the engine's packing does from 1,000 files on: a smaller project keeps
# its full async-blocking facts through BL107's graph (Django's 885 modules: the second
# decoding was a tenth of a warm run after an edit); a larger one decodes them twice.
KEEP_FULL_BELOW = 1000


class ProjectCalls:
    """Every module's async-blocking facts, lean, read once per project pass for the rules
    that share them (the calls the index resolves, then BL107's graph)."""

    def __init__(self, project: ProjectContext) -> None:
        self._refs: dict[tuple[bool, str], CallRef] = {}
        self.modules: dict[str, Module] = {}
        # Below KEEP_FULL_BELOW modules the full facts are kept too, so BL107's graph reads
        # its call edges from them instead of decoding every module's facts a second time.
        self.full: Optional[list[tuple[ModuleRecord, AsyncBlockingFacts]]] = (
            [] if len(project.modules) < KEEP_FULL_BELOW else None)
        for record, facts in project.each_facts(AsyncBlockingFacts):
            self.modules[record.path] = self._lean(record, facts)
            if self.full is not None:
                self.full.append((record, facts))
        self._refs.clear()

    @classmethod
    def of(cls, project: ProjectContext) -> ProjectCalls:
        """The pass's one copy, made by whichever rule asks first."""
        return project.computed(lambda: cls(project), cls)

    def _ref(self, ref: CallRef) -> CallRef:
        key = (ref.local, ref.name)
        found = self._refs.get(key)
        if found is None:
            found = self._refs[key] = CallRef(ref.local, sys.intern(ref.name))
        return found

    def _lean(self, record: ModuleRecord, facts: AsyncBlockingFacts) -> Module:
        intern = sys.intern
        functions = {intern(key): self._function(info)
                     for key, info in facts.functions.items()}
        classes = {intern(key): tuple(self._ref(base) for base in bases)
                   for key, bases in facts.classes.items()}
        imports = {intern(name): intern(qualified) for name, qualified in facts.imports.items()}
        return Module(record, functions, classes, tuple(facts.async_calls), imports)

    def _function(self, info: FunctionFacts) -> Function:
        return Function(sys.intern(info.name), info.line, info.is_async, info.wrapped,
                        info.memoised, tuple(sys.intern(name) for name in info.params),
                        constant_pairs(info.defaults), tuple(info.blocking))


def _name_roots(project: ProjectContext) -> frozenset[str]:
    """Every first part a qualified name can have and still be resolved in the project: each
    part of each module's name and path (the index splits names at the longest module name,
    the project's modules are also found by the tails of their paths). A call to a name with
    any other first part (`os.path.join`, `requests.get`) resolves neither to a project
    function nor to a library call through a project module (`from .compat import sqlite3`:
    a library call written directly is a blocking site already): such a call is not even resolved."""
    roots: set[str] = set()
    for module in project.modules:
        roots.update(module["path"].rsplit(".", 1)[0].split("/"))
        roots.update(module["module"].split("."))
    return frozenset(roots)


def constant_pairs(values: dict[str, Const]) -> Constants:
    """Constants by position ("0", "1", ...) or name, flat: `{"0": 1, "x": None}` is
    `("0", 1, "x", None)`; no constants are the one empty tuple."""
    if not values:
        return ()
    return tuple(item for key, value in values.items() for item in (sys.intern(key), value))


def _constant(pairs: Constants, key: str) -> object:
    """The value of `key` in constant pairs, or _UNKNOWN."""
    for position in range(0, len(pairs), 2):
        if pairs[position] == key:
            return pairs[position + 1]
    return _UNKNOWN


@dataclass(frozen=True)
class Arguments:
    """What a call passes: constant arguments by position or keyword, and whether `*args` or
    `**kwargs` may pass more."""

    constants: Constants
    spread: bool

    def value(self, info: Function, param: str) -> object:
        """The constant the parameter has in this call, or _UNKNOWN."""
        if param in info.params:
            found = _constant(self.constants, str(info.params.index(param)))
            if found is not _UNKNOWN:
                return found
        found = _constant(self.constants, param)
        if found is not _UNKNOWN:
            return found
        if not self.spread:
            return _constant(info.defaults, param)
        return _UNKNOWN

    def allows(self, info: Function, conditions: Sequence[Condition]) -> bool:
        """Whether code under these conditions of the callee can run for this call."""
        for condition in conditions:
            value = self.value(info, condition.param)
            if value is not _UNKNOWN and not ParameterTest(
                    condition.param, condition.test, condition.value).holds(
                        value):  # type: ignore[arg-type]
                return False
        return True


NO_ARGUMENTS = Arguments((), True)


class CallGraph:
    """Sync project functions that block, each with the shortest chain to a blocking call."""

    def __init__(self, project: ProjectContext, options: AsyncBlockingOptions) -> None:
        self.ignore = tuple(options.ignore)
        self.project = project
        shared = ProjectCalls.of(project)
        self.modules = shared.modules
        self._full = shared.full
        self.names: dict[str, str] = {path: module.record.module
                                      for path, module in self.modules.items()}
        self.paths: dict[str, str] = {module: path for path, module in self.names.items()
                                      if module}
        self.index = project.index
        self.reasons: dict[FunctionId, Reason] = {}
        self._located: dict[str, Optional[tuple[str, str]]] = {}
        self._through_index: dict[str, Optional[FunctionId]] = {}
        self._propagate()

    def function(self, target: FunctionId) -> Function:
        return self.modules[target[0]].functions[target[1]]

    def _eligible(self, target: FunctionId, info: Function) -> bool:
        if info.is_async or info.wrapped:
            return False
        module = self.names.get(target[0], "")
        qualified = f"{module}.{target[1]}" if module else target[1]
        return not (self.ignore and calls.matches_any((qualified,), self.ignore))

    def _propagate(self) -> None:
        # Breadth-first from the direct blockers over reversed call edges: each function
        # gets the shortest chain, and a cycle cannot loop because a reason is set once.
        # An edge that passes constants counts only when the callee blocks on a branch those
        # constants reach (`open_db(is_async=True)` skips `sqlite3.connect` under
        # `if not is_async:`); it is tried again while more callees turn out to block.
        callers: dict[FunctionId, list[tuple[FunctionId, Edge]]] = {}
        self.edges: dict[FunctionId, list[tuple[FunctionId, Edge]]] = {}
        queue: deque[FunctionId] = deque()
        roots = _name_roots(self.project)
        # The call edges are read from each module's facts again, one module at a time
        # (the lean facts leave them out), in the order of the lean facts.
        every = self._full if self._full is not None else self.project.each_facts(
            AsyncBlockingFacts)
        for record, full in every:
            path = record.path
            functions = self.modules[path].functions
            for name, facts in full.functions.items():
                key = sys.intern(name)
                info = functions[key]
                caller = (path, key)
                if not self._eligible(caller, info):
                    continue
                for call in facts.calls:
                    if not (call.ref.local or call.ref.name.split(".", 1)[0] in roots):
                        continue
                    callee = self.resolve(path, call.ref, 0)
                    if callee is None:
                        self._external_site(path, info, call)
                    if callee is not None and callee != caller:
                        edge = Edge(call.line, tuple(call.conditions),
                                    constant_pairs(call.constants), call.spread)
                        callers.setdefault(callee, []).append((caller, edge))
                        self.edges.setdefault(caller, []).append((callee, edge))
                if info.blocking:
                    # A site that blocks every time explains more than a run-once one.
                    sites = sorted(info.blocking, key=lambda site: site.guarded)
                    self.reasons[caller] = Direct(sites[0])
                    queue.append(caller)
        deferred: list[tuple[FunctionId, FunctionId, Edge]] = []
        while True:
            while queue:
                callee = queue.popleft()
                for caller, edge in callers.get(callee, []):
                    if caller in self.reasons:
                        continue
                    if self.first_step(callee, Arguments(edge.constants, edge.spread)) is None:
                        deferred.append((caller, callee, edge))
                        continue
                    self.reasons[caller] = Through(callee, edge.line)
                    queue.append(caller)
            retry, deferred = deferred, []
            for caller, callee, edge in retry:
                if caller in self.reasons:
                    continue
                if self.first_step(callee, Arguments(edge.constants, edge.spread)) is None:
                    deferred.append((caller, callee, edge))
                else:
                    self.reasons[caller] = Through(callee, edge.line)
                    queue.append(caller)
            if not queue:
                break

    def _external_site(self, path: str, info: Function, edge: CallEdge) -> None:
        """A call the index resolves to a blocking library call (`sqlite3.connect` through
        `from .compat import sqlite3`) blocks like one written directly."""
        module = self.names.get(path, "")
        if edge.ref.local and not module:
            return
        qualified = f"{module}.{edge.ref.name}" if edge.ref.local else edge.ref.name
        found = external_match(self.index, qualified, True)
        if found is None or found[0].category is calls.Category.FILESYSTEM_CHECK:
            return
        if len(info.blocking) < 3:
            info.blocking = (*info.blocking, BlockingSite(
                found[0].category.value, found[0].label.replace("`", ""), edge.line,
                list(edge.conditions)))

    def first_step(self, target: FunctionId, arguments: Arguments) -> Optional[Reason]:
        """Why the function blocks when called with these arguments: its first blocking call
        or call to a blocking function on a branch the arguments reach, or None."""
        reason = self.reasons.get(target)
        if reason is None:
            return None
        if not arguments.constants and arguments.spread:
            return reason
        info = self.function(target)
        for site in sorted(info.blocking, key=lambda site: site.guarded):
            if arguments.allows(info, site.conditions):
                return Direct(site)
        for callee, edge in self.edges.get(target, []):
            if callee in self.reasons and arguments.allows(info, edge.conditions):
                return Through(callee, edge.line)
        return None

    def memoised(self, target: FunctionId, first: Reason) -> bool:
        """Whether the chain blocks at most once: a memoised function or a run-once guard."""
        seen: set[FunctionId] = set()
        current, reason = target, first
        while current not in seen:
            seen.add(current)
            if self.function(current).memoised:
                return True
            if isinstance(reason, Direct):
                return reason.site.guarded
            current = reason.callee
            reason = self.reasons[current]
        return False

    def steps(self, target: FunctionId, first: Optional[Reason] = None) -> list[Related]:
        """Each function of the chain and the blocking call it ends in, as places: SARIF's
        related locations and the full output's list under the finding."""
        found: list[Related] = []
        seen: set[FunctionId] = set()
        current = target
        reason = first or self.reasons[target]
        while current not in seen:
            seen.add(current)
            info = self.function(current)
            if isinstance(reason, Direct):
                found.append(Related(current[0], info.line, 1, f"`{info.name}()` calls "
                                                               f"`{reason.site.call}`"))
                found.append(Related(current[0], reason.site.line, 1,
                                     f"`{reason.site.call}` blocks"))
                break
            callee = self.function(reason.callee)
            found.append(Related(current[0], reason.line, 1,
                                 f"`{info.name}()` calls `{callee.name}()`"))
            current = reason.callee
            reason = self.reasons[current]
        return found

    def chain(self, target: FunctionId, first: Optional[Reason] = None) -> str:
        parts: list[str] = []
        seen: set[FunctionId] = set()
        current = target
        reason = first or self.reasons[target]
        while current not in seen:
            seen.add(current)
            info = self.function(current)
            parts.append(f"{info.name}() ({current[0]}:{info.line})")
            if isinstance(reason, Direct):
                parts.append(f"{reason.site.call} at {current[0]}:{reason.site.line}")
                break
            current = reason.callee
            reason = self.reasons[current]
        if len(parts) > _MAX_CHAIN:
            # The ends say where the call goes and what blocks; the middle is plumbing.
            parts = [*parts[:2], "…", *parts[-2:]]
        return " → ".join(parts)

    # ------------------------------------------------------------------ resolution
    def resolve(self, path: str, ref: CallRef, depth: int) -> Optional[FunctionId]:
        if depth > _MAX_DEPTH:
            return None
        module = self.names.get(path, "")
        if module and depth == 0:
            qualified = f"{module}.{ref.name}" if ref.local else ref.name
            found = self._by_index(qualified)
            if found is not None:
                return found
        located = self._locate(path, ref)
        return self._function_in(located[0], located[1], depth) if located else None

    def _by_index(self, qualified: str) -> Optional[FunctionId]:
        """The function the project index finds: through re-exports, aliases and the C3
        method resolution order (`self.save()` in a class whose async mixin comes first
        is the mixin's `async def save`)."""
        if qualified in self._through_index:
            return self._through_index[qualified]
        found: Optional[FunctionId] = None
        target = self.index.callee(qualified)
        function = self.index.function(target)
        if function is None and "()." not in target and "." in target:
            owner, _, method = target.rpartition(".")
            if self.index.class_(owner) is not None:
                function = self.index.method(owner, method)
        if function is not None:
            found = self._function_id(function.qualified)
        self._through_index[qualified] = found
        return found

    def _function_id(self, qualified: str) -> Optional[FunctionId]:
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            path = self.paths.get(".".join(parts[:cut]))
            if path is not None:
                key = ".".join(parts[cut:])
                return (path, key) if key in self.modules[path].functions else None
        return None

    def _locate(self, path: str, ref: CallRef) -> Optional[tuple[str, str]]:
        if ref.local:
            return path, ref.name
        qualified = ref.name
        if qualified not in self._located:
            self._located[qualified] = self._locate_qualified(qualified)
        return self._located[qualified]

    def _locate_qualified(self, qualified: str) -> Optional[tuple[str, str]]:
        found = self.project.resolve(qualified)
        if found is None or found[0]["path"] not in self.modules:
            return None
        module, rest = found
        prefix = qualified[: len(qualified) - len(rest) - 1]
        # A stdlib name (`logging.getLogger`) only means a project module of the same name
        # when that module really is called so, not when its path merely ends that way.
        if module["module"] != prefix and prefix.split(".")[0] in _STDLIB:
            return None
        return module["path"], rest

    def _function_in(self, path: str, key: str, depth: int) -> Optional[FunctionId]:
        facts = self.modules[path]
        if key in facts.functions:
            return path, key
        classes = facts.classes
        if key.endswith("()") and key[:-2] in classes:
            return self._method(path, key[:-2], "__init__", depth)
        if "()." in key:
            owner, method = key.split("().", 1)
            if owner in classes:
                return self._method(path, owner, method, depth)
        elif "." in key:
            owner, method = key.rsplit(".", 1)
            if owner in classes:
                return self._method(path, owner, method, depth)
        return self._through_import(path, key, depth)

    def _through_import(self, path: str, key: str, depth: int) -> Optional[FunctionId]:
        """`from .storage import save_report` re-exported by a package `__init__`."""
        head, dot, rest = key.partition(".")
        name = head.rstrip("()")
        imported = self.modules[path].imports.get(name)
        if imported is None:
            return None
        return self.resolve(path, CallRef(False, imported + head[len(name):] + dot + rest),
                            depth + 1)

    def _method(self, path: str, owner: str, method: str, depth: int) -> Optional[FunctionId]:
        if depth > _MAX_DEPTH:
            return None
        facts = self.modules[path]
        key = f"{owner}.{method}"
        if key in facts.functions:
            return path, key
        for base in facts.classes.get(owner, []):
            located = self._locate(path, base)
            if located is None:
                continue
            if located[1] in self.modules[located[0]].classes:
                found = self._method(located[0], located[1], method, depth + 1)
                if found is not None:
                    return found
        return None
