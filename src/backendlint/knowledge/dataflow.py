"""Calls and keys that data flows through unchanged, for following a value to its sources."""

from __future__ import annotations

# String and bytes methods whose result carries the receiver's (and arguments') content.
TRANSPARENT_METHODS = frozenset({"encode", "decode", "strip", "lstrip", "rstrip", "lower",
                                 "upper", "casefold", "format", "join", "replace", "zfill"})
TRANSPARENT_FUNCTIONS = frozenset({"builtins.str", "builtins.bytes", "builtins.bytearray",
                                   "builtins.memoryview", "codecs.encode"})
# Mapping getters whose first argument names the value read (`data.get("password")`).
KEYED_GETTERS = frozenset({"get", "pop", "getlist", "getone", "get_one"})
# Environment keys that are not what their name says: `PWD` is the working directory.
MISLEADING_ENVIRONMENT_KEYS = frozenset({"PWD", "OLDPWD"})
