"""Exercise states as JSON: any frozen domain dataclass, written and read back exactly.

The guided exercises (6 Fs, U-turn, cycle map, check-in, unburdening, the IFIO programme) are
stored whole, one JSON document per run, so a refresh or a reconnection resumes the very state
the last move left (issue 4: "nothing lost on refresh"). The codec follows each dataclass's own
type hints — enums by value, tuples and frozensets as lists, optional fields as null — so a new
field needs no code here; a test round-trips every machine. The Imago runs and workups use the
same codec (it was once a second module, ``codec.py``): one way to write a state, one to read it.
Reading ignores keys the dataclass no longer has and leaves a missing field at its default, so a
state written before a field was added still reads.
"""

import dataclasses
import types
import typing
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

from attunement.domain.imago_runs import FAMILIES, ImagoKind, ImagoRun

T = TypeVar("T")


def to_json(value: object) -> Any:
    """A JSON-ready copy of ``value`` (dataclasses, enums, tuples, sets, plain values)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()  # a time-out's call and return times (issue 4)
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted((to_json(item) for item in value), key=repr)
    return value


def from_json(kind: type[T], data: Any) -> T:
    """The ``kind`` instance that ``to_json`` wrote as ``data``."""
    value: T = _read(kind, data)
    return value


def state_from_json(kind: ImagoKind, data: Any) -> ImagoRun:
    """The Imago machine of ``kind`` that ``to_json`` wrote."""
    run: ImagoRun = _read(FAMILIES[kind].machine, data)
    return run


def _read(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    supertype = getattr(hint, "__supertype__", None)  # a NewType id
    if supertype is not None:
        return _read(supertype, data)
    origin = typing.get_origin(hint)
    if origin is not None:
        return _read_generic(origin, typing.get_args(hint), data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        fields = {
            f.name: _read(hints[f.name], data[f.name])
            for f in dataclasses.fields(hint)
            if f.name in data
        }
        return hint(**fields)
    return _read_plain(hint, data)


def _read_plain(hint: Any, data: Any) -> Any:
    """Enums by value, times from ISO text, anything else as it is."""
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if hint is datetime:
        return datetime.fromisoformat(data)
    return data


def _read_generic(origin: Any, args: tuple[Any, ...], data: Any) -> Any:
    """Optional values, tuples and frozensets."""
    if origin in (types.UnionType, typing.Union):
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _read(inner, data)
    if origin is frozenset:
        return frozenset(_read(args[0], item) for item in data)
    if origin is tuple:
        return _read_tuple(args, data)
    return data


def _read_tuple(args: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
        return tuple(_read(args[0], item) for item in data)
    return tuple(_read(arg, item) for arg, item in zip(args, data, strict=True))
