"""Parts, burdens, relations and Self-energy: what a card accepts and what it refuses."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import (
    MAX_FIELD,
    MAX_LIST,
    MAX_NAME,
    RATING_MAX,
    Burden,
    BurdenKind,
    BurdenOrigin,
    BurdenStatus,
    CardField,
    Part,
    PartRole,
    Permission,
    Relation,
    RelationKind,
    SelfEnergy,
    SelfQuality,
)
from attunement.domain.visibility import Visibility

SAM = PersonId("sam")
ALEX = PersonId("alex")


def critic(part_id: str = "p1", owner: PersonId = SAM) -> Part:
    return Part.named(PartId(part_id), owner, "the critic", PartRole.MANAGER)


def test_a_new_part_is_private_with_an_empty_card():
    part = critic()
    assert part.visibility is Visibility.PRIVATE
    assert part.name == "the critic"
    assert set(part.card().values()) == {""}
    assert part.permission is Permission.NONE


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_part_needs_a_name(name):
    with pytest.raises(InvalidInput) as refused:
        Part.named(PartId("p"), SAM, name, PartRole.UNKNOWN)
    assert refused.value.message_key == "part.name_empty"


def test_a_name_fits_on_the_map():
    with pytest.raises(InvalidInput) as refused:
        Part.named(PartId("p"), SAM, "n" * (MAX_NAME + 1), PartRole.UNKNOWN)
    assert refused.value.message_key == "part.name_too_long"
    assert Part.named(PartId("p"), SAM, "n" * MAX_NAME, PartRole.UNKNOWN).name == "n" * MAX_NAME


def test_renaming_keeps_the_card():
    part = critic().with_answer(CardField.FEARS, "being laughed at")
    renamed = part.renamed("the coach", PartRole.UNKNOWN)
    assert (renamed.name, renamed.role, renamed.fears) == (
        "the coach",
        PartRole.UNKNOWN,
        "being laughed at",
    )


def test_an_answer_fills_one_card_line_and_an_empty_one_clears_it():
    part = critic().with_answer(CardField.BODY_LOCATION, "  tight jaw ")
    assert part.card()[CardField.BODY_LOCATION] == "tight jaw"
    assert part.with_answer(CardField.BODY_LOCATION, None).body_location == ""


def test_a_card_line_has_a_limit():
    with pytest.raises(InvalidInput):
        critic().with_answer(CardField.DOES, "x" * (MAX_FIELD + 1))
    assert critic().with_answer(CardField.DOES, "x" * MAX_FIELD).does == "x" * MAX_FIELD


def test_triggers_are_added_in_order_up_to_the_limit():
    part = critic()
    for index in range(MAX_LIST):
        part = part.with_trigger(f"trigger {index}")
    assert part.triggers[0] == "trigger 0"
    with pytest.raises(InvalidInput) as refused:
        part.with_trigger("one more")
    assert refused.value.message_key == "part.list_full"


def test_an_empty_trigger_is_refused():
    with pytest.raises(InvalidInput):
        critic().with_trigger("  ")


def test_a_burden_starts_carried_and_needs_words():
    burden = Burden.carried(BurdenKind.BELIEF, "I am too much", BurdenOrigin.LEGACY)
    assert burden.status is BurdenStatus.CARRIED
    assert critic().with_burden(burden).burdens == (burden,)
    with pytest.raises(InvalidInput):
        Burden.carried(BurdenKind.FEELING, " ", BurdenOrigin.PERSONAL)


def test_burdens_have_a_limit():
    burden = Burden.carried(BurdenKind.FEELING, "shame", BurdenOrigin.PERSONAL)
    part = critic()
    for _ in range(MAX_LIST):
        part = part.with_burden(burden)
    with pytest.raises(InvalidInput):
        part.with_burden(burden)


@pytest.mark.parametrize("level", [-1, 4])
def test_trust_stays_between_zero_and_three(level):
    with pytest.raises(InvalidInput):
        critic().with_trust(level)


def test_trust_within_range_is_kept():
    assert critic().with_trust(3).trust_level == 3


def test_a_protectors_no_is_recorded():
    assert critic().with_permission(Permission.REFUSED).permission is Permission.REFUSED


def test_sharing_changes_only_visibility():
    shared = critic().shared_as(Visibility.SHARED_WITH_PARTNER)
    assert shared.visibility is Visibility.SHARED_WITH_PARTNER
    assert shared.shared_as(Visibility.PRIVATE) == critic()


def test_managers_and_firefighters_protect_and_exiles_do_not():
    assert [role for role in PartRole if role.protects] == [PartRole.MANAGER, PartRole.FIREFIGHTER]


def test_a_protector_protects_an_exile_of_the_same_person():
    little = Part.named(PartId("p2"), SAM, "little one", PartRole.EXILE)
    relation = Relation.between(critic(), little, RelationKind.PROTECTS)
    assert (relation.from_part, relation.to_part, relation.cross_person) == ("p1", "p2", False)


def test_a_part_cannot_relate_to_itself():
    with pytest.raises(InvalidInput) as refused:
        Relation.between(critic(), critic(), RelationKind.POLARIZED_WITH)
    assert refused.value.message_key == "part.relation_to_itself"


def test_only_the_cycle_kind_joins_two_people():
    alex_part = critic("p9", ALEX)
    with pytest.raises(InvalidInput):
        Relation.between(critic(), alex_part, RelationKind.PROTECTS)
    with pytest.raises(InvalidInput):
        Relation.between(critic(), critic("p2"), RelationKind.TRIGGERS_PARTNER_PART)
    link = Relation.between(critic(), alex_part, RelationKind.TRIGGERS_PARTNER_PART)
    assert link.cross_person


def test_self_energy_is_eight_ratings_with_missing_ones_at_zero():
    energy = SelfEnergy.rated({SelfQuality.CALM: 3, SelfQuality.CURIOSITY: 4})
    assert energy.of(SelfQuality.CALM) == 3
    assert energy.of(SelfQuality.COURAGE) == 0
    assert energy.mean() == 7 / 8
    assert SelfQuality.CALM not in energy.lowest()
    assert SelfQuality.COURAGE in energy.lowest()


@pytest.mark.parametrize("ratings", [(1,) * 7, (1,) * 9, (5, 1, 1, 1, 1, 1, 1, 1), (-1,) * 8])
def test_self_energy_refuses_a_wrong_shape_or_range(ratings):
    with pytest.raises(InvalidInput):
        SelfEnergy(ratings)


@given(st.lists(st.integers(0, RATING_MAX), min_size=8, max_size=8))
def test_self_energy_mean_stays_on_the_scale(ratings):
    energy = SelfEnergy(tuple(ratings))
    assert 0 <= energy.mean() <= RATING_MAX
    assert all(energy.of(q) == min(ratings) for q in energy.lowest())
