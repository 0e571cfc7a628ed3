"""Finds every rule by walking the `backendlint.rules` package, and resolves rule selectors."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from functools import lru_cache

from backendlint.rule import PracticeOptions, Rule

# The practices in code order; each has an options table `[tool.backendlint.<practice>]`.
PRACTICES: tuple[str, ...] = (
    "engine",
    "async-blocking",
    "type-hints",
    "sql-building",
    "password-hashing",
    "rate-limiting",
)


class UnknownSelectorError(ValueError):
    pass


# Rules registered at run time (plugins, and the test suite's rules that exist only there).
_EXTRA_RULES: list[type[Rule]] = []


def register(rule: type[Rule]) -> None:
    if rule not in _EXTRA_RULES:
        _EXTRA_RULES.append(rule)


def unregister(rule: type[Rule]) -> None:
    if rule in _EXTRA_RULES:
        _EXTRA_RULES.remove(rule)


def all_rules() -> tuple[type[Rule], ...]:
    """Every rule: those of `backendlint.rules` and any registered ones, in code order."""
    builtin = _builtin_rules()
    if not _EXTRA_RULES:
        return builtin
    return tuple(sorted((*builtin, *_EXTRA_RULES), key=lambda rule: rule.code))


@lru_cache(maxsize=1)
def _builtin_rules() -> tuple[type[Rule], ...]:
    """Every rule class defined in a module of `backendlint.rules`, in code order."""
    import backendlint.rules as package

    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Rule) and value is not Rule
                    and "code" in vars(value)):
                found[value.code] = value
    return tuple(found[code] for code in sorted(found))


def rule_by_code(code: str) -> type[Rule]:
    for rule in all_rules():
        if rule.code == code:
            return rule
    raise UnknownSelectorError(unknown_message(code))


def practice_options_classes() -> dict[str, type[PracticeOptions]]:
    classes: dict[str, type[PracticeOptions]] = {practice: PracticeOptions
                                                 for practice in PRACTICES}
    for rule in all_rules():
        if rule.options_class is not PracticeOptions:
            classes[rule.practice] = rule.options_class
    return classes


def _vocabulary(rules: tuple[type[Rule], ...]) -> list[str]:
    words = ["ALL"] + [rule.code for rule in rules] + [rule.name for rule in rules]
    return words + list(PRACTICES)


def unknown_message(selector: str, rules: tuple[type[Rule], ...] | None = None) -> str:
    rules = all_rules() if rules is None else rules
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
