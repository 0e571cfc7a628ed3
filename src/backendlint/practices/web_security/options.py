"""Options of the web-security practice, read from `[tool.backendlint.web-security]`."""

from __future__ import annotations

from dataclasses import dataclass, field

from backendlint.core.practice import PracticeOptions


@dataclass
class WebSecurityOptions(PracticeOptions):
    # Dotted names of the settings modules that production runs with (Django), when
    # `DJANGO_SETTINGS_MODULE` in wsgi.py/asgi.py does not say it. Given, they are the only ones.
    production_settings: list[str] = field(default_factory=list)
    # More names whose literal value is a signing key (besides SECRET_KEY, JWT_SECRET_KEY).
    secret_names: list[str] = field(default_factory=list)
    # Qualified names of the project's own HTTP session classes or factories that set a
    # default timeout (`myapp.http.TimeoutSession`, `myapp.http.make_session`).
    timeout_wrappers: list[str] = field(default_factory=list)
