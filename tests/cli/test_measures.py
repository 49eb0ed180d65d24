"""``attunement instrument check``: a good file is described, a bad one names its field."""

import json

from attunement.cli.app import app
from tests.domain.test_instrument_files import VALID


def test_a_good_file_is_described(runner, tmp_path):
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")

    result = runner.invoke(app, ["instrument", "check", str(path)])

    assert result.exit_code == 0, result.output
    assert "Clinic satisfaction scale" in result.output
    assert "3 items, 1 subscales, validated" in result.output


def test_a_bad_file_is_one_line_naming_the_field(runner, tmp_path):
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps({**VALID, "direction": "up"}), encoding="utf-8")

    result = runner.invoke(app, ["instrument", "check", str(path)])

    assert result.exit_code == 1
    assert result.output == (
        "attunement: clinic.json: direction: must be one of: higher_is_better, lower_is_better\n"
    )
