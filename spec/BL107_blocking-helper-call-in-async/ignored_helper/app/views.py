"""Async views calling the configured helpers."""

from app.cache import lookup_customer, read_cached, rebuild_index


async def customer(customer_id: int) -> dict:
    cached = read_cached(str(customer_id))
    await rebuild_index()
    return {"cached": cached, "customer": lookup_customer(customer_id)}  # error: BL107
