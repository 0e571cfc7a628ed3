"""Whether an endpoint is one an anonymous client can use to guess or abuse credentials,
codes or identities (log-in, tokens, passwords and resets, sign-up, one-time codes), judged
from its own name and path, never from a router prefix alone."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional

from backendlint.knowledge.auth_words import (
    CODE_PARAMETERS,
    GET_LINK_WORDS,
    JOINED_WORDS,
    NOT_SENSITIVE_WORDS,
    SENSITIVE_WORDS,
    SESSION_ONLY_WORDS,
    SIGN_UP_OBJECTS,
    SIGN_UP_VERBS,
)
from backendlint.knowledge.web_frameworks import MUTATING_METHODS

_PATH_PARAMETER = re.compile(r"[{<][^}>]*[}>]|\(\?P<")


def words(text: str) -> list[str]:
    """`resetPassword`, `reset_password`, `/reset-password/{uid}` → reset, password."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    raw = [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]
    joined: list[str] = []
    index = 0
    while index < len(raw):
        pair = tuple(raw[index:index + 2])
        if pair in JOINED_WORDS:
            joined.append(JOINED_WORDS[pair])
            index += 2
        else:
            joined.append(raw[index])
            index += 1
    if joined != raw and any(pair in JOINED_WORDS for pair in zip(joined, joined[1:])):
        return words(" ".join(joined))
    return joined


def is_sensitive(names: Iterable[str], paths: Iterable[str], methods: Optional[set[str]],
                 full_path: str, parameters: Iterable[str] = (),
                 redirects_to_provider: bool = False) -> bool:
    """Whether an endpoint takes or issues credentials, one-time codes, reset or sign-up
    data, judged from its own names and paths (who may call it is judged elsewhere).

    - A log-in that only redirects to an OAuth provider has nothing to guess.
    - A GET only renders a page, unless it is a link that acts (activation, verification,
      magic link, invitation) and carries a code in its path or parameters.
    - Methods unknown (a Django function view with no restriction) serve every method.
    - Creating a user or account (`create_user`, `add_account`) is a sign-up.
    """
    del full_path  # kept for callers; sensitivity reads the endpoint's own path only
    if redirects_to_provider:
        return False
    vocabulary: list[str] = []
    paths = list(paths)
    for text in (*names, *paths):
        # Path parameters (`{token}`, `<uid>`) name inputs, not the endpoint's purpose.
        vocabulary.extend(words(re.sub(r"[{<][^}>]*[}>]", "", text)))
    if any(word in NOT_SENSITIVE_WORDS for word in vocabulary):
        return False
    found = {word for word in vocabulary if word in SENSITIVE_WORDS}
    if set(vocabulary) & SIGN_UP_VERBS and set(vocabulary) & SIGN_UP_OBJECTS:
        found.add("signup")
    if methods is not None and not (methods & (MUTATING_METHODS | {"WEBSOCKET"})):
        has_code = any(_PATH_PARAMETER.search(path) for path in paths) or any(
            parameter.lower() in CODE_PARAMETERS for parameter in parameters)
        return bool(set(vocabulary) & GET_LINK_WORDS and has_code)
    return bool(found)


def changes_only_the_session(names: Iterable[str]) -> bool:
    """Log-out, language or theme switches: they change the caller's own session only."""
    return any(word in SESSION_ONLY_WORDS for name in names for word in words(name))
