from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from accounts import views

urlpatterns = [
    path("email/", views.change_email),
    path("avatar/", csrf_exempt(views.change_email)),  # error: BL605
    path("hooks/stripe/", views.stripe_webhook),
]
