"""The semantic model answers at the node being visited; tested through a probe rule."""

from __future__ import annotations

import ast
import sys
from typing import Optional

import pytest

from backendlint.core.context import FileContext, SourceText
from backendlint.core.pipeline import Traversal
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.settings import Settings


class _Probe(Rule):
    code = "BL999"
    name = "probe"
    practice = "engine"

    def __init__(self, ctx: FileContext, options: PracticeOptions) -> None:
        super().__init__(ctx, options)
        self.calls: dict[str, tuple[Optional[str], bool]] = {}

    def visit_Call(self, node: ast.Call) -> None:
        label = ast.unparse(node.func)
        self.calls[label] = (self.ctx.semantic.qualified_name(node.func),
                             self.ctx.semantic.in_async_function())


def probe(source: str, module: str = "app.views") -> dict[str, tuple[Optional[str], bool]]:
    tree = ast.parse(source)
    ctx = FileContext("app/views.py", SourceText(source), tree, module, False,
                      Settings(enabled=frozenset()))
    rule = _Probe(ctx, PracticeOptions())
    Traversal(ctx, [rule]).walk(tree)
    return rule.calls


def qualified(source: str, call: str, module: str = "app.views") -> Optional[str]:
    return probe(source, module)[call][0]


def test_aliases_and_from_imports() -> None:
    source = "import time as t\nfrom time import sleep as zz\nt.sleep(1)\nzz(1)\n"
    assert qualified(source, "t.sleep") == "time.sleep"
    assert qualified(source, "zz") == "time.sleep"


def test_dotted_import_binds_top_package() -> None:
    assert qualified("import os.path\nos.path.exists('x')\n", "os.path.exists") == \
        "os.path.exists"
    assert qualified("import urllib.request as ur\nur.urlopen('x')\n", "ur.urlopen") == \
        "urllib.request.urlopen"


def test_import_below_its_use_resolves() -> None:
    source = "async def f():\n    requests.get('u')\n\nimport requests\n"
    assert probe(source)["requests.get"] == ("requests.get", True)


def test_function_local_import() -> None:
    source = "def f():\n    from subprocess import run\n    run(['ls'])\n"
    assert qualified(source, "run") == "subprocess.run"


def test_parameter_shadows_import() -> None:
    source = "import requests\ndef f(requests):\n    requests.get('u')\n"
    assert qualified(source, "requests.get") is None


def test_builtins_and_shadowed_builtins() -> None:
    assert qualified("open('f')\n", "open") == "builtins.open"
    assert qualified("def open(p): pass\nopen('f')\n", "open") == "app.views.open"


def test_constructor_bound_local_and_method() -> None:
    source = ("import requests\nasync def f():\n    s = requests.Session()\n"
              "    s.get('u')\n")
    assert qualified(source, "s.get") == "requests.Session().get"


def test_annotated_parameter_is_an_instance() -> None:
    source = ("from typing import Optional\nimport httpx\n"
              "def f(c: Optional[httpx.Client], d: 'httpx.Client | None'):\n"
              "    c.get('u')\n    d.post('u')\n")
    assert qualified(source, "c.get") == "httpx.Client().get"
    assert qualified(source, "d.post") == "httpx.Client().post"


def test_with_target_and_self_attribute() -> None:
    source = (
        "import httpx\n"
        "class Api:\n"
        "    def __init__(self):\n"
        "        self.client = httpx.Client()\n"
        "    async def fetch(self):\n"
        "        with httpx.Client() as c:\n"
        "            c.get('u')\n"
        "        self.client.post('u')\n"
    )
    calls = probe(source)
    assert calls["c.get"] == ("httpx.Client().get", True)
    assert calls["self.client.post"] == ("httpx.Client().post", True)


def test_relative_import_resolves_against_module() -> None:
    assert qualified("from .models import User\nUser.objects.get()\n",
                     "User.objects.get", module="app.views") == "app.models.User.objects.get"
    assert qualified("from ..core import cfg\ncfg()\n", "cfg", module="app.api.views") == \
        "app.core.cfg"


@pytest.mark.parametrize("source,expected", [
    ("async def f():\n    g()\n", True),
    ("async def f():\n    def inner():\n        g()\n", False),
    ("async def f():\n    x = lambda: g()\n", False),
    ("async def f():\n    class K:\n        g()\n", False),
    ("def f():\n    g()\n", False),
    ("def f():\n    async def inner():\n        g()\n", True),
    ("async def f():\n    [g() for _ in range(3)]\n", True),
])
def test_in_async_function(source: str, expected: bool) -> None:
    assert probe(source)["g"][1] is expected


def test_assignment_before_use_wins() -> None:
    source = ("import requests, httpx\ndef f():\n    c = requests.Session()\n"
              "    c.get('a')\n    c = httpx.Client()\n    c.post('b')\n")
    calls = probe(source)
    assert calls["c.get"][0] == "requests.Session().get"
    assert calls["c.post"][0] == "httpx.Client().post"


