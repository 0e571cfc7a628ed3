from django.urls import path

from accounts.views import AvatarUploadView, PasswordResetView

urlpatterns = [
    path("avatar/", AvatarUploadView.as_view()),
    path("password/reset/", PasswordResetView.as_view()),
]
