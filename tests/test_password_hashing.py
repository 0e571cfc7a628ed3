"""Password hashing (BL4xx): options from `[tool.backendlint.password-hashing]` reach the
rules, names are matched by whole components, constants are folded, the BL406 project pass
joins hashing setters across modules, and every rule carries its security metadata."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from backendlint.config import ConfigError, load_config, resolve_settings
from backendlint.core.pipeline import lint_source
from backendlint.core.registry import rule_by_code
from backendlint.core.runner import finish_run
from backendlint.practices.password_hashing.options import PasswordHashingOptions
from backendlint.practices.password_hashing.vocabulary import (
    is_password_function,
    is_password_name,
    is_secret_name,
)
from backendlint.settings import Settings


def _settings(codes: tuple[str, ...], toml: str = "", tmp_path: Path | None = None) -> Settings:
    if toml:
        assert tmp_path is not None
        config = tmp_path / "pyproject.toml"
        config.write_text(textwrap.dedent(toml), encoding="utf-8")
        settings = resolve_settings(load_config(config))
    else:
        settings = resolve_settings(None)
    settings.enabled = frozenset(codes)
    return settings


def _lint(source: str, codes: tuple[str, ...], settings: Settings | None = None,
          path: str = "service.py") -> list[tuple[int, str]]:
    settings = settings or _settings(codes)
    result = lint_source(path, textwrap.dedent(source), settings, "service")
    run = finish_run([result], settings)
    assert not run.errors, run.errors
    return [(finding.line, finding.code) for finding in run.findings]


PBKDF2_700K = """\
import hashlib

def derive(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 700_000)
"""


def test_min_pbkdf2_iterations_option_reaches_the_rule(tmp_path: Path) -> None:
    assert _lint(PBKDF2_700K, ("BL403",)) == []
    settings = _settings(("BL403",), """\
        [tool.backendlint.password-hashing]
        min-pbkdf2-iterations = 1_000_000
    """, tmp_path)
    options = settings.options_for("password-hashing")
    assert isinstance(options, PasswordHashingOptions)
    assert options.min_pbkdf2_iterations == 1_000_000
    assert _lint(PBKDF2_700K, ("BL403",), settings) == [(4, "BL403")]


def test_bcrypt_and_argon2_options_reach_the_rule(tmp_path: Path) -> None:
    source = """\
        import bcrypt
        from argon2 import PasswordHasher

        salt = bcrypt.gensalt(rounds=12)
        hasher = PasswordHasher(time_cost=2, memory_cost=19_456)
    """
    assert _lint(source, ("BL403",)) == []
    settings = _settings(("BL403",), """\
        [tool.backendlint.password-hashing]
        min-bcrypt-rounds = 13
        min-argon2-memory-kib = 65536
    """, tmp_path)
    assert _lint(source, ("BL403",), settings) == [(4, "BL403"), (5, "BL403")]


def test_password_names_option_adds_patterns(tmp_path: Path) -> None:
    source = """\
        import hashlib

        def store(secret_answer: str) -> str:
            return hashlib.sha256(secret_answer.encode()).hexdigest()
    """
    assert _lint(source, ("BL401",)) == []
    settings = _settings(("BL401",), """\
        [tool.backendlint.password-hashing]
        password-names = ["^secret_answer$"]
    """, tmp_path)
    assert _lint(source, ("BL401",), settings) == [(4, "BL401")]


def test_option_types_are_checked(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.backendlint.password-hashing]\nmin-pbkdf2-iterations = "many"\n',
                      encoding="utf-8")
    with pytest.raises(ConfigError, match="min-pbkdf2-iterations"):
        load_config(config)


@pytest.mark.parametrize("name", ["password", "new_password", "userPassword", "PASSWD", "pwd",
                                  "pin", "pin_code", "user_pin", "passphrase", "hashed_password",
                                  "newpassword"])
def test_password_names(name: str) -> None:
    assert is_password_name(name)


@pytest.mark.parametrize("name", ["pinned", "spinner", "mapping", "getcwd", "pin_memory",
                                  "PASSWORD_HASHERS", "password_reset_token",
                                  "min_password_length", "password_changed_at", "password_salt",
                                  "passed", "compass"])
def test_not_password_names(name: str) -> None:
    assert not is_password_name(name)


def test_password_functions_and_secret_names() -> None:
    assert is_password_function("hash_password")
    assert is_password_function("verifyPin")
    assert not is_password_function("validate_password")  # strength checks, HIBP lookups
    assert not is_password_function("hash_password_reset_token")
    assert is_secret_name("api_key") and is_secret_name("session_id")
    assert is_secret_name("reset_code") and is_secret_name("signature")
    assert not is_secret_name("cache_key") and not is_secret_name("etag")
    assert not is_secret_name("sign_up_url") and not is_secret_name("file_checksum")


def test_function_local_import_aliases_resolve() -> None:
    source = """\
        def login(password: str) -> str:
            import hashlib as hl
            from hashlib import sha1 as digest_of
            first = hl.sha256(password.encode()).hexdigest()
            return digest_of(first.encode() + password.encode()).hexdigest()
    """
    assert _lint(source, ("BL401",)) == [(4, "BL401"), (5, "BL401")]


def test_an_unrelated_sha256_function_is_not_hashlib() -> None:
    source = """\
        def sha256(data: bytes) -> str:
            return "stub"

        def login(password: str) -> str:
            return sha256(password.encode())
    """
    assert _lint(source, ("BL401",)) == []


def test_constants_are_folded_through_names_in_other_statements() -> None:
    source = """\
        import hashlib

        BASE = 2
        EXPONENT = 14
        N = BASE ** EXPONENT

        def derive(password: bytes, salt: bytes) -> bytes:
            cost = N * 2
            return hashlib.scrypt(password, salt=salt, n=cost, r=8, p=1)

        def derive_ok(password: bytes, salt: bytes) -> bytes:
            return hashlib.scrypt(password, salt=salt, n=N << 3, r=8, p=1)
    """
    assert _lint(source, ("BL403",)) == [(9, "BL403")]


def test_weak_configuration_is_ignored_in_test_code() -> None:
    source = 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]\n'
    assert _lint(source, ("BL404",), path="config/settings.py") == [(1, "BL404")]
    assert _lint(source, ("BL404",), path="config/settings_test.py") == []
    assert _lint(source, ("BL404",), path="tests/settings.py") == []


def test_usedforsecurity_false_is_honoured() -> None:
    source = """\
        import hashlib

        def make_token(seed: str) -> str:
            token = hashlib.md5(seed.encode()).hexdigest()
            other_token = hashlib.md5(seed.encode(), usedforsecurity=False).hexdigest()
            return token + other_token
    """
    assert _lint(source, ("BL402",)) == [(4, "BL402")]


def test_timing_comparison_considers_both_sides() -> None:
    source = """\
        def check(user, password: str, confirm: str) -> bool:
            a = user.password == password
            b = password == user.password
            c = password == confirm
            d = user.password is None or user.password == ""
            return a and b and c and d
    """
    assert _lint(source, ("BL405",)) == [(2, "BL405"), (3, "BL405")]


MODELS_PLAIN = """\
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    password = db.Column(db.String(255))
"""

MODELS_WITH_SETTER = """\
from werkzeug.security import generate_password_hash
from sqlalchemy import Column, String


