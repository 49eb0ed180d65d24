"""Settings come from the environment or a settings file (issue 7, item 1)."""

import pytest
from pydantic import ValidationError

from attunement.settings import SETTINGS_FILE_VARIABLE, load_settings


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "attunement.env"
    monkeypatch.setenv(SETTINGS_FILE_VARIABLE, str(path))
    monkeypatch.delenv("ATTUNEMENT_WORKERS", raising=False)
    monkeypatch.delenv("ATTUNEMENT_REDIS_URL", raising=False)
    return path


def test_the_settings_file_is_read(settings_file):
    settings_file.write_text(
        "ATTUNEMENT_WORKERS=3\nATTUNEMENT_REDIS_URL=redis://127.0.0.1:6379/0\n"
    )

    settings = load_settings()

    assert (settings.workers, settings.redis_url) == (3, "redis://127.0.0.1:6379/0")


def test_the_environment_wins_over_the_file(settings_file, monkeypatch):
    settings_file.write_text("ATTUNEMENT_WORKERS=3\n")
    monkeypatch.setenv("ATTUNEMENT_WORKERS", "2")

    assert load_settings().workers == 2


def test_an_option_wins_over_both(settings_file, monkeypatch):
    settings_file.write_text("ATTUNEMENT_WORKERS=3\n")
    monkeypatch.setenv("ATTUNEMENT_WORKERS", "2")

    assert load_settings(workers=4).workers == 4


def test_a_misspelt_setting_in_the_file_stops_start_up(settings_file):
    settings_file.write_text("ATTUNEMENT_WORKRS=3\n")

    with pytest.raises(ValidationError, match="attunement_workrs"):
        load_settings()


def test_without_a_file_the_defaults_hold(monkeypatch):
    monkeypatch.delenv(SETTINGS_FILE_VARIABLE, raising=False)
    monkeypatch.delenv("ATTUNEMENT_WORKERS", raising=False)
    monkeypatch.delenv("ATTUNEMENT_REDIS_URL", raising=False)

    settings = load_settings()

    assert (settings.workers, settings.redis_url) == (1, "")
