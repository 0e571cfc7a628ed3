from django.core.management.base import BaseCommand

from catalog.models import Product


class Command(BaseCommand):
    def handle(self, *args, **options):
        for product in Product.objects.all():
            product.price = product.price * 2
            product.save()
