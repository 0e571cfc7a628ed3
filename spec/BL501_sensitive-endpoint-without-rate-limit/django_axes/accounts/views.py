from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render


def sign_in(request):
    if request.method == "POST":
        user = authenticate(request, username=request.POST["username"],
                            password=request.POST["password"])
        if user is not None:
            login(request, user)
            return redirect("home")
    return render(request, "sign_in.html")
