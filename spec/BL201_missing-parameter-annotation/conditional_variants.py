"""Functions defined in both branches of an `if` or a `try`: mypy requires the variants to
have identical signatures, so annotating one of them is unsafe."""

import os

if os.environ.get("FAST_JSON"):
    def dumps(value: object, indent=None, sort=False) -> str:  # error: BL201 (fix: unsafe)
        return repr(value)
else:
    def dumps(value: object, indent=None, sort=False) -> str:  # error: BL201 (fix: unsafe)
        return str(value)

try:
    import ujson
except ImportError:  # pragma: no cover
    ujson = None


def loads(text: str, strict=True) -> object:  # error: BL201 (fix: safe, no variant)
    return ujson.loads(text) if ujson else text
