from django.urls import path

from accounts import views

urlpatterns = [
    path("auth/login/", views.LoginView.as_view()),
    path("auth/otp/", views.verify_otp),
    path("health/", views.HealthView.as_view()),
    path("auth/register/", views.RegisterView.as_view()),
]