class User:
    __tablename__ = "users"
    _password = Column("password", String)
    password_hash = Column(String)

    @property
    def password(self) -> str:
        raise AttributeError

    @password.setter
    def password(self, raw: str) -> None:
        self.password_hash = generate_password_hash(raw)
"""

VIEW = """\
from flask import request

from .models import User


def change(user_id: int) -> None:
    user = User.query.get(user_id)
    user.password = request.form["password"]
"""


def test_plaintext_store_needs_an_orm_column_and_no_hashing_setter() -> None:
    settings = _settings(("BL406",))
    view = lint_source("app/views.py", VIEW, settings, "app.views")
    # Without a model declaring the column, `user` may be an in-memory object.
    assert finish_run([view], settings).findings == []
    plain = lint_source("app/models.py", MODELS_PLAIN, settings, "app.models")
    reported = finish_run([plain, view], settings)
    assert [(f.path, f.line, f.code) for f in reported.findings] == [("app/views.py", 8, "BL406")]
    hashing = lint_source("app/models.py", MODELS_PLAIN + MODELS_WITH_SETTER.replace(
        "class User:", "class Customer:"), settings, "app.models")
    assert finish_run([hashing, view], settings).findings == []
    # Facts travel through the cache as JSON, and come back as the same typed facts.
    from backendlint.core.facts import facts_or_none, stored_form
    from backendlint.practices.password_hashing.facts import PasswordFacts

    stored = json.loads(json.dumps(stored_form(view.facts)))
    assert facts_or_none(PasswordFacts, stored[PasswordFacts.practice]) == view.facts[
        PasswordFacts.practice]


@pytest.mark.parametrize("code,cwe,confidence", [
    ("BL401", 916, "medium"), ("BL402", 328, "medium"), ("BL403", 916, "high"),
    ("BL404", 916, "high"), ("BL405", 208, "medium"), ("BL406", 256, "medium")])
def test_security_metadata(code: str, cwe: int, confidence: str) -> None:
    rule = rule_by_code(code)
    assert rule.cwe == cwe
    assert rule.confidence.value == confidence
    assert rule.practice == "password-hashing"
    assert rule.options_class is PasswordHashingOptions
