from django.urls import path

from accounts.views import AvatarUploadView, LoginView

urlpatterns = [
    path("login/", LoginView.as_view()),
    path("avatar/", AvatarUploadView.as_view()),
]
