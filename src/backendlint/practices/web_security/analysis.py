"""The per-file work the settings rules (BL702, BL705-BL707) share: one pass that records a
module's settings, its `DJANGO_SETTINGS_MODULE` pointers, its Flask config classes and what
`app.config.from_object()` loads, as typed facts for the project pass."""

from __future__ import annotations

import ast
from typing import Optional

from backendlint.core.rule import FileAnalysis
from backendlint.knowledge.settings import (
    ALLOWED_HOSTS,
    FLASK_APPS,
    SECRET_KEY_SUFFIX,
    SECRET_NAMES,
    SETTINGS_VARIABLE,
    WATCHED_SETTINGS,
)
from backendlint.practices.web_security.facts import (
    ConfigClass,
    DebugRun,
    Setting,
    WebSecurityFacts,
)
from backendlint.practices.web_security.options import WebSecurityOptions
from backendlint.semantic.analyze.arguments import keyword_argument
from backendlint.semantic.analyze.classes import class_bases
from backendlint.semantic.analyze.constants import constant_bool, constant_str
from backendlint.semantic.model import module_name_for_import

# Text a module must contain for its settings to matter (the cheap skip of the collector).
SETTINGS_TEXT = ("DEBUG", "SECRET", "ALLOWED_HOSTS", "COOKIE", "MIDDLEWARE", "CORS_",
                 SETTINGS_VARIABLE, "from_object")
_DJANGO_MARKERS = frozenset({"INSTALLED_APPS", "ROOT_URLCONF"})


def secret_names(options: WebSecurityOptions) -> frozenset[str]:
    return frozenset((*SECRET_NAMES, *options.secret_names))


def is_secret_name(name: str, names: frozenset[str]) -> bool:
    """A setting that holds a signing key: a configured name, or one that ends in
    `SECRET_KEY` as Flask extensions name theirs (`WTF_CSRF_SECRET_KEY`, `JWT_SECRET_KEY`)."""
    return name in names or name.endswith(SECRET_KEY_SUFFIX)


