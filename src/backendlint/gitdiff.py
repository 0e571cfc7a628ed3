"""Git, asked through its command line: the repository root and the lines a branch changed."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Optional

# A hunk header of `git diff -U0`: `@@ -12,3 +14,5 @@`; the new side's count defaults to 1.
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitError(Exception):
    """Git is missing, the folder is not in a repository, or the ref is unknown (exit 2)."""


def _git(args: list[str], cwd: Path) -> str:
    import subprocess  # only runs that ask git pay for importing it

    try:
        completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                                   timeout=120)
    except FileNotFoundError:
        raise GitError("git is not installed (needed by --diff-base)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args)} did not finish in 120 s") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return completed.stdout.decode("utf-8", "surrogateescape")


def toplevel(directory: Path) -> Optional[Path]:
    """The work tree root of the repository holding `directory`, or None outside one."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], directory).strip())
    except GitError:
        return None


def report_root(directory: Path, fallback: Path) -> Path:
    """What paths in SARIF, baselines and annotations are relative to: the repository root
    (whatever folder the run started in), else the configuration's folder."""
    return (toplevel(directory) or fallback).resolve()


def relative_to_root(display_path: str, base: Path, root: Path) -> str:
    """A display path (relative to `base`, the run's working directory) as a POSIX path
    relative to `root`; kept absolute when the file is outside the root."""
    absolute = os.path.normpath(os.path.join(base, display_path))
    relative = os.path.relpath(absolute, root)
    if relative.startswith(".."):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def changed_lines(ref: str, directory: Path) -> dict[Path, set[int]]:
    """Lines added or changed since the merge base of `ref` and HEAD, in the work tree as it
    is (committed or not), by absolute path. Untracked files count as wholly changed: an
    empty set means every line."""
    root = toplevel(directory)
    if root is None:
        raise GitError(f"--diff-base needs a git repository, and {directory} is not in one")
    base = _git(["merge-base", ref, "HEAD"], root).strip()
    # -w: a line whose only change is whitespace (a re-indented function) is not new code.
    diff = _git(["-c", "core.quotePath=false", "diff", "-U0", "-w", "--no-color",
                 "--no-ext-diff", "--no-renames",
                 "--diff-filter=AM", base, "--"], root)
    changed: dict[Path, set[int]] = {}
    current: Optional[set[int]] = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else changed.setdefault(
                (root / _strip_prefix(name)).resolve(), set())
            continue
        match = _HUNK.match(line)
        if match and current is not None:
            start, count = int(match.group(1)), int(match.group(2) or "1")
            current.update(range(start, start + count))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    for name in filter(None, untracked.split("\0")):
        changed[(root / name).resolve()] = set()
    return changed


def _strip_prefix(name: str) -> str:
    # git quotes names with unusual characters; `b/` is the new side's prefix.
    if name.startswith('"') and name.endswith('"'):
        name = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        name = name.encode("latin-1").decode("utf-8", "surrogateescape")
    return name.removeprefix("b/")
