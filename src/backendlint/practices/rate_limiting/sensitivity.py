"""Whether an endpoint is one an anonymous client can use to guess or abuse credentials,
codes or identities (log-in, tokens, passwords and resets, sign-up, one-time codes), judged
from its own name and path, never from a router prefix alone."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional

from backendlint.knowledge.auth_words import (
    GET_LINK_WORDS,
    GET_SENSITIVE_WORDS,
    JOINED_WORDS,
    NOT_SENSITIVE_WORDS,
    SENSITIVE_WORDS,
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
                 full_path: str) -> bool:
    vocabulary: list[str] = []
    paths = list(paths)
    for text in (*names, *paths):
        # Path parameters (`{token}`, `<uid>`) name inputs, not the endpoint's purpose.
        vocabulary.extend(words(re.sub(r"[{<][^}>]*[}>]", "", text)))
    if any(word in NOT_SENSITIVE_WORDS for word in vocabulary):
        return False
    found = {word for word in vocabulary if word in SENSITIVE_WORDS}
    if "callback" in vocabulary and ("oauth" in vocabulary or "oauth" in words(full_path)):
        found.add("callback")
    if not found:
        return False
    if methods is None or not (methods & (MUTATING_METHODS | {"WEBSOCKET"})):
        # A GET login or reset page only renders a form; links in emails and provider
        # redirects are the GET requests that act. A Django view whose methods are unknown
        # (no decorator, no `request.method` test, no `request.POST`) is judged as a GET.
        has_parameter = any(_PATH_PARAMETER.search(path) for path in paths)
        return bool(found & GET_SENSITIVE_WORDS or (found & GET_LINK_WORDS and has_parameter))
    return True
