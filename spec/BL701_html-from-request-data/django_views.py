"""Django views of a small shop."""
from django.http import HttpResponse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def greet(request):
    name = request.GET.get("name", "guest")
    return HttpResponse(f"<p>Welcome back, {name}!</p>")  # error: BL701


def badge(request, product):
    label = product.title
    return mark_safe(f'<span class="badge">{label}</span>')  # error: BL701


def banner(request):
    return mark_safe("<b>%s</b>" % request.POST["headline"])  # error: BL701


def price(request, product):
    return format_html(f"<b>{product.price}</b>")  # error: BL701


def price_ok(request, product):
    return format_html("<b>{}</b>", product.price)


def greet_escaped(request):
    name = request.GET.get("name", "guest")
    return HttpResponse(f"<p>Welcome back, {escape(name)}!</p>")


def static_badge(request):
    return mark_safe('<span class="badge">new</span>')
