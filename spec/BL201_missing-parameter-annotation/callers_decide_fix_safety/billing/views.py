from billing.rules import allowed, export, greeting, label, retry_after

ANONYMOUS = allowed("read", default=None)


def show(user_name: str, options: dict[str, str]) -> str:
    if allowed("write", True):
        return label("paid", upper=True) + greeting(user_name) + export(**options)
    return label("free") + str(retry_after(2)) + greeting()
