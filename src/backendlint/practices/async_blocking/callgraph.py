"""The project pass of blocking-helper-call-in-async: which sync project functions block,
and why, across every module's facts; and what a call written in an `async def` resolves to."""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass
from typing import Optional, Union

from backendlint.core.context import ProjectContext
from backendlint.knowledge import blocking_calls as calls
from backendlint.practices.async_blocking.facts import (
    AsyncBlockingFacts,
    BlockingSite,
    CallRef,
    FunctionFacts,
)
from backendlint.practices.async_blocking.options import AsyncBlockingOptions

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


class CallGraph:
    """Sync project functions that block, each with the shortest chain to a blocking call."""

    def __init__(self, project: ProjectContext, options: AsyncBlockingOptions) -> None:
        self.ignore = tuple(options.ignore)
        self.project = project
        self.modules: dict[str, AsyncBlockingFacts] = {}
        self.names: dict[str, str] = {}
        for record, facts in project.typed_facts(AsyncBlockingFacts):
            self.modules[record.path] = facts
            self.names[record.path] = record.module
        self.reasons: dict[FunctionId, Reason] = {}
        self._located: dict[str, Optional[tuple[str, str]]] = {}
        self._propagate()

    def function(self, target: FunctionId) -> FunctionFacts:
        return self.modules[target[0]].functions[target[1]]

    def _eligible(self, target: FunctionId, info: FunctionFacts) -> bool:
        if info.is_async or info.wrapped:
            return False
        module = self.names.get(target[0], "")
        qualified = f"{module}.{target[1]}" if module else target[1]
        return not (self.ignore and calls.matches_any((qualified,), self.ignore))

    def _propagate(self) -> None:
        # Breadth-first from the direct blockers over reversed call edges: each function
        # gets the shortest chain, and a cycle cannot loop because a reason is set once.
        callers: dict[FunctionId, list[tuple[FunctionId, int]]] = {}
        queue: deque[FunctionId] = deque()
        for path, facts in self.modules.items():
            for key, info in facts.functions.items():
                caller = (path, key)
                if not self._eligible(caller, info):
                    continue
                if info.blocking:
                    self.reasons[caller] = Direct(info.blocking[0])
                    queue.append(caller)
                for edge in info.calls:
                    callee = self.resolve(path, edge.ref, 0)
                    if callee is not None and callee != caller:
                        callers.setdefault(callee, []).append((caller, edge.line))
        while queue:
            callee = queue.popleft()
            for caller, line in callers.get(callee, []):
                if caller not in self.reasons:
                    self.reasons[caller] = Through(callee, line)
                    queue.append(caller)

    def chain(self, target: FunctionId) -> str:
        parts: list[str] = []
        seen: set[FunctionId] = set()
        current = target
        while current not in seen:
            seen.add(current)
            info = self.function(current)
            parts.append(f"{info.name}() ({current[0]}:{info.line})")
            reason = self.reasons[current]
            if isinstance(reason, Direct):
                parts.append(f"{reason.site.call} at {current[0]}:{reason.site.line}")
                break
            current = reason.callee
        if len(parts) > _MAX_CHAIN:
            # The ends say where the call goes and what blocks; the middle is plumbing.
            parts = [*parts[:2], "…", *parts[-2:]]
        return " → ".join(parts)

    # ------------------------------------------------------------------ resolution
    def resolve(self, path: str, ref: CallRef, depth: int) -> Optional[FunctionId]:
        if depth > _MAX_DEPTH:
            return None
        located = self._locate(path, ref)
        return self._function_in(located[0], located[1], depth) if located else None

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
