"""Views that build HTML safely: escaping, format_html with placeholders, templates."""
import html

import bleach
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/hello")
async def hello(name: str) -> HTMLResponse:
    return HTMLResponse(f"<h1>Hello {html.escape(name)}</h1>")


def comment(request):
    body = bleach.clean(request.POST["body"])
    return HttpResponse(f"<div class='comment'>{body}</div>")


def tags(request, post):
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((t,) for t in post.tags)))


def help_text(request):
    return mark_safe(f"<p>{_('Read the manual first.')}</p>")


def profile(request):
    return render(request, "profile.html", {"name": request.GET.get("name")})


def count(request):
    return HttpResponse(f"<p>{len(request.GET)}</p>")
