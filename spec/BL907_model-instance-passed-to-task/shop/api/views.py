from django.shortcuts import get_object_or_404
from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from orders import tasks
from orders.models import Coupon, Order
from orders.serializers import OrderSerializer, RefundSerializer
from orders.tasks import archive_order, notify_user, send_receipt


@api_view(["POST"])
def create_order(request):
    serializer = OrderSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    order = serializer.save()
    send_receipt.delay(order)  # error: BL907@24 "serializer.save()"
    send_receipt.delay(order.pk)
    notify_user.delay(request.user, message="thanks")  # error: BL907 "user of the request"
    notify_user.delay(request.user.pk, message="thanks")
    return Response({"id": order.pk})


@api_view(["POST"])
def resend(request, pk):
    order = get_object_or_404(Order, pk=pk)
    tasks.send_receipt.apply_async(args=[order], countdown=10)  # error: BL907 "get_object_or_404"
    tasks.send_receipt.apply_async(args=[order.id])
    coupon = Coupon.objects.filter(code=request.data["code"]).first()
    archive_order.apply_async(kwargs={"order_id": pk, "reason": coupon})  # error: BL907
    refund = RefundSerializer(data=request.data)
    refund.is_valid(raise_exception=True)
    archive_order.delay(pk, refund.save())
    return Response({})


class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.select_related("customer")
    serializer_class = OrderSerializer

    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        order = self.get_object()
        archive_order.s(order, reason="manual").delay()  # error: BL907 "self.get_object()"
        archive_order.delay(order.pk, reason="manual")
        return Response({})
