"""Annotating a parameter makes an untyped method typed: mypy then infers `self.conn` as None
from `self.conn = None` and rejects the later assignment."""


class Mailer:
    def __init__(self, host="localhost", debug=False):  # error: BL201, BL201 (fix: none)
        self.host = host
        self.debug = debug
        self.conn = None
        self.queue = []

    def open(self) -> None:
        self.conn = object()


class Counter:
    def __init__(self, start: int, label="hits") -> None:  # error: BL201 (fix: unsafe, a method)
        self.value = start
        self.label = label
        self.last = None