def test_a_value_refined_in_steps_resolves_through_each_step() -> None:
    """`stmt = stmt.where(...)`: the value means the earlier `stmt`, not the new one."""
    source = ("from sqlalchemy import select\ndef f(q, db):\n    stmt = select(1)\n"
              "    if q:\n        stmt = stmt.where(q)\n    stmt = stmt.order_by(q)\n"
              "    db.run(stmt.offset(30).limit(30))\n")
    tree = ast.parse(source)
    ctx = FileContext("app/views.py", SourceText(source), tree, "app.views", False,
                      Settings(enabled=frozenset()))
    run = tree.body[1].body[-1].value  # type: ignore[attr-defined]
    ctx.semantic.push_scope(tree.body[1])  # type: ignore[arg-type]
    ctx.semantic.set_current_line(run.lineno)
    assert ctx.semantic.qualified_name(run.args[0]) == (
        "sqlalchemy.select().where().order_by().offset().limit()")


def test_class_scope_not_visible_from_methods() -> None:
    source = ("import time\nclass K:\n    time = None\n    def m(self):\n"
              "        time.sleep(1)\n")
    assert qualified(source, "time.sleep") == "time.sleep"


def test_self_attribute_from_annotated_parameter() -> None:
    source = (
        "import asyncpg\n"
        "class Repo:\n"
        "    def __init__(self, pool: asyncpg.Pool, name):\n"
        "        self.pool = pool\n"
        "        self.name = name\n"
        "        if pool:\n"
        "            self.backup = asyncpg.Pool()\n"
        "    async def get(self):\n"
        "        self.pool.fetch('q')\n"
        "        self.name.upper()\n"
        "        self.backup.fetch('q')\n"
    )
    calls = probe(source)
    assert calls["self.pool.fetch"][0] == "asyncpg.Pool().fetch"
    assert calls["self.name.upper"][0] is None
    assert calls["self.backup.fetch"][0] == "asyncpg.Pool().fetch"


def test_answer_depends_on_the_line_it_is_asked_from() -> None:
    from backendlint.semantic.model import SemanticModel

    source = ("import httpx\nimport requests\n\n\nclient = requests.Session()\nmarker = 1\n"
              "client = httpx.Client()\nclient.get('/x')\n")
    tree = ast.parse(source)
    model = SemanticModel(tree, "app.views")
    call = tree.body[-1].value  # type: ignore[attr-defined]
    model.set_current_line(6)
    assert model.qualified_name(call.func) == "requests.Session().get"
    model.set_current_line(8)
    assert model.qualified_name(call.func) == "httpx.Client().get"


def test_binding_and_scope_kinds_are_enums() -> None:
    from backendlint.semantic.model import BindingKind, ScopeKind, SemanticModel

    model = SemanticModel(ast.parse("import os\nx = os.getcwd()\n"), "m")
    assert model.module_scope.kind is ScopeKind.MODULE
    assert model.module_scope.bindings["os"][0].kind is BindingKind.IMPORT
    assert model.module_scope.bindings["x"][0].kind is BindingKind.ASSIGN


def test_nested_statements_are_the_statements_ast_walk_finds() -> None:
    """Every statement kind at any depth (if/else, try/except/finally, with, loops, match,
    nested defs and classes), and nothing else."""
    import ast as std_ast

    from backendlint.semantic.analyze.statements import nested_statements

    source = (
        "def outer(self, x):\n"
        "    self.a = 1\n"
        "    if x:\n        self.b = 2\n    else:\n        y = 3\n"
        "    try:\n        z = 4\n    except ValueError:\n        w = 5\n"
        "    finally:\n        v = 6\n"
        "    with open(x) as f:\n        u = f\n"
        "    for i in x:\n        t = i\n    while x:\n        s = 1\n"
        + ("    match x:\n        case 1:\n            r = 1\n"
           if sys.version_info >= (3, 10) else "")  # match statements need 3.10
        + "    def inner():\n        q: int = 1\n"
        "    class Local:\n        p = 2\n"
        "    return [n for n in x if (m := n)]\n"
    )
    function = std_ast.parse(source).body[0]
    expected = [node for node in std_ast.walk(function)
                if isinstance(node, std_ast.stmt) and node is not function]
    found = list(nested_statements(function))
    assert sorted(map(id, found)) == sorted(map(id, expected))
    assert len(found) == (21 if sys.version_info >= (3, 10) else 19)


def test_nodes_of_types_are_those_of_ast_walk_in_its_order() -> None:
    import ast
    from pathlib import Path

    from backendlint.semantic.analyze.subtrees import nodes_of_types

    wanted_sets: list[tuple[type[ast.AST], ...]] = [
        (ast.Call, ast.Attribute, ast.Raise, ast.Return), (ast.Name,), (ast.expr,),
        (ast.stmt, ast.Constant), (ast.Load,), (ast.Add, ast.Eq), (ast.arg, ast.keyword),
    ]
    sources = sorted(Path(__file__).parent.parent.joinpath("src", "backendlint").rglob("*.py"))
    assert len(sources) > 50
    for source in sources[:80]:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        roots = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))][:40]
        for root in roots:
            for wanted in wanted_sets:
                expected = [n for n in ast.walk(root) if isinstance(n, wanted)]
                got = nodes_of_types(root, wanted)
                assert len(got) == len(expected) and all(
                    a is b for a, b in zip(got, expected)), (source, wanted)
