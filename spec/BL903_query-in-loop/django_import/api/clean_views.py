from django.http import JsonResponse

from catalog.models import Category, Product


def bulk_prices(request):
    ids = request.GET.getlist("id")
    products = Product.objects.in_bulk(ids)
    return JsonResponse({pk: str(product.price) for pk, product in products.items()})


def fixed_kinds(request):
    return JsonResponse({slug: Category.objects.filter(slug=slug).count()
                         for slug in ("books", "games")})


def same_query_each_time(request):
    total = 0
    for row in request.data["rows"]:
        total += row["n"]
    default = Category.objects.get(slug="default")
    return JsonResponse({"total": total, "default": default.pk})


def retry(request):
    while True:
        product = Product.objects.filter(sku=request.GET["sku"]).first()
        if product is not None:
            break
    return JsonResponse({"pk": product.pk})


def bulk_writes(request):
    products = [Product(sku=row["sku"], price=row["price"]) for row in request.data["rows"]]
    Product.objects.bulk_create(products)
    return JsonResponse({"n": len(products)})


def drop_images(request, product):
    # Image.delete() removes the file: a queryset delete would leave it behind.
    for image in product.images.all():
        image.delete()
    return JsonResponse({"ok": True})
