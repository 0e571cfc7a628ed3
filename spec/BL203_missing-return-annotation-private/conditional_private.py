"""Private helpers defined in both branches of a `try`: their annotations must match."""

try:
    import orjson

    def _dumps(value):  # error: BL203 (fix: unsafe, conditional variant)
        return str(orjson.dumps(value), "utf-8")
except ImportError:
    import json

    def _dumps(value):  # error: BL203 (fix: unsafe, conditional variant)
        return str(json.dumps(value))


def _flag():  # error: BL203 (fix: safe)
    return True
