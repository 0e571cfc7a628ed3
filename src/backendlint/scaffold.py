"""Start a new rule: `python -m backendlint.scaffold BL709 insecure-thing --practice web-security`.

Creates the three things a rule is made of and nothing else: its rule file in the practice's
package, its spec folder with a flagged case and a clean-only case, and its docs page stub
(regenerate the real page from the docstring with `python -m backendlint.ruledocs docs/rules`
once the rule is written). The registry finds the rule by walking the package: no list to edit.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

_CODE = re.compile(r"BL\d{3}\Z")
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")

RULE_TEMPLATE = '''"""{code} {name}."""

from __future__ import annotations

import ast

from backendlint.core.findings import Confidence, Severity
from backendlint.core.rule import Rule


class {class_name}(Rule):
    """## What it does
    <One sentence: what the rule flags.>

    ## Why is this bad?
    <The harm, in a backend service.>

    ## Example
    ```python
    flagged_example()  # <code that fires>
    ```

    Use instead:
    ```python
    clean_example()  # <code that does not>
    ```
    """

    code = "{code}"
    name = "{name}"
    severity = Severity.WARNING
    confidence = Confidence.MEDIUM

    def visit_Call(self, node: ast.Call) -> None:
        """Self-contained style; for a table-driven rule, delete this and let the practice's
        FileAnalysis report for this class."""
'''

BAD_CASE = '''"""A case {code} must flag: mark each flagged line with `# error: {code}`."""
'''

CLEAN_CASE = '''"""Code {code} must leave alone: nothing here is annotated."""
'''

DOCS_STUB = "# {code} {name}\n\nGenerated from the rule's docstring: run " \
            "`python -m backendlint.ruledocs docs/rules`.\n"


def class_name_for(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def package_for(practice: str) -> str:
    return practice.replace("-", "_")


def planned_files(root: Path, code: str, name: str, practice: str) -> dict[Path, str]:
    """Every file the scaffold writes, with its content."""
    package = root / "src" / "backendlint" / "practices" / package_for(practice)
    spec = root / "spec" / f"{code}_{name}"
    values = {"code": code, "name": name, "class_name": class_name_for(name)}
    return {
        package / f"{code.lower()}_{name.replace('-', '_')}.py": RULE_TEMPLATE.format(**values),
        spec / "flagged_example.py": BAD_CASE.format(**values),
        spec / "clean_example.py": CLEAN_CASE.format(**values),
        root / "docs" / "rules" / f"{code}.md": DOCS_STUB.format(**values),
    }


def scaffold(root: Path, code: str, name: str, practice: str) -> list[Path]:
    if not _CODE.match(code):
        raise ValueError(f"code {code!r} is not BL followed by three digits")
    if not _NAME.match(name):
        raise ValueError(f"name {name!r} is not kebab-case")
    package = root / "src" / "backendlint" / "practices" / package_for(practice)
    if not (package / "__init__.py").is_file():
        raise ValueError(f"no practice package {package} (create it with its PRACTICE first)")
    files = planned_files(root, code, name, practice)
    existing = [path for path in files if path.exists()]
    if existing:
        raise ValueError(f"{existing[0]} exists already")
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return list(files)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m backendlint.scaffold",
                                     description="Create a new rule's file, spec and docs.")
    parser.add_argument("code")
    parser.add_argument("name")
    parser.add_argument("--practice", required=True)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    try:
        created = scaffold(args.root, args.code.upper(), args.name, args.practice)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in created:
        print(f"created {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
