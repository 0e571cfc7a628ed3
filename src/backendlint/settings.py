"""Resolved settings: what the engine needs to lint one file, after config and CLI merged."""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from backendlint.core.practice import PracticeOptions
from backendlint.core.registry import all_rules, practice_options_classes
from backendlint.core.rule import Rule
from backendlint.limits import DEFAULT_MAX_FILE_SIZE


def path_matches(pattern: str, path: str) -> bool:
    """Match a config glob against a POSIX path relative to the project root.

    A pattern without `/` matches any path component or the file name (`tests`, `*_pb2.py`);
    one with `/`, or anchored with a leading `./` or `/`, matches the whole relative path or a
    leading part of it (`src/legacy/*`, `./rules`).
    """
    pattern = pattern.rstrip("/")
    anchored = pattern.startswith(("./", "/"))
    pattern = pattern.removeprefix("./").removeprefix("/")
    parts = path.split("/")
    if not anchored and "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in parts)
    for cut in range(len(parts), 0, -1):
        if fnmatch.fnmatchcase("/".join(parts[:cut]), pattern):
            return True
    return False


@dataclass
class Settings:
    enabled: frozenset[str]
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    practice_options: dict[str, PracticeOptions] = field(default_factory=dict)
    # The oldest Python the linted project supports (from requires-python or target-version);
    # fixes write annotations that it can run.
    target_version: tuple[int, int] = (3, 9)
    project_root: Path = field(default_factory=Path.cwd)
    config_path: Optional[Path] = None
    # Display paths are relative to this folder (the current directory of the run).
    display_base: Path = field(default_factory=Path.cwd)
    # Bytes; a bigger file is reported (BL001) and not analysed.
    max_file_size: int = DEFAULT_MAX_FILE_SIZE

    def root_relative(self, path: str) -> str:
        """A display path re-expressed relative to the project root, for config globs."""
        absolute = os.path.join(self.display_base, path)
        relative = os.path.relpath(absolute, self.project_root)
        return path if relative.startswith("..") else Path(relative).as_posix()

    def is_enabled_for(self, code: str, path: str) -> bool:
        if code not in self.enabled:
            return False
        if not self.per_file_ignores:
            return True
        relative = self.root_relative(path)
        return not any(code in codes and path_matches(pattern, relative)
                       for pattern, codes in self.per_file_ignores)

    def rules_for(self, path: str) -> list[type[Rule]]:
        return [rule for rule in all_rules() if self.is_enabled_for(rule.code, path)]

    def options_for(self, practice: str) -> PracticeOptions:
        options = self.practice_options.get(practice)
        if options is None:
            options = practice_options_classes().get(practice, PracticeOptions)()
            self.practice_options[practice] = options
        return options

    def as_dict(self) -> dict[str, Any]:
        return {
            "config": str(self.config_path) if self.config_path else None,
            "project-root": str(self.project_root),
            "enabled": sorted(self.enabled),
            "per-file-ignores": {pattern: sorted(codes)
                                 for pattern, codes in self.per_file_ignores},
            "exclude": list(self.exclude),
            "extend-exclude": list(self.extend_exclude),
            "respect-gitignore": self.respect_gitignore,
            "force-exclude": self.force_exclude,
            "target-version": f"py{self.target_version[0]}{self.target_version[1]}",
            "max-file-size": self.max_file_size,
            **{practice: {key.replace("_", "-"): value
                          for key, value in dataclasses.asdict(self.options_for(practice)).items()}
               for practice in practice_options_classes()
               if dataclasses.fields(self.options_for(practice))},
        }

    def fingerprint(self) -> str:
        """A stable hash of everything that changes a file's per-file result."""
        data = self.as_dict()
        data.pop("project-root")
        data.pop("config")
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
