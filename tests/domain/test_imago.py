"""The imago summary draft and the overlap suggestions, shown only with both consents."""

import pytest

from attunement.domain.imago import (
    Entry,
    EntryKind,
    Overlap,
    draft_synthesis,
    overlaps_shown,
    stems,
    suggest_overlaps,
)

K = EntryKind


def entries(*pairs: tuple[EntryKind, str]) -> list[Entry]:
    return [Entry(kind, text) for kind, text in pairs]


def test_an_empty_workup_drafts_nothing():
    assert draft_synthesis([]) == ""


def test_the_draft_names_who_what_is_hoped_for_and_the_reaction():
    draft = draft_synthesis(
        entries(
            (K.CAREGIVER, "my mother"),
            (K.CAREGIVER, "my father"),
            (K.POSITIVE_TRAIT, "warm"),
            (K.NEGATIVE_TRAIT, "busy"),
            (K.WANTED, "time together"),
            (K.REACTION, "tried harder"),
        )
    )
    assert draft == (
        "I was raised by my mother and my father. I may be drawn to someone who is warm and "
        "also busy. What I hope finally to receive is time together. When I don't get it, I "
        "tend to tried harder, and that can make it harder to receive."
    )


def test_a_draft_with_only_hard_traits_still_reads():
    assert draft_synthesis(entries((K.NEGATIVE_TRAIT, "strict"))) == (
        "I may be drawn to someone who is strict."
    )


@pytest.mark.parametrize(
    ("caregiver", "partner", "because"),
    [
        ("worried a lot", "a worrier", "worried, worrier"),  # a row of near-synonyms
        ("critical of my grades", "critical of my cooking", "critical"),
        ("loud", "quiet", ""),
        ("distant", "cold at times", "cold, distant"),
        ("playful", "funny", "funny, playful"),
    ],
)
def test_overlaps_match_shared_stems_or_near_synonyms(caregiver, partner, because):
    found = suggest_overlaps(entries((K.NEGATIVE_TRAIT, caregiver), (K.PARTNER_NEGATIVE, partner)))
    if because:
        assert found == [Overlap(caregiver, partner, because)]
    else:
        assert found == []


def test_overlaps_only_compare_like_with_like():
    mixed = entries((K.POSITIVE_TRAIT, "funny"), (K.PARTNER_NEGATIVE, "funny at my expense"))
    assert suggest_overlaps(mixed) == []


def test_stems_drop_small_words_and_common_endings():
    assert stems("Very caring and a bit worried") == {"caring", "worri"}


@pytest.mark.parametrize(("mine", "partners"), [(False, False), (True, False), (False, True)])
def test_overlaps_are_hidden_unless_both_consent(mine, partners):
    pair = entries((K.POSITIVE_TRAIT, "warm"), (K.PARTNER_POSITIVE, "warm"))
    assert overlaps_shown(pair, mine=mine, partners=partners) == []
    assert overlaps_shown(pair, mine=True, partners=True) == [Overlap("warm", "warm", "warm")]
