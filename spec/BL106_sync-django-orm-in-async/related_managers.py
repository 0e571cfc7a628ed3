"""Reverse and related managers of model instances, and instances from project helpers."""

from django.db import models


class Order(models.Model):
    number = models.CharField(max_length=20)


class Item(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(max_length=50)


class Note(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE)


def latest_order() -> Order:
    return Order.objects.latest("pk")


def order_label(number: str) -> str:
    return f"#{number}"


async def order_summary(order_id: int) -> dict:
    order = await Order.objects.aget(pk=order_id)
    items = order.items.count()  # error: BL106
    notes = order.note_set.filter(order=order).exists()  # error: BL106
    first = await order.items.afirst()
    return {"items": items, "notes": notes, "first": first}


async def touch_latest() -> None:
    order = latest_order()  # (the sync query inside the helper is BL107's)
    order.save()  # error: BL106


async def labels() -> list:
    label = order_label("1")
    # A string, not a model instance: `.count()` is str.count.
    return [label.count("#")]
