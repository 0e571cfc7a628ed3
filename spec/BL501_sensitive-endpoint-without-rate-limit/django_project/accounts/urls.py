from django.contrib.auth import views as auth_views
from django.urls import path, re_path
from django_ratelimit.decorators import ratelimit

from . import views

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("signup/", views.signup, name="signup"),
    path("logout/", views.logout_view, name="logout"),
    re_path(r"^activate/(?P<uidb64>[^/]+)/(?P<token>[^/]+)/$", views.activate),
    path("password/forgot/", views.ForgotPasswordView.as_view()),
    path("invite/", views.InviteView.as_view()),
    # Clean: PasswordChangeView requires a signed-in user; nothing open to guess.
    path("password/change/", auth_views.PasswordChangeView.as_view()),
    path("password/reset/", ratelimit(key="ip", rate="3/h")(auth_views.PasswordResetView.as_view())),
    path("password/reset/own/", views.reset_password),
    path("api-key/reset/", views.reset_api_key),
    path("activation/resend/", views.resend_activation),
    path("invitation/accept/", views.InvitationView.as_view()),
    path("register/", views.RegistrationView.as_view()),
    path("", views.dashboard),
]
