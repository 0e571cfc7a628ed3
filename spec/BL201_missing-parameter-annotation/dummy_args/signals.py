"""Signal handlers whose unused arguments are named `_`."""


def on_user_saved(sender, _instance, **_kwargs) -> None:  # error: BL201
    print("saved by", sender)


def _refresh_cache(key, ttl) -> None:  # private helpers are skipped with ignore-private
    print(key, ttl)


class AuditHook:
    def __call__(self, event: str, _context) -> None:
        print(event)
