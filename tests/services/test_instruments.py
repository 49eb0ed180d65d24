"""Loading instrument files from disk, and the instruments Attunement ships."""

import json

import pytest

from attunement.domain.errors import NotFound
from attunement.domain.instrument_files import InstrumentFileError
from attunement.domain.measures import Purpose
from attunement.services.instruments import (
    SESSION_RATING,
    WEEKLY_CHECK_IN,
    load_instrument_file,
    shipped,
)
from tests.domain.test_instrument_files import VALID


def test_a_clinic_file_loads(tmp_path):
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")

    assert load_instrument_file(path).code == "clinic-satisfaction"


def test_a_malformed_clinic_file_names_the_file_and_the_field(tmp_path):
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps({**VALID, "scale": {"low": 3, "high": 3}}), encoding="utf-8")

    with pytest.raises(InstrumentFileError) as refused:
        load_instrument_file(path)

    assert str(refused.value) == "clinic.json: scale.high: must be greater than scale.low"


def test_a_missing_file_is_refused_by_name(tmp_path):
    with pytest.raises(InstrumentFileError, match=r"absent\.json: cannot be read"):
        load_instrument_file(tmp_path / "absent.json")


def test_the_weekly_check_in_covers_the_outcomes_couples_research_tracks():
    check_in = shipped(WEEKLY_CHECK_IN)

    assert check_in.purpose is Purpose.OUTCOME
    assert [s.key for s in check_in.subscales] == [
        "satisfaction", "trust", "commitment", "intimacy", "conflict", "burnout"
    ]  # fmt: skip
    assert (check_in.lowest(), check_in.highest()) == (0, 48)
    assert sum(item.reverse for item in check_in.items) == 3


def test_the_session_rating_has_four_items_and_an_alert_line():
    rating = shipped(SESSION_RATING)

    assert rating.purpose is Purpose.SESSION_RATING
    assert [item.key for item in rating.items] == ["heard", "respected", "mattered", "fit"]
    assert rating.concern_below == 12


def test_an_unknown_shipped_code_is_not_found():
    with pytest.raises(NotFound):
        shipped("no-such-instrument")
