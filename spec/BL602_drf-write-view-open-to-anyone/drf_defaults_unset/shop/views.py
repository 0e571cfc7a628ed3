from rest_framework import generics, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.models import Order, Product
from shop.serializers import OrderSerializer, ProductSerializer


class OrderViewSet(viewsets.ModelViewSet):  # error: BL602 "DEFAULT_PERMISSION_CLASSES"
    queryset = Order.objects.all()
    serializer_class = OrderSerializer


class ProductCreate(generics.CreateAPIView):  # error: BL602 "AllowAny"
    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    permission_classes = [AllowAny]


class RefundView(APIView):  # error: BL602 "lists nothing"
    permission_classes = []

    def post(self, request):
        return Response({"ok": True})


class ProductList(generics.ListAPIView):
    queryset = Product.objects.all()
    serializer_class = ProductSerializer


class CartView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request):
        return Response({})


class RegisterView(generics.CreateAPIView):
    permission_classes = [AllowAny]
    serializer_class = OrderSerializer
