"""What a name says about a value: a credential, a secret compared by timing, a view meant
to be public. Built on the word tables in knowledge/access_control.py."""

from __future__ import annotations

from backendlint.knowledge.access_control import (
    COMPARED_SECRET_WORDS,
    CREDENTIAL_PAIRS,
    CREDENTIAL_WORDS,
    NOT_SECRET_WORDS,
    PUBLIC_PURPOSE_WORDS,
)
from backendlint.semantic.analyze.identifiers import components


def _joined(words: list[str]) -> list[str]:
    """`api_key` also as `apikey`, `session_id` as `sessionid`: pairs written together."""
    return words + [first + second for first, second in zip(words, words[1:])]


def names_credential(name: str) -> bool:
    """`reset_token`, `otp`, `generate_api_key`, `session_id`; not `page_token`, `token_type`."""
    words = components(name)
    if not words or words[-1] in NOT_SECRET_WORDS:
        return False
    if any(word in CREDENTIAL_WORDS for word in _joined(words)):
        return not any(word in NOT_SECRET_WORDS for word in words)
    return any(pair in CREDENTIAL_PAIRS for pair in zip(words, words[1:]))


def names_compared_secret(name: str) -> bool:
    """A token, key, signature or digest whose comparison must take constant time."""
    words = components(name)
    if not words or any(word in NOT_SECRET_WORDS for word in words):
        return False
    joined = _joined(words)
    if any(word in COMPARED_SECRET_WORDS for word in joined):
        return True
    return ("api", "key") in zip(words, words[1:]) or ("secret", "key") in zip(words, words[1:])


def names_public_purpose(name: str) -> bool:
    """A view named for sign-in, sign-up, recovery, callbacks, probes or webhooks."""
    return any(word in PUBLIC_PURPOSE_WORDS for word in _joined(components(name)))
