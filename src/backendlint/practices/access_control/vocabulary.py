"""What a name says about a value: a credential, a secret compared by timing, a view meant
to be public. Built on the word tables in knowledge/access_control.py."""

from __future__ import annotations

from backendlint.knowledge.access_control import (
    COMPARED_SECRET_WORDS,
    CREDENTIAL_PAIRS,
    CREDENTIAL_WORDS,
    NOT_SECRET_OPERAND_WORDS,
    NOT_SECRET_WORDS,
    PUBLIC_PURPOSE_WORDS,
    SECRET_KEY_OWNERS,
)
from backendlint.semantic.analyze.identifiers import components


def _joined(words: list[str]) -> list[str]:
    """`api_key` also as `apikey`, `session_id` as `sessionid`: pairs written together."""
    return words + [first + second for first, second in zip(words, words[1:])]


def names_credential(name: str) -> bool:
    """Whether a name's head noun is a credential: `reset_token`, `otp`, `otp_code`,
    `generate_api_key`, `session_id`, `reset_code`; not `page_token`, `token_type`,
    `token_color` (the last word decides what the value is)."""
    words = components(name)
    if not words:
        return False
    if len(words) > 1 and (words[-2], words[-1]) in CREDENTIAL_PAIRS:
        return True
    last = words[-1]
    if last in CREDENTIAL_WORDS or (len(words) > 1 and words[-2] + last in CREDENTIAL_WORDS):
        return len(words) < 2 or words[-2] not in NOT_SECRET_WORDS
    # `otp_code`, `token_value`, `csrf_string`: a credential word and a plain suffix.
    return (len(words) > 1 and words[-2] in CREDENTIAL_WORDS
            and last in _PLAIN_SUFFIXES)


_PLAIN_SUFFIXES = frozenset({"code", "value", "str", "string", "hex", "bytes", "raw", "digits",
                             "key"})


def names_compared_secret(name: str) -> bool:
    """A token, key, signature or digest whose comparison must take constant time."""
    words = components(name)
    if not words or any(word in NOT_SECRET_WORDS for word in words):
        return False
    joined = _joined(words)
    if any(word in COMPARED_SECRET_WORDS for word in joined):
        return True
    # `adminkey`, `api_key`, `access_key`, `client_secret`: a key of someone who may act.
    return any(word.endswith("key") and word[:-3] in SECRET_KEY_OWNERS for word in joined)


def mentions_non_secret(identifiers: list[str]) -> bool:
    """An operand spelled with a word that says its token is not a secret (`LOCK_KEY`)."""
    return any(word in NOT_SECRET_OPERAND_WORDS for name in identifiers
               for word in components(name))


def names_public_purpose(name: str) -> bool:
    """A view named for sign-in, sign-up, recovery, callbacks, probes or webhooks."""
    return any(word in PUBLIC_PURPOSE_WORDS for word in _joined(components(name)))
