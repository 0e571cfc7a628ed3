"""Account views of the sales back office: DRF API views and classic Django views."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit
from rest_framework.response import Response
from rest_framework.views import APIView


class LoginView(APIView):
    # BL503: throttle_scope needs ScopedRateThrottle, which neither this view nor
    # DEFAULT_THROTTLE_CLASSES lists, so the "login" rate is never applied.
    throttle_scope = "login"

    def post(self, request):
        return Response({"token": "..."})


class SignupView(APIView):
    # BL504: an empty list switches off the default throttles for sign-ups.
    throttle_classes = []

    def post(self, request):
        return Response(status=201)


@ratelimit(key="ip", rate="5/m", method="POST")
def login_page(request: HttpRequest) -> HttpResponse:
    return render(request, "login.html")


def password_reset(request: HttpRequest) -> HttpResponse:
    # BL501: a reset form that can be posted without limit (e-mail bombing, enumeration).
    if request.method == "POST":
        return redirect("password_reset_done")
    return render(request, "password_reset.html")


@require_POST
def contact(request: HttpRequest) -> HttpResponse:
    # BL502: every POST sends an e-mail to the sales team.
    try:
        request.session["contacted"] = True
    except Exception:
        # BL802: the visitor is thanked and nobody learns that the message was lost.
        pass
    return redirect("thanks")


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard.html")
