"""Hooks of a base class: `-> None` on `pass` is right for the base alone, but subclasses in
other modules return values or override with `async def` (markers: `fix: safe/unsafe`)."""


class Handler:
    def handle(self, event: str):  # error: BL202 (fix: unsafe, an override returns a value)
        pass

    def close(self):  # error: BL202 (fix: none, an override is async)
        pass

    def name(self):  # error: BL202 (fix: safe, the override returns a str too)
        return "handler"

    def describe(self):  # error: BL202 (fix: none, an override is annotated `-> int`)
        return "handler"

    def reset(self):  # error: BL202 (fix: safe, the override returns nothing either)
        pass
