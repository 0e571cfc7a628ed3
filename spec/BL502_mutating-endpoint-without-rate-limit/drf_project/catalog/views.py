from rest_framework import viewsets
from rest_framework.decorators import api_view, throttle_classes
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from .models import Product
from .serializers import ProductSerializer


class ProductViewSet(viewsets.ModelViewSet):  # error: BL502
    queryset = Product.objects.all()
    serializer_class = ProductSerializer


class ReviewView(APIView):
    throttle_classes = [UserRateThrottle]

    def get(self, request, pk):
        return Response([])

    def post(self, request, pk):
        return Response(status=201)


@api_view(["GET"])
def search(request):
    return Response([])


@api_view(["POST"])
def export_catalog(request):  # error: BL502
    return Response(status=202)
