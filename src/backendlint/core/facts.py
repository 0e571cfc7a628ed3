"""Typed module facts: what the per-file pass tells the project pass about one module.

A practice declares its facts as dataclasses (subclassing `ModuleFacts`), fills them in the
per-file pass with `FileContext.set_facts`, and reads every module's with
`ProjectContext.typed_facts(TheFacts)`: mypy checks both halves. They travel through the cache
and between processes as JSON; `encode` and `decode` do that from the dataclass fields, so no
practice writes a serialiser. A facts class carries a `version`: facts cached by an older
layout are dropped (the file is then linted again), never misread.
"""

from __future__ import annotations

import dataclasses
import enum
import io
import json
import pickle
import sys
import types
import typing
import zlib
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any, ClassVar, Optional, TypeVar, Union

F = TypeVar("F", bound="ModuleFacts")
D = TypeVar("D")
JSON = Any  # what json.loads returns; confined to this module and the cache


class FactsError(ValueError):
    """Stored facts that do not fit their class (another version, or damaged)."""


@dataclasses.dataclass(frozen=True)
class Span:
    """Where something is in a module: 1-based lines and character columns, and the lines on
    which a suppression comment applies to a finding reported there."""

    line: int
    column: int
    end_line: int
    end_column: int
    noqa: tuple[int, ...] = ()


@dataclasses.dataclass
class ModuleFacts:
    """Base of a practice's per-module facts. Subclasses are dataclasses whose fields are
    str, int, float, bool, None, enums, nested dataclasses, and list/tuple/dict/Optional of
    those; `practice` names the practice, `version` changes with the layout."""

    practice: ClassVar[str]
    version: ClassVar[int] = 1


def encode(facts: ModuleFacts) -> dict[str, JSON]:
    return {"version": type(facts).version, "data": _encode_value(facts)}


def decode(cls: type[F], stored: JSON) -> F:
    if not isinstance(stored, dict) or stored.get("version") != cls.version:
        raise FactsError(f"{cls.__name__}: stored facts have another version")
    # A class is hashable; the cache stub asks for Hashable, which mypy does not see in type[F].
    decode_object = _decoder(typing.cast(Any, cls))
    assert decode_object is not None
    value = decode_object(stored.get("data"))
    assert isinstance(value, cls)
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _encode_value(value: object) -> JSON:
    # Dispatch on the exact type first: this runs for every call site of every module.
    kind = type(value)
    if kind in _SCALARS:
        return value
    if isinstance(value, (list, tuple)) and kind in (list, tuple):
        return [_encode_value(item) for item in value]
    if isinstance(value, dict) and kind is dict:
        return {str(key): _encode_value(item) for key, item in value.items()}
    names = _init_names(kind)
    if names is not None:
        # By position, not by name: field names repeated in every span and call were most
        # of the cached text. The cache is keyed by backendlint's own code, so a layout
        # read back is always the layout written.
        return [_encode_value(getattr(value, name)) for name in names]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return [_encode_value(item) for item in sorted(value)]
    if isinstance(value, (list, tuple)):
        return [_encode_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _encode_value(item) for key, item in value.items()}
    return value


_FIELD_NAMES: dict[type, Optional[tuple[str, ...]]] = {}


def _field_names(kind: type) -> Optional[tuple[str, ...]]:
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = (tuple(item.name for item in dataclasses.fields(kind))
                              if dataclasses.is_dataclass(kind) else None)
    return _FIELD_NAMES[kind]


_INIT_NAMES: dict[type, Optional[tuple[str, ...]]] = {}


def _init_names(kind: type) -> Optional[tuple[str, ...]]:
    """The fields a dataclass's __init__ takes, in order (what is encoded), or None."""
    if kind not in _INIT_NAMES:
        _INIT_NAMES[kind] = (tuple(item.name for item in dataclasses.fields(kind) if item.init)
                             if dataclasses.is_dataclass(kind) else None)
    return _INIT_NAMES[kind]


@cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    module = sys.modules.get(cls.__module__)
    hints = typing.get_type_hints(cls, vars(module) if module else None)
    return tuple((item.name, hints[item.name]) for item in dataclasses.fields(cls)
                 if item.init)


# Reads one JSON value as the type a field declares; None means the value is its own
# decoding (scalars, Any, a union of several kinds), so no call is made for it.
_Decoder = Optional[Callable[[JSON], Any]]


