"""A real server process the tests can kill and start again (tests/e2e/durable_app.py)."""

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

PASSWORD = "a long enough password"
READY = "Application startup complete"


class Server:
    """One uvicorn process at a time on a fixed port and data folder."""

    def __init__(self, data_dir: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.env = {
            **os.environ,
            "ATTUNEMENT_DATA_DIR": str(data_dir),
            "ATTUNEMENT_ARGON2_TIME_COST": "1",
            "ATTUNEMENT_ARGON2_MEMORY_KIB": "8",
            "ATTUNEMENT_REQUIRE_CHECK_IN": "false",
            "ATTUNEMENT_RATE_LIMIT_PER_MINUTE": "1000",
        }
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        command = [
            sys.executable, "-m", "uvicorn", "--factory", "tests.e2e.durable_app:app",
            "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log",
        ]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command, env=self.env, stderr=subprocess.PIPE, text=True
        )
        assert self.process.stderr is not None
        for line in self.process.stderr:
            if READY in line:
                break
        else:
            pytest.fail("the server stopped before it was ready")
        self.drain = threading.Thread(target=self.process.stderr.read, daemon=True)
        self.drain.start()  # keep reading the log so a full pipe never blocks the server

    def kill(self) -> None:
        assert self.process is not None
        assert self.process.stderr is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.drain.join(timeout=10)
        self.process.stderr.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"
