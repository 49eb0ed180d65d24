"""App server processes on loopback, for the load test and the cross-process tests (issue 7).

Each process is ``uvicorn --factory attunement.web.app:app_from_env`` on 127.0.0.1 with its
settings in the environment, exactly what one worker of ``attunement serve --workers N`` runs.
A process is ready when uvicorn logs that start-up is complete (after the hub has subscribed);
its log is read to the end in a thread, so a full pipe never blocks the server.
"""

import os
import socket
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

READY = "Application startup complete"
LOOPBACK = "127.0.0.1"
#: Longer than any client keeps an idle connection, so a server never closes a connection
#: a client is just reusing (uvicorn's default of 5 s races a device that acts every 5 s).
KEEP_ALIVE_SECONDS = 75


def free_port() -> int:
    """A port on loopback nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class ServerProcess:
    """One running app process; ``url`` is its loopback address."""

    process: subprocess.Popen[str]
    port: int
    ready: threading.Event = field(default_factory=threading.Event)
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=20))

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def read_log(self) -> None:
        """Keep the last lines of the log and notice readiness (runs in its own thread)."""
        for line in self.process.stderr or ():
            self.tail.append(line.rstrip())
            if READY in line:
                self.ready.set()

    def stop(self) -> None:
        """Ask the process to finish its requests and exit; kill it if it does not."""
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


@contextmanager
def app_server(env: Mapping[str, str], *, timeout: float = 60.0) -> Iterator[ServerProcess]:
    """An app process with ``env`` added to this one's environment, stopped after the block."""
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "attunement.web.app:app_from_env",
        "--host", LOOPBACK, "--port", str(port), "--no-access-log",
        "--timeout-keep-alive", str(KEEP_ALIVE_SECONDS),
        "--ws-per-message-deflate", "false",  # as ``serve``: see cli/server.py
    ]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        command, env={**os.environ, **env}, stderr=subprocess.PIPE, text=True
    )
    server = ServerProcess(process, port)
    reader = threading.Thread(target=server.read_log, daemon=True)
    reader.start()
    try:
        if not server.ready.wait(timeout) or process.poll() is not None:
            log = "\n".join(server.tail)
            raise RuntimeError(f"the app process did not start:\n{log}")
        yield server
    finally:
        server.stop()
        reader.join(timeout=15)
        if process.stderr is not None:
            process.stderr.close()
