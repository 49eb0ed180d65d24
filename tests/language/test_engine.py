"""The contract and the behaviours the issue names, on every backend that loads."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attunement.domain.analysis import HORSEMEN, SafetyKind, SafetyLevel
from attunement.domain.errors import InvalidInput

SAID = (
    "When you were on your phone at dinner last night I felt lonely. "
    "I'd been waiting all day to tell you about the interview."
)
GOOD_MIRROR = (
    "What reached me: at dinner last night I was on my phone, and you felt lonely, because you'd "
    "been waiting all day to tell me about your interview. Did I catch it? Is there more?"
)
PARTIAL_MIRROR = "You felt ignored because of my phone."
POOR_MIRROR = "You're upset about the phone again, but I was answering my boss."


def _keys(value: object) -> set[str]:
    assert isinstance(value, dict)
    return set(value)


def test_every_contract_key_is_present(analyzer):
    line = analyzer.respond(SAID, GOOD_MIRROR).to_json()

    utterance, response = line["utterance"], line["response"]
    assert _keys(utterance) >= {"horsemen", "parts", "feelings", "safety"}
    assert _keys(utterance["horsemen"]) == set(HORSEMEN)
    assert _keys(utterance["parts"]) == {"speaks_for_part", "blended"}
    assert _keys(utterance["safety"]) == {"level", "kinds"}
    assert _keys(response) >= {"mirror", "validation", "empathy"}
    assert _keys(response["mirror"]) == {"score", "missed", "added", "feelings_missed"}
    assert _keys(response["validation"]) == {"present", "score"}
    assert _keys(response["empathy"]) == {
        "present",
        "score",
        "feelings_named",
        "emotional_reactions",
        "interpretations",
        "explorations",
    }


def test_an_utterance_alone_has_no_response(analyzer):
    assert analyzer.analyze("I felt lonely at dinner.").to_json()["response"] is None


def test_a_faithful_mirror_with_flipped_pronouns_scores_high(analyzer):
    mirror = analyzer.respond(SAID, GOOD_MIRROR).response.mirror

    assert mirror.score >= 0.8
    assert mirror.missed == ()
    assert mirror.added == ()
    assert mirror.feelings_missed == ()


def test_a_partial_mirror_names_the_missed_idea_and_feeling(analyzer):
    mirror = analyzer.respond(SAID, PARTIAL_MIRROR).response.mirror

    assert mirror.score < 0.6
    assert any("interview" in phrase for phrase in mirror.missed)
    assert mirror.feelings_missed == ("lonely",)


def test_a_defensive_mirror_is_poor_even_when_it_repeats_words(analyzer):
    parroted = "You felt lonely at dinner last night when I was on my phone, but that's not true."
    poor = analyzer.respond(SAID, parroted).response.mirror
    good = analyzer.respond(SAID, GOOD_MIRROR).response.mirror

    assert poor.score < 0.3
    assert poor.score < good.score


def test_the_listeners_own_story_is_reported_as_added(analyzer):
    mirror = analyzer.respond(SAID, POOR_MIRROR).response.mirror

    assert any("boss" in phrase for phrase in mirror.added)


def test_validation_needs_a_reason_and_no_but(analyzer):
    said = "I was scared when you drove so fast with the kids in the back."
    reasoned = "That makes sense, because the kids were in the car and I was going too fast."
    bare = "I guess that makes sense."
    defended = "I see why you'd think that, but I'm a careful driver."

    assert analyzer.respond(said, reasoned).response.validation.present
    assert not analyzer.respond(said, bare).response.validation.present
    assert not analyzer.respond(said, defended).response.validation.present


def test_empathy_names_feelings_and_scores_the_three_mechanisms(analyzer):
    reply = (
        "That sounds really painful. My guess is you felt lonely and unimportant. Is there more?"
    )
    empathy = analyzer.respond(SAID, reply).response.empathy

    assert empathy.present
    assert set(empathy.feelings_named) >= {"lonely", "unimportant"}
    assert (empathy.emotional_reactions, empathy.interpretations, empathy.explorations) == (2, 2, 2)


def test_a_thought_dressed_as_a_feeling_is_not_a_feeling(analyzer):
    empathy = analyzer.respond(SAID, "My guess is you felt that I don't care.").response.empathy

    assert empathy.feelings_named == ()


def test_over_identification_is_flagged_and_compassion_is_not(analyzer):
    said = "There's a lonely part of me that got hurt last night."
    distress = "That happened to me too and I'm devastated, I can't stand it."
    compassion = (
        "I can see there's a lonely part of you that got hurt. I care about it, and I'm here."
    )

    assert analyzer.respond(said, distress).response.self_focus >= 0.5
    assert analyzer.respond(said, compassion).response.self_focus < 0.5


@pytest.mark.parametrize(
    ("text", "horseman"),
    [
        ("You're so thoughtless, you always leave the dishes.", "criticism"),
        ("Oh wow, the genius forgot again.", "contempt"),
        ("Well, I wouldn't forget if you ever helped.", "defensiveness"),
        ("Fine. Whatever.", "stonewalling"),
    ],
)
def test_each_horseman_is_found(analyzer, text, horseman):
    assert analyzer.analyze(text).utterance.horsemen.present()[0] == horseman


def test_a_gentle_start_up_has_no_horseman(analyzer):
    text = "I'm worn out and the sink is full; could we do the dishes together after dinner?"
    assert analyzer.analyze(text).utterance.horsemen.present() == []


def test_a_criticism_gets_a_speak_for_a_part_rewrite(analyzer):
    utterance = analyzer.analyze("You're so thoughtless, you always leave the dishes.").utterance

    assert utterance.rewrite is not None
    assert utterance.rewrite.startswith("A part of me")
    assert "leave the dishes" in utterance.rewrite
    assert "always" not in utterance.rewrite
    assert "thoughtless" not in utterance.rewrite


def test_speaking_for_a_part_is_not_blended(analyzer):
    text = "A part of me gets really angry when I'm talking and see you on your phone."
    parts = analyzer.analyze(text).utterance.parts

    assert parts.speaks_for_part
    assert not parts.blended
    assert analyzer.analyze(text).utterance.rewrite is None


def test_parts_language_wrapping_an_attack_is_blended(analyzer):
    parts = analyzer.analyze("A part of me thinks you're selfish.").utterance.parts

    assert parts.blended
    assert not parts.speaks_for_part


@pytest.mark.parametrize(
    "idiom",
    [
        "This deadline is killing me.",
        "I could murder a pizza.",
        "I'm dying to see that film with you.",
        "My phone died so I couldn't text you back.",
        "You totally killed it at the presentation.",
        "I was bored to death at your cousin's dinner.",
    ],
)
def test_idioms_are_not_risks(analyzer, idiom):
    assert analyzer.analyze(idiom).utterance.safety.level is SafetyLevel.NONE


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Last week he pushed me against the wall.", SafetyKind.PARTNER_VIOLENCE),
        ("I'm afraid of what he'll do if I say this.", SafetyKind.PARTNER_VIOLENCE),
        ("Sometimes I think everyone would be better off without me.", SafetyKind.SELF_HARM),
        ("I've been thinking about ending my life.", SafetyKind.SELF_HARM),
        ("If you leave, I'll make sure you never see the kids again.", SafetyKind.THREAT),
        ("Keep talking and I'll hurt you.", SafetyKind.THREAT),
    ],
)
def test_urgent_disclosures_are_found(analyzer, text, kind):
    safety = analyzer.analyze(text).utterance.safety

    assert safety.level is SafetyLevel.URGENT
    assert kind in safety.kinds


def test_coercive_control_is_a_concern(analyzer):
    safety = analyzer.analyze(
        "He reads my messages and won't let me see my sister."
    ).utterance.safety

    assert safety.level is SafetyLevel.CONCERN
    assert safety.kinds == (SafetyKind.COERCIVE_CONTROL,)


@pytest.mark.parametrize(
    "bad", ["", "   ", "a " * 25_000, "Je ne sais pas pourquoi tu fais toujours cela avec moi"]
)
def test_unusable_text_is_refused_with_a_reason(analyzer, bad):
    with pytest.raises(InvalidInput) as refusal:
        analyzer.analyze(bad)
    assert refusal.value.message_key.startswith("analysis.")


texts = st.text(alphabet=st.characters(codec="ascii", categories=["L", "Zs", "P"]), max_size=200)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(said=texts, reply=texts)
def test_same_input_same_output_and_scores_in_range(analyzer, said, reply):
    try:
        first = analyzer.respond(said, reply)
    except InvalidInput:
        return
    assert analyzer.respond(said, reply) == first
    response = first.response
    horsemen = first.utterance.horsemen
    scores = [getattr(horsemen, name) for name in HORSEMEN] + [
        response.mirror.score,
        response.validation.score,
        response.empathy.score,
        response.self_focus,
    ]
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert {response.empathy.emotional_reactions, response.empathy.interpretations} <= {0, 1, 2}


@pytest.mark.parametrize(
    "check",
    ["Did I get it?", "Is that right?", "Is there more?", "Does that sound right?", "Am I close?"],
)
def test_checks_and_invitations_are_credited_never_added(analyzer, check):
    faithful = "You felt lonely when I was on my phone at dinner."
    said = "When you were on your phone at dinner I felt lonely."

    alone = analyzer.respond(said, faithful).response.mirror
    checked = analyzer.respond(said, f"{faithful} {check}").response.mirror
    tail = analyzer.respond(said, f"{faithful[:-1]}, {check[0].lower()}{check[1:]}").response

    assert checked.added == ()
    assert tail.mirror.added == ()
    assert checked.score >= alone.score


@pytest.mark.parametrize(
    "text",
    [
        "Alex comes home late without texting",
        "Sam cooked dinner, washed up, then slept",
        "Money worries keep coming back lately",
    ],
)
def test_plain_english_without_function_words_is_analysed(analyzer, text):
    assert analyzer.analyze(text).to_json()["utterance"] is not None


@pytest.mark.parametrize(
    "text",
    ["Je suis très fatigué ce soir et je ne veux pas parler", "Ich bin sehr müde und will nicht"],
)
def test_clearly_foreign_text_is_declined(analyzer, text):
    with pytest.raises(InvalidInput):
        analyzer.analyze(text)
