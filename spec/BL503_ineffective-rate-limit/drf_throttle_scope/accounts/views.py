from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView


class LoginView(APIView):
    # Only AnonRateThrottle runs (from settings): the "login" rate is never applied.
    throttle_scope = "login"  # error: BL503

    def post(self, request):
        return Response({"token": "..."})


class AvatarUploadView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "uploads"

    def post(self, request):
        return Response(status=201)
