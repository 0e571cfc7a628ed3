from contextlib import contextmanager

from django.db import models, transaction
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View


class Seat(models.Model):
    taken = models.BooleanField(default=False)


@contextmanager
def booking_transaction():
    with transaction.atomic():
        yield


@method_decorator(transaction.atomic, name="dispatch")
class ReserveSeatView(View):
    def post(self, request, pk):
        seat = Seat.objects.select_for_update().get(pk=pk)
        seat.taken = True
        seat.save()
        return JsonResponse({"taken": True})


class ReleaseSeatView(View):
    @method_decorator(transaction.atomic)
    def post(self, request, pk):
        seat = Seat.objects.select_for_update().get(pk=pk)
        seat.taken = False
        seat.save()
        return JsonResponse({"taken": False})


def swap_seats(request, first, second):
    with booking_transaction():
        seats = list(Seat.objects.select_for_update().filter(pk__in=[first, second]))
    return JsonResponse({"count": len(seats)})
