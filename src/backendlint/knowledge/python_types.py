"""Python's typing vocabulary as the type-hint rules read it: the builtins whose type is
evident from a call, special methods whose return type the interpreter enforces, decorators
that do or do not read annotations at runtime, and the names of `Any`, `Protocol` and bases
that carry no methods."""

from __future__ import annotations

import ast

# Special methods whose return type the interpreter enforces (a wrong type raises TypeError),
# so annotating them is right whatever the body does.
ENFORCED_DUNDER_RETURNS = {
    "__init__": "None",
    "__init_subclass__": "None",
    "__str__": "str",
    "__repr__": "str",
    "__format__": "str",
    "__bytes__": "bytes",
    "__len__": "int",
    "__length_hint__": "int",
    "__hash__": "int",
    "__index__": "int",
    "__int__": "int",
    "__float__": "float",
    "__complex__": "complex",
    "__bool__": "bool",
}

# Builtin constructors: a call of one has that type.
BUILTIN_CONSTRUCTORS = {
    f"builtins.{name}": name
    for name in ("int", "str", "bytes", "float", "bool", "dict", "list", "set", "tuple",
                 "frozenset", "bytearray")
}
# The type of a literal, bool before int (a bool is an int).
CONSTANT_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "bool"), (int, "int"), (float, "float"), (str, "str"), (bytes, "bytes"),
)
# Displays and comprehensions, and the builtin type each builds.
CONTAINER_TYPES: dict[type, str] = {
    ast.Dict: "dict", ast.DictComp: "dict", ast.List: "list", ast.ListComp: "list",
    ast.Set: "set", ast.SetComp: "set", ast.Tuple: "tuple", ast.JoinedStr: "str",
}
# Comparison operators whose result is always a bool; `==`, `<` and friends can be overloaded
# (SQLAlchemy columns, numpy arrays) to return other objects.
BOOL_ONLY_COMPARISONS = (ast.Is, ast.IsNot, ast.In, ast.NotIn)

# Decorators that do not read annotations at runtime; any other decorator might (FastAPI,
# typer, pydantic's validate_call, functools.singledispatch), so fixes under it are unsafe.
HARMLESS_DECORATORS = frozenset({
    "builtins.staticmethod", "builtins.classmethod", "builtins.property",
    "typing.override", "typing_extensions.override", "typing.final", "typing_extensions.final",
    "functools.cache", "functools.lru_cache", "functools.cached_property",
})
ABSTRACT_DECORATORS = frozenset({
    "abc.abstractmethod", "abc.abstractproperty", "abc.abstractclassmethod",
    "abc.abstractstaticmethod",
})
OVERLOAD_DECORATORS = frozenset({"typing.overload", "typing_extensions.overload"})
ANY_NAMES = frozenset({"typing.Any", "typing_extensions.Any"})
# Bases that add no methods of their own.
NEUTRAL_BASES = frozenset({
    "builtins.object", "typing.Generic", "abc.ABC", "typing_extensions.Generic",
})
PROTOCOL_BASES = frozenset({"typing.Protocol", "typing_extensions.Protocol"})
# Methods mypy does not check against the base class's signature.
UNCHECKED_OVERRIDES = frozenset({"__init__", "__new__", "__init_subclass__", "__post_init__"})
# Calls that build an empty container: like `[]`, an attribute set to one needs an annotation.
EMPTY_CONSTRUCTORS = frozenset({"builtins.list", "builtins.dict", "builtins.set",
                                "collections.OrderedDict", "collections.defaultdict"})
# Standard-library packages whose classes are imported to learn which methods they define
# (`stdlib_class_defines`): the ones backend code subclasses, each vetted to do nothing but
# define names when imported. Any other module is never imported: some act on import
# (`this` prints, `antigravity` opens a browser, a `__main__` runs a program).
INTROSPECTED_STDLIB_ROOTS = frozenset({
    "abc", "argparse", "ast", "asyncio", "builtins", "cmd", "code", "codecs", "collections",
    "concurrent", "configparser", "contextlib", "csv", "datetime", "decimal", "email", "enum",
    "fractions", "ftplib", "functools", "gettext", "html", "http", "importlib", "io", "ipaddress",
    "json", "logging", "multiprocessing", "numbers", "os", "pathlib", "pdb", "pickle", "queue",
    "selectors", "shelve", "smtplib", "socket", "socketserver", "sqlite3", "ssl",
    "string", "tarfile", "tempfile", "threading", "types", "typing", "unittest", "urllib",
    "uuid", "weakref", "wsgiref", "xml", "xmlrpc", "zipfile",
})
