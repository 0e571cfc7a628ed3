from django.urls import include, path
from rest_framework.routers import DefaultRouter

from users import views

router = DefaultRouter()
router.register(r"users", views.UserViewSet, basename="user")

urlpatterns = [
    path("api/", include(router.urls)),
    path("api/auth/login/", views.LoginView.as_view(), name="login"),
    path("api/auth/register/", views.RegisterView.as_view(), name="register"),
    path("api/auth/password-reset/", views.PasswordResetView.as_view()),
    path("api/auth/token/refresh/", views.refresh_token),
    path("api/auth/logout/", views.LogoutView.as_view()),
]
