"""Instrument files: a valid file becomes an Instrument; a malformed one names its field."""

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from attunement.domain.instrument_files import KEYS, InstrumentFileError, parse_instrument
from attunement.domain.measures import Direction, Instrument, Purpose, Scoring

VALID: dict[str, Any] = {
    "format": 1,
    "code": "clinic-satisfaction",
    "name": "Clinic satisfaction scale",
    "construct": "relationship satisfaction",
    "purpose": "outcome",
    "validated": True,
    "notice": "Licensed to the clinic.",
    "licence": "Clinic licence 2026-001",
    "scale": {"low": 1, "high": 7, "anchors": {"1": "Never", "7": "Always"}},
    "items": [
        {"key": "q1", "text": "first"},
        {"key": "q2", "text": "second", "reverse": True},
        {"key": "q3", "text": "third"},
    ],
    "subscales": [{"key": "core", "name": "Core", "items": ["q1", "q2"]}],
    "scoring": {"method": "mean", "min_answered": 0.6},
    "direction": "higher_is_better",
    "cutoff": {"clinical": [35, 9], "community": [58, 7], "basis": "norms"},
    "reliable_change": {"sd": 9, "reliability": 0.9, "basis": "manual"},
    "concern_below": None,
}


def parsed(data: dict[str, Any]) -> Instrument:
    return parse_instrument(json.dumps(data))


def with_change(path: str, value: object) -> dict[str, Any]:
    """VALID with the field at dotted ``path`` set to ``value`` (or removed when value is ...)."""
    data = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    key = int(last) if last.isdigit() else last
    if value is ...:
        del node[key]
    else:
        node[key] = value
    return data


def test_a_valid_file_becomes_an_instrument():
    instrument = parsed(VALID)

    assert instrument.code == "clinic-satisfaction"
    assert instrument.purpose is Purpose.OUTCOME
    assert instrument.validated
    assert (instrument.scale.low, instrument.scale.high) == (1, 7)
    assert instrument.scale.anchors == ((1, "Never"), (7, "Always"))
    assert [item.reverse for item in instrument.items] == [False, True, False]
    assert instrument.subscales[0].items == ("q1", "q2")
    assert (instrument.scoring, instrument.min_answered) == (Scoring.MEAN, 0.6)
    assert instrument.direction is Direction.HIGHER_IS_BETTER
    assert instrument.cutoff is not None
    assert instrument.cutoff.value == pytest.approx(767 / 16)
    assert instrument.reliable_change is not None
    assert instrument.reliable_change.s_diff() == pytest.approx(4.025, abs=1e-3)


def test_optional_parts_take_their_documented_defaults():
    data = {
        k: v
        for k, v in VALID.items()
        if k not in ("subscales", "scoring", "direction", "cutoff", "reliable_change", "validated")
    }
    data["scale"] = {"low": 0, "high": 3}

    instrument = parsed(data)

    assert instrument.subscales == ()
    assert (instrument.scoring, instrument.min_answered) == (Scoring.SUM, 0.8)
    assert instrument.direction is Direction.HIGHER_IS_BETTER
    assert instrument.cutoff is None
    assert instrument.reliable_change is None
    assert not instrument.validated
    assert instrument.scale.anchors == ()


def test_a_published_cutoff_value_and_minimum_change_are_taken_as_given():
    data = with_change("cutoff", {"value": 47.31, "basis": "Anderson et al. 2014"})
    data["reliable_change"] = {"minimum_change": 11.58, "basis": "Anderson et al. 2014"}

    instrument = parsed(data)

    assert instrument.cutoff is not None
    assert instrument.cutoff.value == 47.31
    assert instrument.reliable_change is not None
    assert instrument.reliable_change.smallest_reliable_change() == pytest.approx(11.58)


