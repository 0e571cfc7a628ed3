from django.db import migrations


def fill(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Category = apps.get_model("catalog", "Category")
    for product in Product.objects.all():
        product.category = Category.objects.get(slug=product.sku[:3])
        product.save()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(fill)]
