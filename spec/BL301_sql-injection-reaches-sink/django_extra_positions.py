"""Django's raw SQL entry points, in every argument position."""

from django.db.models import RawSQL

from shop.models import Order


def recent(customer, column):
    Order.objects.extra(where=[f"customer = '{customer}'"])  # error: BL301
    Order.objects.extra(None, [f"customer = '{customer}'"])  # error: BL301
    Order.objects.extra(select={"flag": f"status = '{customer}'"})  # error: BL301
    Order.objects.annotate(score=RawSQL(f"SELECT rank FROM ranks WHERE who = '{customer}'", ()))  # error: BL301
    Order.objects.annotate(score=RawSQL(sql=f"SELECT rank FROM ranks WHERE who = '{customer}'", params=()))  # error: BL301
    return Order.objects.raw(raw_query=f"SELECT * FROM shop_order WHERE customer = '{customer}'")  # error: BL301
