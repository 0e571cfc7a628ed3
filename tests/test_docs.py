"""docs/rules/ is generated from the rule docstrings and must match them."""

from __future__ import annotations

from pathlib import Path

from backendlint.core.findings import Confidence, FixAvailability, Severity
from backendlint.core.registry import all_rules
from backendlint.core.rule import Rule
from backendlint.ruledocs import (
    REGENERATE_COMMAND,
    doc_section,
    index_markdown,
    rule_markdown,
    stale_docs,
    write_docs,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


class _WeakHashForTest(Rule):
    """## What it does
    Checks for MD5 password hashes (test-only rule).

    ## Why is this bad?
    MD5 is fast | cheap to brute-force.

    ## Example
    ```python
    hashlib.md5(password)
    ```

    Use instead:
    ```python
    argon2.hash(password)
    ```

    ## Options
    None.

    ## Fix safety
    There is no fix.
    """

    code = "BL401"
    name = "weak-password-hash"
    practice = "password-hashing"
    severity = Severity.WARNING
    confidence = Confidence.HIGH
    cwe = 916
    fix_availability = FixAvailability.ALWAYS
    default_enabled = False


def test_docs_rules_are_up_to_date() -> None:
    problems = stale_docs(DOCS)
    assert not problems, (
        f"docs/rules/ is stale ({', '.join(problems)}); regenerate it with `{REGENERATE_COMMAND}`")


def test_rule_markdown_has_title_metadata_and_dedented_sections() -> None:
    text = rule_markdown(_WeakHashForTest)
    lines = text.splitlines()
    assert lines[0] == "# BL401: weak-password-hash"
    assert lines[1] == ""
    assert lines[2] == (
        "Practice: `password-hashing` | Severity: warning | Fix: always available | "
        "Confidence: high | CWE: [CWE-916](https://cwe.mitre.org/data/definitions/916.html) | "
        "Off by default (enable with `--extend-select BL401`)")
    assert lines[4:7] == ["## What it does",
                          "Checks for MD5 password hashes (test-only rule).", ""]
    assert "```python\nhashlib.md5(password)\n```\n\nUse instead:\n```python\n" in text
    assert text.endswith("## Fix safety\nThere is no fix.\n")


def test_metadata_of_a_plain_default_rule() -> None:
    (unparsable,) = [rule for rule in all_rules() if rule.code == "BL001"]
    assert rule_markdown(unparsable).splitlines()[2] == (
        "Practice: `engine` | Severity: error | Fix: none | Confidence: high | Enabled by default")


def test_doc_section() -> None:
    assert doc_section(_WeakHashForTest, "Why is this bad?") == (
        "MD5 is fast | cheap to brute-force.")
    assert doc_section(_WeakHashForTest, "Not a heading") is None


def test_index_is_a_table_with_escaped_cells() -> None:
    text = index_markdown((_WeakHashForTest,))
    assert ("| [BL401](BL401.md) | `weak-password-hash` | password-hashing | warning | "
            "always available | off | Checks for MD5 password hashes (test-only rule). |"
            ) in text.splitlines()
    assert "| Code | Name | Practice | Severity | Fix | Default | Summary |" in text


def test_stale_docs_notices_edits_missing_and_orphan_pages(tmp_path: Path) -> None:
    assert stale_docs(tmp_path) == sorted(
        [f"{rule.code}.md: missing" for rule in all_rules()] + ["index.md: missing"])
    written = write_docs(tmp_path)
    assert sorted(path.name for path in written) == sorted(
        [f"{rule.code}.md" for rule in all_rules()] + ["index.md"])
    assert stale_docs(tmp_path) == []

    (tmp_path / "BL001.md").write_text("# edited by hand\n", encoding="utf-8")
    (tmp_path / "index.md").unlink()
    (tmp_path / "BL999.md").write_text("# a rule that is gone\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("kept\n", encoding="utf-8")
    assert stale_docs(tmp_path) == [
        "BL001.md: out of date", "BL999.md: no such rule", "index.md: missing"]

    write_docs(tmp_path)
    assert stale_docs(tmp_path) == []
    assert not (tmp_path / "BL999.md").exists()
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "kept\n"
    assert (tmp_path / "BL001.md").read_bytes().decode("utf-8") == rule_markdown(
        all_rules()[0])


def test_configuration_page_names_every_practice_table() -> None:
    from backendlint.core.registry import practices

    page = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(
        encoding="utf-8")
    # The engine's own rules (BL0xx) have no options table.
    missing = [practice.name for practice in practices() if practice.prefix != "BL0"
               and f"[tool.backendlint.{practice.name}]" not in page]
    assert missing == []
