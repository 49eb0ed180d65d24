"""The request checker: domain.md §2.3's table, our own examples, and its promises."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attunement.domain.requests import (
    LONGEST_HORIZON_DAYS,
    Criterion,
    check_request,
    horizon_days,
)

GOOD = "Could you walk with me for 20 minutes on Sunday mornings for the next four weeks?"

# (criterion, passes, fails): the rows of domain.md §2.3 that a text rule can judge.
TABLE = [
    (Criterion.POSITIVE, "Sit with me for coffee before work", "Stop scrolling at breakfast"),
    (Criterion.SPECIFIC, "Text me when you leave the office", "Be more considerate"),
    (Criterion.MEASURABLE, "Twice a week, for 15 minutes", "More often"),
    (Criterion.SMALL, "Cook dinner with me twice this week", "Never work late again"),
    (Criterion.TIME_LIMITED, "Hug me each morning for the next four weeks", "Hug me each morning"),
    (Criterion.NOT_A_FEELING, "Ask me one question about my day", "Feel happier when I'm home"),
]

# Our own examples: (text, the criterion it fails).
FAILS = [
    ("Don't raise your voice at dinner for two weeks, once a day", Criterion.POSITIVE),
    ("Please no more phones in bed, every night this week", Criterion.POSITIVE),
    ("Pay more attention to me every evening for two weeks", Criterion.SPECIFIC),
    ("Be more supportive once a day for a month", Criterion.SPECIFIC),
    ("Call me sometimes for the next two weeks", Criterion.MEASURABLE),
    ("Call me at lunch once a day", Criterion.TIME_LIMITED),
    ("Always call me at lunch once a day for two weeks", Criterion.SMALL),
    ("Call me at lunch once a day for the next year", Criterion.SMALL),
    ("Call me at lunch once a day for 20 weeks", Criterion.SMALL),
    ("I'd like you to enjoy our walks twice a week for a month", Criterion.NOT_A_FEELING),
    ("Could you be happy to see me each evening this week", Criterion.NOT_A_FEELING),
]

PASSES = [
    GOOD,
    "For the next four weeks, ask me one question about my day each evening",
    "Text me when you leave the office, every weekday for two weeks",
    "Please hold my hand for five minutes on the sofa each evening this week",
    "I'd like you to plan one date night this month",
    "Make me a cup of tea on Saturday mornings for a month",
]


@pytest.mark.parametrize(("criterion", "passes", "fails"), TABLE)
def test_each_row_of_the_domain_table_passes_and_fails_its_criterion(criterion, passes, fails):
    assert criterion not in {v.criterion for v in check_request(passes).failed()}
    assert criterion in {v.criterion for v in check_request(fails).failed()}


@pytest.mark.parametrize(("text", "criterion"), FAILS)
def test_a_request_fails_the_one_criterion_it_breaks(text, criterion):
    assert [v.criterion for v in check_request(text).failed()] == [criterion]


@pytest.mark.parametrize("text", PASSES)
def test_a_positive_specific_measured_limited_small_request_passes(text):
    check = check_request(text)
    assert check.passed, check.failed()


def test_a_failed_criterion_names_the_words_that_decided_it():
    check = check_request("Stop scrolling at breakfast")
    positive = next(v for v in check.verdicts if v.criterion is Criterion.POSITIVE)

    assert not positive.passed
    assert positive.evidence == "Stop"
    assert positive.message_key == "request.positive.fail"


def test_a_passed_criterion_has_its_own_message_key():
    verdicts = check_request(GOOD).verdicts
    assert [v.message_key for v in verdicts] == [f"request.{c.value}.pass" for c in Criterion]


def test_every_criterion_is_answered_in_the_tables_order():
    assert [v.criterion for v in check_request("anything").verdicts] == list(Criterion)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("for the next four weeks", 28),
        ("for 3 weeks", 21),
        ("for a month", 30),
        ("over the next ten days", 10),
        ("for a couple of weekends", 14),
        ("this week", 7),
        ("tonight", 1),
        ("twice a week", None),
    ],
)
def test_the_horizon_is_read_in_days(text, days):
    assert horizon_days(text) == days


def test_the_longest_horizon_is_still_small():
    assert check_request(f"Call me once a day for {LONGEST_HORIZON_DAYS} days").passed
    assert not check_request(f"Call me once a day for {LONGEST_HORIZON_DAYS + 1} days").passed


def test_a_polite_frame_does_not_hide_a_feeling():
    assert not check_request("Could you please feel calmer once a day this week").passed


def test_extra_spaces_are_folded_in_the_checked_text():
    assert check_request("  Call me \n once a day   this week ").text == (
        "Call me once a day this week"
    )


@settings(deadline=None)  # a loaded machine is slow, not wrong
@given(st.text(max_size=300))
def test_the_same_text_always_gets_the_same_verdicts(text):
    first, second = check_request(text), check_request(text)
    assert first == second
    assert first.passed == (not first.failed())
    assert len(first.verdicts) == len(Criterion)
