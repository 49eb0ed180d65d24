"""The CLI reads its settings from the environment: point it at this test's database."""

import pytest
from typer.testing import CliRunner

from attunement.cli.app import register


@pytest.fixture
def cli_env(db_url, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ATTUNEMENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ATTUNEMENT_DATABASE_URL", db_url)
    monkeypatch.setenv("ATTUNEMENT_ANALYZER", "lexical")
    monkeypatch.setenv("ATTUNEMENT_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("ATTUNEMENT_ARGON2_MEMORY_KIB", "8")


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    register()
    return CliRunner()
