"""The IFIO family in two real browsers: map the couple's cycle, each partner writing only their
own steps, see it drawn as a loop; and a U-turn whose words reach the partner, not its insides."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_parts import connect, sign_up

pytestmark = pytest.mark.e2e


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def say(page: Page, words: str | None, button: str) -> None:
    if words is not None:
        page.get_by_label("Your words", exact=True).first.fill(words)
    page.get_by_role("button", name=button, exact=True).click()


def test_the_couple_maps_their_cycle_and_practises_a_u_turn(sam_page, alex_page, screenshot):
    sam, alex = sam_page, alex_page
    sign_up(sam, "Sam", "ifio")
    sign_up(alex, "Alex", "ifio")
    connect(sam, alex)

    sam.goto("/ifio")
    expect(sam.get_by_role("heading", name="Stage 1: Creating a safe space")).to_be_visible()
    sam.get_by_role("button", name="Map our cycle").click()
    say(sam, "Alex comes home late without texting", "That's what happens")
    say(sam, "a young part of me feels scared and unimportant", "That's what happens inside me")
    say(sam, "I send a string of pointed messages", "That's what I do")
    say(sam, None, "My partner reacts to that")
    cycle_url = path_of(sam)

    alex.goto(cycle_url)
    expect(alex.locator("svg.picture")).to_contain_text("pointed messages")
    say(alex, "a part of me feels cornered, like a failure", "That's what happens inside me")
    say(alex, "I go quiet", "That's what I do")
    say(alex, None, "That leads back to the start")
    say(alex, None, "My steps are right")

    sam.goto(cycle_url)
    expect(sam.locator("svg.picture")).to_contain_text("I go quiet")
    expect(sam.locator("path.loop")).to_have_count(1)
    say(sam, None, "My steps are right")
    expect(sam.get_by_text("what vulnerable part might your move protect")).to_be_visible()
    screenshot(sam, "cycle-map")

    alex.goto("/ifio")
    alex.get_by_role("button", name="A U-turn with my partner").click()
    u_turn_url = path_of(alex)
    say(alex, "You always nag me the moment I walk in!", "That's what came out")
    say(alex, None, "I've taken a breath")
    say(alex, "tight shoulders, I want to leave", "That's what I notice")
    say(alex, "the one who wants out", "That's the part")
    say(alex, "it's afraid of failing again", "That's what it needs")
    say(alex, "curious about it", "That's how I feel toward it")
    say(
        alex,
        "A part of me wants to go quiet when I come home late; it's scared I've failed you.",
        "Say it for the part",
    )
    expect(alex.get_by_role("status").first).to_contain_text("You spoke for a part")

    sam.goto(u_turn_url)
    expect(sam.get_by_text("it's scared I've failed you")).to_be_visible()
    expect(sam.get_by_text("the one who wants out")).to_have_count(0)
    expect(sam.get_by_text("You spoke for a part")).to_have_count(0)
    say(sam, "A part of you wants to go quiet; it's scared it failed me.", "Say back what I heard")
    expect(sam.get_by_text("Heard:")).to_be_visible()
    screenshot(sam, "u-turn-received")
