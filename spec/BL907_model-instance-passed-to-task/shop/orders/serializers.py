from rest_framework import serializers

from orders.models import Order


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["id", "total"]


class RefundSerializer(serializers.Serializer):
    reason = serializers.CharField()

    def create(self, validated_data):
        return dict(validated_data)
