"""What one module tells the project pass: its settings (Django settings modules and Flask
config classes), where it points `DJANGO_SETTINGS_MODULE`, and which config it loads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from backendlint.core.facts import ModuleFacts, Span


@dataclass
class Setting:
    """One module-level (or config-class) assignment of a setting the rules read.

    kind: `true`, `false`, `literal` (a non-empty string literal), `star` (a host list with
    `*`), `list` (a literal list; `items` holds its strings), `changed` (extended or edited
    after assignment), `other` (anything computed)."""

    name: str
    kind: str
    span: Span
    items: list[str] = field(default_factory=list)


@dataclass
class ConfigClass:
    """A Flask-style config class: upper-case class attributes."""

    qualified: str
    bases: list[str]
    settings: list[Setting]


@dataclass
class DebugRun:
    """`x.run(debug=True)` on a receiver the file could not tell is a Flask app: what it
    resolved to (`pkg.factory.create_app()`, `pkg.app.CustomFlask()`), checked against the
    project index."""

    receiver: str
    span: Span


@dataclass
class WebSecurityFacts(ModuleFacts):
    practice: ClassVar[str] = "web-security"
    version: ClassVar[int] = 2

    is_test: bool = False
    # Assigns INSTALLED_APPS or ROOT_URLCONF: a Django settings module.
    django_settings: bool = False
    settings: list[Setting] = field(default_factory=list)
    # `from <module> import *`, resolved to dotted names.
    star_imports: list[str] = field(default_factory=list)
    # Modules named in `DJANGO_SETTINGS_MODULE` here.
    settings_pointers: list[str] = field(default_factory=list)
    config_classes: list[ConfigClass] = field(default_factory=list)
    # What `app.config.from_object(...)` loads: qualified class names or dotted strings;
    # `pkg.config.config[]` for an item of a mapping defined in another module.
    loaded_configs: list[str] = field(default_factory=list)
    # Module-level mappings of names to config classes (`config = {"prod": ProdConfig}`):
    # the mapping's qualified name and the classes' qualified names.
    config_maps: dict[str, list[str]] = field(default_factory=dict)
    debug_runs: list[DebugRun] = field(default_factory=list)
