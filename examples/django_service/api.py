"""The sales API: a viewset left open, a view that takes any field, and one without CSRF."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from .models import Invoice


class InvoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invoice
        # BL606: the client may set every column, `paid` and `owner` included.
        fields = "__all__"


class InvoiceViewSet(viewsets.ModelViewSet):
    """BL602: anyone may create, change and delete invoices."""

    queryset = Invoice.objects.all()
    serializer_class = InvoiceSerializer
    permission_classes = [AllowAny]


# BL605: the back office signs users in with session cookies; this form post has no CSRF check.
@csrf_exempt
def update_billing_address(request):
    # BL606: every posted field goes into the row.
    Invoice.objects.filter(owner=request.user).update(**request.POST.dict())
    return JsonResponse({"ok": True})
