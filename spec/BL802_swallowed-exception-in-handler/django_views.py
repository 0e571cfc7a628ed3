"""Django function views, DRF class views and error handlers."""
from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import APIView

from .billing import charge


def pay(request):
    try:
        charge(request.POST["amount"])
    except Exception:  # error: BL802
        return JsonResponse({"ok": False})
    return JsonResponse({"ok": True})


class RefundView(APIView):
    def post(self, request):
        try:
            charge(-1)
        except Exception:  # error: BL802
            pass
        return Response({"ok": True})


def custom_exception_handler(exc, context):
    try:
        return Response({"detail": "error"}, status=500)
    except Exception:  # error: BL802
        return None
