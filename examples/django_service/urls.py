"""URL configuration of the sales back office."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/login/", views.LoginView.as_view()),
    path("api/signup/", views.SignupView.as_view()),
    path("login/", views.login_page, name="login"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("contact/", views.contact, name="contact"),
    path("", views.dashboard, name="dashboard"),
]
