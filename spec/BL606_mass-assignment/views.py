from flask import request
from rest_framework import serializers

from shop.db import session
from shop.models import Order, User


def create_order(request):
    order = Order.objects.create(**request.POST.dict())  # error: BL606 "request.POST.dict()"
    return order.pk


def create_user():
    payload = request.get_json()
    user = User(**payload)  # error: BL606
    session.add(user)
    return user.id


def update_user(user_id: int):
    session.query(User).filter_by(id=user_id).update(request.json)  # error: BL606
    return "ok"


def patch_user(user):
    for key, value in request.json.items():
        setattr(user, key, value)  # error: BL606 "setattr"
    return user


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = "__all__"  # error: BL606 "__all__"
