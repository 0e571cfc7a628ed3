from rest_framework import serializers, viewsets

from orders.models import Order
from orders.tasks import send_receipt


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["id", "total"]


class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()
    serializer_class = OrderSerializer

    def perform_create(self, serializer):
        order = serializer.save(customer=self.request.user)
        send_receipt.delay(order.pk)  # error: BL905 "ATOMIC_REQUESTS"
