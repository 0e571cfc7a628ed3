from flask import request
from pydantic import BaseModel
from rest_framework import serializers

from shop.models import Order, User
from shop.schemas import UserIn


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["id", "product", "quantity"]


class AuditSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = "__all__"
        read_only_fields = ["id", "owner", "total"]


class Address(BaseModel):
    street: str


def create_order(serializer: OrderSerializer):
    return Order.objects.create(**serializer.validated_data)


def create_user():
    data = UserIn(**request.get_json())
    return User(name=data.name, email=data.email)


def address():
    return Address(**request.get_json())
