"""The endpoint model's per-module facts: what one module says about the objects that serve
requests (apps, routers, blueprints), the routes and URL patterns on them, the views behind
them (functions and classes, with their decorators and dependencies), how objects are joined
(`include_router`, `register_blueprint`, factories, parameters) and the framework settings.

Framework-generic: nothing here knows what a rate limit or a permission is. A module's
`EndpointFacts` are stored once, under their own key, whichever practices read them (rate
limiting, access control); each practice keeps in its own facts only the parameters its
questions added (`EndpointReader.added_parameters`), and reads the joined project with
`module_endpoints` and `semantic.endpoints.graph.EndpointGraph`.

Objects are named by an identity string: the qualified name of the variable that holds them
(`app.main.app`, `app.factory.create_app.app` for a local, `app.factory.create_app()` for
what a factory returns). The graph joins the identities of every module, so an object created
in one module and used through an import, a factory or a function parameter in another is
one object.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import ClassVar, Optional

from backendlint.core.facts import ModuleFacts, Span


class DecoratorKind(enum.Enum):
    OTHER = "other"
    ROUTE = "route"  # @app.get(...), @bp.route(...)
    METHODS = "methods"  # require_POST, require_http_methods([...])
    API_VIEW = "api_view"  # DRF @api_view([...])
    ACTION = "action"  # DRF @action(methods=[...])


@dataclass
class Decorator:
    """One decorator of a view (or one wrapper call around a view: `wrap(...)(view)`)."""

    index: int
    # The decorator's qualified name; for a call, the called function's.
    qualified: Optional[str] = None
    # The attribute name when written `receiver.attr` or `receiver.attr(...)`.
    attr: Optional[str] = None
    # The identity (or qualified name) of that receiver.
    receiver: Optional[str] = None
    is_call: bool = False
    kind: DecoratorKind = DecoratorKind.OTHER
    methods: Optional[list[str]] = None
    # The classes a DRF class-list decorator names (`@throttle_classes([...])`); None when
    # not a literal list.
    classes: Optional[list[str]] = None
    is_class_list: bool = False
    url_path: Optional[str] = None
    # `method_decorator(..., name="post")`: the handler it applies to.
    handler: Optional[str] = None


@dataclass
class Dependency:
    """A FastAPI dependency: `Depends(target)` in a `dependencies=[...]` list or a parameter.
    `target` is the qualified name of what it calls ("?" when unknown)."""

    target: str
    span: Span
    # Whether the target is called in place (`Depends(RateLimiter(...))`).
    called: bool = False
    # A parameter annotated Optional (`user: User | None = Depends(...)`): not a requirement.
    optional: bool = False
    # The keyword arguments of `Depends(Target(...))`'s inner call, by name.
    keywords: list[str] = field(default_factory=list)


@dataclass
class FunctionSummary:
    """A function that may serve requests (it has decorators or takes a request)."""

    qualified: str
    name: str
    span: Span
    decorators: list[Decorator]
    has_request: bool
    parameter_dependencies: list[Dependency] = field(default_factory=list)
    parameters: list[str] = field(default_factory=list)


@dataclass
class ClassList:
    """`throttle_classes = [...]` and the like on a view class; `classes` is None when the
    value is not a literal list."""

    classes: Optional[list[str]]
    span: Span


@dataclass
class Handler:
    """A method of a view class."""

    span: Span
    decorators: list[Decorator]


@dataclass
class ClassSummary:
    qualified: str
    name: str
    span: Span
    bases: list[str]
    decorators: list[Decorator]
    handlers: dict[str, Handler] = field(default_factory=dict)
    class_lists: dict[str, ClassList] = field(default_factory=dict)
    # String class attributes (`throttle_scope = "login"`); "?" when not a literal.
    strings: dict[str, str] = field(default_factory=dict)
    string_spans: dict[str, Span] = field(default_factory=dict)
    # `decorators = [...]` on a Flask view class.
    view_decorators: Optional[list[Decorator]] = None
    # `methods = [...]` on a Flask view class.
    methods: Optional[list[str]] = None
    # `method_decorators = [...]` on a flask-restful Resource.
    method_decorators: list[Decorator] = field(default_factory=list)


class RouteStyle(enum.Enum):
    DECORATOR = "decorator"
    CALL = "call"


@dataclass
class Route:
    """A route on an app, router or blueprint (or a Starlette `Route(...)`, owner None)."""

    owner: Optional[str]
    owner_type: Optional[str]
    path: str
    methods: Optional[list[str]]
    view: Optional[str]
    dependencies: list[Dependency]
    span: Span
    style: RouteStyle
    # The position of the route decorator among the function's decorators.
    route_index: int = -1
    # The decorated function (decorator style).
    function: Optional[FunctionSummary] = None
    # Calls wrapped around the view where it is registered (`limiter.limit(...)(view)`).
    wrappers: list[Decorator] = field(default_factory=list)


@dataclass
class ServingObject:
    """An app, router or blueprint constructed here."""

    identity: str
    kind: str
    prefix: str
    dependencies: list[Dependency]
    middleware: list[str]
    exception_handlers: list[str]


@dataclass
class Include:
    """`parent.include_router(child, ...)`, `parent.register_blueprint(child, ...)`."""

    parent: str
    child: str
    dependencies: list[Dependency]
    prefix: str


@dataclass
class MiddlewareAdded:
    app: str
    middleware: str


@dataclass
class ExceptionHandler:
    """`app.add_exception_handler(Exc, h)` or `@app.exception_handler(Exc)`."""

    app: str
    exception: str


@dataclass
class UrlPattern:
    """A Django `path(...)` or a DRF router's `register(...)`."""

    view: str
    path: str
    span: Span
    wrappers: list[Decorator] = field(default_factory=list)


