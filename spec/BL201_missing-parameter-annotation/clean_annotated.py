"""Annotated parameters, `self`/`cls`, and lambdas: nothing to report."""


class Ledger:
    def __init__(self, name: str) -> None:
        self.name = name

    @classmethod
    def open(cls, name: str) -> "Ledger":
        return cls(name)

    def add(self, *amounts: int, **tags: str) -> int:
        key = lambda item: item  # noqa: E731 - lambdas take no annotations
        return sum(sorted(amounts, key=key)) + len(tags)
