"""A full Couple's Dialogue in two real browsers, and one on a shared screen.

Sam (desktop) and Alex (a 390px phone) sign up, connect with a one-time code and go through a
whole round; each sees the other's moves arrive without reloading. Elements are found by role and
label as a person would find them; every wait is on something visible.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

CHUNK = "When you were on your phone at dinner I felt lonely. I had news about my interview."
MIRROR = "If I got that, you felt lonely at dinner while I was on my phone. Did I get it?"


def sign_up(page: Page, name: str) -> None:
    page.goto("/signup")
    page.get_by_label("Your first name").fill(name)
    page.get_by_label("Username").fill(name.lower())
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


def turn(page: Page, title: str) -> None:
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


def test_two_devices_complete_a_round_and_swap(sam_page, alex_page, screenshot):
    sam, alex = sam_page, alex_page
    sam.goto("/signup")
    screenshot(sam, "signup")
    sign_up(sam, "Sam")
    sign_up(alex, "Alex")
    connect(sam, alex)
    screenshot(alex, "connected-mobile")
    sam.goto("/")
    press(sam, "Start a dialogue")
    alex.goto(re.sub(r"^https?://[^/]+", "", sam.url))
    turn(alex, "Sam's turn")

    say(sam, "Topic", "Dinner last night", "Ask to talk")
    press(alex, "Yes, now works")  # arrives live on Alex's screen
    say(sam, "What you'd like to say", CHUNK, "Send")
    expect(alex.get_by_text(CHUNK)).to_be_visible()
    turn(alex, "Your turn")
    expect(alex.get_by_text("If I got that, you said")).to_be_visible()

    # A draft survives the partner's moves: Sam takes a break and they come back.
    alex.get_by_role("textbox", name="Your mirror").fill("A half-written mirror")
    press(sam, "I need a break")
    expect(alex.get_by_text("You're taking a break")).to_be_visible()
    press(alex, "We're ready to come back")
    expect(alex.get_by_role("textbox", name="Your mirror")).to_have_value("A half-written mirror")

    say(alex, "Your mirror", MIRROR, "Send my mirror")
    expect(alex.get_by_role("heading", name="About your mirror")).to_be_visible()
    screenshot(alex, "mirror-feedback-mobile")
    expect(sam.get_by_text(MIRROR)).to_be_visible()
    screenshot(sam, "sender-checks-mirror")
    say(
        sam,
        "What I'd add or change",
        "The interview mattered most.",
        "Partly — here's what I'd add",
    )
    expect(alex.get_by_text("The interview mattered most.")).to_be_visible()
    say(alex, "Your mirror", f"{MIRROR} And the interview mattered most.", "Send my mirror")
    press(sam, "Yes, you got it")
    press(sam, "No, that's all for now")
    say(
        alex,
        "Your summary",
        "You felt lonely at dinner and wanted to share news.",
        "Send my summary",
    )
    press(sam, "Yes, that's all of it")
    say(alex, "How it makes sense to you", "It makes sense, because you waited all day.", "Send")
    press(sam, "Yes, that landed")
    say(
        alex,
        "The feelings you imagine",
        "I imagine you felt lonely and sad. Is that close?",
        "Send",
    )
    press(sam, "Yes, that's how I feel")
    say(sam, "Your appreciation", "I appreciate how closely you listened.", "Send my appreciation")
    say(alex, "Your appreciation", "Thank you for telling me.", "Send my appreciation")
    press(alex, "I'd like my turn to be heard")

    turn(alex, "Your turn")
    say(alex, "Topic", "Weekend plans", "Ask to talk")
    press(sam, "Yes, now works")
    say(alex, "What you'd like to say", "I felt rushed on Saturday morning.", "Send")
    expect(sam.get_by_text("I felt rushed on Saturday morning.")).to_be_visible()
    expect(sam.get_by_role("textbox", name="Your mirror")).to_be_visible()


def test_one_device_passes_the_turn_back_and_forth(sam_page, browser, server, screenshot):
    sam = sam_page
    sign_up(sam, "Robin")
    other = browser.new_context(base_url=server)
    partner = other.new_page()
    sign_up(partner, "Kim")
    sam.get_by_role("button", name="Invite my partner").click()
    code = sam.get_by_label("Invitation code").inner_text()
    partner.goto("/join")
    partner.get_by_label("The code your partner gave you").fill(code)
    partner.get_by_role("button", name="Join").click()
    other.close()

    sam.goto("/")
    sam.get_by_label("Together, passing one device").check()
    press(sam, "Start a dialogue")
    turn(sam, "Robin's turn")
    say(sam, "Topic", "Holidays", "Ask to talk")
    turn(sam, "Kim's turn")
    expect(sam.get_by_text("Hand the device to Kim.")).to_be_visible()
    press(sam, "Yes, now works")
    say(sam, "What you'd like to say", "I felt left out of the holiday plans.", "Send")
    turn(sam, "Kim's turn")
    screenshot(sam, "pass-and-play")
    say(
        sam,
        "Your mirror",
        "You felt left out of the holiday plans. Did I get it?",
        "Send my mirror",
    )
    turn(sam, "Robin's turn")
    press(sam, "Yes, you got it")
    expect(sam.get_by_role("button", name="No, that's all for now")).to_be_visible()
