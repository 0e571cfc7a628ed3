"""On Python 3.10+ a union is written with `|` and needs no import."""


def token_ttl(kind: str):  # error: BL202
    if kind == "refresh":
        return 86400
    if kind == "access":
        return 900
    return None


def token_scope(kind: str):  # error: BL202
    for prefix in ("read", "write"):
        if kind.startswith(prefix):
            return prefix == "write"
    # falls off the end here: no fix (mypy would want an explicit `return None`)


def token_kind(raw: bytes):  # error: BL202
    if raw.startswith(b"r"):
        return "refresh"
    if raw:
        return 1
    return None
