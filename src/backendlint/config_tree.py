"""Hierarchical configuration: the nearest configuration file above each linted file applies
to it (as in ruff), also when the run starts in a parent folder.

The run's own settings (from the folder it starts in, or `--config`) decide what is
discovered and excluded; a nested configuration decides which rules run on its files, with
which options, per-file-ignores relative to its own folder. Command-line selections apply on
top of every file's configuration. With `--config` or `--isolated` every file gets the run's
settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Optional

from backendlint.config import CliOverrides, find_config, load_config, resolve_settings
from backendlint.settings import Settings


class ConfigTree:
    def __init__(self, root: Settings, cli: CliOverrides, fixed: bool) -> None:
        """`root`: the run's settings; `fixed`: --config or --isolated was given."""
        self.root = root
        self.cli = cli
        self.fixed = fixed
        key = root.config_path.resolve() if root.config_path else None
        self._by_config: dict[Optional[Path], Settings] = {key: root}
        self._nearest = lru_cache(maxsize=None)(self._find)

    def _find(self, directory: Path) -> Optional[Path]:
        found = find_config(directory)
        return found.resolve() if found else None

    def settings_for(self, path: Path) -> Settings:
        """The settings that apply to one file (or folder)."""
        if self.fixed:
            return self.root
        directory = path.absolute() if path.is_dir() else path.absolute().parent
        found = self._nearest(directory)
        if found is None:
            # Above every configuration file: the run's own settings.
            return self.root
        settings = self._by_config.get(found)
        if settings is None:
            settings = resolve_settings(load_config(found), self.cli)
            self._by_config[found] = settings
        return settings

    def groups(self, files: Iterable[tuple[Path, str]]
               ) -> list[tuple[Settings, list[tuple[Path, str]]]]:
        """Files grouped by the settings that apply to them, the run's own group first."""
        grouped: dict[int, tuple[Settings, list[tuple[Path, str]]]] = {
            id(self.root): (self.root, [])}
        for real, display in files:
            settings = self.settings_for(real)
            grouped.setdefault(id(settings), (settings, []))[1].append((real, display))
        return [group for group in grouped.values() if group[1] or group[0] is self.root]