@cache
def _decoder(kind: Any) -> _Decoder:
    """The decoding of one declared type, worked out once per type: a warm run after a
    real edit decodes every module's facts, and working it out again for every value
    (`get_origin`, `is_dataclass` per list item) was half of that run."""
    origin = typing.get_origin(kind)
    if origin is Union or (sys.version_info >= (3, 10) and origin is types.UnionType):
        return _union_decoder(typing.get_args(kind))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _object_decoder(kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    if origin in (list, set, frozenset):
        (item,) = typing.get_args(kind) or (Any,)
        return _sequence_decoder(origin, _decoder(item))
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return _sequence_decoder(tuple, _decoder(args[0]))
        return _fixed_tuple_decoder(tuple(_decoder(arg) for arg in args))
    if origin is dict:
        _, value_kind = typing.get_args(kind) or (str, Any)
        return _mapping_decoder(_decoder(value_kind))
    return None


def _union_decoder(members: tuple[Any, ...]) -> _Decoder:
    real = [member for member in members if member is not type(None)]
    if len(real) != 1:
        return None
    inner = _decoder(real[0])
    if inner is None:
        return None

    def optional(data: JSON) -> Any:
        return None if data is None else inner(data)
    return optional


def _object_decoder(kind: type) -> Callable[[JSON], Any]:
    fields = _field_types(kind)
    names = tuple(name for name, _ in fields)
    decoded = tuple((position, decode_field) for position, (_, hint) in enumerate(fields)
                    if (decode_field := _decoder(hint)) is not None)
    # __init__ takes the init fields in this order unless one is keyword-only (3.10+).
    by_position = not any(getattr(item, "kw_only", False) for item in dataclasses.fields(kind))

    def decode_object(data: JSON) -> Any:
        if type(data) is not list or len(data) != len(names):
            raise FactsError(f"{kind.__name__}: expected {len(names)} values")
        values = data.copy()
        for position, decode_field in decoded:
            values[position] = decode_field(values[position])
        return kind(*values) if by_position else kind(**dict(zip(names, values)))
    return decode_object


def _sequence_decoder(container: Callable[[Any], Any], item: _Decoder
                      ) -> Callable[[JSON], Any]:
    if item is None:
        def decode_plain(data: JSON) -> Any:
            return container(_as_list(data))
        return decode_plain

    def decode_items(data: JSON) -> Any:
        return container([item(element) for element in _as_list(data)])
    return decode_items


def _fixed_tuple_decoder(items: tuple[_Decoder, ...]) -> Callable[[JSON], Any]:
    def decode_tuple(data: JSON) -> Any:
        return tuple(element if item is None else item(element)
                     for item, element in zip(items, _as_list(data)))
    return decode_tuple


def _mapping_decoder(value: _Decoder) -> Callable[[JSON], Any]:
    def decode_mapping(data: JSON) -> Any:
        if not isinstance(data, dict):
            raise FactsError("expected an object")
        if value is None:
            return dict(data)
        return {key: value(item) for key, item in data.items()}
    return decode_mapping


def _as_list(data: JSON) -> list[JSON]:
    if not isinstance(data, list):
        raise FactsError("expected a list")
    return data


def stored_form(facts: Mapping[str, object]) -> dict[str, JSON]:
    """A module's facts as the cache stores them: typed facts encoded, legacy ones as they
    are. Within one run the typed objects travel as they are (between processes too: they
    pickle), so the project pass decodes only what came from the cache."""
    return {practice: encode(value) if isinstance(value, ModuleFacts) else value
            for practice, value in facts.items()}


def facts_or_none(cls: type[F], stored: Optional[JSON]) -> Optional[F]:
    """Decoded facts, or None when there are none or they do not fit (say, another version)."""
    if stored is None:
        return None
    if isinstance(stored, cls):
        return stored
    try:
        return decode(cls, stored)
    except (FactsError, TypeError, KeyError, ValueError):
        return None


class PackedFacts(Mapping[str, object]):
    """A module's facts held compact between the per-file pass and the project pass: each
    practice's pickled on its own, in a large run also compressed at zlib's fastest level
    (as objects, the facts of a large run were more than half of its memory; packed they
    take a twentieth), so the project pass unpacks one practice's facts at a time, when a
    project rule asks for them (`ProjectContext.typed_facts`), and can drop them when that
    practice is done. Each access unpacks a fresh copy. The bytes are made by this process
    or a worker it forked, never read from disk (the cache stores JSON)."""

    __slots__ = ("_compressed", "_packed")

    def __init__(self, packed: dict[str, bytes], compressed: bool = True) -> None:
        self._packed = packed
        self._compressed = compressed

    @classmethod
    def of(cls, facts: Mapping[str, object], compress: bool = True) -> PackedFacts:
        """Packed; with `compress`, smaller for a fifth more of the packing's time (Django's
        facts: 7.3 MB pickled, 2.6 MB compressed, 0.23 s of zlib on 0.37 s of pickling)."""
        if isinstance(facts, PackedFacts):
            return facts
        packed = {practice: _pack(value) for practice, value in facts.items()}
        if compress:
            packed = {practice: zlib.compress(data, 1) for practice, data in packed.items()}
        return cls(packed, compress)

    def __getitem__(self, practice: str) -> object:
        packed = self._packed[practice]
        return pickle.loads(zlib.decompress(packed) if self._compressed else packed)

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, practice: object) -> bool:
        return practice in self._packed

    def __reduce__(self) -> tuple[type[PackedFacts], tuple[dict[str, bytes], bool]]:
        return PackedFacts, (self._packed, self._compressed)

    def __repr__(self) -> str:
        return f"PackedFacts({sorted(self._packed)})"

    @property
    def size(self) -> int:
        """Bytes held."""
        return sum(len(item) for item in self._packed.values())


