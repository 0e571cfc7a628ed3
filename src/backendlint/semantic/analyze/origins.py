"""Whether an origin pattern (a CORS `allow_origin_regex`) admits origins its author did not
mean: tried against origins an attacker can register."""

from __future__ import annotations

import re
from typing import Optional

_HOST_PART = re.compile(r"[A-Za-z0-9-]+(?:\\?\.[A-Za-z0-9-]+)+")


def attacker_origin_matching(pattern: str, full: bool = True) -> Optional[str]:
    """An origin an attacker could host that the pattern accepts (`re.fullmatch` as
    Starlette uses it, or `re.match` as flask-cors does), or None. Tried: unrelated hosts,
    the author's host with a prefix glued on (`evilexample.com` for an unescaped
    `.*example.com`), the host as a sub-domain of the attacker's (`example.com.attacker.test`)
    and its dots replaced (`examplexcom`)."""
    try:
        compiled = re.compile(pattern)
    except re.error:
        return None
    hosts = [match.group(0).replace("\\.", ".") for match in _HOST_PART.finditer(pattern)]
    candidates = ["attacker.test", "evil-attacker.net"]
    for host in hosts:
        candidates += [f"evil{host}", f"{host}.attacker.test", host.replace(".", "x"),
                       f"evil-{host}"]
    for scheme in ("https://", "http://"):
        for candidate in candidates:
            origin = scheme + candidate
            matched = compiled.fullmatch(origin) if full else compiled.match(origin)
            if matched is not None:
                return origin
    return None
