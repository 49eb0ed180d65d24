"""Reading an instrument file, with errors that name the field (domain.md §5.1).

A clinic that holds a licence for a validated questionnaire loads it as a JSON file of this shape
(our own check-in files in ``domain/instruments/`` are examples)::

    {"format": 1, "code": "...", "name": "...", "construct": "...",
     "purpose": "outcome" | "session_rating", "validated": true | false,
     "notice": "shown with every use", "licence": "who may use it, and how",
     "scale": {"low": 0, "high": 4, "anchors": {"0": "words", "4": "words"}},
     "items": [{"key": "...", "text": "...", "reverse": false}, ...],
     "subscales": [{"key": "...", "name": "...", "items": ["item key", ...]}, ...],
     "scoring": {"method": "sum" | "mean", "min_answered": 0.8},
     "direction": "higher_is_better" | "lower_is_better",
     "cutoff": null | {"value": 47.31, "basis": "..."}
             | {"clinical": [mean, sd], "community": [mean, sd], "basis": "..."},
     "reliable_change": null | {"minimum_change": 11.58, "basis": "..."}
                      | {"sd": 9.0, "reliability": 0.9, "basis": "..."},
     "concern_below": null | number}

Parsing is pure (text in, ``Instrument`` out); reading the file is the caller's business.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Final

from attunement.domain.change import cutoff_between
from attunement.domain.errors import InvalidInput
from attunement.domain.measures import (
    DEFAULT_MIN_ANSWERED,
    CutOff,
    Direction,
    Instrument,
    Item,
    Purpose,
    ReliableChange,
    ResponseScale,
    Scoring,
    Subscale,
)

FORMAT: Final = 1
KEYS: Final = frozenset(
    {"format", "code", "name", "construct", "purpose", "validated", "notice", "licence", "scale",
     "items", "subscales", "scoring", "direction", "cutoff", "reliable_change", "concern_below"}
)  # fmt: skip


class InstrumentFileError(InvalidInput):
    """A malformed instrument file; ``str()`` says which file, which field and what is wrong."""

    default_key = "measures.bad_instrument_file"

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field=field, problem=problem)
        self.field = field
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"


class _Node:
    """A JSON object with its path, so that every complaint names the field it is about."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, Mapping):
            raise InstrumentFileError(path or "(file)", "must be an object")
        self.value: Mapping[str, object] = value
        self.path = path

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str, *, required: bool = True) -> object:
        found = self.value.get(key)
        if found is None and required:
            raise InstrumentFileError(self.where(key), "is required")
        return found

    def text(self, key: str) -> str:
        found = self.raw(key)
        if not isinstance(found, str) or not found.strip():
            raise InstrumentFileError(self.where(key), "must be text that is not empty")
        return found

    def number(self, key: str) -> float:
        found = self.optional_number(key)
        if found is None:
            raise InstrumentFileError(self.where(key), "is required")
        return found

    def optional_number(self, key: str) -> float | None:
        found = self.raw(key, required=False)
        if found is None:
            return None
        if isinstance(found, bool) or not isinstance(found, int | float):
            raise InstrumentFileError(self.where(key), "must be a number")
        return float(found)

    def whole(self, key: str) -> int:
        found = self.raw(key)
        if isinstance(found, bool) or not isinstance(found, int):
            raise InstrumentFileError(self.where(key), "must be a whole number")
        return found

    def flag(self, key: str, *, default: bool) -> bool:
        found = self.raw(key, required=False)
        if found is None:
            return default
        if not isinstance(found, bool):
            raise InstrumentFileError(self.where(key), "must be true or false")
        return found

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        found = self.raw(key, required=False)
        if found is None:
            return default
        if found not in allowed:
            raise InstrumentFileError(self.where(key), f"must be one of: {', '.join(allowed)}")
        return str(found)

    def child(self, key: str) -> _Node:
        return _Node(self.raw(key), self.where(key))

    def optional_child(self, key: str) -> _Node | None:
        found = self.raw(key, required=False)
        return None if found is None else _Node(found, self.where(key))

    def children(self, key: str, *, required: bool = True) -> list[_Node]:
        found = self.raw(key, required=required)
        if found is None:
            return []
        if not isinstance(found, list) or (required and not found):
            raise InstrumentFileError(self.where(key), "must be a list that is not empty")
        return [_Node(entry, f"{self.where(key)}[{n}]") for n, entry in enumerate(found)]

    def strings(self, key: str) -> tuple[str, ...]:
        found = self.raw(key)
        if not isinstance(found, list) or not found or not all(isinstance(s, str) for s in found):
            raise InstrumentFileError(self.where(key), "must be a list of item keys")
        return tuple(found)


