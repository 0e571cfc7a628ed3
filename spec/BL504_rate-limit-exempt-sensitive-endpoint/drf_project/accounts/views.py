from rest_framework.decorators import api_view, throttle_classes
from rest_framework.generics import CreateAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import RegisterSerializer


class LoginView(APIView):
    # The mobile app retried too often and hit the anon rate, so throttling was switched off.
    throttle_classes = []  # error: BL504

    def post(self, request):
        return Response({"token": "..."})


@api_view(["POST"])
@throttle_classes([])
def verify_otp(request):  # error: BL504
    return Response({"valid": True})


class HealthView(APIView):
    throttle_classes = []

    def get(self, request):
        return Response({"status": "ok"})


class RegisterView(CreateAPIView):
    serializer_class = RegisterSerializer