class SettingsFacts(FileAnalysis):
    """Collects `WebSecurityFacts` for the project rules."""

    def visit_Module(self, node: ast.Module) -> None:
        text = self.ctx.source.text
        self.active = any(needle in text for needle in SETTINGS_TEXT)
        assert isinstance(self.options, WebSecurityOptions)
        self.secrets = secret_names(self.options)
        self.watched = WATCHED_SETTINGS | self.secrets
        self.facts = WebSecurityFacts(is_test=self.ctx.is_test_file)
        self.classes: dict[str, ConfigClass] = {}
        if self.active:
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and any(
                        alias.name == "*" for alias in statement.names):
                    self.facts.star_imports.append(module_name_for_import(
                        self.semantic.module_name, self.semantic.is_package,
                        statement.level, statement.module))

    def _record(self, target: ast.expr, value: Optional[ast.expr], node: ast.stmt,
                augmented: bool = False) -> None:
        if not isinstance(target, ast.Name):
            return
        name = target.id
        scope = self.semantic.scope
        if scope.kind == "module" and name in _DJANGO_MARKERS:
            self.facts.django_settings = True
        in_class = scope.kind == "class" and scope.parent is not None and \
            scope.parent.kind == "module"
        watched = name in self.watched or is_secret_name(name, self.secrets)
        if not watched and not (in_class and name.isupper()):
            return
        config_class = self._config_class(scope.node) if in_class else None
        if not watched:
            return
        setting = Setting(name, "changed" if augmented else self._kind(name, value),
                          self.ctx.span(node))
        if setting.kind == "list" and isinstance(value, (ast.List, ast.Tuple)):
            setting.items = [item for item in (constant_str(self.semantic, element)
                                               for element in value.elts) if item]
        if scope.kind == "module":
            self.facts.settings.append(setting)
        elif config_class is not None:
            config_class.settings.append(setting)

    def _config_class(self, cls: ast.AST) -> ConfigClass:
        """The config class whose body is being visited (one with upper-case attributes)."""
        assert isinstance(cls, ast.ClassDef)
        found = self.classes.get(cls.name)
        if found is None:
            qualified = self.semantic.qualified_name(ast.Name(cls.name)) or cls.name
            bases = class_bases(self.semantic, cls)
            found = self.classes[cls.name] = ConfigClass(qualified, bases, [])
            self.facts.config_classes.append(found)
        return found

    def _kind(self, name: str, value: Optional[ast.expr]) -> str:
        if value is None:
            return "other"
        truth = constant_bool(self.semantic, value)
        if truth is not None:
            return "true" if truth else "false"
        if name == ALLOWED_HOSTS and isinstance(value, (ast.List, ast.Tuple)) and any(
                constant_str(self.semantic, element) == "*" for element in value.elts):
            return "star"
        if isinstance(value, (ast.List, ast.Tuple)):
            return "list"
        if _literal_text(value):
            return "literal"
        return "other"

    def visit_Assign(self, node: ast.Assign) -> None:
        if self.active:
            for target in node.targets:
                self._record(target, node.value, node)
            if isinstance(node.value, ast.Dict) and self.semantic.scope.kind == "module" and \
                    self.facts.config_classes:
                self._config_map(node)

    def _config_map(self, node: ast.Assign) -> None:
        assert isinstance(node.value, ast.Dict)
        classes = [self.semantic.qualified_name(value) for value in node.value.values
                   if isinstance(value, (ast.Name, ast.Attribute))]
        found = [name for name in classes if name]
        for target in node.targets:
            if isinstance(target, ast.Name) and found:
                prefix = f"{self.semantic.module_name}." if self.semantic.module_name else ""
                self.facts.config_maps[prefix + target.id] = found

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if self.active and node.value is not None:
            self._record(node.target, node.value, node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if self.active:
            self._record(node.target, node.value, node, augmented=True)

    def visit_Call(self, node: ast.Call) -> None:
        if not isinstance(node.func, ast.Attribute):
            return
        attr = node.func.attr
        if attr == "run" and not self.facts.is_test and constant_bool(
                self.semantic, keyword_argument(node, "debug")) is True:
            receiver = self.semantic.qualified_name(node.func.value)
            if receiver is not None and receiver.endswith("()") and receiver not in FLASK_APPS:
                self.facts.debug_runs.append(DebugRun(receiver, self.ctx.span(node)))
            return
        if not self.active:
            return
        if attr in ("setdefault", "__setitem__") and len(node.args) >= 2:
            if constant_str(self.semantic, node.args[0]) == SETTINGS_VARIABLE:
                target = constant_str(self.semantic, node.args[1])
                if target:
                    self.facts.settings_pointers.append(target)
        elif attr == "from_object" and node.args:
            self._loaded(node.args[0])
        elif (attr in ("append", "insert", "extend", "remove") and isinstance(
                node.func.value, ast.Name) and node.func.value.id in self.watched
                and self.semantic.scope.kind == "module"):
            self.facts.settings.append(Setting(node.func.value.id, "changed",
                                               self.ctx.span(node)))

    def _loaded(self, argument: ast.expr) -> None:
        text = constant_str(self.semantic, argument)
        if text is not None:
            self.facts.loaded_configs.append(text)
            return
        if isinstance(argument, ast.Subscript) and isinstance(argument.value, ast.Name):
            mapping = self.semantic.value_of(argument.value.id)
            if isinstance(mapping, ast.Dict):
                for value in mapping.values:
                    self._loaded(value)
                return
            imported = self.semantic.qualified_name(argument.value)
            if imported:
                self.facts.loaded_configs.append(f"{imported}[]")
                return
        qualified = self.semantic.qualified_name(argument)
        if qualified:
            self.facts.loaded_configs.append(qualified)

    def finish(self) -> None:
        facts = self.facts
        if facts.settings or facts.settings_pointers or facts.config_classes or \
                facts.loaded_configs or facts.django_settings or facts.config_maps or \
                facts.debug_runs:
            self.ctx.set_facts(facts)


def _literal_text(value: ast.expr) -> bool:
    """A non-empty string literal, or literals joined with `+` (not a call, not the
    environment, not a random key)."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, (str, bytes)) and len(value.value) > 0
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return _literal_text(value.left) and _literal_text(value.right)
    return False
