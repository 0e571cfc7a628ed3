"""Typed module facts survive the cache's JSON round trip, and stale layouts are dropped."""

from __future__ import annotations

import enum
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar, Optional, Union

import pytest

from backendlint.core.facts import FactsError, ModuleFacts, Span, decode, encode, facts_or_none


class Kind(enum.Enum):
    SYNC = "sync"
    ASYNC = "async"


@dataclass
class Function:
    name: str
    kind: Kind
    span: Span
    calls: list[str] = field(default_factory=list)
    returns: Optional[str] = None


@dataclass
class SampleFacts(ModuleFacts):
    practice: ClassVar[str] = "sample"
    version: ClassVar[int] = 3
    functions: dict[str, Function] = field(default_factory=dict)
    exports: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()


def sample() -> SampleFacts:
    helper = Function("helper", Kind.ASYNC, Span(3, 1, 9, 12, (3, 4)), ["open"], "bytes")
    plain = Function("plain", Kind.SYNC, Span(11, 5, 11, 20))
    return SampleFacts({"helper": helper, "plain": plain}, ("helper",), frozenset({"b", "a"}))


def test_round_trip_through_json_gives_equal_typed_objects() -> None:
    stored = json.loads(json.dumps(encode(sample())))
    back = decode(SampleFacts, stored)
    assert back == sample()
    assert isinstance(back.functions["helper"].span, Span)
    assert back.functions["helper"].kind is Kind.ASYNC
    assert back.functions["helper"].span.noqa == (3, 4)


def test_another_version_is_refused() -> None:
    stored = encode(sample())
    stored["version"] = 2
    with pytest.raises(FactsError):
        decode(SampleFacts, stored)
    assert facts_or_none(SampleFacts, stored) is None
    assert facts_or_none(SampleFacts, None) is None


def test_damaged_facts_give_none_not_an_exception() -> None:
    assert facts_or_none(SampleFacts, {"version": 3, "data": {"functions": [1, 2]}}) is None


@dataclass(frozen=True)
class Call:
    target: str
    at: Span
    kinds: tuple[Kind, ...] = ()


@dataclass
class ShapesFacts(ModuleFacts):
    """One field per shape the decoder handles, each nesting a dataclass or an enum."""

    practice: ClassVar[str] = "shapes"
    calls: list[Call] = field(default_factory=list)
    first: Optional[Call] = None
    pair: tuple[str, Span] = ("", Span(0, 0, 0, 0))
    by_name: dict[str, list[Call]] = field(default_factory=dict)
    kinds: set[Kind] = field(default_factory=set)
    either: Optional[Union[int, str]] = None
    optional_spans: list[Optional[Span]] = field(default_factory=list)
    untyped: list = field(default_factory=list)  # type: ignore[type-arg]


def shapes() -> ShapesFacts:
    call = Call("requests.get", Span(4, 8, 4, 30, (4,)), (Kind.SYNC, Kind.ASYNC))
    return ShapesFacts(
        calls=[call, Call("open", Span(9, 4, 9, 14))], first=call,
        pair=("handler", Span(2, 0, 12, 3)), by_name={"get": [call], "none": []},
        kinds={Kind.ASYNC}, either="text", optional_spans=[None, Span(1, 0, 1, 5)],
        untyped=[1, "two", [3]])


def test_every_field_shape_decodes_to_its_declared_types() -> None:
    back = decode(ShapesFacts, json.loads(json.dumps(encode(shapes()))))
    assert back == shapes()
    assert type(back.calls[0]) is Call and type(back.calls[0].at) is Span
    assert back.calls[0].kinds == (Kind.SYNC, Kind.ASYNC)
    assert type(back.first) is Call and type(back.pair[1]) is Span
    assert type(back.by_name["get"][0]) is Call and back.by_name["none"] == []
    assert back.kinds == {Kind.ASYNC} and type(back.kinds) is set
    assert back.optional_spans[0] is None and type(back.optional_spans[1]) is Span


def test_objects_are_stored_by_position_and_none_stays_none() -> None:
    stored = json.loads(json.dumps(encode(ShapesFacts())))
    assert stored["data"][:2] == [[], None]
    assert decode(ShapesFacts, stored) == ShapesFacts()


def _damaged(change: Callable[[list[Any]], None]) -> dict[str, Any]:
    stored: dict[str, Any] = json.loads(json.dumps(encode(shapes())))
    change(stored["data"])
    return stored


@pytest.mark.parametrize("change", [
    lambda data: data.__setitem__(0, "not a list"),
    lambda data: data[0].__setitem__(0, {"target": "an object, not a list"}),
    lambda data: data[0][0].pop(),  # a call with a value missing
    lambda data: data[0][0].append(1),  # and with one too many
    lambda data: data.__setitem__(3, []),  # by_name is a mapping
    lambda data: data.__setitem__(4, ["neither"]),  # no such Kind
    lambda data: data.pop(),
])
def test_a_damaged_nested_value_gives_none(change: Callable[[list[Any]], None]) -> None:
    assert facts_or_none(ShapesFacts, _damaged(change)) is None
    assert facts_or_none(ShapesFacts, _damaged(lambda data: None)) == shapes()


@pytest.mark.skipif(sys.version_info < (3, 10), reason="keyword-only fields came in 3.10")
def test_keyword_only_fields_decode_by_name() -> None:
    @dataclass(kw_only=True)  # type: ignore[call-overload, unused-ignore]
    class Later(ModuleFacts):
        practice: ClassVar[str] = "later"
        count: int = 0
        name: str = ""

    facts = Later(name="x", count=3)
    assert decode(Later, json.loads(json.dumps(encode(facts)))) == facts


_FACTS_DIGEST = """
import hashlib, sys
from pathlib import Path
from backendlint.core.facts import facts_text
from backendlint.core.pipeline import lint_source, module_name_for
from backendlint.core.registry import all_rules
from backendlint.settings import Settings
settings = Settings(enabled=frozenset(rule.code for rule in all_rules()))
digest = hashlib.sha256()
for path in sorted(Path(sys.argv[1]).rglob("*.py")):
    module, is_package = module_name_for(path)
    result = lint_source(str(path), path.read_bytes(), settings, module, is_package)
    digest.update(facts_text(result.facts).encode("utf-8", "surrogateescape"))
print(digest.hexdigest())
"""


def test_facts_text_does_not_depend_on_the_hash_seed() -> None:
    """Facts keep the order the per-file pass made (source order) and are cached in it: a
    mapping filled from a set would make the same file's facts, and so the project pass's
    cache key and which call a rule cites, differ from one process to the next."""
    spec = Path(__file__).resolve().parent.parent / "spec"
    digests = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", _FACTS_DIGEST, str(spec)],
                              capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        digests.add(done.stdout.strip())
    assert len(digests) == 1 and len(digests.pop()) == 64