@pytest.mark.parametrize(
    ("path", "value", "field", "problem"),
    [
        ("code", ..., "code", "is required"),
        ("name", "  ", "name", "not empty"),
        ("format", 2, "format", "must be 1"),
        ("itmes", [], "itmes", "not a field"),
        ("purpose", "diagnosis", "purpose", "one of: outcome, session_rating"),
        ("validated", "no", "validated", "true or false"),
        ("scale.high", 1, "scale.high", "greater than scale.low"),
        ("scale.low", "0", "scale.low", "whole number"),
        ("scale.low", True, "scale.low", "whole number"),
        ("scale.anchors.9", "off", "scale.anchors.9", "point on the scale"),
        ("scale.anchors.one", "x", "scale.anchors.one", "point on the scale"),
        ("scale", [1, 7], "scale", "must be an object"),
        ("items", [], "items", "list that is not empty"),
        ("items.1.key", "q1", "items[1].key", "repeats the key 'q1'"),
        ("items.0.reverse", "yes", "items[0].reverse", "true or false"),
        ("items.2.text", ..., "items[2].text", "is required"),
        ("items.2", "third", "items[2]", "must be an object"),
        ("subscales.0.items", ["q1", "q9"], "subscales[0].items", "no such item: 'q9'"),
        ("subscales.0.items", [], "subscales[0].items", "list of item keys"),
        ("scoring.method", "median", "scoring.method", "one of: sum, mean"),
        ("scoring.min_answered", 0, "scoring.min_answered", "above 0 and at most 1"),
        ("scoring.min_answered", 1.5, "scoring.min_answered", "above 0 and at most 1"),
        ("direction", "up", "direction", "one of"),
        ("cutoff.basis", ..., "cutoff.basis", "is required"),
        ("cutoff.clinical", [35], "cutoff.clinical", "[mean, standard deviation]"),
        ("cutoff.community", [58, 0], "cutoff.community", "standard deviation above 0"),
        ("reliable_change.reliability", 1.0, "reliable_change.reliability", "below 1"),
        ("reliable_change.sd", ..., "reliable_change.sd", "is required"),
        ("reliable_change.sd", -2, "reliable_change.sd", "above 0"),
        ("reliable_change.sd", "nine", "reliable_change.sd", "must be a number"),
        ("reliable_change.minimum_change", 0, "reliable_change.minimum_change", "above 0"),
        ("concern_below", "low", "concern_below", "must be a number"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_field(path, value, field, problem):
    with pytest.raises(InstrumentFileError) as refused:
        parsed(with_change(path, value))

    assert refused.value.field == field
    assert problem in refused.value.problem
    assert str(refused.value) == f"{field}: {refused.value.problem}"
    assert refused.value.message_key == "measures.bad_instrument_file"


def test_a_repeated_subscale_key_is_refused():
    data = with_change("subscales", [VALID["subscales"][0], VALID["subscales"][0]])

    with pytest.raises(InstrumentFileError, match=r"subscales\[1\]\.key: repeats"):
        parsed(data)


def test_text_that_is_not_json_names_the_line():
    with pytest.raises(InstrumentFileError, match="line 2: is not valid JSON"):
        parse_instrument('{"format": 1,\n oops}')


def test_a_file_that_is_a_list_is_refused():
    with pytest.raises(InstrumentFileError, match=r"\(file\): must be an object"):
        parse_instrument("[]")


@pytest.mark.parametrize("name", ["weekly-check-in.json", "session-rating.json"])
def test_our_own_instruments_are_valid_and_say_they_are_not_validated(name):
    text = resources.files("attunement.domain").joinpath("instruments", name).read_text("utf-8")

    instrument = parse_instrument(text)

    assert not instrument.validated
    assert "not a validated" in instrument.notice
    assert instrument.reliable_change is not None
    assert "heuristic" in instrument.reliable_change.basis


def test_every_field_of_the_format_is_documented():
    page = (Path(__file__).resolve().parents[2] / "docs" / "measures.md").read_text("utf-8")

    missing = [key for key in KEYS if f"`{key}`" not in page]

    assert missing == []
