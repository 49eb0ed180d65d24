"""Browser tests: the real server (uvicorn, app factory) on a free port and Debian's Chromium.

The server gets a temporary data folder (a fresh SQLite file, migrated by ``app_from_env``) and
is ready when uvicorn says so on its log; nothing here sleeps. Set
``ATTUNEMENT_SCREENSHOTS_DIR`` to keep screenshots of the pages (docs/images for the guide).
"""

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY = "Application startup complete"
MOBILE = {"width": 390, "height": 844}
DESKTOP = {"width": 1024, "height": 800}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "ATTUNEMENT_DATA_DIR": str(tmp_path_factory.mktemp("server")),
        "ATTUNEMENT_ANALYZER": "auto",  # the product default: the bundled model
        "ATTUNEMENT_ARGON2_TIME_COST": "1",
        "ATTUNEMENT_ARGON2_MEMORY_KIB": "8",
        "ATTUNEMENT_REQUIRE_CHECK_IN": "false",  # tests/e2e/test_quick_exit.py checks in
        "ATTUNEMENT_RATE_LIMIT_PER_MINUTE": "1000",  # every browser signs up from one address
    }
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "attunement.web.app:app_from_env",
        "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
    ]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        command, env=env, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    for line in process.stderr:
        if READY in line:
            break
    else:
        pytest.fail("the server stopped before it was ready")
    # Keep reading the log so a full pipe never blocks the server.
    drain = threading.Thread(target=process.stderr.read, daemon=True)
    drain.start()
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    drain.join(timeout=10)
    process.stderr.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _context(browser: Browser, server: str, viewport: dict[str, int]) -> BrowserContext:
    context = browser.new_context(base_url=server, viewport=viewport)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def sam_page(browser: Browser, server: str) -> Iterator[Page]:
    context = _context(browser, server, DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def alex_page(browser: Browser, server: str) -> Iterator[Page]:
    context = _context(browser, server, MOBILE)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot() -> "Shooter":
    folder = os.environ.get("ATTUNEMENT_SCREENSHOTS_DIR")
    return Shooter(Path(folder) if folder else None)


class Shooter:
    """Saves a page's screenshot when a folder was asked for; otherwise does nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def __call__(self, page: Page, name: str) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)
