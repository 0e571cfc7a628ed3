from django.http import JsonResponse

from catalog.models import Category, Product


def prices(request):
    ids = request.GET.getlist("id")
    return JsonResponse({
        product_id: str(Product.objects.get(pk=product_id).price)  # error: BL903 "in_bulk"
        for product_id in ids
    })


def import_rows(request):
    for row in request.data["rows"]:
        category = Category.objects.filter(slug=row["category"]).first()  # error: BL903
        if Product.objects.filter(sku=row["sku"]).exists():  # error: BL903
            continue
        Product.objects.create(sku=row["sku"], price=row["price"], category=category)  # error: BL903 "bulk_create"
    return JsonResponse({"ok": True})


def deactivate(request):
    for product in Product.objects.filter(active=True, price=0):
        product.active = False
        product.save()  # error: BL903 "bulk_update"
    return JsonResponse({"ok": True})


def purge(request):
    for product in Product.objects.filter(active=False):
        product.delete()  # error: BL903 "delete"
    for category in Category.objects.all():
        category.product_set.create(sku="x", price=0)  # error: BL903 "bulk_create"
    return JsonResponse({"ok": True})


def ship(request):
    for order_id in request.POST.getlist("id"):
        product = Product.objects.get(pk=order_id)  # error: BL903
        product.active = False
        product.save()  # error: BL903 "bulk_update"
    return JsonResponse({"ok": True})
