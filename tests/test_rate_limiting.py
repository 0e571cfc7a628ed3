"""Rate limiting (BL5xx): the project pass joins module facts, so setup in one module changes
findings in another; options reach the rules; the pass needs nothing but the facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import pytest

from backendlint.core.facts import facts_or_none
from backendlint.core.findings import Confidence
from backendlint.core.pipeline import FileResult
from backendlint.core.runner import RunResult, finish_run, lint_paths
from backendlint.practices.rate_limiting.facts import RateLimitFacts
from backendlint.practices.rate_limiting.options import RateLimitingOptions
from backendlint.practices.rate_limiting.sensitivity import is_sensitive
from backendlint.semantic.endpoints.facts import EndpointFacts
from backendlint.settings import Settings

CODES = ("BL501", "BL502", "BL503", "BL504")
# BL502 with scope = "all-mutating" also reports the unlimited POST /logout of AUTH (the
# default scope leaves it: it changes only the caller's session); most tests leave it out.
DEFAULT_CODES = ("BL501", "BL503", "BL504")

AUTH = '''\
from fastapi import APIRouter

router = APIRouter(prefix="/auth")


@router.post("/login")
async def login(username: str, password: str) -> dict[str, str]:
    return {"access_token": "..."}


@router.post("/logout")
async def logout() -> None:
    return None
'''

MAIN_WITHOUT_LIMITS = '''\
from fastapi import FastAPI

from .routers import auth

app = FastAPI()
app.include_router(auth.router)
'''

MAIN_WITH_DEFAULT_LIMITS = '''\
from fastapi import FastAPI
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.middleware import SlowAPIMiddleware
from slowapi.util import get_remote_address

from .routers import auth

limiter = Limiter(key_func=get_remote_address, default_limits=["100/minute"])
app = FastAPI()
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
app.add_middleware(SlowAPIMiddleware)
app.include_router(auth.router)
'''

MAIN_WITH_INCLUDE_DEPENDENCY = '''\
from fastapi import Depends, FastAPI
from fastapi_limiter import FastAPILimiter
from fastapi_limiter.depends import RateLimiter

from .routers import auth as auth_routes

api = FastAPI()


@api.on_event("startup")
async def startup() -> None:
    await FastAPILimiter.init(api.state.redis)


api.include_router(auth_routes.router,
                   dependencies=[Depends(RateLimiter(times=5, seconds=60))])
'''

# The limiter is created, but its middleware is never added: default_limits do nothing.
MAIN_WITHOUT_MIDDLEWARE = MAIN_WITH_DEFAULT_LIMITS.replace(
    "app.add_middleware(SlowAPIMiddleware)\n", "")


def settings(*codes: str, options: Optional[RateLimitingOptions] = None) -> Settings:
    result = Settings(enabled=frozenset(codes or DEFAULT_CODES))
    if options is not None:
        result.practice_options[RateLimitFacts.practice] = options
    return result


def write_project(root: Path, files: dict[str, str]) -> list[tuple[Path, str]]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for package in ("app", "app/routers"):
        if (root / package).is_dir():
            (root / package / "__init__.py").touch()
    return [(path, path.relative_to(root).as_posix()) for path in sorted(root.rglob("*.py"))]


def lint(root: Path, files: dict[str, str], config: Optional[Settings] = None) -> RunResult:
    return lint_paths(write_project(root, files), config or settings())


def found(run: RunResult) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.code) for f in run.findings}


LOGIN = ("app/routers/auth.py", 7, "BL501")


def test_main_alone_decides_the_findings_in_the_auth_router(tmp_path: Path) -> None:
    unlimited = lint(tmp_path, {"app/main.py": MAIN_WITHOUT_LIMITS,
                                "app/routers/auth.py": AUTH})
    assert found(unlimited) == {LOGIN}
    [finding] = unlimited.findings
    assert "POST /auth/login" in finding.message
    everything = lint(tmp_path, {}, settings(*CODES))
    assert found(everything) == {LOGIN}
    all_mutating = lint(tmp_path, {}, settings(
        *CODES, options=RateLimitingOptions(scope="all-mutating")))
    assert found(all_mutating) == {LOGIN, ("app/routers/auth.py", 12, "BL502")}
    # Only main.py changes: slowapi default limits on the app that includes the router.
    limited = lint(tmp_path, {"app/main.py": MAIN_WITH_DEFAULT_LIMITS})
    assert found(limited) == set()
    # ...or a fastapi-limiter dependency on the include_router call, under another app name.
    through_include = lint(tmp_path, {"app/main.py": MAIN_WITH_INCLUDE_DEPENDENCY})
    assert found(through_include) == set()
    # ...and a setup whose middleware is missing limits nothing: BL503 there, BL501 here.
    broken = lint(tmp_path, {"app/main.py": MAIN_WITHOUT_MIDDLEWARE})
    assert found(broken) == {("app/main.py", 9, "BL503"), LOGIN}


def test_message_suggests_the_limiter_the_project_already_uses(tmp_path: Path) -> None:
    main = MAIN_WITH_DEFAULT_LIMITS.replace(', default_limits=["100/minute"]', "")
    run = lint(tmp_path, {"app/main.py": main, "app/routers/auth.py": AUTH})
    [finding] = run.findings
    assert finding.code == "BL501"
    assert 'add @limiter.limit("5/minute") (slowapi is configured in main.py)' \
        in finding.message


def test_project_pass_works_from_facts_alone(tmp_path: Path) -> None:
    run = lint(tmp_path, {"app/main.py": MAIN_WITHOUT_MIDDLEWARE, "app/routers/auth.py": AUTH})
    assert run.findings
    revived = [FileResult.from_json(json.loads(json.dumps(result.to_json())))
               for result in run.results]
    assert finish_run(revived, settings()).findings == run.findings


def test_facts_are_collected_once_when_every_rule_is_enabled(tmp_path: Path) -> None:
    run = lint(tmp_path, {"app/main.py": MAIN_WITHOUT_LIMITS, "app/routers/auth.py": AUTH})
    auth = next(r for r in run.results if r.path == "app/routers/auth.py")
    assert facts_or_none(RateLimitFacts, auth.facts[RateLimitFacts.practice]) is not None
    endpoints = facts_or_none(EndpointFacts, auth.facts[EndpointFacts.practice])
    assert endpoints is not None
    assert [route.path for route in endpoints.routes] == ["/login", "/logout"]


def test_each_rule_collects_when_it_is_the_only_one_enabled(tmp_path: Path) -> None:
    files = {"app/main.py": MAIN_WITHOUT_LIMITS, "app/routers/auth.py": AUTH}
    assert found(lint(tmp_path, files, settings("BL501"))) == {LOGIN}
    assert found(lint(tmp_path, files, settings("BL504"))) == set()


def test_gateway_leaves_only_broken_limits(tmp_path: Path) -> None:
    files = {"app/main.py": MAIN_WITHOUT_MIDDLEWARE, "app/routers/auth.py": AUTH}
    run = lint(tmp_path, files, settings(options=RateLimitingOptions(gateway=True)))
    assert found(run) == {("app/main.py", 9, "BL503")}


ORDERS = '''\
from fastapi import APIRouter, Depends, FastAPI

from app.security import limited, order_quota

app = FastAPI()
router = APIRouter()


@router.get("/orders")
async def list_orders() -> list[int]:
    return []


@router.post("/orders")
async def create_order(item_id: int) -> int:
    return item_id


@router.post("/carts")
@limited("10/minute")
async def create_cart() -> None:
    return None


@router.delete("/carts/{cart_id}", dependencies=[Depends(order_quota)])
async def delete_cart(cart_id: int) -> None:
    return None


app.include_router(router)
'''
SECURITY = '''\
def limited(rate):
    return lambda func: func


async def order_quota() -> None:
    return None


class QuotaMiddleware:
    pass
'''


@pytest.mark.parametrize("scope,expected", [
    ("sensitive", set()),
    ("anonymous", {15}),
    ("all-mutating", {15}),
    ("mutating", {15}),
    ("all", {10, 15}),
])
def test_scope_option(tmp_path: Path, scope: str, expected: set[int]) -> None:
    options = RateLimitingOptions(scope=scope,  # type: ignore[arg-type]
                                  decorators=["app.security.limited"],
                                  dependencies=["app.security.*_quota"])
    run = lint(tmp_path, {"app/api.py": ORDERS, "app/security.py": SECURITY},
               settings("BL502", options=options))
    assert {f.line for f in run.findings if f.code == "BL502"} == expected


def test_custom_decorators_dependencies_and_middleware(tmp_path: Path) -> None:
    files = {"app/api.py": ORDERS, "app/security.py": SECURITY}
    plain = lint(tmp_path, files, settings("BL502"))
    # A dependency named for a quota limits without configuration; `limited` needs it.
    assert {f.line for f in plain.findings} == {15, 21}
    custom = RateLimitingOptions(decorators=["app.security.limited"],
                                 dependencies=["app.security.order_quota"])
    assert {f.line for f in lint(tmp_path, files, settings("BL502", options=custom)).findings} \
        == {15}
    middleware = ORDERS.replace("app = FastAPI()",
                                "app = FastAPI()\napp.add_middleware(QuotaMiddleware)").replace(
        "import limited, order_quota", "import QuotaMiddleware, limited, order_quota")
    with_middleware = RateLimitingOptions(middleware=["app.security.Quota*"])
    run = lint(tmp_path, {"app/api.py": middleware}, settings("BL502", options=with_middleware))
    assert run.findings == []


def test_no_routes_means_no_findings(tmp_path: Path) -> None:
    limiter_only = '''\
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=["1/second"])


def login(username: str) -> None:
    return None
'''
    assert lint(tmp_path, {"app/limits.py": limiter_only}).findings == []


def test_unresolved_receivers_are_not_routes(tmp_path: Path) -> None:
    source = '''\
from somewhere import registry


@registry.post("/login")
async def login(username: str) -> None:
    return None
'''
    assert lint(tmp_path, {"app/api.py": source}).findings == []


def test_router_that_no_known_app_includes_is_checked_at_low_confidence(
        tmp_path: Path) -> None:
    # The auth router is included by code outside the linted files: its own limits are
    # checked, the message says app-level limits could not be seen, the confidence is low,
    # and -v lists the router.
    main = MAIN_WITHOUT_LIMITS.replace("app.include_router(auth.router)\n", "")
    run = lint(tmp_path, {"app/main.py": main, "app/routers/auth.py": AUTH})
    assert found(run) == {LOGIN}
    [finding] = run.findings
    assert finding.confidence is Confidence.LOW
    assert "app-level limits could not be seen: no app includes `router`" in finding.message
    assert any("app.routers.auth.router" in note for note in run.notes)


def test_routers_only_test_apps_include_are_unattached(tmp_path: Path) -> None:
    files = {"tests/test_login.py": MAIN_WITHOUT_LIMITS.replace(
        "from .routers import auth", "from app.routers import auth"),
        "app/routers/auth.py": AUTH}
    run = lint(tmp_path, files)
    assert found(run) == {LOGIN}
    assert run.findings[0].confidence is Confidence.LOW


def test_noqa_on_the_route_decorator_line(tmp_path: Path) -> None:
    auth = AUTH.replace('@router.post("/login")', '@router.post("/login")  # noqa: BL501')
    run = lint(tmp_path, {"app/main.py": MAIN_WITHOUT_LIMITS, "app/routers/auth.py": auth})
    assert run.findings == []
    assert run.suppressed == 1


@pytest.mark.parametrize("names,paths,methods,full_path,expected", [
    (["login"], ["/login"], {"POST"}, "/auth/login", True),
    (["login_page"], ["/login"], {"GET"}, "/auth/login", False),
    (["me"], ["/me"], {"POST"}, "/auth/me", False),
    (["logout"], ["/logout"], {"POST"}, "/auth/logout", False),
    (["password_settings"], ["/settings/password"], {"POST"}, "/settings/password", False),
    (["verify_email"], ["/verify/{token}"], {"GET"}, "/verify/{token}", True),
    (["resetPassword"], ["/reset-password"], {"PUT"}, "/reset-password", True),
    # An OAuth callback's code is bound to the session's state: nothing to guess.
    (["callback"], ["/callback"], {"GET"}, "/oauth/google/callback", False),
    (["callback"], ["/callback"], {"POST"}, "/payments/callback", False),
    (["MagicLinkView"], ["/magic-link"], {"GET"}, "/magic-link", False),
    (["consume"], ["/magic-link/{token}"], {"GET"}, "/magic-link/{token}", True),
    # A Django view with unknown methods serves every method, POST included.
    (["SignUpView"], ["signup/"], None, "/signup/", True),
    (["password_reset_done"], ["password-reset/done/"], None, "/password-reset/done/", False),
    # GET links act only when they carry a code (in the path or as a parameter).
    (["verify_email_request"], ["/verify-request"], {"GET"}, "/verify-request", False),
    # Vocabulary: recovery, unlock, sign-up as creating a user.
    (["recover_account"], ["/recover"], {"POST"}, "/recover", True),
    (["unlock"], ["/unlock/{token}"], {"GET"}, "/unlock/{token}", True),
    (["create_user"], ["/users/"], {"POST"}, "/users/", True),
    (["create_order"], ["/orders/"], {"POST"}, "/orders/", False),
    (["activate"], ["activate/<uidb64>/<token>/"], None, "/activate/", True),
    (["login_required_view"], ["/private"], {"POST"}, "/private", False),
    (["LoginRequiredMixin"], ["/login-protected"], {"POST"}, "/login-protected", False),
])
def test_sensitivity(names: list[str], paths: list[str], methods: Optional[set[str]],
                     full_path: str, expected: bool) -> None:
    assert is_sensitive(names, paths, methods, full_path) is expected


FLASK_APP = '''\
from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from app.admin import admin_bp

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)
app.register_blueprint(admin_bp, url_prefix="/admin")
'''
FLASK_ADMIN = '''\
from flask import Blueprint

admin_bp = Blueprint("admin", __name__)


@admin_bp.before_request
def limit_admin():
    from app.main import limiter

    limiter.check()


@admin_bp.post("/refunds")
def issue_refund():
    return "", 201
'''


def test_flask_before_request_check_limits_the_blueprint(tmp_path: Path) -> None:
    checked = lint(tmp_path, {"app/main.py": FLASK_APP, "app/admin.py": FLASK_ADMIN},
                   settings("BL502"))
    assert found(checked) == set()
    unchecked = FLASK_ADMIN.replace("    limiter.check()\n", "    return None\n")
    run = lint(tmp_path, {"app/admin.py": unchecked}, settings("BL502"))
    assert found(run) == {("app/admin.py", 14, "BL502")}