def pack(value: object) -> bytes:
    """Objects (facts, findings: dataclasses, enums, containers) as compact bytes for this
    run only; `unpack` rebuilds equal objects."""
    return _pack(value)


def unpack(data: bytes) -> Any:
    return pickle.loads(data)


def _pack(value: object) -> bytes:
    stream = io.BytesIO()
    _Packer(stream, pickle.HIGHEST_PROTOCOL).dump(value)
    return stream.getvalue()


class _Packer(pickle.Pickler):
    """Dataclass instances go as their class and field values, rebuilt by `_rebuilt`: the
    default way (a dict of the state, set with `__dict__.update`) gives every unpacked
    object a dict of its own, which made unpacked facts 70% larger than the originals."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        names = _field_names(kind)
        if names is None:
            return NotImplemented
        values = [getattr(obj, name) for name in names]
        if _by_position(kind):
            # Unpickling then calls the class itself, with no function of ours in between.
            return kind, tuple(values)
        return _rebuilt, (kind, *values)


def _rebuilt(cls: type[D], *values: object) -> D:
    """A dataclass instance with these field values, set as its __init__ sets them (so the
    interpreter keeps them in the object, without a dict), but without running __post_init__
    or any other code of the class: the object is what was packed. A class whose generated
    __init__ takes every field in order and does nothing else is packed as a call of the
    class instead (`_Packer`): a third of the time of setting each field from here, and the
    parent of a pool unpacks every module's facts in the project pass."""
    made = object.__new__(cls)
    names = _field_names(cls)
    assert names is not None
    for name, value in zip(names, values):
        # The per-file pass's names came from the parser, which interns identifiers, so
        # modules shared them; unpacked apart they would not (half of them are repeats).
        object.__setattr__(made, name, sys.intern(value) if type(value) is str else value)
    return made


_BY_POSITION: dict[type, bool] = {}


def _by_position(cls: type) -> bool:
    found = _BY_POSITION.get(cls)
    if found is None:
        params = getattr(cls, "__dataclass_params__", None)
        found = _BY_POSITION[cls] = bool(
            params is not None and params.init and not hasattr(cls, "__post_init__")
            and all(item.init and not getattr(item, "kw_only", False)
                    for item in dataclasses.fields(cls)))
    return found


# The cache's text of one module's facts: each practice's stored form as JSON after its name
# and a space, practices apart by a unit separator, `name json US name json ...` (a name has
# no space; compact JSON escapes every control character, so US cannot occur in a value,
# and it is no line break to str.splitlines either).
_PRACTICE_SEPARATOR = "\x1f"
_NAME_SEPARATOR = " "


def facts_text(facts: Mapping[str, object]) -> str:
    """The cache's text of a module's facts (see StoredFacts), practices in name order.
    Mappings keep the order the per-file pass gave them (source order), as the objects and
    their packed form do: a project rule that cites the first of several call sites must
    cite the same one whether a module's facts came from the cache or not (with keys
    sorted, a warm run named another call in BL201's fix than a cold run did)."""
    return _PRACTICE_SEPARATOR.join(
        f"{practice}{_NAME_SEPARATOR}"
        + json.dumps(encode(value) if isinstance(value, ModuleFacts) else value,
                     separators=(",", ":"))
        for practice, value in sorted(facts.items()))


class StoredFacts(Mapping[str, JSON]):
    """A module's facts as the cache holds them (`facts_text`): the text stays where it was
    read (a tail of the snapshot's line, from `start`) and one practice's JSON is parsed
    only when it is asked for, each time afresh (the project pass keeps what it decoded
    only while it needs it)."""

    __slots__ = ("_spans", "_start", "_text")

    def __init__(self, text: str, start: int = 0) -> None:
        self._text = text
        self._start = start
        self._spans: Optional[dict[str, tuple[int, int]]] = None

    def _index(self) -> dict[str, tuple[int, int]]:
        if self._spans is None:
            spans: dict[str, tuple[int, int]] = {}
            text = self._text
            position, end = self._start, len(text)
            while position < end:
                name_end = text.find(_NAME_SEPARATOR, position, end)
                if name_end < 0:
                    raise FactsError("stored facts without a practice name")
                stop = text.find(_PRACTICE_SEPARATOR, name_end, end)
                stop = end if stop < 0 else stop
                spans[text[position:name_end]] = (name_end + 1, stop)
                position = stop + 1
            self._spans = spans
        return self._spans

    def __getitem__(self, practice: str) -> JSON:
        start, stop = self._index()[practice]
        return json.loads(self._text[start:stop])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())

    def __contains__(self, practice: object) -> bool:
        return practice in self._index()

    def text(self) -> str:
        """The stored text itself (written back to the cache as it was read)."""
        return self._text[self._start:]
