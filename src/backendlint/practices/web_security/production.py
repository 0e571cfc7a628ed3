"""The project pass's view of settings: which Django settings modules production runs with,
what each of their settings ends up as (through `from .base import *`), and which Flask config
classes an app loads. Shared by the settings rules through `ProjectContext.shared_state`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from backendlint.core.context import ModuleRecord, ProjectContext
from backendlint.core.findings import Confidence
from backendlint.knowledge.settings import (
    DEV_CONFIG_CLASS_WORDS,
    DEV_SETTINGS_STEMS,
    FRAMEWORK_DEFAULT_SETTINGS,
    NOT_PRODUCTION_DIRS,
)
from backendlint.practices.web_security.facts import ConfigClass, Setting, WebSecurityFacts
from backendlint.practices.web_security.options import WebSecurityOptions

_MAX_STAR_DEPTH = 6


@dataclass(frozen=True)
class Effective:
    """A setting as production sees it, and the module that set it."""

    setting: Setting
    record: ModuleRecord


@dataclass
class ProductionSettings:
    """One production settings module and how we know it is production."""

    record: ModuleRecord
    how: str  # said in messages: "named by DJANGO_SETTINGS_MODULE in wsgi.py"
    confidence: Confidence
    values: dict[str, Effective] = field(default_factory=dict)


@dataclass
class LoadedConfig:
    """A Flask config class an app loads, with its settings through its bases."""

    cls: ConfigClass
    record: ModuleRecord
    values: dict[str, Effective] = field(default_factory=dict)


def is_dev_module(dotted: str, path: str = "") -> bool:
    """`settings.dev`, `config/settings/local.py`, `test_settings`: never production."""
    stem = dotted.rsplit(".", 1)[-1] if dotted else path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if DEV_SETTINGS_STEMS.match(stem.lower()):
        return True
    folders = [part.lower() for part in path.split("/")[:-1]] + [
        part.lower() for part in dotted.split(".")[:-1]]
    return any(folder in NOT_PRODUCTION_DIRS for folder in folders)


def is_dev_class(name: str) -> bool:
    lowered = name.rsplit(".", 1)[-1].lower()
    return any(word in lowered for word in DEV_CONFIG_CLASS_WORDS)


class ProjectSettings:
    """Built once per project pass."""

    def __init__(self, project: ProjectContext, options: WebSecurityOptions) -> None:
        self.modules = project.typed_facts(WebSecurityFacts)
        self.by_module = {record.module: (record, facts) for record, facts in self.modules}
        self.by_path = {record.path: (record, facts) for record, facts in self.modules}
        self.project = project
        self.production = self._production(options)
        for found in self.production:
            found.values = self._effective(found.record.module, 0, set())
        self.loaded = self._loaded_configs()

    def _find(self, dotted: str) -> Optional[tuple[ModuleRecord, WebSecurityFacts]]:
        found = self.by_module.get(dotted)
        if found is not None:
            return found
        module = self.project.module(dotted)
        if module is not None:
            return self.by_path.get(module["path"])
        return None

    def _production(self, options: WebSecurityOptions) -> list[ProductionSettings]:
        if options.production_settings:
            configured = [self._find(dotted) for dotted in options.production_settings]
            return [ProductionSettings(found[0], "configured as production-settings",
                                       Confidence.HIGH) for found in configured if found]
        pointed: dict[str, ProductionSettings] = {}
        for entry_point in (("wsgi", "asgi"), None):
            for record, facts in self.modules:
                stem = record.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                if facts.is_test or (entry_point is not None and stem not in entry_point):
                    continue
                for target in facts.settings_pointers:
                    found = self._find(target)
                    if found is None or found[1].is_test or is_dev_module(target, found[0].path):
                        continue
                    if found[0].module not in pointed:
                        pointed[found[0].module] = ProductionSettings(
                            found[0], f"named by DJANGO_SETTINGS_MODULE in {record.path}",
                            Confidence.HIGH)
            if pointed:
                return list(pointed.values())
        # Nothing says which: the Django settings modules that are not dev, test or example
        # ones and that no other such module builds on (`production.py`, not the `base.py` it
        # star-imports).
        candidates = {record.module: record for record, facts in self.modules
                      if not facts.is_test and not is_dev_module(record.module, record.path)
                      and record.module not in FRAMEWORK_DEFAULT_SETTINGS
                      and self._is_django_settings(record.module, 0)}
        built_on = {star for module in candidates
                    for star in self.by_module[module][1].star_imports}
        return [ProductionSettings(record, "the project's Django settings module (no wsgi.py or "
                                   "asgi.py names one)", Confidence.MEDIUM)
                for module, record in candidates.items() if module not in built_on]

    def _is_django_settings(self, dotted: str, depth: int) -> bool:
        found = self._find(dotted)
        if found is None or depth > _MAX_STAR_DEPTH:
            return False
        return found[1].django_settings or any(
            self._is_django_settings(star, depth + 1) for star in found[1].star_imports)

    def _mro(self, start: tuple[ConfigClass, ModuleRecord],
             classes: dict[str, tuple[ConfigClass, ModuleRecord]]
             ) -> list[tuple[ConfigClass, ModuleRecord]]:
        """The class and its config-class bases in the project index's C3 order, nearest
        first (bases it cannot see are matched by their last name)."""
        order = self.project.index.mro(start[0].qualified) or (start[0].qualified,)
        found = [classes.get(name) or classes.get(name.rsplit(".", 1)[-1]) for name in order]
        chain = [item for item in found if item is not None]
        if len(chain) == 1:  # the index did not see the bases: follow the recorded ones
            for base in start[0].bases:
                item = classes.get(base) or classes.get(base.rsplit(".", 1)[-1])
                if item is not None and item not in chain:
                    chain.append(item)
        return chain or [start]

    def _effective(self, dotted: str, depth: int, seen: set[str]) -> dict[str, Effective]:
        found = self._find(dotted)
        if found is None or depth > _MAX_STAR_DEPTH or dotted in seen:
            return {}
        seen.add(dotted)
        record, facts = found
        values: dict[str, Effective] = {}
        for star in facts.star_imports:
            values.update(self._effective(star, depth + 1, seen))
        for setting in facts.settings:
            previous = values.get(setting.name)
            if setting.kind == "changed":
                if previous is not None:
                    values[setting.name] = Effective(
                        Setting(setting.name, "changed", previous.setting.span), previous.record)
                continue
            values[setting.name] = Effective(setting, record)
        return values

    def _loaded_configs(self) -> list[LoadedConfig]:
        classes: dict[str, tuple[ConfigClass, ModuleRecord]] = {}
        for record, facts in self.modules:
            for cls in facts.config_classes:
                classes[cls.qualified] = (cls, record)
                classes.setdefault(cls.qualified.rsplit(".", 1)[-1], (cls, record))
        maps: dict[str, list[str]] = {}
        for _record, facts in self.modules:
            maps.update(facts.config_maps)
        loaded: list[LoadedConfig] = []
        seen: set[str] = set()
        for record, facts in self.modules:
            if facts.is_test:
                continue
            targets: list[str] = []
            for target in facts.loaded_configs:
                if target.endswith("[]"):
                    targets.extend(maps.get(target[:-2], []))
                else:
                    targets.append(target)
            for target in targets:
                module = self._find(target)
                if module is not None and target not in seen and not is_dev_module(
                        module[0].module, module[0].path):
                    seen.add(target)  # `from_object("app.config")`: a module's settings
                    loaded.append(LoadedConfig(
                        ConfigClass(module[0].module, [], module[1].settings), module[0],
                        {setting.name: Effective(setting, module[0])
                         for setting in module[1].settings}))
                    continue
                found = classes.get(target) or classes.get(target.rsplit(".", 1)[-1])
                if found is None or found[0].qualified in seen or is_dev_class(
                        found[0].qualified):
                    continue
                seen.add(found[0].qualified)
                values: dict[str, Effective] = {}
                for cls, owner in reversed(self._mro(found, classes)):
                    for setting in cls.settings:
                        values[setting.name] = Effective(setting, owner)
                loaded.append(LoadedConfig(found[0], found[1], values))
        return loaded


def project_settings(project: ProjectContext, options: WebSecurityOptions) -> ProjectSettings:
    return project.shared_state("web-security.settings",
                                lambda: ProjectSettings(project, options))


def where(effective: Effective, production: ProductionSettings) -> str:
    """How a message says which production module a setting reaches."""
    if effective.record.module == production.record.module:
        return f"production settings `{production.record.module}` ({production.how})"
    return (f"`{effective.record.module}`, star-imported by the production settings "
            f"`{production.record.module}` ({production.how})")
