"""Django registration and profile views."""
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, JsonResponse
from rest_framework import serializers

User = get_user_model()


def register(request: HttpRequest) -> JsonResponse:
    user = User(username=request.POST["username"], email=request.POST["email"])
    user.password = request.POST["password"]  # error: BL406
    user.save()
    return JsonResponse({"id": user.pk}, status=201)


def invite(request: HttpRequest) -> JsonResponse:
    raw = request.POST.get("password")
    User.objects.create(username=request.POST["username"], password=raw)  # error: BL406
    return JsonResponse({}, status=201)


def reset(request: HttpRequest, new_password: str) -> JsonResponse:
    request.user.password = new_password  # error: BL406
    request.user.save(update_fields=["password"])
    return JsonResponse({})


class SignupSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["username", "password"]

    def create(self, validated_data: dict) -> object:
        user = User(**validated_data)
        user.password = validated_data["password"]  # error: BL406
        user.save()
        return user


# Negatives.


def register_ok(request: HttpRequest) -> JsonResponse:
    user = User.objects.create_user(username=request.POST["username"],
                                    password=request.POST["password"])
    return JsonResponse({"id": user.pk}, status=201)


def reset_ok(request: HttpRequest) -> JsonResponse:
    request.user.set_password(request.POST["password"])
    request.user.save()
    return JsonResponse({})


def import_user(request: HttpRequest) -> JsonResponse:
    password = make_password(request.POST["password"])
    user = User(username=request.POST["username"])
    user.password = password
    user.save()
    return JsonResponse({})


def copy_credentials(source_user: object, target_user: object) -> None:
    # Copying a stored hash between rows is not storing a plaintext password.
    target_user.password = source_user.password


class SMTPSettings:
    def __init__(self, host: str, username: str, password: str) -> None:
        # Credentials for an outgoing connection, not a user's password.
        self.host = host
        self.username = username
        self.password = password
