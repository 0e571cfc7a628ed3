from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .models import Profile

MAX_FAILED_ATTEMPTS = 5


@require_POST
def login_view(request):
    # Clean: the account is locked after repeated failures (the credential itself).
    profile = Profile.objects.get(username=request.POST["username"])
    if profile.failed_login_attempts >= MAX_FAILED_ATTEMPTS:
        return render(request, "locked.html", status=403)
    user = authenticate(request, username=profile.username, password=request.POST["password"])
    if user is None:
        profile.failed_login_attempts += 1
        profile.save()
        return render(request, "login.html", status=401)
    login(request, user)
    return redirect("home")


@require_POST
def pin_login(request):  # error: BL501
    user = authenticate(request, pin=request.POST["pin"])
    if user is not None:
        login(request, user)
    return redirect("home")
