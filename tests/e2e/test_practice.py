"""The therapist's dashboard in a real browser, on a phone-sized screen (issue 5).

Sam and Alex connect; Sam does a check-in shared with their therapist and makes a therapist code;
Jordan signs up as a therapist, joins with the code, sees the couple on the dashboard with a real
SVG chart, sets homework and keeps a private note; when Alex lets Jordan go, Jordan's next look at
the couple finds nothing.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from attunement.services.instruments import WEEKLY_CHECK_IN, shipped
from tests.e2e.conftest import MOBILE, _context
from tests.e2e.test_dialogue import connect

pytestmark = pytest.mark.e2e


@pytest.fixture
def jordan_page(browser: Browser, server: str) -> Iterator[Page]:
    context = _context(browser, server, MOBILE)
    yield context.new_page()
    context.close()


def sign_up(page: Page, name: str, *, therapist: bool = False) -> None:
    """Sign up with a username of this test's own: the server is shared by the whole session."""
    page.goto("/signup")
    page.get_by_label("Your first name").fill(name)
    page.get_by_label("Username").fill(f"{name.lower()}-practice")
    page.get_by_label("Password").fill("a long enough password")
    if therapist:
        page.get_by_label("A therapist (couples invite you with a code)").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()


def check_in_shared_with_therapist(page: Page) -> None:
    page.goto(f"/check-in/{WEEKLY_CHECK_IN}")
    for item in shipped(WEEKLY_CHECK_IN).items:
        page.get_by_role("group", name=item.text).get_by_label("3 · Mostly").check()
    page.get_by_label("Our therapist").check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("heading", name="How things are going")).to_be_visible()


def test_a_therapist_joins_sees_the_couple_and_loses_them_on_revocation(
    sam_page, alex_page, jordan_page, screenshot
):
    sam, alex, jordan = sam_page, alex_page, jordan_page
    sign_up(sam, "Sam")
    sign_up(alex, "Alex")
    connect(sam, alex)
    check_in_shared_with_therapist(sam)
    screenshot(sam, "progress")
    sam.goto("/therapist")
    sam.get_by_role("button", name="Make a code for our therapist").click()
    code = sam.get_by_label("Therapist code").inner_text()

    sign_up(jordan, "Jordan", therapist=True)
    jordan.goto("/practice")
    jordan.get_by_label("Their code").fill(code)
    jordan.get_by_role("button", name="Connect").click()
    expect(jordan.get_by_role("heading", name="Sam & Alex")).to_be_visible()
    chart = jordan.get_by_role("img", name="Weekly check-in: totals by week")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] <= MOBILE["width"]  # the picture fits the phone

    jordan.get_by_label("Due").fill("2099-01-31")
    jordan.get_by_role("button", name="Set homework").click()
    expect(jordan.get_by_text("A Couple's Dialogue by 31 January")).to_be_visible()
    jordan.get_by_label("Session note").fill("Sam spoke first; Alex was quiet.")
    jordan.get_by_role("button", name="Keep note").click()
    expect(jordan.get_by_text("Sam spoke first; Alex was quiet.")).to_be_visible()
    screenshot(jordan, "therapist-couple-mobile")
    jordan.goto("/practice")
    expect(jordan.get_by_role("link", name="Sam & Alex")).to_be_visible()
    screenshot(jordan, "therapist-dashboard-mobile")

    alex.goto("/therapist")
    expect(alex.get_by_text("A Couple's Dialogue by 31 January")).to_be_visible()
    expect(alex.get_by_text("Sam spoke first")).to_have_count(0)
    alex.get_by_role("button", name="Stop sharing with Jordan").click()
    expect(alex.get_by_text("You have no therapist connected.")).to_be_visible()

    jordan.reload()
    expect(jordan.get_by_text("No couple has invited you yet.")).to_be_visible()
