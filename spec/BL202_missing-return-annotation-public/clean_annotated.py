"""Annotated returns, generators without a guess, and lambdas: nothing to report."""

from collections.abc import Iterator


def total(values: list[int]) -> int:
    return sum(values)


def chunks(values: list[int]) -> Iterator[list[int]]:
    yield values


class Report:
    def __init__(self, title: str):
        self.title = title

    def render(self) -> str:
        return self.title
