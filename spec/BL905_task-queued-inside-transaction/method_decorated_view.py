from celery import shared_task
from django.db import transaction
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View


@shared_task
def notify_waitlist(seat_id: int) -> None:
    print(seat_id)


@method_decorator(transaction.atomic, name="dispatch")
class ReleaseSeatView(View):
    def post(self, request, pk):
        notify_waitlist.delay(pk)  # error: BL905 "decorated"
        return JsonResponse({})


class CancelSeatView(View):
    @method_decorator(transaction.atomic)
    def post(self, request, pk):
        notify_waitlist.delay(pk)  # error: BL905
        return JsonResponse({})


class HoldSeatView(View):
    def post(self, request, pk):
        notify_waitlist.delay(pk)
        return JsonResponse({})
