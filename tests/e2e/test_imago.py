"""The Imago family in a real browser: a Behavior Change Request through to a commitment.

Sam and Alex sit together at Sam's laptop (pass-and-play), go from one frustration to three
requests — one refused first, with the notes saying why — and Alex picks one as a gift. Both then
see the commitment and its check-in on the family page. Elements are found by role and label;
every wait is on something visible.
"""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

REQUESTS = (
    "Sit with me for coffee for 15 minutes before work, twice a week for the next four weeks",
    "Text me when you leave the office, every weekday for two weeks",
    "Ask me one question about my day each evening for the next four weeks",
)


def sign_up(page: Page, name: str, username: str) -> None:
    page.goto("/signup")
    page.get_by_label("Your first name").fill(name)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()


def connect(sam: Page, alex: Page) -> None:
    sam.get_by_role("button", name="Invite my partner").click()
    code = sam.get_by_label("Invitation code").inner_text()
    alex.get_by_role("link", name="I have a code").click()
    alex.get_by_label("The code your partner gave you").fill(code)
    alex.get_by_role("button", name="Join").click()
    expect(alex.get_by_text("You and Sam are connected.")).to_be_visible()


def say(page: Page, label: str, words: str, button: str) -> None:
    page.get_by_role("textbox", name=label, exact=True).fill(words)
    page.get_by_role("button", name=button, exact=True).click()


def press(page: Page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()


def mirror_loop(page: Page, words: str) -> None:
    say(page, "What you'd like to say", words, "Send")
    expect(page.get_by_role("heading", name="Alex's turn")).to_be_visible()
    say(page, "Your mirror", f"If I got that: {words}", "Send my mirror")
    press(page, "Yes, you got it")
    press(page, "That's all")


def test_a_request_becomes_a_commitment_both_partners_see(sam_page, alex_page, screenshot):
    sam, alex = sam_page, alex_page
    sign_up(sam, "Sam", "sam-imago")
    sign_up(alex, "Alex", "alex-imago")
    connect(sam, alex)
    sam.goto("/")
    sam.get_by_role("link", name="Imago exercises").click()
    press(sam, "Start: Behavior Change Request")

    say(sam, "What it's about", "Mornings", "Ask for a moment")
    press(sam, "Yes, now works")
    mirror_loop(sam, "When you scroll on your phone at breakfast, I sit there alone.")
    mirror_loop(sam, "I feel lonely, and a bit invisible.")
    press(sam, "Skip this")
    mirror_loop(sam, "I want to feel that you're glad to start the day with me.")

    say(sam, "A request", "Stop scrolling at breakfast", "Offer this request")
    expect(sam.get_by_text("not what should stop")).to_be_visible()  # the note says why
    expect(sam.get_by_role("textbox", name="A request")).to_have_value(
        "Stop scrolling at breakfast"
    )
    screenshot(sam, "bcr-request-notes")
    for request in REQUESTS:
        say(sam, "A request", request, "Offer this request")
    say(sam, "Your mirror", "Coffee, a text when I leave, and a question.", "Send my mirror")
    press(sam, "Yes, you got it")

    sam.get_by_label(REQUESTS[1]).check()
    say(
        sam,
        "Say it back in your own words",
        "I'll text you as I leave, weekdays.",
        "Give this as a gift",
    )
    press(sam, "Yes, thank you")
    expect(sam.get_by_text("a commitment now")).to_be_visible()

    sam.get_by_role("link", name="Back to the Imago exercises").click()
    expect(sam.get_by_role("heading", name="I'll text you as I leave, weekdays.")).to_be_visible()
    sam.get_by_label("Partly").check()
    sam.get_by_label("A short note (optional)").fill("Three of five days")
    press(sam, "Record today's check-in")

    alex.goto("/imago")
    expect(alex.get_by_text("partly — Three of five days")).to_be_visible()
    screenshot(alex, "bcr-commitment-mobile")


def test_an_appreciation_on_two_devices_updates_without_reload(sam_page, alex_page, screenshot):
    sam, alex = sam_page, alex_page
    sign_up(sam, "Sam", "sam-live")
    sign_up(alex, "Alex", "alex-live")
    connect(sam, alex)
    sam.goto("/imago")
    form = sam.locator("form").filter(has_text="Appreciation Dialogue")
    form.get_by_label("Each on our own device").check()
    form.get_by_role("button", name="Start: Appreciation Dialogue").click()
    expect(sam.get_by_role("heading", name="Your turn")).to_be_visible()
    alex.goto(sam.url)
    expect(alex.get_by_text("Your screen updates by itself")).to_be_visible()

    say(sam, "What it's about", "Last weekend", "Ask for a moment")

    # No reload: Alex's screen fetched its own view when the hub said the run moved.
    expect(alex.get_by_role("button", name="Yes, now works")).to_be_visible()
    press(alex, "Yes, now works")
    expect(sam.get_by_role("textbox", name="Your appreciation")).to_be_visible()
    screenshot(alex, "appreciation-two-devices")
