"""A Django app whose models and async views live in one module."""

from django.db import models


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Ticket(TimeStamped):
    title = models.CharField(max_length=200)


class Settings:
    objects = {"theme": "dark"}


async def open_ticket(title: str) -> int:
    ticket = Ticket.objects.create(title=title)  # error: BL106
    return ticket.pk


async def recent_titles() -> list:
    return list(Ticket.objects.order_by("-created").values_list("title", flat=True))  # error: BL106


async def theme() -> str:
    # A plain class with an `objects` dict is not a Django model.
    return Settings.objects.get("theme", "light")