def _values(kind: type[Purpose] | type[Scoring] | type[Direction]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


def parse_instrument(text: str) -> Instrument:
    """Read an instrument file's text; the first problem found is raised.

    Raises:
        InstrumentFileError: the text is not JSON, or a field is missing, mistyped or inconsistent.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstrumentFileError(
            f"line {error.lineno}", f"is not valid JSON ({error.msg})"
        ) from None
    root = _Node(data, "")
    unknown = sorted(set(root.value) - KEYS)
    if unknown:
        raise InstrumentFileError(unknown[0], "is not a field of an instrument file")
    if root.raw("format") != FORMAT:
        raise InstrumentFileError("format", f"must be {FORMAT}")
    scale = _scale(root)
    items = _items(root)
    method, min_answered = _scoring(root)
    return Instrument(
        code=root.text("code"),
        name=root.text("name"),
        construct=root.text("construct"),
        purpose=Purpose(root.choice("purpose", _values(Purpose), Purpose.OUTCOME)),
        validated=root.flag("validated", default=False),
        notice=root.text("notice"),
        licence=root.text("licence"),
        scale=scale,
        items=items,
        subscales=_subscales(root, items),
        scoring=method,
        min_answered=min_answered,
        direction=Direction(
            root.choice("direction", _values(Direction), Direction.HIGHER_IS_BETTER)
        ),
        cutoff=_cutoff(root),
        reliable_change=_reliable_change(root),
        concern_below=root.optional_number("concern_below"),
    )


def _scale(root: _Node) -> ResponseScale:
    node = root.child("scale")
    low, high = node.whole("low"), node.whole("high")
    if high <= low:
        raise InstrumentFileError("scale.high", "must be greater than scale.low")
    anchors = node.optional_child("anchors")
    if anchors is None:
        return ResponseScale(low=low, high=high)
    pairs: list[tuple[int, str]] = []
    for point in anchors.value:
        if not point.lstrip("-").isdigit() or int(point) not in range(low, high + 1):
            raise InstrumentFileError(anchors.where(point), "must be a point on the scale")
        pairs.append((int(point), anchors.text(point)))
    return ResponseScale(low=low, high=high, anchors=tuple(sorted(pairs)))


def _items(root: _Node) -> tuple[Item, ...]:
    items: list[Item] = []
    for node in root.children("items"):
        key = node.text("key")
        if any(item.key == key for item in items):
            raise InstrumentFileError(node.where("key"), f"repeats the key {key!r}")
        items.append(
            Item(key=key, text=node.text("text"), reverse=node.flag("reverse", default=False))
        )
    return tuple(items)


def _subscales(root: _Node, items: tuple[Item, ...]) -> tuple[Subscale, ...]:
    known = {item.key for item in items}
    subscales: list[Subscale] = []
    for node in root.children("subscales", required=False):
        keys = node.strings("items")
        strangers = [key for key in keys if key not in known]
        if strangers:
            raise InstrumentFileError(node.where("items"), f"names no such item: {strangers[0]!r}")
        key = node.text("key")
        if any(sub.key == key for sub in subscales):
            raise InstrumentFileError(node.where("key"), f"repeats the key {key!r}")
        subscales.append(Subscale(key=key, name=node.text("name"), items=keys))
    return tuple(subscales)


def _scoring(root: _Node) -> tuple[Scoring, float]:
    node = root.optional_child("scoring")
    if node is None:
        return Scoring.SUM, DEFAULT_MIN_ANSWERED
    method = Scoring(node.choice("method", _values(Scoring), Scoring.SUM))
    share = node.optional_number("min_answered")
    share = DEFAULT_MIN_ANSWERED if share is None else share
    if not 0 < share <= 1:
        raise InstrumentFileError("scoring.min_answered", "must be above 0 and at most 1")
    return method, share


def _cutoff(root: _Node) -> CutOff | None:
    node = root.optional_child("cutoff")
    if node is None:
        return None
    basis = node.text("basis")
    if "value" in node.value:
        return CutOff(value=node.number("value"), basis=basis)
    clinical, community = _pair(node, "clinical"), _pair(node, "community")
    return CutOff(value=cutoff_between(clinical, community), basis=basis)


def _pair(node: _Node, key: str) -> tuple[float, float]:
    found = node.raw(key)
    numbers = found if isinstance(found, list) else []
    if len(numbers) != 2 or not all(
        isinstance(n, int | float) and not isinstance(n, bool) for n in numbers
    ):
        raise InstrumentFileError(node.where(key), "must be [mean, standard deviation]")
    mean, sd = float(numbers[0]), float(numbers[1])
    if sd <= 0:
        raise InstrumentFileError(node.where(key), "needs a standard deviation above 0")
    return mean, sd


def _reliable_change(root: _Node) -> ReliableChange | None:
    node = root.optional_child("reliable_change")
    if node is None:
        return None
    basis = node.text("basis")
    minimum = node.optional_number("minimum_change")
    if minimum is not None:
        if minimum <= 0:
            raise InstrumentFileError("reliable_change.minimum_change", "must be above 0")
        return ReliableChange(basis=basis, minimum_change=minimum)
    sd, reliability = node.number("sd"), node.number("reliability")
    if sd <= 0:
        raise InstrumentFileError("reliable_change.sd", "must be above 0")
    if not 0 <= reliability < 1:
        raise InstrumentFileError("reliable_change.reliability", "must be at least 0 and below 1")
    return ReliableChange(basis=basis, sd=sd, reliability=reliability)
