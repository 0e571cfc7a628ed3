"""The executable spec: every annotated example under spec/ gives exactly its findings."""

from __future__ import annotations

import ast

import pytest
from example_cases import collect_cases, expected_findings, fix_text, lint_case, settings_for_case

CASES = collect_cases()
FIXED = [(case, path) for case in CASES for path in case.files
         if path.with_name(path.name + ".fixed").is_file()]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_example_findings_match_annotations(case) -> None:  # type: ignore[no-untyped-def]
    result = lint_case(case)
    assert not result.errors, result.errors
    actual = {(f.path, f.line, f.code) for f in result.findings}
    expected = expected_findings(case)
    missing = sorted(expected - actual)
    extra = sorted(actual - expected)
    messages = {(f.path, f.line, f.code): f.message for f in result.findings}
    assert not missing and not extra, (
        f"missing: {missing}\nextra: {[(key, messages[key]) for key in extra]}")


@pytest.mark.parametrize("case,path", FIXED,
                         ids=[f"{case.id}:{path.name}" for case, path in FIXED])
def test_fixed_example_matches(case, path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for_case(case)
    display = path.relative_to(case.root).as_posix()
    fixed = fix_text(path, path.read_text(encoding="utf-8"), settings, display)
    expected = path.with_name(path.name + ".fixed").read_text(encoding="utf-8")
    assert fixed == expected
    ast.parse(fixed)
    # Re-linting the fixed code leaves no finding that still offers a fix.
    from example_cases import fix_text as again

    assert again(path, fixed, settings, display) == fixed


def test_every_rule_has_examples() -> None:
    from backendlint.core.registry import all_rules

    codes_with_cases = {case.code for case in CASES}
    missing = [rule.code for rule in all_rules() if rule.code not in codes_with_cases]
    assert not missing, f"rules without examples under spec/: {missing}"


def test_every_case_expects_something_or_is_a_negative() -> None:
    # Each rule folder has at least one flagged line and at least one clean file, so both
    # directions are exercised.
    by_code: dict[str, list[int]] = {}
    for case in CASES:
        by_code.setdefault(case.code, []).append(len(expected_findings(case)))
    for code, counts in by_code.items():
        assert any(counts), f"{code}: no example expects a finding"
