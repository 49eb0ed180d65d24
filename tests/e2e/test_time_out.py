"""The couple's code word, or the dialogue's break button, pauses it on both devices (#4).

Sam (desktop) and Alex (a phone) agree a code word, start a dialogue, and Sam types the word
instead of a chunk: both browsers land on the time-out page, Alex's without reloading, and the
words Sam typed are not kept as a turn. The way back leads to the step they left. Pressing
"I need a break" does the same, as one call.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_dialogue import connect, press, say, turn
from tests.e2e.test_imago import sign_up

pytestmark = pytest.mark.e2e


def agree_code_word(page: Page, word: str) -> None:
    page.goto("/imago")
    page.get_by_label("Code word").fill(word)
    page.get_by_role("button", name="Save our time-out word").click()
    expect(page.get_by_label("Code word")).to_have_value(word)


def under_way(sam: Page, alex: Page, who: str) -> None:
    """Sam and Alex (usernames ending ``who``: the server is shared) at Sam's first chunk."""
    sign_up(sam, "Sam", f"sam-{who}")
    sign_up(alex, "Alex", f"alex-{who}")
    connect(sam, alex)
    agree_code_word(alex, "pineapple")
    sam.goto("/")
    press(sam, "Start a dialogue")
    dialogue = re.sub(r"^https?://[^/]+", "", sam.url)
    alex.goto(dialogue)
    turn(alex, "Sam's turn")
    say(sam, "Topic", "Dinner last night", "Ask to talk")
    press(alex, "Yes, now works")
    expect(sam.get_by_role("textbox", name="What you'd like to say", exact=True)).to_be_visible()


def test_the_code_word_takes_both_devices_to_the_break(sam_page, alex_page):
    sam, alex = sam_page, alex_page
    under_way(sam, alex, "break")

    say(sam, "What you'd like to say", "Pineapple. I'm too flooded to go on.", "Send")

    expect(sam.get_by_role("heading", name="Time-out")).to_be_visible()
    expect(alex.get_by_role("heading", name="Time-out")).to_be_visible()  # no reload on Alex's
    assert re.search(r"/time-outs/\w+$", alex.url)
    assert sam.url == alex.url  # one break, shared by both
    alex.get_by_role("link", name="Back to where you were").click()
    expect(alex.get_by_text("You're on a break.")).to_be_visible()
    expect(alex.get_by_text("too flooded")).to_have_count(0)  # the words were never a turn


def test_the_break_button_takes_both_devices_to_the_break(sam_page, alex_page):
    sam, alex = sam_page, alex_page
    under_way(sam, alex, "button")

    press(alex, "I need a break")  # the receiver may call it too

    expect(alex.get_by_role("heading", name="Time-out")).to_be_visible()
    expect(sam.get_by_role("heading", name="Time-out")).to_be_visible()  # no reload on Sam's
    assert re.search(r"/time-outs/\w+$", sam.url)
    assert sam.url == alex.url
    sam.get_by_role("link", name="Back to where you were").click()
    expect(sam.get_by_text("You're on a break.")).to_be_visible()
    expect(sam.get_by_role("textbox", name="What you'd like to say", exact=True)).to_have_count(0)
