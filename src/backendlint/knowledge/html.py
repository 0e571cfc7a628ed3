"""Where HTML is built and sent, and what escapes text for it (Django, Flask/Jinja2,
FastAPI/Starlette, MarkupSafe, bleach)."""

from __future__ import annotations

# Responses whose body is HTML.
HTML_RESPONSES = frozenset({
    "fastapi.responses.HTMLResponse", "starlette.responses.HTMLResponse",
})
# Responses whose media type decides (`media_type="text/html"`; Django's default is HTML).
GENERIC_RESPONSES = frozenset({
    "fastapi.Response", "fastapi.responses.Response", "starlette.responses.Response",
})
DJANGO_RESPONSES = frozenset({"django.http.HttpResponse", "django.http.response.HttpResponse"})
FLASK_RESPONSES = frozenset({"flask.make_response", "flask.Response", "werkzeug.Response",
                             "werkzeug.wrappers.Response"})
# Calls that declare a text trusted HTML: whatever they get is sent unescaped.
MARK_SAFE = frozenset({
    "django.utils.safestring.mark_safe", "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText", "markupsafe.Markup", "flask.Markup",
    "jinja2.Markup", "jinja2.utils.Markup",
})
FORMAT_HTML = frozenset({"django.utils.html.format_html"})
TEMPLATE_FROM_STRING = frozenset({
    "flask.render_template_string", "flask.templating.render_template_string",
})
JINJA_ENVIRONMENTS = frozenset({"jinja2.Environment", "jinja2.environment.Environment",
                                "jinja2.Template"})
# Calls whose result is safe to put into HTML.
ESCAPERS = frozenset({
    "html.escape", "markupsafe.escape", "flask.escape", "jinja2.escape",
    "django.utils.html.escape", "django.utils.html.conditional_escape",
    "django.utils.html.format_html", "django.utils.html.format_html_join",
    "django.utils.html.strip_tags", "django.utils.html.escapejs", "django.utils.html.urlize",
    "django.utils.html.json_script", "django.utils.html.linebreaks",
    "django.utils.text.slugify", "bleach.clean", "bleach.linkify", "nh3.clean",
    "urllib.parse.quote", "urllib.parse.quote_plus", "urllib.parse.urlencode",
    "django.urls.reverse", "django.shortcuts.reverse", "flask.url_for",
    "django.templatetags.static.static", "django.template.loader.render_to_string",
    "flask.render_template", "json.dumps",
    "builtins.int", "builtins.float", "builtins.len", "builtins.bool", "builtins.round",
    "builtins.hash", "builtins.id", "builtins.abs",
})
# Method names that escape whatever object they are called on (`Markup.escape`,
# `serializer.escape`), and the `|e`-style names.
ESCAPING_METHODS = frozenset({"escape", "escape_silent", "clean", "sanitize", "quote"})
# Text the application itself wrote (translations, settings, URLs): not attacker data.
TRUSTED_TEXT = frozenset({
    "django.utils.translation.gettext", "django.utils.translation.gettext_lazy",
    "django.utils.translation.ugettext", "django.utils.translation.ugettext_lazy",
    "django.utils.translation.pgettext", "django.utils.translation.ngettext",
    "django.utils.translation.pgettext_lazy", "django.utils.translation.ngettext_lazy",
    "flask_babel.gettext", "flask_babel.lazy_gettext", "gettext.gettext",
    "django.utils.safestring.mark_safe", "markupsafe.Markup", "django.utils.html.format_html",
})
