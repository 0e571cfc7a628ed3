"""Flash messages of a budgeting app, translated with Flask-Babel."""
from flask_babel import gettext as _
from markupsafe import Markup, escape


def duplicate_project(project_id):
    message = _('A project with the identifier "%(project)s" already exists.', project=project_id)
    return Markup(message)  # error: BL701


def form_errors(prefix, errors):
    listed = f"<ul><li>{'</li><li>'.join(errors)}</li></ul>"
    return Markup(_("{prefix}:<br />{errors}").format(prefix=prefix, errors=listed))  # error: BL701


def invalid_amount():
    message = _("Not a valid amount.")
    return Markup(message)


def escaped_project(project_id):
    message = _('The project "%(project)s" was deleted.', project=escape(project_id))
    return Markup(message)


def rendered_error(renderer, error):
    error = renderer.render_fully_escaped(error)
    return Markup(f"{error} - <a href='/settings'>check the settings</a>")
