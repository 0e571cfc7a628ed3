"""Finding, reading and validating `[tool.backendlint]`, and merging it with the command line."""

from __future__ import annotations

import dataclasses
import re
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from backendlint import inputs
from backendlint.core.practice import PracticeOptions
from backendlint.core.registry import (
    UnknownSelectorError,
    all_rules,
    practice_options_classes,
    resolve_selector,
)
from backendlint.limits import DEFAULT_MAX_FILE_SIZE
from backendlint.settings import Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old Pythons only
    import tomli as tomllib

CONFIG_FILES = ("backendlint.toml", "pyproject.toml")

_TOP_LEVEL_KEYS: dict[str, str] = {
    "select": "list of strings",
    "ignore": "list of strings",
    "extend-select": "list of strings",
    "exclude": "list of strings",
    "extend-exclude": "list of strings",
    "per-file-ignores": "table of glob = list of strings",
    "respect-gitignore": "boolean",
    "force-exclude": "boolean",
    "target-version": "string like 'py310'",
    "max-file-size": "positive integer (bytes)",
    "extend": "string (path of a configuration file to inherit from)",
}
# Minor versions of Python 3 that target-version accepts.
_TARGET_MINORS = range(7, 15)
# A [tool.backendlint...] header, even a broken one (`[tool.backendlint` without `]`).
_OUR_HEADER = re.compile(r'^\s*\[+\s*"?tool"?\s*\.\s*"?backendlint', re.MULTILINE)


class ConfigError(Exception):
    """A problem with configuration: reported on one line, exit code 2."""


@dataclass
class FileConfig:
    """The raw, validated content of one configuration table."""

    path: Optional[Path] = None
    select: Optional[list[str]] = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    exclude: Optional[list[str]] = None
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    respect_gitignore: bool = True
    force_exclude: bool = False
    target_version: Optional[tuple[int, int]] = None
    max_file_size: Optional[int] = None
    practices: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The keys the file set, so a merge knows a `false` written from a default one.
    keys: frozenset[str] = frozenset()

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path) -> Optional[Path]:
    """The nearest backendlint.toml, or pyproject.toml with a [tool.backendlint] table,
    walking up from `start`."""
    directory = start.absolute()
    if directory.is_file():
        directory = directory.parent
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if not candidate.is_file():
                continue
            if name == "backendlint.toml":
                return candidate
            try:
                inputs.note_read(candidate)
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if _configures_backendlint(text):
                return candidate
    return None


def _configures_backendlint(text: str) -> bool:
    """Whether a pyproject.toml is meant to configure backendlint, including when it does so
    wrongly (a broken header, `[tool] backendlint = 5`): that is an error to report, not a
    file to pass over."""
    if "backendlint" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return bool(_OUR_HEADER.search(text))
    tool = data.get("tool")
    return not isinstance(tool, dict) or "backendlint" in tool


def load_config(path: Path, _extending: tuple[Path, ...] = ()) -> FileConfig:
    """One configuration file; with `extend = "../pyproject.toml"`, that file's settings
    first, then this file's on top (ruff's inheritance)."""
    config, extend = _load_one(path)
    if extend is None:
        return config
    base_path = (path.parent / extend).resolve()
    if base_path in _extending or base_path == path.resolve():
        raise ConfigError(f"{path}: 'extend' makes a cycle through {base_path}")
    if not base_path.is_file():
        raise ConfigError(f"{path}: 'extend' names {extend}, which does not exist")
    return merge_configs(load_config(base_path, (*_extending, path.resolve())), config)


def merge_configs(base: FileConfig, child: FileConfig) -> FileConfig:
    """The child's settings on top of the base's. A child `select` starts the selection
    afresh (the base's ignores and extensions no longer apply); otherwise ignores and
    extensions add up. Lists of excludes add up; per-file-ignores and practice options merge
    key by key, the child winning. Paths stay relative to the file that wrote them only for
    the child: the base's per-file-ignores patterns are matched from the child's folder."""
    fresh = child.select is not None
    return FileConfig(
        path=child.path,
        select=child.select if fresh else base.select,
        ignore=child.ignore if fresh else [*base.ignore, *child.ignore],
        extend_select=child.extend_select if fresh else [*base.extend_select,
                                                         *child.extend_select],
        exclude=child.exclude if child.exclude is not None else base.exclude,
        extend_exclude=[*base.extend_exclude, *child.extend_exclude],
        per_file_ignores={**base.per_file_ignores, **child.per_file_ignores},
        respect_gitignore=child.respect_gitignore if "respect-gitignore" in child.keys
        else base.respect_gitignore,
        force_exclude=child.force_exclude if "force-exclude" in child.keys
        else base.force_exclude,
        target_version=child.target_version or base.target_version,
        practices={name: {**base.practices.get(name, {}), **child.practices.get(name, {})}
                   for name in {*base.practices, *child.practices}},
        keys=base.keys | child.keys,
    )


