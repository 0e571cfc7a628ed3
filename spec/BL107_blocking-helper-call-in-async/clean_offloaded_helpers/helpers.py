import json

from asgiref.sync import sync_to_async


def load(path: str) -> dict:
    with open(path) as handle:
        return json.load(handle)


@sync_to_async
def load_wrapped(path: str) -> dict:
    return load(path)


def total(values: list) -> int:
    return sum(values)
