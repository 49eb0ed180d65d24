"""Safety recall on named and third-person subjects, and calm on everyday speech (§4.9)."""

import pytest

from attunement.domain.analysis import SafetyKind, SafetyLevel
from attunement.language.safety import assess

PV, CC = SafetyKind.PARTNER_VIOLENCE, SafetyKind.COERCIVE_CONTROL
SH, TH = SafetyKind.SELF_HARM, SafetyKind.THREAT


@pytest.mark.parametrize(
    ("text", "level", "kind"),
    [
        ("Sam hit me.", SafetyLevel.URGENT, PV),
        ("he hits me", SafetyLevel.URGENT, PV),
        ("My partner choked me.", SafetyLevel.URGENT, PV),
        ("Robin's brother punched me at the wedding.", SafetyLevel.URGENT, PV),
        ("She took my phone and won't let me see my friends.", SafetyLevel.CONCERN, CC),
        ("I don't want to be here anymore.", SafetyLevel.URGENT, SH),
        ("I'm going to hurt him.", SafetyLevel.URGENT, TH),
        ("Casey threatened to kill me.", SafetyLevel.URGENT, TH),
    ],
)
def test_disclosures_with_names_and_third_persons_are_found(text, level, kind):
    safety = assess(text)

    assert (safety.level, safety.kinds) == (level, (kind,))


@pytest.mark.parametrize(
    "text",
    [
        "this deadline is killing me",
        "I could murder a pizza",
        "my phone died",
        "the kids are driving me crazy",
        "I'm dying to see that film",
        "I need to hit the gym",
        "Then it hit me that we never talk.",
        "Alex beat me at chess again.",
        "Sam kicked me out of the group chat.",
    ],
)
def test_everyday_speech_does_not_alarm(text):
    assert assess(text).level is SafetyLevel.NONE


def test_a_named_subject_needs_a_person_not_a_thing():
    assert assess("Reality hit me hard this year.").level is SafetyLevel.NONE
    assert assess("Jordan hit me hard this year.").level is SafetyLevel.URGENT
