"""Django and DRF views that send exception text."""
from django.http import HttpResponse, JsonResponse
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import APIView

from .billing import charge


def pay(request):
    try:
        charge(request.POST["amount"])
    except Exception as e:
        return HttpResponse(str(e), status=500)  # error: BL801
    return JsonResponse({"ok": True})


def refund(request):
    try:
        charge(-1)
    except Exception as e:
        return JsonResponse({"error": e.args}, status=500)  # error: BL801
    return JsonResponse({"ok": True})


@api_view(["POST"])
def invoice(request):
    try:
        charge(1)
    except Exception as e:
        return Response({"detail": str(e)}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)  # error: BL801
    return Response({})


class ChargeView(APIView):
    def post(self, request):
        try:
            charge(2)
        except KeyError as e:
            raise APIException("charge failed: {}".format(e))  # error: BL801
        return Response({})
