"""A reporting service: which functions and methods need a return annotation."""

from __future__ import annotations

import abc
from typing import Iterator, overload

from fastapi import FastAPI

app = FastAPI()


class ReportStore(abc.ABC):
    def __init__(self, dsn: str):  # annotated parameter: mypy reads `-> None`
        self.dsn = dsn

    def __repr__(self):  # error: BL202
        return f"ReportStore({self.dsn!r})"

    @abc.abstractmethod
    def load(self, report_id: int):  # error: BL202
        ...

    @property
    def backend(self):  # error: BL202
        return self.dsn.split(":", 1)[0]

    @classmethod
    def default(cls):  # error: BL202
        return cls("sqlite://")

    @staticmethod
    def version() -> str:
        return "1"

    def _connect(self):  # private: BL203, not this rule
        return None


class Uninitialised:
    def __init__(self):  # error: BL202
        self.ready = False


@overload
def parse_period(value: str) -> int: ...
@overload
def parse_period(value: int) -> int: ...
def parse_period(value):  # error: BL202
    return int(value)


def iter_rows(path: str):  # error: BL202
    with open(path) as handle:
        yield from handle


@app.get("/reports")
async def list_reports(limit: int = 10):  # error: BL202
    return {"limit": limit}


def export(report_id: int) -> Iterator[str]:
    def chunk():  # nested: BL203
        return ""
    yield chunk()


formatter = lambda report: str(report)  # noqa: E731
