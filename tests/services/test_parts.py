"""Parts use cases: private by default, shared one part at a time, changed only by the owner."""

import pytest

from attunement.domain.errors import InvalidInput, NotFound
from attunement.domain.ids import PartId
from attunement.domain.parts import BurdenKind, CardField, PartRole, RelationKind
from attunement.domain.visibility import Sharing, Visibility
from attunement.services import account_data, parts, therapists
from attunement.services.parts import NewBurden, PartLabel
from tests.conftest import PERSONA_PASSWORD

PARTNER, THERAPIST = Visibility.SHARED_WITH_PARTNER, Visibility.SHARED_WITH_THERAPIST


@pytest.fixture
def critic(uow, sam, clock):
    return parts.name_part(uow, owner=sam.id, name="the critic", role=PartRole.MANAGER, clock=clock)


def test_a_new_part_is_on_its_owners_map_only(uow, critic, sam, alex):
    mine = parts.parts_map(uow, owner=sam.id, viewer=sam.id)
    theirs = parts.parts_map(uow, owner=sam.id, viewer=alex.id)

    assert [p.name for p in mine.parts] == ["the critic"]
    assert mine.mine
    assert theirs.parts == ()
    assert not theirs.mine


@pytest.mark.parametrize("intruder", ["alex", "casey", "morgan"])
def test_a_private_part_is_not_found_for_anyone_but_its_owner(request, uow, critic, intruder):
    person = request.getfixturevalue(intruder)
    with pytest.raises(NotFound) as private:
        parts.visible_part(uow, critic.id, viewer=person.id)
    with pytest.raises(NotFound) as missing:
        parts.visible_part(uow, PartId("no-such-part"), viewer=person.id)
    assert private.value.message_key == missing.value.message_key


def test_the_owner_reads_their_own_private_part(uow, critic, sam):
    assert parts.visible_part(uow, critic.id, viewer=sam.id).name == "the critic"


def test_sharing_with_the_partner_shows_that_one_part_and_unsharing_hides_it(
    uow, critic, sam, alex, clock
):
    other = parts.name_part(
        uow, owner=sam.id, name="the pleaser", role=PartRole.MANAGER, clock=clock
    )
    parts.share(uow, critic.id, by=sam.id, visibility=Visibility.SHARED_WITH_PARTNER, clock=clock)

    seen = parts.parts_map(uow, owner=sam.id, viewer=alex.id)
    assert [p.name for p in seen.parts] == ["the critic"]
    assert parts.visible_part(uow, critic.id, viewer=alex.id).name == "the critic"
    with pytest.raises(NotFound):
        parts.visible_part(uow, other.id, viewer=alex.id)

    parts.share(uow, critic.id, by=sam.id, visibility=Visibility.PRIVATE, clock=clock)
    with pytest.raises(NotFound):
        parts.visible_part(uow, critic.id, viewer=alex.id)


@pytest.mark.parametrize(
    "visibility", [Visibility.SHARED_WITH_PARTNER, Visibility.SHARED_WITH_THERAPIST]
)
def test_no_share_reaches_another_couple(uow, critic, casey, clock, visibility):
    parts.share(uow, critic.id, by=critic.owner, visibility=visibility, clock=clock)
    with pytest.raises(NotFound):
        parts.visible_part(uow, critic.id, viewer=casey.id)


def test_sharing_with_the_therapist_does_not_show_the_partner(uow, critic, sam, alex, clock):
    parts.share(uow, critic.id, by=sam.id, visibility=Visibility.SHARED_WITH_THERAPIST, clock=clock)
    with pytest.raises(NotFound):
        parts.visible_part(uow, critic.id, viewer=alex.id)


def test_an_outsiders_map_cannot_be_asked_for(uow, critic, sam, casey):
    with pytest.raises(NotFound):
        parts.parts_map(uow, owner=sam.id, viewer=casey.id)


def test_the_owner_fills_the_card_and_the_partner_cannot_even_when_shared(
    uow, critic, sam, alex, clock
):
    parts.share(uow, critic.id, by=sam.id, visibility=Visibility.SHARED_WITH_PARTNER, clock=clock)
    with pytest.raises(NotFound):
        parts.answer(uow, critic.id, by=alex.id, answers={CardField.FEARS: "x"}, clock=clock)

    filled = parts.answer(
        uow, critic.id, by=sam.id, answers={CardField.FEARS: "being laughed at"}, clock=clock
    )

    assert filled.fears == "being laughed at"
    assert parts.visible_part(uow, critic.id, viewer=sam.id).fears == "being laughed at"


