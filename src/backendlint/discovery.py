"""Which files to lint: walking folders, default and configured excludes, `.gitignore`."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from backendlint import inputs
from backendlint.settings import Settings, path_matches

# Folders never worth linting: tool caches, VCS data, virtualenvs, build output.
DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox", ".pants.d",
    ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", "venv",
    "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules",
    "site-packages", ".backendlint_cache",
)
PYTHON_SUFFIXES = (".py", ".pyi")


class DiscoveryError(Exception):
    """A path the user named cannot be used (exit code 2)."""


def display_path(path: Path, cwd: Optional[Path] = None) -> str:
    """Relative to the current directory when below it, POSIX style."""
    return display_paths([path], cwd)[0]


def display_paths(paths: list[Path], cwd: Optional[Path] = None) -> list[str]:
    """`display_path` of many paths: string prefixes, as pathlib's relative_to costs more
    than the rest of a warm run's per-file work."""
    base = str(cwd or Path.cwd())
    prefix = os.path.join(base, "")
    shown = []
    for path in paths:
        absolute = os.path.abspath(path)
        if absolute.startswith(prefix):
            absolute = absolute[len(prefix):]
        elif absolute == base:
            absolute = "."
        shown.append(absolute.replace(os.sep, "/") if os.sep != "/" else absolute)
    return shown


@dataclass
class _GitignoreRule:
    base: str  # the folder of the .gitignore, as a string ending with the separator
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool


def _glob_to_regex(pattern: str) -> str:
    """gitignore glob → regex over a POSIX path relative to the .gitignore's folder."""
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("/**", index) and index + 3 == len(pattern):
            out.append("/.*")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1:end].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                index = end
        elif char == "\\" and index + 1 < len(pattern):
            index += 1
            out.append(re.escape(pattern[index]))
        else:
            out.append(re.escape(char))
        index += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return f"^{prefix}{body}$"


def _read_gitignore(directory: str) -> list[_GitignoreRule]:
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            text = stream.read()
    except OSError:
        return []
    # A missing one needs no note: creating it changes a listed folder's mtime, and the
    # folders above are probed for the name (replay.py).
    inputs.note_read(path)
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        line = line.removeprefix("\\")
        directory_only = line.endswith("/")
        try:
            regex = re.compile(_glob_to_regex(line))
        except re.error:
            continue
        rules.append(_GitignoreRule(os.path.join(directory, ""), regex, negated,
                                    directory_only))
    return rules


@dataclass
class _Matcher:
    """The rules in force for one folder, compiled for matching its entries. Without `!`
    rules, order does not matter, and each .gitignore's rules merge into one regex for
    files and one for folders: one match per entry instead of one per rule."""

    rules: list[_GitignoreRule]
    merged: Optional[list[tuple[str, Optional[re.Pattern[str]], Optional[re.Pattern[str]]]]]

    @classmethod
    def of(cls, rules: list[_GitignoreRule]) -> _Matcher:
        if any(rule.negated for rule in rules):
            return cls(rules, None)
        bases: dict[str, list[_GitignoreRule]] = {}
        for rule in rules:
            bases.setdefault(rule.base, []).append(rule)
        merged = []
        for base, group in bases.items():
            files = [rule.regex.pattern for rule in group if not rule.directory_only]
            folders = [rule.regex.pattern for rule in group]
            merged.append((base, _any_of(files), _any_of(folders)))
        return cls(rules, merged)

    def ignored(self, text: str, is_dir: bool) -> bool:
        if self.merged is not None:
            for base, files, folders in self.merged:
                regex = folders if is_dir else files
                if regex is not None and text.startswith(base) and regex.match(
                        text[len(base):].replace(os.sep, "/")):
                    return True
            return False
        ignored = False
        for rule in self.rules:
            if (rule.directory_only and not is_dir) or not text.startswith(rule.base):
                continue
            if rule.regex.match(text[len(rule.base):].replace(os.sep, "/")):
                ignored = not rule.negated
        return ignored


def _any_of(patterns: list[str]) -> Optional[re.Pattern[str]]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns)) if patterns else None


@dataclass
class _Gitignore:
    """The .gitignore rules in force for a folder: its own and those of its parents up to the
    repository root."""

    cache: dict[str, list[_GitignoreRule]] = field(default_factory=dict)
    matchers: dict[str, _Matcher] = field(default_factory=dict)

    def rules_for(self, directory: str) -> list[_GitignoreRule]:
        cached = self.cache.get(directory)
        if cached is not None:
            return cached
        own = _read_gitignore(directory)
        parent = os.path.dirname(directory)
        is_repo_root = os.path.exists(os.path.join(directory, ".git")) or parent == directory
        inherited = [] if is_repo_root else self.rules_for(parent)
        rules = inherited + own
        self.cache[directory] = rules
        return rules

    def ignored(self, path: str, is_dir: bool) -> bool:
        directory = os.path.dirname(path)
        matcher = self.matchers.get(directory)
        if matcher is None:
            matcher = self.matchers[directory] = _Matcher.of(self.rules_for(directory))
        return bool(matcher.rules) and matcher.ignored(path, is_dir)


def is_python_path(path: str) -> bool:
    return path.endswith(PYTHON_SUFFIXES)


def _is_within(path: str, folders: list[str]) -> bool:
    return any(path == folder or path.startswith(os.path.join(folder, "")) for folder in folders)


