"""Django views that report on orders with raw SQL."""

from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import JsonResponse

from shop.models import Customer, Order


def customers_in_city(city: str) -> list:
    return list(Customer.objects.raw(f"SELECT * FROM shop_customer WHERE city = '{city}'"))  # error: BL301


def orders_with_flag(flag: str):
    return Order.objects.filter(paid=True).extra(where=[f"notes LIKE '%%{flag}%%'"])  # error: BL301


def annotate_priority(level: str):
    return Order.objects.annotate(priority=RawSQL("SELECT level FROM priorities WHERE name = '%s'" % level, ()))  # error: BL301


def revenue(region: str) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(total) FROM shop_order WHERE region = '{}'".format(region))  # error: BL301
        total = cursor.fetchone()[0]
    return JsonResponse({"total": total})


# ---- clean: parameters and quote_name -------------------------------------------------------

def customers_in_city_safely(city: str) -> list:
    return list(Customer.objects.raw("SELECT * FROM shop_customer WHERE city = %s", [city]))


def table_size(model) -> int:
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        cursor.execute(f"SELECT count(*) FROM {Order._meta.db_table} WHERE paid = %s", [True])
        return cursor.fetchone()[0]


def orders_with_flag_safely(flag: str):
    return Order.objects.extra(where=["notes LIKE %s"], params=[f"%{flag}%"])
