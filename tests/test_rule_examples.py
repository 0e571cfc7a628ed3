"""The executable spec: every annotated example under spec/ gives exactly its findings."""

from __future__ import annotations

import ast

import pytest
from example_cases import (
    collect_cases,
    expectations,
    expected_findings,
    fix_text,
    is_clean_case,
    lint_case,
    settings_for_case,
)

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
    by_place = {}
    for finding in result.findings:
        by_place.setdefault((finding.path, finding.line, finding.code), []).append(finding)
    for pin in expectations(case):
        found = by_place[(pin.path, pin.line, pin.code)]
        if pin.column is not None:
            columns = [finding.column for finding in found]
            assert pin.column in columns, f"{pin}: reported at columns {columns}"
        if pin.message is not None:
            texts = [finding.message for finding in found]
            assert any(pin.message in text for text in texts), f"{pin}: messages {texts}"


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


CODES = sorted({case.code for case in CASES})


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_a_flagged_case_and_a_clean_only_case(code: str) -> None:
    # Both directions are exercised for every rule: a case that must fire, and a `clean*`
    # case that must stay silent (and, being clean, annotates nothing).
    cases = [case for case in CASES if case.code == code]
    clean = [case for case in cases if is_clean_case(case)]
    for case in clean:
        assert not expected_findings(case), f"{case.id}: a clean case expects findings"
    assert any(expected_findings(case) for case in cases if case not in clean), (
        f"{code}: no example expects a finding")
    assert clean, f"{code}: no clean-only case (a `clean_*.py` file or `clean_*/` folder)"


def test_annotations_pin_columns_and_message_fragments(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from example_cases import Case

    case_file = tmp_path / "views.py"
    case_file.write_text(
        "x = 1  # error: BL101@5, BL102 \"says why\"\n"
        "# +1: error: BL301\n"
        "y = 2\n", encoding="utf-8")
    pins = expectations(Case("BL101", tmp_path, (case_file,)))
    assert [(p.line, p.code, p.column, p.message) for p in pins] == [
        (1, "BL101", 5, "says why"), (1, "BL102", None, "says why"), (3, "BL301", None, None)]
