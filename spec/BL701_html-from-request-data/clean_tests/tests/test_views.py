"""Tests build HTML from fake request data on purpose."""
from django.http import HttpResponse


def view(request):
    return HttpResponse(f"<p>{request.GET['name']}</p>")
