from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView


class AvatarUploadView(APIView):
    # Clean: "uploads" has a rate.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "uploads"

    def post(self, request):
        return Response(status=201)


class PasswordResetView(APIView):  # error: BL503
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "password-reset"

    def post(self, request):
        return Response(status=202)
