"""Flask pages of a wiki."""
from flask import Blueprint, Flask, make_response, render_template_string, request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

app = Flask(__name__)
pages = Blueprint("pages", __name__)
env = Environment(loader=FileSystemLoader("templates"))  # error: BL701
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())


@app.route("/hello/<name>")
def hello(name):
    return f"<h1>Hello {name}</h1>"  # error: BL701


@pages.route("/search")
def search():
    term = request.args.get("q", "")
    return make_response("<p>Results for %s</p>" % term)  # error: BL701


@pages.route("/preview")
def preview():
    template = "<h2>{{ title }}</h2>" + request.form["body"]
    return render_template_string(template, title="Preview")  # error: BL701


@pages.route("/note")
def note():
    return Markup(f"<em>{request.args['note']}</em>")  # error: BL701


@pages.route("/hello-safe/<name>")
def hello_safe(name):
    return f"<h1>Hello {escape(name)}</h1>"


@pages.route("/plain")
def plain():
    return f"Hello {request.args.get('name', '')}"


@pages.route("/page/<template_name>")
def page(template_name):
    return render_template_string("<h1>{{ name }}</h1>", name=template_name)


def report(rows):
    return Markup("<ul>{}</ul>").format("".join(f"<li>{escape(row)}</li>" for row in rows))


email_env = Environment(loader=FileSystemLoader("emails"), autoescape=True)
