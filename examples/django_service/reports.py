"""Sales reports computed with raw SQL."""

from django.db import connection
from django.http import HttpRequest, JsonResponse

from sales.models import Sale

REPORT_TABLE = "sales_sale"


def region_totals_sql(region: str) -> str:
    # BL302: the query is built from a value and returned for someone else to run.
    return "SELECT product_id, sum(amount) FROM sales_sale WHERE region = '%s' GROUP BY 1" % region


def top_products(request: HttpRequest) -> JsonResponse:
    # BL303: the category comes straight from the query string.
    category = request.GET.get("category", "")
    sales = Sale.objects.raw(f"SELECT * FROM sales_sale WHERE category = '{category}'")
    return JsonResponse({"ids": [sale.id for sale in sales]})


def monthly_report(year: int, month: int, currency: str) -> list:
    with connection.cursor() as cursor:
        # Clean: numbers, a module constant and a bound parameter.
        cursor.execute(
            f"SELECT sum(amount) FROM {REPORT_TABLE} WHERE year = {year} AND month = {month}"
            " AND currency = %s", [currency])
        totals = cursor.fetchall()
        # BL301: a value concatenated into the statement.
        cursor.execute("SELECT count(*) FROM sales_sale WHERE currency = '" + currency + "'")
        return totals + cursor.fetchall()
