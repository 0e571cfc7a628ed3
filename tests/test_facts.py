"""Typed module facts survive the cache's JSON round trip, and stale layouts are dropped."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from typing import ClassVar, Optional

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
