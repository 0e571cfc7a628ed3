"""Django views with raw SQL."""

from django.db import connection
from django.http import HttpRequest, JsonResponse

from accounts.models import Account


def account_search(request: HttpRequest) -> JsonResponse:
    owner = request.GET.get("owner", "")
    accounts = Account.objects.raw(f"SELECT * FROM accounts_account WHERE owner = '{owner}'")  # error: BL303
    return JsonResponse({"ids": [a.id for a in accounts]})


def account_delete(request):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_account WHERE id = %s" % request.POST["id"])  # error: BL303
    return JsonResponse({"ok": True})


def account_detail(request, pk: int):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_account WHERE owner = %s", [request.GET["owner"]])
        cursor.execute(f"SELECT * FROM accounts_account WHERE id = {pk}")
        return JsonResponse({"row": cursor.fetchone()})
