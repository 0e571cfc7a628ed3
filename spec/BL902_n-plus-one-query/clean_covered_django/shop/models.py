from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField()


class Tag(models.Model):
    label = models.CharField(max_length=30)


class OrderManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("warehouse")


class Warehouse(models.Model):
    city = models.CharField(max_length=60)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    warehouse = models.ForeignKey("shop.Warehouse", on_delete=models.PROTECT)
    tags = models.ManyToManyField(Tag)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    created = models.DateTimeField(auto_now_add=True)

    objects = OrderManager()


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE)
    sku = models.CharField(max_length=20)
    quantity = models.IntegerField()


class Invoice(models.Model):
    order = models.OneToOneField(Order, on_delete=models.CASCADE)
    number = models.CharField(max_length=20)
