"""The IFS family in a real browser: name a part, get to know it with the 6 Fs, see the map,
and keep it from the partner until it is shared (Sam on a desktop, Alex on a 390px phone)."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def sign_up(page: Page, name: str, suffix: str = "parts") -> None:
    page.goto("/signup")
    page.get_by_label("Your first name").fill(name)
    page.get_by_label("Username").fill(f"{name.lower()}-{suffix}")
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


def step(page: Page, field: str | None, words: str, button: str) -> None:
    if field is not None:
        page.get_by_label(field, exact=True).fill(words)
    page.get_by_role("button", name=button, exact=True).click()


def test_a_part_is_met_with_the_6fs_mapped_and_shared_only_when_chosen(
    sam_page, alex_page, screenshot
):
    sam, alex = sam_page, alex_page
    sign_up(sam, "Sam")
    sign_up(alex, "Alex")
    connect(sam, alex)

    sam.goto("/")
    sam.get_by_role("link", name="My parts map").click()
    sam.get_by_label("Its name, in your words").fill("the critic")
    sam.get_by_label("What kind of part it seems to be (a guess is fine)").select_option("manager")
    sam.get_by_role("button", name="Add to my map").click()
    expect(sam.get_by_role("heading", name="the critic")).to_be_visible()
    card_url = re.sub(r"^https?://[^/]+", "", sam.url)

    sam.get_by_role("button", name="Get to know it (the 6 Fs)").click()
    step(sam, "The moment", "I snapped at Alex about the dishes", "Start from this moment")
    step(sam, "Where I notice it", "a tight jaw", "That's where I notice it")
    step(sam, None, "", "I'm with it")
    step(sam, "What it's like", "a sharp teacher with a red pen", "That's what it's like")
    step(sam, "How I feel toward it", "annoyed", "That's how I feel toward it")
    expect(sam.get_by_role("status")).to_contain_text("annoyed")
    step(sam, None, "", "It stepped back")
    step(sam, "How I feel toward it", "curious about it", "That's how I feel toward it")
    step(sam, "Its job, in its words", "keeps me from making mistakes", "That's its job")
    step(sam, "What it fears", "being laughed at", "That's what it fears")
    step(sam, None, "", "Thank it and close")
    step(sam, "What I want to remember (optional)", "it works hard", "Finish")
    screenshot(sam, "six-fs-finished")

    sam.goto(card_url)
    expect(sam.locator(".card-lines")).to_contain_text("keeps me from making mistakes")
    sam.goto("/parts")
    expect(sam.locator("svg.picture")).to_contain_text("Self")
    expect(sam.locator("svg.picture")).to_contain_text("the critic")
    screenshot(sam, "parts-map")

    alex.goto(card_url)
    expect(alex.get_by_role("heading", name="Not found")).to_be_visible()
    expect(alex.get_by_text("the critic")).to_have_count(0)

    sam.goto(card_url)
    sam.get_by_label("Me and my partner").check()
    sam.get_by_role("button", name="Save who can see it").click()

    alex.goto(card_url)
    expect(alex.get_by_role("heading", name="the critic")).to_be_visible()
    expect(alex.locator(".card-lines")).to_contain_text("being laughed at")
    alex.goto("/parts/partner")
    expect(alex.locator("svg.picture")).to_contain_text("the critic")
    screenshot(alex, "shared-part-mobile")
