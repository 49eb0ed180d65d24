"""Quick exit in real headless Chromium: blank at once, a neutral site, nothing behind Back.

Quinn signs up, opens the help page (which names help lines: sensitive on a shared phone) and
leaves with the button or with Shift pressed three times. The browser must land on the neutral
site, and Back must show nothing Quinn had on screen: the session is ended, ``no-store`` keeps
the pages out of the cache, and ``Clear-Site-Data`` wipes the rest (security-reference.md S13).
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.processes import PASSWORD, Server
from tests.figures import record

pytestmark = pytest.mark.e2e

NEUTRAL = "https://www.bbc.co.uk/weather"
SENSITIVE = ("1-800-799-7233", "Hello, Quinn", "Quinn", "check-in")
RUNS = 2
SEEN: list[int] = []


@pytest.fixture(scope="module")
def quiet_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = Server(Path(tmp_path_factory.mktemp("exit")))
    server.start()
    yield server.url
    server.kill()


@pytest.fixture
def page(browser: Browser, quiet_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=quiet_server, viewport=DESKTOP)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)

    def neutral(route: Route) -> None:  # no network here: stand in for the neutral site
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>Sunny")

    context.route("https://www.bbc.co.uk/**", neutral)
    yield context.new_page()
    context.close()


def open_help(page: Page, name: str) -> None:
    page.goto("/signup")
    page.get_by_label("Your first name").fill("Quinn")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Hello, Quinn")).to_be_visible()
    page.goto("/safety/help")
    expect(page.get_by_text("1-800-799-7233")).to_be_visible()


def after_back(page: Page) -> str:
    page.go_back()
    page.wait_for_load_state()
    return page.content()


def count_sensitive(html: str) -> int:
    return sum(text in html for text in SENSITIVE)


@pytest.mark.parametrize("run", range(RUNS))
def test_shift_three_times_blanks_and_leaves(page, run):
    open_help(page, f"quinn-keys-{run}")

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")

    expect(page).to_have_url(NEUTRAL)
    SEEN.append(count_sensitive(after_back(page)))
    assert SEEN[-1] == 0


@pytest.mark.parametrize("run", range(RUNS))
def test_the_button_blanks_and_leaves(page, run):
    open_help(page, f"quinn-button-{run}")

    page.get_by_role("button", name="Exit now").click()

    expect(page).to_have_url(NEUTRAL)
    SEEN.append(count_sensitive(after_back(page)))
    assert SEEN[-1] == 0


BLANK_AT_ONCE = """() => {
    const start = performance.now();
    for (let i = 0; i < 3; i++) {
        document.dispatchEvent(new KeyboardEvent("keydown", {key: "Shift"}));
    }
    return {html: document.body.innerHTML, title: document.title, ms: performance.now() - start};
}"""


def test_the_page_is_blank_before_it_leaves(page):
    open_help(page, "quinn-blank")

    shown = page.evaluate(BLANK_AT_ONCE)  # read in the same task as the third press

    assert (shown["html"], shown["title"]) == ("", "")
    expect(page).to_have_url(NEUTRAL)
    record(
        "S13 quick exit in Chromium", runs=len(SEEN), sensitive_strings_after_back=sum(SEEN),
        blank_ms=round(shown["ms"], 1),
    )  # fmt: skip
