"""Machine states as JSON and back, for the rows that keep a whole state in one column.

Enums are stored by value, tuples and sets as lists, nested dataclasses as objects; reading uses
the dataclass's own type hints, so a stored state comes back as the same frozen value.
"""

from dataclasses import fields, is_dataclass
from enum import Enum
from types import NoneType, UnionType
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from attunement.domain.imago_runs import FAMILIES, ImagoKind, ImagoRun

T = TypeVar("T")


def state_to_json(state: object) -> dict[str, object]:
    """A machine's state as JSON: enums by value, tuples and sets as lists."""
    assert is_dataclass(state)  # noqa: S101 - every machine is a dataclass
    return {f.name: _encode(getattr(state, f.name)) for f in fields(state)}


def state_from_json(kind: ImagoKind, data: dict[str, object]) -> ImagoRun:
    """The machine of ``kind`` that ``state_to_json`` wrote."""
    run: ImagoRun = from_json(FAMILIES[kind].machine, data)
    return run


def from_json(cls: type[T], data: dict[str, object]) -> T:
    """The dataclass ``cls`` that ``state_to_json`` wrote; unknown keys are ignored."""
    hints = get_type_hints(cls)
    values = {name: _decode(hints[name], value) for name, value in data.items() if name in hints}
    return cls(**values)


def _encode(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return state_to_json(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted(_encode(item) for item in value)  # type: ignore[type-var]
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    return value


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        inner = [arg for arg in get_args(hint) if arg is not NoneType]
        return _decode(inner[0], value)
    if origin in (tuple, frozenset):
        return origin(_decode(get_args(hint)[0], item) for item in value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if isinstance(hint, type) and is_dataclass(hint):
        return from_json(hint, value)
    return value  # str, int, bool and NewTypes of them
