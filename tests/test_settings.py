"""Settings come from the environment or a settings file (issue 7, item 1)."""

import os

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


def test_the_encoder_gets_the_usable_cpus_at_most_four_and_caches_its_graph_in_the_cache_dir(
    monkeypatch, tmp_path
):
    monkeypatch.delenv(SETTINGS_FILE_VARIABLE, raising=False)
    monkeypatch.delenv("ATTUNEMENT_ENCODER_THREADS", raising=False)
    monkeypatch.delenv("ATTUNEMENT_ENCODER_RUNTIME", raising=False)
    monkeypatch.delenv("ATTUNEMENT_WORKERS", raising=False)
    monkeypatch.setenv("ATTUNEMENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ATTUNEMENT_CACHE_DIR", raising=False)

    options = load_settings().encoder_options()

    assert options.threads == min(len(os.sched_getaffinity(0)), 4)
    # one graph for every data folder of this user, not one per folder
    assert (options.runtime, options.graph_dir) == ("onnx", tmp_path / "cache/attunement/models")


def test_the_encoder_threads_and_runtime_can_be_set(monkeypatch):
    monkeypatch.setenv("ATTUNEMENT_ENCODER_THREADS", "3")
    monkeypatch.setenv("ATTUNEMENT_ENCODER_RUNTIME", "torch")

    options = load_settings().encoder_options()

    assert (options.threads, options.runtime) == (3, "torch")


@pytest.mark.parametrize(("name", "value"), [("THREADS", "0"), ("RUNTIME", "int4")])
def test_a_bad_encoder_setting_stops_start_up(monkeypatch, name, value):
    monkeypatch.setenv(f"ATTUNEMENT_ENCODER_{name}", value)

    with pytest.raises(ValidationError, match=f"encoder_{name.lower()}"):
        load_settings()


def test_workers_share_the_usable_cpus_between_their_encoders(monkeypatch):
    monkeypatch.delenv(SETTINGS_FILE_VARIABLE, raising=False)
    monkeypatch.delenv("ATTUNEMENT_ENCODER_THREADS", raising=False)
    usable = len(os.sched_getaffinity(0))

    settings = load_settings(workers=2)

    assert settings.encoder_threads == max(1, min(usable // 2, 4))
