from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView


class AvatarUploadView(APIView):
    # Clean: "uploads" has a rate.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "uploads"

    def post(self, request):
        return Response(status=201)


class PasswordResetView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "password-reset"  # error: BL503

    def post(self, request):
        return Response(status=202)
