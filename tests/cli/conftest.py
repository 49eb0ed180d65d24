"""The CLI reads its settings from the environment: point it at this test's database."""

import pytest
from typer.testing import CliRunner

from attunement.cli.app import register
from attunement.store.crypto import process_key_ring


@pytest.fixture
def cli_env(db_url, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ATTUNEMENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ATTUNEMENT_DATABASE_URL", db_url)
    monkeypatch.setenv("ATTUNEMENT_ANALYZER", "lexical")
    monkeypatch.setenv("ATTUNEMENT_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("ATTUNEMENT_ARGON2_MEMORY_KIB", "8")
    # The fixtures' units of work seal text with the process key ring: the CLI must hold it too.
    ring = process_key_ring()
    key_file = tmp_path / "data.key"
    key_file.write_bytes(ring.keys[ring.current])
    monkeypatch.setenv("ATTUNEMENT_KEY_FILE", str(key_file))


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    register()
    return CliRunner()
