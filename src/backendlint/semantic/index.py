"""The project index: the one place that answers cross-module questions.

Built once per project pass from every module's `ModuleSymbols` (see symbols.py):

- `resolve(name)`: the definition a qualified name stands for, through re-exports in
  packages (`from .v1 import login_router` in `api/__init__.py`), `__all__`, import aliases,
  star imports and `functools.partial` aliases;
- `function(name)` / `class_(name)`: what a function or class is (async-ness, return
  annotation, decorators, bases), methods looked up through the C3 method resolution order;
- `mro(name)`: the C3 linearisation across modules (external bases end the chain);
- `callers(name)`: every call site of a function, with whether its result is awaited;
- `returns(name)`: what a factory function returns (`def create_app(): app = Flask(); ...;
  return app` gives `flask.Flask()`), resolved.

Module names come from the package structure (the chain of `__init__.py` files), so a copy of
a project under a folder with another name resolves the same imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from backendlint.core.context import ModuleRecord
from backendlint.semantic.symbols import CallSite, ClassSymbol, FunctionSymbol, ModuleSymbols

# Re-export chains and alias hops are short in real code; this bounds pathological cycles.
_MAX_HOPS = 16


@dataclass(frozen=True)
class FunctionRef:
    """A function found in the index: its module and qualified name, and what it is."""

    module: ModuleRecord
    qualified: str
    symbol: FunctionSymbol


@dataclass(frozen=True)
class ClassRef:
    module: ModuleRecord
    qualified: str
    symbol: ClassSymbol


@dataclass(frozen=True)
class CallerRef:
    caller: FunctionRef
    site: CallSite


class ProjectIndex:
    def __init__(self, modules: list[tuple[ModuleRecord, ModuleSymbols]]) -> None:
        self._modules: dict[str, tuple[ModuleRecord, ModuleSymbols]] = {}
        for record, symbols in modules:
            if record.module:
                self._modules[record.module] = (record, symbols)
        self._resolved: dict[str, str] = {}
        self._mro: dict[str, tuple[str, ...]] = {}
        self._callers: Optional[dict[str, list[CallerRef]]] = None
        self._sites: Optional[dict[str, list[tuple[ModuleRecord, CallSite]]]] = None

    # ------------------------------------------------------------------ modules
    def module(self, name: str) -> Optional[tuple[ModuleRecord, ModuleSymbols]]:
        return self._modules.get(name)

    def modules(self) -> list[tuple[ModuleRecord, ModuleSymbols]]:
        return list(self._modules.values())

    def _split(self, qualified: str) -> Optional[tuple[str, str]]:
        """(module, rest) by the longest known module prefix."""
        # Each shorter prefix up to a dot, longest first, cut out of the string in place.
        end = qualified.rfind(".")
        while end >= 0:
            module = qualified[:end]
            if module in self._modules:
                return module, qualified[end + 1:]
            end = qualified.rfind(".", 0, end)
        return None

    # ------------------------------------------------------------------ names
    def resolve(self, qualified: str) -> str:
        """The canonical name of what `qualified` refers to: the module that defines it.
        Names the index cannot follow come back unchanged (never None: the caller still
        knows what the code said)."""
        found = self._resolved.get(qualified)
        if found is None:
            found = self._resolved[qualified] = self._follow(qualified, 0)
        return found

    def _follow(self, qualified: str, hops: int) -> str:
        if hops > _MAX_HOPS:
            return qualified
        # `pkg.factory().attr`: resolve the callee, keep what follows the call.
        head, call, tail = qualified.partition("()")
        if call:
            return self._follow(head, hops + 1) + call + tail
        split = self._split(qualified)
        if split is None:
            return qualified
        module, rest = split
        _record, symbols = self._modules[module]
        first, _, more = rest.partition(".")
        suffix = f".{more}" if more else ""
        if first in symbols.functions or first in symbols.classes:
            return qualified
        if first in symbols.partials:
            return self._follow(symbols.partials[first] + suffix, hops + 1)
        if first in symbols.imports:
            target = symbols.imports[first]
            if target != qualified and not qualified.startswith(target + "."):
                return self._follow(target + suffix, hops + 1)
            return qualified
        if first in symbols.values:
            return qualified
        for star in symbols.star_imports:
            candidate = f"{star}.{rest}"
            followed = self._follow(candidate, hops + 1)
            if followed != candidate or self._defines(candidate):
                return followed
        return qualified

    def _defines(self, qualified: str) -> bool:
        split = self._split(qualified)
        if split is None:
            return False
        module, rest = split
        symbols = self._modules[module][1]
        first = rest.partition(".")[0]
        return first in symbols.functions or first in symbols.classes or first in symbols.values

    def value(self, qualified: str) -> Optional[str]:
        """What a module-level name was assigned (`fastapi.APIRouter()`), after resolution."""
        split = self._split(self.resolve(qualified))
        if split is None:
            return None
        module, rest = split
        return self._modules[module][1].values.get(rest)

    # ------------------------------------------------------------------ functions, classes
    def function(self, qualified: str) -> Optional[FunctionRef]:
        """A project function or method by qualified name; `mod.Class.method` is looked up
        through the class's MRO, so an inherited or overriding method is found."""
        name = self.resolve(qualified)
        split = self._split(name)
        if split is None:
            return None
        module, rest = split
        record, symbols = self._modules[module]
        found = symbols.functions.get(rest)
        if found is not None:
            return FunctionRef(record, name, found)
        owner, _, method = rest.rpartition(".")
        if owner and owner in symbols.classes:
            return self.method(f"{module}.{owner}", method)
        return None

    def class_(self, qualified: str) -> Optional[ClassRef]:
        name = self.resolve(qualified)
        split = self._split(name)
        if split is None:
            return None
        module, rest = split
        record, symbols = self._modules[module]
        found = symbols.classes.get(rest)
        return ClassRef(record, name, found) if found is not None else None

    def method(self, class_qualified: str, name: str) -> Optional[FunctionRef]:
        """The method `name` as Python finds it on the class: the first class in its MRO
        that defines it."""
        for owner in self.mro(class_qualified):
            cls = self.class_(owner)
            if cls is None or name not in cls.symbol.methods:
                continue
            module, rest = self._split(cls.qualified) or ("", "")
            record, symbols = self._modules[module]
            found = symbols.functions.get(f"{rest}.{name}")
            if found is not None:
                return FunctionRef(record, f"{cls.qualified}.{name}", found)
        return None

    def mro(self, qualified: str) -> tuple[str, ...]:
        """C3 linearisation of a class and its bases, across modules. Bases outside the
        project end the chain as themselves; an inconsistent hierarchy (Python would refuse
        it) falls back to depth-first order rather than to nothing."""
        name = self.resolve(qualified)
        cached = self._mro.get(name)
        if cached is None:
            self._mro[name] = (name,)  # guards against cycles while computing
            cached = self._mro[name] = self._linearise(name)
        return cached

    def _linearise(self, name: str) -> tuple[str, ...]:
        cls = self.class_(name)
        if cls is None:
            return (name,)
        bases = [self.resolve(base) for base in cls.symbol.bases
                 if base not in ("builtins.object", "object")]
        sequences = [list(self.mro(base)) for base in bases] + [bases]
        merged = _c3_merge(sequences)
        if merged is None:
            merged = _depth_first(sequences)
        return (name, *merged)

    def subclasses(self, qualified: str) -> list[ClassRef]:
        """Project classes that have this class in their MRO (itself excluded)."""
        name = self.resolve(qualified)
        found = []
        for module, (record, symbols) in self._modules.items():
            for class_name, symbol in symbols.classes.items():
                full = f"{module}.{class_name}"
                if full != name and name in self.mro(full):
                    found.append(ClassRef(record, full, symbol))
        return found

    # ------------------------------------------------------------------ calls
    def callers(self, qualified: str) -> list[CallerRef]:
        """Every call site in the project whose callee resolves to this function."""
        if self._callers is None:
            self._callers = {}
            for module, (record, symbols) in self._modules.items():
                for function_name, function in symbols.functions.items():
                    caller = FunctionRef(record, f"{module}.{function_name}", function)
                    for site in function.calls:
                        target = self.callee(site.callee)
                        self._callers.setdefault(target, []).append(CallerRef(caller, site))
        return self._callers.get(self.resolve(qualified), [])

    def call_sites(self, qualified: str) -> list[tuple[ModuleRecord, CallSite]]:
        """Every call of this function in the project, in functions and at module level
        (class bodies included), with the module it is in."""
        if self._sites is None:
            self._sites = {}
            for record, symbols in self._modules.values():
                every = [site for function in symbols.functions.values()
                         for site in function.calls]
                for site in (*every, *symbols.module_calls):
                    self._sites.setdefault(self.callee(site.callee), []).append((record, site))
        return self._sites.get(self.resolve(qualified), [])

    def callee(self, called: str) -> str:
        """What a call site calls: `pkg.Store().save` (a method of an instance of a project
        class) is the method the MRO finds, `pkg.Store.save` or a base's; other names are
        resolved as they are."""
        target = self.resolve(called)
        head, call, method = target.rpartition("().")
        if call and "(" not in method and "." not in method:
            found = self.method(head, method)
            if found is not None:
                return found.qualified
        return target

    def returns(self, qualified: str) -> list[str]:
        """What a project function returns, each resolved (`flask.Flask()`); empty when it
        is not a project function or returns nothing the model could name."""
        function = self.function(qualified)
        if function is None:
            return []
        return [self.resolve(value) for value in function.symbol.returned]


def _c3_merge(sequences: list[list[str]]) -> Optional[list[str]]:
    result: list[str] = []
    pending = [list(sequence) for sequence in sequences if sequence]
    while pending:
        for sequence in pending:
            head = sequence[0]
            if not any(head in other[1:] for other in pending):
                break
        else:
            return None
        result.append(head)
        pending = [[item for item in sequence if item != head] for sequence in pending]
        pending = [sequence for sequence in pending if sequence]
    return result


def _depth_first(sequences: list[list[str]]) -> list[str]:
    seen: list[str] = []
    for sequence in sequences:
        for item in sequence:
            if item not in seen:
                seen.append(item)
    return seen
