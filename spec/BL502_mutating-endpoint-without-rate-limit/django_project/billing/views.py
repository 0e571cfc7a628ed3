from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit


@require_POST
def create_invoice(request):  # error: BL502
    return JsonResponse({"id": 1}, status=201)


@require_POST
@ratelimit(key="user", rate="10/m")
def pay_invoice(request, invoice_id):
    return JsonResponse({"paid": True})


@require_http_methods(["GET"])
def invoice_pdf(request, invoice_id):
    return JsonResponse({})


def invoices(request):
    return render(request, "invoices.html")


def update_address(request):  # error: BL502
    if request.method == "POST":
        return JsonResponse({"ok": True})
    return render(request, "address.html")
