from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from .ratelimits import check_rate_limit, ratelimit_exempt, session_ratelimit_post


@ratelimit(key="ip", rate="5/m", method="POST")
def login_view(request):
    if request.method == "POST":
        user = authenticate(request, **request.POST.dict())
        if user is not None:
            login(request, user)
            return redirect("home")
    return render(request, "login.html")


def signup(request):  # error: BL501
    if request.method == "POST":
        return redirect("home")
    return render(request, "signup.html")


@require_POST
def logout_view(request):
    logout(request)
    return redirect("home")


def activate(request, uidb64, token):  # error: BL501
    return render(request, "activated.html")


@method_decorator(ratelimit(key="post:email", rate="3/h", method="POST"), name="post")
class ForgotPasswordView(View):
    def get(self, request):
        return render(request, "forgot.html")

    def post(self, request):
        return redirect("sent")


class InviteView(View):
    def post(self, request):  # error: BL501
        return redirect("sent")


def dashboard(request):
    return render(request, "dashboard.html")


@require_POST
@session_ratelimit_post("password-reset")
def reset_password(request):
    # Clean: the project's own limiter, recognised by its name.
    return redirect("sent")


@require_POST
@ratelimit_exempt
def reset_api_key(request):  # error: BL501
    return redirect("profile")


@require_POST
def resend_activation(request):
    # Clean: django-ratelimit's function form, checked in the body.
    if is_ratelimited(request, group="activation", key="ip", rate="3/h", increment=True):
        return redirect("slow-down")
    return redirect("sent")


class InvitationView(View):
    def post(self, request):
        # Clean: the project's own check, in the handler.
        if not check_rate_limit("invitation", request):
            return redirect("slow-down")
        return redirect("sent")


class RegistrationView(View):
    def post(self, request):  # error: BL501
        def throttled_notice():
            return check_rate_limit("registration", request)

        return redirect("welcome")
