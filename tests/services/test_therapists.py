"""Inviting a therapist with a one-time code, and letting them go (issue 5)."""

from datetime import timedelta

import pytest

from attunement.domain.errors import InvalidInput, NotFound
from attunement.domain.people import AccountKind
from attunement.domain.therapist import CODE_LIFETIME
from attunement.services import therapists
from tests.conftest import sign_up


def test_a_redeemed_code_links_the_therapist_to_the_couple(uow, clock, sam, alex, morgan):
    code = therapists.invite_therapist(uow, by=alex.id, clock=clock)

    couple = therapists.join_as_therapist(uow, by=morgan.id, code=code, clock=clock)

    client = therapists.client_couple(uow, couple, therapist=morgan.id)
    assert client.names() == "Sam & Alex"
    assert therapists.therapist_of(uow, viewer=sam.id) == morgan


def test_an_uninvited_therapist_finds_no_couple(uow, jordan, morgan, couple):
    assert therapists.client_couple(uow, couple.id, therapist=jordan.id).couple.id == couple.id

    with pytest.raises(NotFound):
        therapists.client_couple(uow, couple.id, therapist=morgan.id)


def test_a_code_works_once(uow, clock, sam, morgan, hasher):
    code = therapists.invite_therapist(uow, by=sam.id, clock=clock)
    therapists.join_as_therapist(uow, by=morgan.id, code=code, clock=clock)
    riley = sign_up(uow, hasher, clock, "Riley", AccountKind.THERAPIST)

    with pytest.raises(InvalidInput) as refused:
        therapists.join_as_therapist(uow, by=riley.id, code=code, clock=clock)

    assert refused.value.message_key == "therapist.code_not_valid"


def test_an_expired_code_does_not_link(uow, clock, sam, morgan):
    code = therapists.invite_therapist(uow, by=sam.id, clock=clock)
    clock.advance(CODE_LIFETIME)

    with pytest.raises(InvalidInput, match=r"therapist\.code_not_valid"):
        therapists.join_as_therapist(uow, by=morgan.id, code=code, clock=clock)


def test_a_new_code_ends_the_unused_old_one(uow, clock, sam, morgan):
    old = therapists.invite_therapist(uow, by=sam.id, clock=clock)
    clock.advance(timedelta(minutes=1))
    new = therapists.invite_therapist(uow, by=sam.id, clock=clock)

    with pytest.raises(InvalidInput, match=r"therapist\.code_not_valid"):
        therapists.join_as_therapist(uow, by=morgan.id, code=old, clock=clock)
    therapists.join_as_therapist(uow, by=morgan.id, code=new, clock=clock)


def test_an_unknown_code_is_refused_like_a_used_one(uow, clock, morgan):
    with pytest.raises(InvalidInput, match=r"therapist\.code_not_valid"):
        therapists.join_as_therapist(uow, by=morgan.id, code="AAAA-BBBB", clock=clock)


def test_a_partner_cannot_redeem_a_therapist_code(uow, clock, sam, casey):
    code = therapists.invite_therapist(uow, by=sam.id, clock=clock)

    with pytest.raises(InvalidInput, match=r"therapist\.accounts_only"):
        therapists.join_as_therapist(uow, by=casey.id, code=code, clock=clock)


def test_someone_in_no_couple_cannot_invite(uow, clock, morgan):
    with pytest.raises(InvalidInput, match=r"therapist\.couple_needed"):
        therapists.invite_therapist(uow, by=morgan.id, clock=clock)


@pytest.mark.parametrize("who", ["sam", "alex"])
def test_either_partner_revokes_and_it_takes_effect_at_once(who, request, uow, clock, jordan):
    partner = request.getfixturevalue(who)
    couple = request.getfixturevalue("couple")

    assert therapists.revoke_therapist(uow, by=partner.id, clock=clock)

    with pytest.raises(NotFound):
        therapists.client_couple(uow, couple.id, therapist=jordan.id)
    assert therapists.therapist_of(uow, viewer=partner.id) is None


def test_revoking_with_no_therapist_changes_nothing(uow, clock, sam):
    assert not therapists.revoke_therapist(uow, by=sam.id, clock=clock)


def test_an_outsider_cannot_revoke_another_couples_therapist(uow, clock, couple, jordan, casey):
    therapists.revoke_therapist(uow, by=casey.id, clock=clock)

    assert therapists.client_couple(uow, couple.id, therapist=jordan.id).couple.id == couple.id
