"""BL605: CSRF protection turned off where cookies authenticate (project rule)."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.access_control.base import AccessProjectRule
from backendlint.practices.access_control.facts import AccessControlFacts
from backendlint.semantic.analyze.identifiers import components
from backendlint.semantic.analyze.testcode import is_test_path

# Views whose caller is another service, not a browser holding the session cookie.
_SERVICE_CALLBACK_WORDS = frozenset({"webhook", "webhooks", "hook", "hooks", "callback", "ipn",
                                     "notify", "notification", "acs", "saml", "slack",
                                     "stripe", "github", "gitlab", "paypal", "twilio"})
_DEV_WORDS = frozenset({"dev", "development", "local", "test", "tests", "testing", "ci"})


class CsrfProtectionDisabled(AccessProjectRule):
    """## What it does
    Checks for CSRF protection turned off in a project whose users authenticate with a
    session cookie: `@csrf_exempt` on a view (or `csrf_exempt(view)` in a URL pattern), a
    `MIDDLEWARE` list with `SessionMiddleware` but without `CsrfViewMiddleware`,
    `WTF_CSRF_ENABLED = False` outside test and development settings, and a DRF
    `SessionAuthentication` subclass whose `enforce_csrf()` does nothing.

    Not reported: views called by other services (webhooks, provider callbacks, by name, or
    whose body checks a signature), DRF views (DRF enforces CSRF itself for session
    authentication), and projects whose settings show no session middleware (token-only
    APIs). When no settings module is visible, `@csrf_exempt` is reported with low
    confidence.

    ## Why is this bad?
    The browser sends the session cookie with every request to the site, including one a
    malicious page makes. Without the CSRF token check, that page can post forms and call
    endpoints as the logged-in user.

    ## Example
    ```python
    from django.http import JsonResponse
    from django.views.decorators.csrf import csrf_exempt


    @csrf_exempt
    def change_email(request):
        request.user.email = request.POST["email"]
        request.user.save()
        return JsonResponse({"ok": True})
    ```

    Use instead:
    ```python
    from django.http import JsonResponse
    from django.views.decorators.http import require_POST


    @require_POST
    def change_email(request):
        request.user.email = request.POST["email"]
        request.user.save()
        return JsonResponse({"ok": True})
    ```

    ## Options
    None: the settings modules of the project decide whether sessions authenticate.

    ## Fix safety
    There is no fix: the client must start sending the CSRF token.
    """

    code = "BL605"
    name = "csrf-protection-disabled"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 352
    requires_any_text = ("csrf", "CSRF", "MIDDLEWARE", "enforce_csrf")

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        analysis = cls.analysis(project, options)
        modules = analysis.modules
        settings_seen = any(endpoints.django_settings for record, endpoints
                            in analysis.endpoints_of if not is_test_path(record.path))
        sessions = any(facts.session_middleware for _, facts in modules)
        drf_views = {view.qualified for view in analysis.drf_views}
        for record, facts in modules:
            if is_test_path(record.path):
                continue
            cls._settings(project, record.path, facts)
            if settings_seen and not sessions:
                continue
            for exempt in facts.csrf_exempt:
                name = exempt.view.rsplit(".", 1)[-1]
                if (exempt.checks_signature or analysis.graph.canonical(exempt.view) in
                        drf_views or set(components(name)) & _SERVICE_CALLBACK_WORDS):
                    continue
                if sessions:
                    project.report(cls, record.path, exempt.span,
                                   f"`{name}` is exempt from CSRF checks in a project that "
                                   "authenticates with session cookies: any site can submit "
                                   "it as the logged-in user; remove `csrf_exempt`, or check "
                                   "a signature if another service calls it")
                else:
                    project.report(cls, record.path, exempt.span,
                                   f"`{name}` is exempt from CSRF checks; the project's "
                                   "MIDDLEWARE could not be seen, so whether session cookies "
                                   "authenticate it is unknown", confidence=Confidence.LOW)

    @classmethod
    def _settings(cls, project: ProjectContext, path: str, facts: AccessControlFacts) -> None:
        if set(components(path)) & _DEV_WORDS:
            return
        for setting in facts.csrf_settings:
            project.report(cls, path, setting.span,
                           f"{setting.what}: CSRF protection is off for every view; turn it "
                           "back on")
