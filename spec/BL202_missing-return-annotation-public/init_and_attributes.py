"""`-> None` on an untyped `__init__` makes mypy type the attributes it assigns: `None` gives
the attribute type None, `[]` needs an annotation. mypy's own rule decides when an `__init__`
needs the annotation at all: once any parameter (even `self`) is annotated, it does not."""


class Session:
    def __init__(self):  # error: BL202 (fix: none, `self.user = None`)
        self.user = None
        self.cookies = []

    def login(self, user: str) -> None:
        self.user = user


class Clock:
    def __init__(self):  # error: BL202 (fix: safe, no partial attribute)
        self.ticks = 0


class Typed:
    def __init__(self, size: int):
        self.size = size


class SelfAnnotated:
    def __init__(self: "SelfAnnotated"):
        self.ready = True


class StarTyped:
    def __init__(self, *parts: str, **extra: int):
        self.parts = parts
