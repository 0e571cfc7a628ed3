"""Finds every practice and rule by walking the `backendlint.practices` package, and resolves
rule selectors. Nothing is listed by hand: a practice is a package with a `PRACTICE`, a rule is
a `Rule` subclass with a `code` in one of its modules."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType

from backendlint.core.practice import ENGINE, Practice, PracticeOptions
from backendlint.core.rule import Rule


class UnknownSelectorError(ValueError):
    pass


class RegistryError(RuntimeError):
    """A practice or rule declared inconsistently (a bug in backendlint or a plugin)."""


# Rules registered at run time (plugins, and the test suite's rules that exist only there).
_EXTRA_RULES: list[type[Rule]] = []


def register(rule: type[Rule]) -> None:
    if rule not in _EXTRA_RULES:
        _EXTRA_RULES.append(rule)


def unregister(rule: type[Rule]) -> None:
    if rule in _EXTRA_RULES:
        _EXTRA_RULES.remove(rule)


def all_rules() -> tuple[type[Rule], ...]:
    """Every rule: those of `backendlint.practices` and any registered ones, in code order."""
    builtin = _builtin_rules()
    if not _EXTRA_RULES:
        return builtin
    return tuple(sorted((*builtin, *_EXTRA_RULES), key=lambda rule: rule.code))


@lru_cache(maxsize=1)
def practices() -> tuple[Practice, ...]:
    """Every practice, in code order (BL0 first)."""
    found = [ENGINE] + [practice for practice, _ in _practice_packages()]
    return tuple(sorted(found, key=lambda practice: practice.prefix))


# The practice names in code order; each has an options table `[tool.backendlint.<practice>]`.
def practice_names() -> tuple[str, ...]:
    return tuple(practice.name for practice in practices())


def _practice_packages() -> list[tuple[Practice, ModuleType]]:
    import backendlint.practices as root

    found = []
    for info in pkgutil.iter_modules(root.__path__, root.__name__ + "."):
        if not info.ispkg:
            continue
        package = importlib.import_module(info.name)
        practice = getattr(package, "PRACTICE", None)
        if not isinstance(practice, Practice):
            raise RegistryError(f"{info.name} has no PRACTICE = Practice(...)")
        found.append((practice, package))
    return found


def _rules_in(module: ModuleType) -> list[type[Rule]]:
    return [value for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule
            and "code" in vars(value) and value.__module__ == module.__name__]


def _adopt(rule: type[Rule], practice: Practice) -> type[Rule]:
    """Give a rule its practice's name and options, once, and check its code's prefix."""
    if not rule.code.startswith(practice.prefix) or len(rule.code) != 5:
        raise RegistryError(f"{rule.code} is not a {practice.prefix}xx code ({practice.name})")
    rule.practice = practice.name
    if rule.options_class is PracticeOptions:
        rule.options_class = practice.options
    return rule


@lru_cache(maxsize=1)
def _builtin_rules() -> tuple[type[Rule], ...]:
    """Every rule class defined in a module of a practice package, in code order."""
    import backendlint.core.builtin_rules as engine_rules

    found: dict[str, type[Rule]] = {}

    def add(rule: type[Rule]) -> None:
        if rule.code in found and found[rule.code] is not rule:
            raise RegistryError(f"code {rule.code} is declared twice")
        found[rule.code] = rule

    for rule in _rules_in(engine_rules):
        add(_adopt(rule, ENGINE))
    for practice, package in _practice_packages():
        modules = [package] + [importlib.import_module(info.name) for info in
                               pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
        for module in modules:
            for rule in _rules_in(module):
                add(_adopt(rule, practice))
    return tuple(found[code] for code in sorted(found))


def rule_by_code(code: str) -> type[Rule]:
    for rule in all_rules():
        if rule.code == code:
            return rule
    raise UnknownSelectorError(unknown_message(code))


def practice_options_classes() -> dict[str, type[PracticeOptions]]:
    classes = {practice.name: practice.options for practice in practices()}
    for rule in _EXTRA_RULES:
        if rule.options_class is not PracticeOptions:
            classes[rule.practice] = rule.options_class
    return classes


def _vocabulary(rules: tuple[type[Rule], ...]) -> list[str]:
    words = ["ALL"] + [rule.code for rule in rules] + [rule.name for rule in rules]
    return words + list(practice_names())


def unknown_message(selector: str, rules: tuple[type[Rule], ...] | None = None) -> str:
    rules = all_rules() if rules is None else rules
    import difflib  # only an unknown selector needs suggestions

    hint = difflib.get_close_matches(selector, _vocabulary(rules), n=1, cutoff=0.6)
    suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"unknown rule selector '{selector}'{suffix}"


def resolve_selector(selector: str, rules: tuple[type[Rule], ...] | None = None) -> set[str]:
    """Codes matched by a full code, a code prefix (`BL1`), a practice or a rule name, or ALL."""
    rules = all_rules() if rules is None else rules
    text = selector.strip()
    if text.upper() == "ALL":
        return {rule.code for rule in rules}
    upper = text.upper()
    if upper.startswith("BL") and upper[2:].isdigit():
        matched = {rule.code for rule in rules if rule.code.startswith(upper)}
    else:
        matched = {rule.code for rule in rules if text in (rule.name, rule.practice)}
    if not matched:
        raise UnknownSelectorError(unknown_message(text, rules))
    return matched


def codes_for_noqa(token: str, rules: tuple[type[Rule], ...] | None = None) -> set[str]:
    """What a code or rule name written in a suppression comment stands for (empty if unknown)."""
    try:
        return resolve_selector(token, rules)
    except UnknownSelectorError:
        return set()
