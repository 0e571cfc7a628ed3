"""The project index: re-exports, factories, partial aliases, C3 MRO and call edges, built
from the per-file pass's symbols exactly as a real run builds them."""

from __future__ import annotations

from pathlib import Path

from backendlint.core.context import ProjectContext
from backendlint.core.pipeline import lint_source, module_name_for
from backendlint.settings import Settings

PROJECT = {
    "shop/__init__.py": "",
    "shop/api/__init__.py": (
        "from .v1 import login_router, users_router\n"
        "from .factory import create_app as make\n"
        "__all__ = ['login_router', 'users_router', 'make']\n"),
    "shop/api/v1.py": (
        "from fastapi import APIRouter\n"
        "login_router = APIRouter()\n"
        "users_router = APIRouter()\n"),
    "shop/api/factory.py": (
        "import functools\n"
        "from flask import Flask\n"
        "from shop.services import Store\n\n"
        "def create_app():\n"
        "    app = Flask(__name__)\n"
        "    return app\n\n"
        "register = functools.partial(print, 'x')\n\n"
        "async def handler(store: Store):\n"
        "    await store.save()\n"
        "    store.load()\n"),
    "shop/services.py": (
        "class SyncBase:\n"
        "    def save(self):\n        return 1\n"
        "    def load(self):\n        return 2\n\n"
        "class AsyncMixin:\n"
        "    async def save(self):\n        return 3\n\n"
        "class Store(AsyncMixin, SyncBase):\n"
        "    pass\n"),
}


def build(tmp_path: Path) -> ProjectContext:
    settings = Settings(enabled=frozenset({"BL107"}))
    modules = []
    for relative, text in PROJECT.items():
        path = tmp_path / "copy-with-another-name" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for relative in PROJECT:
        path = tmp_path / "copy-with-another-name" / relative
        module, is_package = module_name_for(path)
        result = lint_source(relative, path.read_bytes(), settings, module, is_package)
        modules.append({"path": relative, "module": module, "facts": result.facts})
    return ProjectContext(modules, settings)


def test_module_names_come_from_the_package_chain(tmp_path: Path) -> None:
    index = build(tmp_path).index
    assert index.module("shop.api.v1") is not None
    assert index.module("copy-with-another-name.shop.api.v1") is None


def test_re_exports_through_a_package_init_resolve_to_the_definition(tmp_path: Path) -> None:
    index = build(tmp_path).index
    assert index.resolve("shop.api.login_router") == "shop.api.v1.login_router"
    assert index.value("shop.api.users_router") == "fastapi.APIRouter()"
    assert index.resolve("shop.api.make") == "shop.api.factory.create_app"
    assert index.module("shop.api") is not None
    assert index.module("shop.api")[1].exports == ["login_router", "users_router", "make"]


def test_factory_returns_and_partial_aliases(tmp_path: Path) -> None:
    index = build(tmp_path).index
    assert index.returns("shop.api.make") == ["flask.Flask()"]
    assert index.resolve("shop.api.factory.register") == "builtins.print"


def test_c3_mro_picks_the_async_override_listed_first(tmp_path: Path) -> None:
    index = build(tmp_path).index
    assert index.mro("shop.services.Store") == (
        "shop.services.Store", "shop.services.AsyncMixin", "shop.services.SyncBase")
    save = index.method("shop.services.Store", "save")
    assert save is not None and save.qualified == "shop.services.AsyncMixin.save"
    assert save.symbol.is_async
    load = index.function("shop.services.Store.load")
    assert load is not None and not load.symbol.is_async
    assert [ref.qualified for ref in index.subclasses("shop.services.SyncBase")] == [
        "shop.services.Store"]


def test_call_edges_know_whether_the_result_is_awaited(tmp_path: Path) -> None:
    index = build(tmp_path).index
    handler = index.function("shop.api.factory.handler")
    assert handler is not None and handler.symbol.is_async
    calls = {site.callee: site.awaited for site in handler.symbol.calls}
    assert calls == {"shop.services.Store().save": True, "shop.services.Store().load": False}
    assert handler.symbol.parameters == ("store",)


def test_unknown_names_come_back_unchanged(tmp_path: Path) -> None:
    index = build(tmp_path).index
    assert index.resolve("requests.get") == "requests.get"
    assert index.function("shop.api.nothing_here") is None
    assert index.mro("django.db.models.Model") == ("django.db.models.Model",)


def test_callers_of_a_method_found_through_the_instance_and_mro(tmp_path: Path) -> None:
    index = build(tmp_path).index
    assert index.callee("shop.services.Store().save") == "shop.services.AsyncMixin.save"
    (caller,) = index.callers("shop.services.SyncBase.load")
    assert caller.caller.qualified == "shop.api.factory.handler"
    assert not caller.site.awaited and caller.site.line == 13
    (awaiting,) = index.callers("shop.services.AsyncMixin.save")
    assert awaiting.site.awaited is True


def test_call_sites_include_module_level_calls_and_what_each_passes(tmp_path: Path) -> None:
    settings = Settings(enabled=frozenset({"BL107"}))
    files = {"app/__init__.py": "",
             "app/rules.py": "def allowed(action, default=False):\n    return default\n",
             "app/use.py": ("from app.rules import allowed\n"
                            "ANONYMOUS = allowed('read', default=None)\n"
                            "def check(flag):\n    return allowed('write', flag, *extra)\n")}
    modules = []
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        module, is_package = module_name_for(path)
        result = lint_source(relative, text, settings, module, is_package)
        modules.append({"path": relative, "module": module, "facts": result.facts})
    sites = ProjectContext(modules, settings).index.call_sites("app.rules.allowed")
    found = sorted((record.path, site.line, site.passed, site.constant_args)
                   for record, site in sites)
    assert found == [("app/use.py", 2, ("0", "default"), {"0": "'read'", "default": "None"}),
                     ("app/use.py", 4, ("0", "1", "*"), {"0": "'write'"})]


def test_symbols_hold_tuples_with_empty_ones_shared(tmp_path: Path) -> None:
    from backendlint.core.facts import pack, unpack

    index = build(tmp_path).index
    symbols = [symbols for _, symbols in index.modules()]
    functions = [function for found in symbols for function in found.functions.values()]
    classes = [cls for found in symbols for cls in found.classes.values()]
    assert functions and classes
    for function in functions:
        for values in (function.decorators, function.calls, function.returned,
                       function.parameters):
            assert isinstance(values, tuple)
        for site in function.calls:
            assert isinstance(site.passed, tuple)
    assert all(isinstance(cls.bases, tuple) and isinstance(cls.methods, tuple)
               for cls in classes)
    # Packed and unpacked (as the project pass of a big run has them), an empty one is the
    # one empty tuple, not an object of each function's own.
    again = [unpack(pack(found)) for found in symbols]
    assert again == symbols
    empties = [values for found in again for function in found.functions.values()
               for values in (function.decorators, function.returned) if not values]
    assert empties and all(values == () for values in empties)