class Discovery:
    def __init__(self, settings: Settings, follow_external_links: bool = False) -> None:
        self.settings = settings
        # Links out of the linted folders (and the project) are not followed unless asked:
        # one into a home folder or to a secrets file would put its content in the report.
        self.follow_external_links = follow_external_links
        self.inside: list[str] = []
        self.gitignore = _Gitignore()
        base = settings.exclude if settings.exclude else DEFAULT_EXCLUDES
        self.patterns = tuple(base) + tuple(settings.extend_exclude)
        # While walking, a folder's ancestors were already checked, so an entry needs only its
        # own name checked against the component patterns (most are plain names: a set).
        component = [p.rstrip("/") for p in self.patterns
                     if "/" not in p.rstrip("/") and not p.startswith(("./", "/"))]
        self.exact_names = frozenset(p for p in component if not any(c in p for c in "*?["))
        self.name_globs = tuple(p for p in component if p not in self.exact_names)
        self.path_patterns = tuple(p for p in self.patterns if p.rstrip("/") not in component)
        self.root = settings.project_root.absolute()
        self.root_prefix = os.path.join(str(self.root), "")
        self.warnings: list[str] = []
        # Paths whose existence decided what was walked without the folder being listed.
        self.probed: list[str] = []

    def _relative(self, path: str) -> str:
        relative = path.removeprefix(self.root_prefix)
        return relative.replace(os.sep, "/")

    def excluded(self, path: Path, is_dir: bool) -> bool:
        """Whether a path is excluded, judging every component (for explicitly named paths)."""
        text = str(path)
        relative = self._relative(text)
        if any(path_matches(pattern, relative) for pattern in self.patterns):
            return True
        return self._excluded_otherwise(text, is_dir)

    def _entry_excluded(self, path: str, name: str, is_dir: bool) -> bool:
        """Whether a folder entry is excluded, its parent being known not to be."""
        if name in self.exact_names or any(fnmatch.fnmatchcase(name, glob)
                                            for glob in self.name_globs):
            return True
        if self.path_patterns:
            relative = self._relative(path)
            if any(path_matches(pattern, relative) for pattern in self.path_patterns):
                return True
        return self._excluded_otherwise(path, is_dir)

    def _excluded_otherwise(self, path: str, is_dir: bool) -> bool:
        if is_dir:
            marker = os.path.join(path, "pyvenv.cfg")
            # Asked by stat, not by listing the folder: whoever replays a run must know
            # which markers decided what was walked (replay.py).
            self.probed.append(marker)
            if os.path.exists(marker):
                return True  # a virtualenv under any name
        return self.settings.respect_gitignore and self.gitignore.ignored(path, is_dir)

    def files(self, paths: list[Path]) -> list[Path]:
        """Every Python file to lint under the given paths, sorted, without duplicates."""
        found: dict[str, Path] = {}
        self.inside = [os.path.realpath(path) for path in (self.root, *paths)]
        for given in paths:
            absolute = Path(os.path.abspath(given))
            if not os.path.lexists(absolute):
                raise DiscoveryError(f"{given}: no such file or directory")
            try:
                mode = os.stat(absolute).st_mode
            except OSError:
                raise DiscoveryError(f"{given}: broken symbolic link or symlink loop") from None
            if stat.S_ISDIR(mode):
                for path in self._walk(absolute):
                    found.setdefault(str(path), path)
            elif not stat.S_ISREG(mode):
                # Reading a FIFO or a terminal would wait for ever.
                self.warnings.append(f"{display_path(Path(given))}: not a regular file; "
                                     "skipped")
            elif not (self.settings.force_exclude and self.excluded(absolute, False)):
                found.setdefault(str(absolute), absolute)
        return [found[key] for key in sorted(found)]

    def _leaves_the_roots(self, path: str) -> bool:
        """Whether a symbolic link found while walking points out of the linted folders and
        the project (and so is skipped, with a warning)."""
        if self.follow_external_links or _is_within(os.path.realpath(path), self.inside):
            return False
        self.warnings.append(f"{display_path(Path(path))}: symbolic link to outside the linted "
                             "folders; skipped (--follow-external-links lints it)")
        return True

    def _walk(self, root: Path) -> list[Path]:
        results: list[Path] = []
        # Folders already walked, by (device, inode): a symlink cycle, or a folder reached
        # twice through a link. One stat per folder; realpath would lstat every component.
        seen: set[tuple[int, int]] = set()
        stack = [str(root)]
        while stack:
            directory = stack.pop()
            try:
                info = os.stat(directory)
                identity = (info.st_dev, info.st_ino)
                if identity in seen:
                    continue
                seen.add(identity)
                inputs.note_listed(directory)
                with os.scandir(directory) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError as error:
                self.warnings.append(f"{display_path(Path(directory))}: cannot read folder "
                                     f"({error.strerror})")
                continue
            for entry in entries:
                name = entry.name
                try:
                    is_dir = entry.is_dir()
                    is_python = not is_dir and name.endswith(PYTHON_SUFFIXES) and entry.is_file()
                except OSError:
                    continue
                if not (is_dir or is_python):
                    continue
                path = os.path.join(directory, name)
                if self._entry_excluded(path, name, is_dir):
                    continue
                if entry.is_symlink() and self._leaves_the_roots(path):
                    continue
                if is_dir:
                    stack.append(path)
                else:
                    results.append(Path(path))
        return results
