from rest_framework.response import Response
from rest_framework.views import APIView


class OrderView(APIView):
    def post(self, request):
        return Response(status=201)
