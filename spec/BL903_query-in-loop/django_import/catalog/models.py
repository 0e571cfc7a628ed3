from django.db import models


class Category(models.Model):
    slug = models.SlugField(unique=True)


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    category = models.ForeignKey(Category, on_delete=models.PROTECT)
    active = models.BooleanField(default=True)


class Image(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    path = models.CharField(max_length=200)

    def delete(self, *args, **kwargs):
        remove_file(self.path)
        return super().delete(*args, **kwargs)


def remove_file(path):
    return path
