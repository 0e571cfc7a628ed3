"""Parameters annotated from their defaults: the fix is safe only when every call in the
project passes nothing or a literal of that type (markers: `fix: safe` / `fix: unsafe`)."""

from billing.registry import register


def allowed(action: str, default=False) -> bool:  # error: BL201 (fix: none, a caller passes None)
    return bool(default)


def label(text: str, upper=False) -> str:  # error: BL201 (fix: safe, callers pass bools)
    return text.upper() if upper else text


def retry_after(delay=0.5) -> float:  # error: BL201 (fix: safe, an int fits a float)
    return delay


def greeting(name="guest") -> str:  # error: BL201 (fix: unsafe, a caller passes a variable)
    return f"hello {name}"


def on_paid(notify=True) -> None:  # error: BL201 (fix: unsafe, passed around as a callback)
    print(notify)


def export(fmt="csv") -> str:  # error: BL201 (fix: unsafe, a caller unpacks **options)
    return fmt


register(on_paid)
