"""Helpers whose blocking the project has decided about in its configuration."""

import legacy_soap

from app.threads import offload


def read_cached(key: str) -> bytes:
    # Accepted in config: a tiny tmpfs read, measured to take microseconds.
    with open(f"/dev/shm/{key}", "rb") as handle:
        return handle.read()


def lookup_customer(customer_id: int) -> dict:
    return legacy_soap.call("GetCustomer", customer_id)


@offload
def rebuild_index() -> None:
    with open("/srv/index", "wb") as handle:
        handle.write(b"")
