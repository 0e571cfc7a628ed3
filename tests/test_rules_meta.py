"""Every rule is complete: unique code and name, all docstring sections, an Example that fires
and a Use-instead that does not."""

from __future__ import annotations

import re

import pytest

from backendlint.core.pipeline import lint_source
from backendlint.core.registry import all_rules, practices
from backendlint.core.rule import Rule
from backendlint.core.runner import finish_run
from backendlint.settings import Settings

RULES = all_rules()
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "Use instead:",
            "## Options", "## Fix safety")
_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in RULES]
    names = [rule.name for rule in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"BL\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name), rule.name
        prefixes = {practice.name: practice.prefix for practice in practices()}
        assert rule.practice in prefixes, rule.practice
        assert rule.code.startswith(prefixes[rule.practice]), (rule.code, rule.practice)


def test_practice_shares_one_options_class() -> None:
    by_practice: dict[str, set[type]] = {}
    for rule in RULES:
        by_practice.setdefault(rule.practice, set()).add(rule.options_class)
    for practice, classes in by_practice.items():
        assert len(classes) == 1, f"{practice} has several options classes: {classes}"


def _blocks(rule: type[Rule]) -> tuple[str, str]:
    import textwrap

    doc = textwrap.dedent("\n".join((rule.__doc__ or "").splitlines()[1:]))
    example_part, _, use_part = doc.partition("Use instead:")
    example = _BLOCK.findall(example_part.split("## Example", 1)[-1])
    use = _BLOCK.findall(use_part)
    assert example and use, f"{rule.code}: Example and Use instead need ```python blocks"
    return example[0], use[0]


def _lint(rule: type[Rule], source: str) -> list[str]:
    settings = Settings(enabled=frozenset({rule.code}))
    result = lint_source("example.py", source, settings, "example")
    run = finish_run([result], settings)
    assert not run.errors, run.errors
    return [finding.code for finding in run.findings]


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_docstring_has_every_section(rule: type[Rule]) -> None:
    doc = rule.__doc__ or ""
    positions = [doc.find(section) for section in SECTIONS]
    assert all(position >= 0 for position in positions), f"{rule.code} lacks a section"
    assert positions == sorted(positions), f"{rule.code}: sections out of order"


@pytest.mark.parametrize("rule", [r for r in RULES if r.code != "BL002"],
                         ids=[r.code for r in RULES if r.code != "BL002"])
def test_example_fires_and_use_instead_is_clean(rule: type[Rule]) -> None:
    example, use_instead = _blocks(rule)
    assert rule.code in _lint(rule, example), f"{rule.code}: the Example gives no finding"
    assert rule.code not in _lint(rule, use_instead), f"{rule.code}: Use instead is flagged"


def test_unused_suppression_example() -> None:
    from backendlint.core.builtin_rules import UnusedSuppression

    example, use_instead = _blocks(UnusedSuppression)
    settings = Settings(enabled=frozenset({"BL002", "BL101"}))
    for source, expected in ((example, ["BL002"]), (use_instead, [])):
        run = finish_run([lint_source("example.py", source, settings)], settings)
        assert [f.code for f in run.findings] == expected
