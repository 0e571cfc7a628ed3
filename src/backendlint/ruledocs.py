"""Rule documentation in markdown, from the rule docstrings.

The same text is printed by `backendlint rule CODE`, written to `docs/rules/`, and embedded in
SARIF as rule help. Regenerate the pages with `python -m backendlint.ruledocs docs/rules`.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

from backendlint.core.findings import FixAvailability
from backendlint.core.registry import all_rules
from backendlint.core.rule import Rule

INDEX_NAME = "index.md"
REGENERATE_COMMAND = "python -m backendlint.ruledocs docs/rules"
# Only files named like a rule page are removed when their rule is gone; anything else a
# maintainer puts in the folder is left alone.
_RULE_PAGE = re.compile(r"^BL\d+\.md$")

_FIX_WORDING = {
    FixAvailability.NONE: "none",
    FixAvailability.SOMETIMES: "sometimes available",
    FixAvailability.ALWAYS: "always available",
}


def rule_body(rule: type[Rule]) -> str:
    """The rule's docstring without the source indentation."""
    doc = rule.__dict__.get("__doc__") or ""
    return inspect.cleandoc(doc) if doc.strip() else f"## What it does\n{rule.summary()}"


def doc_section(rule: type[Rule], heading: str) -> str | None:
    """The text under `## heading` of the rule's docstring, or None when absent."""
    body = rule_body(rule)
    marker = f"## {heading}"
    if marker not in body:
        return None
    section = body.split(marker, 1)[1]
    end = re.search(r"^## ", section, flags=re.MULTILINE)
    return (section[:end.start()] if end else section).strip()


_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
_SHORT_LIMIT = 160


def short_description(rule: type[Rule]) -> str:
    """One plain sentence for listings and SARIF: the summary without markdown, asides in
    parentheses or the enumeration after a colon, and no longer than about 160 characters."""
    text = rule.summary().rstrip(".")
    previous = None
    while previous != text:
        previous, text = text, _PARENTHETICAL.sub("", text)
    text = text.split(": ", 1)[0].split(" - ", 1)[0]
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "")
    text = " ".join(text.split())
    if len(text) > _SHORT_LIMIT:
        text = text[:_SHORT_LIMIT].rsplit(" ", 1)[0].rstrip(",;")
    return text + "."


def metadata_line(rule: type[Rule]) -> str:
    parts = [
        f"Practice: `{rule.practice}`",
        f"Severity: {rule.severity.value}",
        f"Fix: {_FIX_WORDING[rule.fix_availability]}",
    ]
    parts.append(f"Confidence: {rule.confidence.value}")
    if rule.cwe is not None:
        parts.append(f"CWE: [CWE-{rule.cwe}](https://cwe.mitre.org/data/definitions/"
                     f"{rule.cwe}.html)")
    if rule.default_enabled:
        parts.append("Enabled by default")
    else:
        parts.append(f"Off by default (enable with `--extend-select {rule.code}`)")
    return " | ".join(parts)


def rule_markdown(rule: type[Rule]) -> str:
    return f"# {rule.code}: {rule.name}\n\n{metadata_line(rule)}\n\n{rule_body(rule)}\n"


def index_markdown(rules: tuple[type[Rule], ...]) -> str:
    lines = [
        "# Rules",
        "",
        f"Generated from the rule docstrings by `{REGENERATE_COMMAND}`; do not edit by hand.",
        "",
        "| Code | Name | Practice | Severity | Fix | Default | Summary |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        cells = [
            f"[{rule.code}]({rule.code}.md)",
            f"`{rule.name}`",
            rule.practice,
            rule.severity.value,
            _FIX_WORDING[rule.fix_availability],
            "on" if rule.default_enabled else "off",
            rule.summary().replace("|", "\\|"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def expected_docs(rules: tuple[type[Rule], ...] | None = None) -> dict[str, str]:
    """File name → content of every page the generator writes."""
    rules = all_rules() if rules is None else rules
    pages = {f"{rule.code}.md": rule_markdown(rule) for rule in rules}
    pages[INDEX_NAME] = index_markdown(rules)
    return pages


def write_docs(directory: Path) -> list[Path]:
    """Write every rule page and the index; remove pages of rules that no longer exist."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = expected_docs()
    for stale in _orphan_pages(directory, pages):
        (directory / stale).unlink()
    written = []
    for name, content in pages.items():
        path = directory / name
        if _read(path) != content:
            # Bytes, not text: the pages stay byte-identical on Windows, where the test compares
            # (Path.write_text has no newline argument before Python 3.10).
            path.write_bytes(content.encode("utf-8"))
        written.append(path)
    return written


def stale_docs(directory: Path) -> list[str]:
    """Pages that are missing, differ from the docstrings, or belong to no rule."""
    pages = expected_docs()
    problems = []
    for name, content in pages.items():
        current = _read(directory / name)
        if current is None:
            problems.append(f"{name}: missing")
        elif current != content:
            problems.append(f"{name}: out of date")
    problems.extend(f"{name}: no such rule" for name in _orphan_pages(directory, pages))
    return sorted(problems)


def _orphan_pages(directory: Path, pages: dict[str, str]) -> list[str]:
    if not directory.is_dir():
        return []
    return sorted(path.name for path in directory.iterdir()
                  if _RULE_PAGE.match(path.name) and path.name not in pages)


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(f"usage: {REGENERATE_COMMAND}", file=sys.stderr)
        return 2
    written = write_docs(Path(argv[0]))
    print(f"wrote {len(written)} pages to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