def test_renaming_triggers_and_burdens_are_kept(uow, critic, sam, clock):
    parts.rename(
        uow, critic.id, by=sam.id, label=PartLabel("the coach", PartRole.UNKNOWN), clock=clock
    )
    parts.add_trigger(uow, critic.id, by=sam.id, text="raised voices", clock=clock)
    parts.add_burden(
        uow,
        critic.id,
        by=sam.id,
        burden=NewBurden(BurdenKind.BELIEF, "I must be perfect"),
        clock=clock,
    )
    part = parts.visible_part(uow, critic.id, viewer=sam.id)
    assert (part.name, part.role, part.triggers) == (
        "the coach",
        PartRole.UNKNOWN,
        ("raised voices",),
    )
    assert part.burdens[0].description == "I must be perfect"


def test_relations_join_the_owners_parts_and_show_on_the_map(uow, critic, sam, alex, clock):
    little = parts.name_part(uow, owner=sam.id, name="little one", role=PartRole.EXILE, clock=clock)
    parts.relate(
        uow, by=sam.id, link=(critic.id, little.id), kind=RelationKind.PROTECTS, clock=clock
    )
    parts.relate(
        uow, by=sam.id, link=(critic.id, little.id), kind=RelationKind.PROTECTS, clock=clock
    )

    assert len(parts.parts_map(uow, owner=sam.id, viewer=sam.id).relations) == 1
    parts.share(uow, critic.id, by=sam.id, visibility=Visibility.SHARED_WITH_PARTNER, clock=clock)
    assert parts.parts_map(uow, owner=sam.id, viewer=alex.id).relations == ()  # one end is private


def test_nobody_relates_someone_elses_part(uow, critic, sam, alex, clock):
    alex_part = parts.name_part(
        uow, owner=alex.id, name="the wall", role=PartRole.FIREFIGHTER, clock=clock
    )
    with pytest.raises(NotFound):
        parts.relate(
            uow, by=sam.id, link=(critic.id, alex_part.id), kind=RelationKind.PROTECTS, clock=clock
        )
    with pytest.raises(InvalidInput):
        parts.relate(
            uow, by=sam.id, link=(critic.id, critic.id), kind=RelationKind.PROTECTS, clock=clock
        )


def test_the_couples_therapist_sees_a_part_shared_with_them_and_no_other(
    uow, critic, jordan, morgan, clock
):
    with pytest.raises(NotFound):
        parts.visible_part(uow, critic.id, viewer=jordan.id)  # private until shared

    parts.share(uow, critic.id, by=critic.owner, visibility=THERAPIST, clock=clock)

    assert parts.visible_part(uow, critic.id, viewer=jordan.id).name == "the critic"
    with pytest.raises(NotFound):
        parts.visible_part(uow, critic.id, viewer=morgan.id)  # a therapist nobody invited


def test_letting_the_therapist_go_takes_back_what_was_shared_with_them_at_once(
    uow, critic, alex, jordan, clock
):
    parts.share(uow, critic.id, by=critic.owner, visibility=THERAPIST, clock=clock)

    therapists.revoke_therapist(uow, by=alex.id, clock=clock)  # either partner may

    with pytest.raises(NotFound):
        parts.visible_part(uow, critic.id, viewer=jordan.id)


def test_revoking_one_audience_leaves_a_share_with_the_other(uow, critic, alex, clock):
    sam = critic.owner
    parts.share(uow, critic.id, by=sam, visibility=PARTNER, clock=clock)

    kept = parts.change_sharing(
        uow, critic.id, by=sam, change=Sharing.REVOKE_THERAPIST, clock=clock
    )
    assert kept.visibility is PARTNER
    assert parts.visible_part(uow, critic.id, viewer=alex.id).name == "the critic"

    parts.change_sharing(uow, critic.id, by=sam, change=Sharing.REVOKE_PARTNER, clock=clock)
    with pytest.raises(NotFound):
        parts.visible_part(uow, critic.id, viewer=alex.id)


def test_nobody_but_the_owner_changes_who_sees_a_part(uow, critic, alex, jordan, clock):
    parts.share(uow, critic.id, by=critic.owner, visibility=PARTNER, clock=clock)
    for change in Sharing:
        for intruder in (alex, jordan):
            with pytest.raises(NotFound):
                parts.change_sharing(uow, critic.id, by=intruder.id, change=change, clock=clock)

    assert parts.visible_part(uow, critic.id, viewer=alex.id).visibility is PARTNER


@pytest.mark.parametrize(("visibility", "audience"), [(PARTNER, "alex"), (THERAPIST, "jordan")])
def test_when_the_owner_deletes_their_account_their_shared_parts_reach_nobody(
    request, uow, critic, visibility, audience
):
    hasher, clock = request.getfixturevalue("hasher"), request.getfixturevalue("clock")
    viewer = request.getfixturevalue(audience)
    parts.share(uow, critic.id, by=critic.owner, visibility=visibility, clock=clock)
    assert parts.visible_part(uow, critic.id, viewer=viewer.id).name == "the critic"

    erasure = account_data.Erasure(critic.owner, PERSONA_PASSWORD)
    account_data.delete_account(uow, erasure, hasher=hasher, clock=clock)

    with pytest.raises(NotFound):
        parts.visible_part(uow, critic.id, viewer=viewer.id)