@dataclass
class ViewAlias:
    """A module-level name bound to a view made in place, with the wrappers around it."""

    view: str
    wrappers: list[Decorator] = field(default_factory=list)


@dataclass
class CallArgument:
    """`register_routes(app)`: the callee's parameter (by position, or keyword) is the
    caller's object."""

    callee: str
    identity: str
    position: int = -1
    keyword: Optional[str] = None


@dataclass
class DictKeys:
    keys: list[str]
    complete: bool


@dataclass
class DrfSettings:
    """`REST_FRAMEWORK = {...}` in a settings module. `known` is False when the dict is not
    a literal (or spreads another); class lists are None when not literal."""

    known: bool
    class_lists: dict[str, Optional[list[str]]] = field(default_factory=dict)
    class_list_spans: dict[str, Span] = field(default_factory=dict)
    mappings: dict[str, DictKeys] = field(default_factory=dict)


@dataclass
class EndpointFacts(ModuleFacts):
    practice: ClassVar[str] = "endpoints"
    version: ClassVar[int] = 1

    routes: list[Route] = field(default_factory=list)
    objects: list[ServingObject] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    middleware: list[MiddlewareAdded] = field(default_factory=list)
    exception_handlers: list[ExceptionHandler] = field(default_factory=list)
    urls: list[UrlPattern] = field(default_factory=list)
    functions: dict[str, FunctionSummary] = field(default_factory=dict)
    classes: dict[str, ClassSummary] = field(default_factory=dict)
    # Methods a Django function view tests for (`request.method == "POST"`), by function.
    method_hints: dict[str, list[str]] = field(default_factory=dict)
    # Two identities of one object (`app = create_app()`, `return app`).
    aliases: list[tuple[str, str]] = field(default_factory=list)
    call_arguments: list[CallArgument] = field(default_factory=list)
    # Parameter names of functions whose parameters hold objects, by function.
    parameters: dict[str, list[str]] = field(default_factory=dict)
    drf_settings: Optional[DrfSettings] = None
    django_middleware: list[str] = field(default_factory=list)
    # A Django settings module (INSTALLED_APPS is set).
    django_settings: bool = False
    authentication_backends: list[str] = field(default_factory=list)
    # What function bodies do (knowledge.auth markers: auth_check, oauth_redirect,
    # signature_check, lockout), by the qualified name of every enclosing function.
    markers: dict[str, list[str]] = field(default_factory=dict)
    # Module-level names bound to a view made in place (`password_reset =
    # PasswordResetView.as_view(...)`): name → the view's qualified name.
    view_aliases: dict[str, ViewAlias] = field(default_factory=dict)
    # Instance attributes set to a class loaded by its dotted name (`self.login_view =
    # get_class("customer.views", "AccountAuthView")`): `Class.attr` → `customer.views.AccountAuthView`.
    loaded_classes: dict[str, str] = field(default_factory=dict)


def with_parameters(facts: EndpointFacts, added: dict[str, list[str]]) -> EndpointFacts:
    """Endpoint facts with a practice's own parameter records laid over the shared ones."""
    if not added:
        return facts
    merged = dict(facts.parameters)
    merged.update(added)
    return dataclasses.replace(facts, parameters=merged)
