"""``attunement serve --workers N`` (issue 7): several processes need Redis for live updates."""

import os
import subprocess
import sys
import threading

import httpx
import pytest

from attunement.cli.app import app
from attunement.cli.processes import READY, free_port
from attunement.web.security import load_secret_key

REDIS_URL = os.environ.get("ATTUNEMENT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_several_workers_without_redis_are_refused(runner, cli_env, monkeypatch):
    monkeypatch.delenv("ATTUNEMENT_REDIS_URL", raising=False)

    result = runner.invoke(app, ["serve", "--workers", "2", "--port", "0"])

    assert result.exit_code == 1
    assert "ATTUNEMENT_REDIS_URL" in result.output


def test_the_worker_count_may_come_from_the_environment(runner, cli_env, monkeypatch):
    monkeypatch.delenv("ATTUNEMENT_REDIS_URL", raising=False)
    monkeypatch.setenv("ATTUNEMENT_WORKERS", "3")

    result = runner.invoke(app, ["serve", "--port", "0"])

    assert result.exit_code == 1
    assert "ATTUNEMENT_REDIS_URL" in result.output


def test_a_worker_count_out_of_range_is_refused(runner, cli_env):
    result = runner.invoke(app, ["serve", "--workers", "0"])

    assert result.exit_code == 2


@pytest.mark.postgres
def test_serve_with_two_workers_starts_both_and_answers(postgres_url, postgres_engine, tmp_path):
    """The real command: two uvicorn workers from the import string, on PostgreSQL and Redis."""
    port = free_port()
    env = {
        **os.environ,
        "ATTUNEMENT_DATA_DIR": str(tmp_path),
        "ATTUNEMENT_DATABASE_URL": postgres_url,
        "ATTUNEMENT_REDIS_URL": REDIS_URL,
        "ATTUNEMENT_ANALYZER": "lexical",
    }
    load_secret_key(tmp_path / "secret.key")
    command = [sys.executable, "-c", "from attunement.cli import main; main()",
               "serve", "--workers", "2", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)  # noqa: S603
    started = threading.Semaphore(0)

    def read_log() -> None:
        for line in server.stderr or ():
            if READY in line:
                started.release()

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    try:
        assert started.acquire(timeout=60)
        assert started.acquire(timeout=60)  # each worker says so once
        pages = [httpx.get(f"http://127.0.0.1:{port}/login", timeout=10) for _ in range(4)]
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=10)
        if server.stderr is not None:
            server.stderr.close()

    assert {page.status_code for page in pages} == {200}
