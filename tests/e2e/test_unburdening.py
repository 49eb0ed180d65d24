"""The partner as witness of an unburdening, in three real browsers (issue 4, domain.md §2.7).

Sam (desktop) names a younger part, and a protector's yes in the 6 Fs opens the way; Jordan, the
couple's therapist, leads the run from a phone. Sam invites Alex to witness two chosen steps.
Alex's phone follows each step by itself, names a step Sam kept private only as kept, and never
shows Sam's words.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import MOBILE, _context
from tests.e2e.test_parts import connect, sign_up, step

pytestmark = pytest.mark.e2e
SUFFIX = "witness"  # usernames of this test's own: the server is shared by the whole session
SAMS_WORDS = "tender and curious, like sitting with a child on the stairs"


@pytest.fixture
def jordan_page(browser: Browser, server: str) -> Iterator[Page]:
    context = _context(browser, server, MOBILE)
    yield context.new_page()
    context.close()


def join_as_therapist(sam: Page, jordan: Page) -> None:
    sam.goto("/therapist")
    sam.get_by_role("button", name="Make a code for our therapist").click()
    code = sam.get_by_label("Therapist code").inner_text()
    jordan.goto("/signup")
    jordan.get_by_label("Your first name").fill("Jordan")
    jordan.get_by_label("Username").fill(f"jordan-{SUFFIX}")
    jordan.get_by_label("Password").fill("a long enough password")
    jordan.get_by_label("A therapist (couples invite you with a code)").check()
    jordan.get_by_role("button", name="Sign up").click()
    jordan.goto("/practice")
    jordan.get_by_label("Their code").fill(code)
    jordan.get_by_role("button", name="Connect").click()
    expect(jordan.get_by_role("heading", name="Sam & Alex")).to_be_visible()


def open_the_way(sam: Page) -> str:
    """Name a younger part and get to know it until it lets Sam go further; its card's address."""
    sam.goto("/parts")
    sam.get_by_label("Its name, in your words").fill("the little one")
    sam.get_by_label("What kind of part it seems to be (a guess is fine)").select_option("exile")
    sam.get_by_role("button", name="Add to my map").click()
    expect(sam.get_by_role("heading", name="the little one")).to_be_visible()
    card = re.sub(r"^https?://[^/]+", "", sam.url)
    sam.get_by_role("button", name="Get to know it (the 6 Fs)").click()
    step(sam, "The moment", "Alex was late and I went quiet", "Start from this moment")
    step(sam, "Where I notice it", "a heavy chest", "That's where I notice it")
    step(sam, None, "", "I'm with it")
    step(sam, "What it's like", "a small child by a door", "That's what it's like")
    step(sam, "How I feel toward it", "curious about it", "That's how I feel toward it")
    step(sam, "Its job, in its words", "waits to be noticed", "That's its job")
    step(sam, "What it fears", "being left alone", "That's what it fears")
    step(sam, None, "", "It would let me go further, with my therapist")
    return card


def witness_step(alex: Page, name: str) -> None:
    expect(alex.locator("#witness-step")).to_have_text(name)


def test_the_partner_witnesses_the_chosen_steps_live_without_the_words(
    sam_page, alex_page, jordan_page
):
    sam, alex, jordan = sam_page, alex_page, jordan_page
    sign_up(sam, "Sam", SUFFIX)
    sign_up(alex, "Alex", SUFFIX)
    connect(sam, alex)
    join_as_therapist(sam, jordan)
    sam.goto(open_the_way(sam))
    sam.get_by_role("button", name="Unburdening, with my therapist").click()
    run = re.sub(r"^https?://[^/]+", "", sam.url)
    assert re.fullmatch(r"/unburdening/\w+", run)

    sam.get_by_text("Your partner as witness").click()
    sam.get_by_label("Meeting the younger part").check()
    sam.get_by_label("Witnessing what it wants known").check()
    sam.get_by_role("button", name="Invite my partner to witness").click()
    expect(sam.get_by_text("your partner is witnessing")).to_be_visible()

    alex.goto("/unburdening")
    alex.get_by_role("link", name="Witnessing your partner's run").click()
    witness_step(alex, "A step your partner keeps to themselves")  # not begun: nothing shared
    jordan.goto(run)
    jordan.get_by_role("button", name="Begin", exact=True).click()
    witness_step(alex, "Meeting the younger part")  # no reload on Alex's phone

    sam.get_by_label("How I feel toward it", exact=True).fill(SAMS_WORDS)
    sam.get_by_role("button", name="That's how I feel toward it", exact=True).click()
    expect(sam.get_by_role("heading", name="Witness", exact=True)).to_be_visible()
    witness_step(alex, "Witnessing what it wants known")
    expect(alex.get_by_text("stairs")).to_have_count(0)  # where Sam is, never what Sam said

    jordan.get_by_role("button", name="It feels understood", exact=True).click()
    witness_step(alex, "A step your partner keeps to themselves")  # Sam kept the do-over
    expect(alex.get_by_role("list", name="Steps you've witnessed")).to_contain_text(
        "Witnessing what it wants known"
    )
    expect(alex.get_by_text("Giving it what it needed back then")).to_have_count(0)
    assert "stairs" not in alex.content()