def _load_one(path: Path) -> tuple[FileConfig, Optional[str]]:
    try:
        inputs.note_read(path)
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: configuration is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        tool = _table(path, "tool", data.get("tool", {}))
        table = _table(path, "tool.backendlint", tool.get("backendlint", {}))
        prefix = "tool.backendlint"
        requires = _table(path, "project", data.get("project", {})).get("requires-python")
    else:
        table, prefix, requires = data, "", None
    extend = table.get("extend")
    if extend is not None and not isinstance(extend, str):
        raise _expect(path, f"{prefix}.extend" if prefix else "extend", extend, "string")
    config = parse_table({k: v for k, v in table.items() if k != "extend"}, path, prefix)
    if config.target_version is None and isinstance(requires, str):
        config.target_version = _minimum_from_requires(requires)
    return config, extend


def _table(path: Path, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _expect(path, key, value, "table")
    return value


def _minimum_from_requires(spec: str) -> Optional[tuple[int, int]]:
    match = re.search(r">=?\s*3\.(\d+)", spec) or re.search(r"~=\s*3\.(\d+)", spec)
    return (3, int(match.group(1))) if match else None


def _expect(path: Path, key: str, value: Any, expected: str) -> ConfigError:
    return ConfigError(f"{path}: '{key}' must be a {expected}, not {type(value).__name__} "
                       f"({value!r})")


def _string_list(path: Path, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _expect(path, key, value, "list of strings")
    return list(value)


def parse_table(table: dict[str, Any], path: Path, prefix: str) -> FileConfig:
    config = FileConfig(path=path, keys=frozenset(table))
    practices = practice_options_classes()

    def full(key: str) -> str:
        return f"{prefix}.{key}" if prefix else key

    for key, value in table.items():
        if key in practices:
            if not isinstance(value, dict):
                raise _expect(path, full(key), value, "table")
            config.practices[key] = value
            build_options(practices[key], value, path, full(key))
            continue
        if key not in _TOP_LEVEL_KEYS:
            known = ", ".join([*_TOP_LEVEL_KEYS, *practices])
            raise ConfigError(f"{path}: unknown key '{full(key)}' (expected one of: {known})")
        if key in ("select", "exclude"):
            setattr(config, key, _string_list(path, full(key), value))
        elif key in ("ignore", "extend-select", "extend-exclude"):
            setattr(config, key.replace("-", "_"), _string_list(path, full(key), value))
        elif key in ("respect-gitignore", "force-exclude"):
            if not isinstance(value, bool):
                raise _expect(path, full(key), value, "boolean")
            setattr(config, key.replace("-", "_"), value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise _expect(path, full(key), value, "table of glob = list of strings")
            config.per_file_ignores = {
                pattern: _string_list(path, f"{full(key)}.{pattern}", codes)
                for pattern, codes in value.items()
            }
        elif key == "target-version":
            match = re.fullmatch(r"py3(\d+)", value) if isinstance(value, str) else None
            if match is None or int(match.group(1)) not in _TARGET_MINORS:
                raise _expect(path, full(key), value,
                              f"string like 'py310', from py3{_TARGET_MINORS[0]} to "
                              f"py3{_TARGET_MINORS[-1]}")
            config.target_version = (3, int(match.group(1)))
        elif key == "max-file-size":
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise _expect(path, full(key), value, "positive integer (bytes)")
            config.max_file_size = value
    for selectors in (config.select or [], config.ignore, config.extend_select,
                      *config.per_file_ignores.values()):
        for selector in selectors:
            try:
                resolve_selector(selector)
            except UnknownSelectorError as error:
                raise ConfigError(f"{path}: {error}") from None
    return config


def build_options(options_class: type[PracticeOptions], values: dict[str, Any], path: Path,
                  key_prefix: str) -> PracticeOptions:
    """Fill a practice's options dataclass from TOML, checking names and types."""
    hints = typing.get_type_hints(options_class)
    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(options_class)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        option = fields.get(key)
        if option is None:
            known = ", ".join(fields) or "none"
            raise ConfigError(f"{path}: unknown key '{key_prefix}.{key}' "
                              f"(expected one of: {known})")
        expected = hints[option.name]
        if not _type_matches(value, expected):
            raise _expect(path, f"{key_prefix}.{key}", value, _describe(expected))
        kwargs[option.name] = value
    return options_class(**kwargs)


def _type_matches(value: Any, expected: Any) -> bool:
    origin = typing.get_origin(expected)
    args = typing.get_args(expected)
    if origin is Union:
        return any(_type_matches(value, arg) for arg in args)
    if origin is typing.Literal:
        return value in args
    if origin in (list, tuple):
        return isinstance(value, list) and all(_type_matches(item, args[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            _type_matches(k, args[0]) and _type_matches(v, args[1]) for k, v in value.items())
    if expected is bool:
        return isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is type(None):
        return value is None
    return isinstance(value, expected) if isinstance(expected, type) else True


def _describe(expected: Any) -> str:
    origin = typing.get_origin(expected)
    args = typing.get_args(expected)
    if origin in (list, tuple):
        return f"list of {_describe(args[0])}s"
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(arg) for arg in args)
    if origin is Union:
        return " or ".join(_describe(arg) for arg in args)
    names = {str: "string", int: "integer", bool: "boolean", float: "number"}
    return names.get(expected, getattr(expected, "__name__", str(expected)))


@dataclass
class CliOverrides:
    select: Optional[list[str]] = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    exclude: Optional[list[str]] = None
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: Optional[bool] = None
    force_exclude: Optional[bool] = None


def _resolve_all(selectors: list[str], origin: str) -> set[str]:
    codes: set[str] = set()
    for selector in selectors:
        try:
            codes |= resolve_selector(selector)
        except UnknownSelectorError as error:
            raise ConfigError(f"{origin}: {error}") from None
    return codes


def resolve_settings(config: Optional[FileConfig], cli: Optional[CliOverrides] = None) -> Settings:
    """Merge a config file (or none) with command-line overrides: the command line's
    --select replaces the file's; ignores and extensions add up."""
    config = config or FileConfig()
    cli = cli or CliOverrides()
    origin = str(config.path) if config.path else "settings"
    if cli.select is not None:
        enabled = _resolve_all(cli.select, "--select")
    elif config.select is not None:
        enabled = _resolve_all(config.select, origin)
    else:
        enabled = {rule.code for rule in all_rules() if rule.default_enabled}
    enabled |= _resolve_all(config.extend_select, origin)
    enabled |= _resolve_all(cli.extend_select, "--extend-select")
    enabled -= _resolve_all(config.ignore, origin)
    enabled -= _resolve_all(cli.ignore, "--ignore")
    per_file = tuple((pattern, frozenset(_resolve_all(codes, origin)))
                     for pattern, codes in config.per_file_ignores.items())
    practices = practice_options_classes()
    options = {
        practice: build_options(practices[practice], values, config.path or Path("settings"),
                                practice)
        for practice, values in config.practices.items()
    }
    return Settings(
        enabled=frozenset(enabled),
        per_file_ignores=per_file,
        exclude=tuple(cli.exclude if cli.exclude is not None else (config.exclude or [])),
        extend_exclude=tuple(config.extend_exclude + cli.extend_exclude),
        respect_gitignore=(cli.respect_gitignore if cli.respect_gitignore is not None
                           else config.respect_gitignore),
        force_exclude=(cli.force_exclude if cli.force_exclude is not None
                       else config.force_exclude),
        practice_options=options,
        target_version=config.target_version or (3, 9),
        max_file_size=config.max_file_size or DEFAULT_MAX_FILE_SIZE,
        project_root=config.root,
        config_path=config.path,
    )


def settings_for(start: Path, config_path: Optional[Path] = None, isolated: bool = False,
                 cli: Optional[CliOverrides] = None) -> Settings:
    if isolated:
        return resolve_settings(None, cli)
    if config_path is not None:
        if not config_path.is_file():
            raise ConfigError(f"{config_path}: configuration file does not exist")
        return resolve_settings(load_config(config_path), cli)
    found = find_config(start)
    return resolve_settings(load_config(found) if found else None, cli)
