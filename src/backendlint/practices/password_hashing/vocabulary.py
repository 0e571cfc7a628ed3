"""What an identifier says in password code: a password, a stored hash, a password function,
a security token, a user row. Whole words of the identifier are matched against the lists in
`knowledge.words`; the options add regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from backendlint.knowledge.words import (
    BREACH_WORDS,
    CACHE_WORDS,
    HASH_WORDS,
    NON_SECURITY_WORDS,
    OUTBOUND_CLASS_WORDS,
    OUTBOUND_CREDENTIAL_WORDS,
    PASSWORD_INFIXES,
    PASSWORD_METADATA_WORDS,
    PASSWORD_VERBS,
    PASSWORD_WORDS,
    SCHEMA_WORDS,
    SECRET_PREFIXES,
    SECRET_SUFFIXES,
    SECRET_WORDS,
    SIGN_PAGES,
    TEST_NAME_WORDS,
    USER_WORDS,
)
from backendlint.semantic.analyze.identifiers import components


def _is_password_word(word: str) -> bool:
    if word in PASSWORD_WORDS:
        return True
    # `newpassword` is a password; `passwordless` is a login method.
    return any(infix in word for infix in PASSWORD_INFIXES) and not word.endswith("less")


def is_password_name(name: str, extra_patterns: Iterable[str] = ()) -> bool:
    lowered = name.lower()
    for pattern in extra_patterns:
        if re.search(pattern, lowered):
            return True
    words = components(name)
    if not any(_is_password_word(word) for word in words):
        return False
    return not any(word in PASSWORD_METADATA_WORDS for word in words)


def is_hash_name(name: str) -> bool:
    """A password-like name that holds a hash: `password_hash`, `hashed_password`."""
    return any(word in HASH_WORDS for word in components(name))


def is_password_function(name: str) -> bool:
    """`hash_password`, `set_password`, `verify_pin`; not a breach check (`is_pwned_password`)."""
    words = components(name)
    if any(word in BREACH_WORDS for word in words):
        return False
    has_password = any(_is_password_word(word) for word in words)
    return has_password and any(word in PASSWORD_VERBS for word in words) and not any(
        word in PASSWORD_METADATA_WORDS for word in words)


def is_breach_check(name: str) -> bool:
    return any(word in BREACH_WORDS for word in components(name))


def is_secret_name(name: str, extra_patterns: Iterable[str] = ()) -> bool:
    lowered = name.lower()
    if any(re.search(pattern, lowered) for pattern in extra_patterns):
        return True
    words = components(name)
    if any(word in NON_SECURITY_WORDS for word in words):
        return False
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == "sign" and following in SIGN_PAGES:
            continue
        if word in SECRET_WORDS:
            return True
        if word in SECRET_PREFIXES and following in SECRET_SUFFIXES:
            return True
    return False


def is_non_security_name(name: str) -> bool:
    return any(word in NON_SECURITY_WORDS for word in components(name))


def is_user_model_class_name(name: str) -> bool:
    words = components(name)
    return bool(words) and words[-1] in USER_WORDS and not any(
        word in SCHEMA_WORDS for word in words)


def is_stored_holder_chain(names: list[str]) -> bool:
    """`request.user`, `db_user`, `account`, `row` hold stored values; `user_in`, `form`,
    `payload` hold input."""
    return any(is_user_model_class_name(name) for name in names)


@lru_cache(maxsize=4096)
def is_test_name(name: str) -> bool:
    """`TestingConfig`, `test_login`."""
    return bool(name) and any(word in TEST_NAME_WORDS for word in components(name))


def is_cache_name(name: str) -> bool:
    """`cache_key`, `_auth_cache`, `memoize`: a digest there keys a lookup, it stores nothing."""
    return any(word in CACHE_WORDS for word in components(name))


def is_outbound_credential_name(name: str) -> bool:
    """`smtp_password`, `bind_password`, `api_password`: a secret the service sends to another
    service, which it must be able to read back (encrypt it at rest; hashing would break it)."""
    return any(word in OUTBOUND_CREDENTIAL_WORDS for word in components(name))


def is_outbound_holder_name(name: str) -> bool:
    """`MailAccount`, `LdapSettings`, `smtp_config`: an object holding such credentials."""
    return any(word in OUTBOUND_CLASS_WORDS for word in components(name))
