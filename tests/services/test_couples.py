"""Forming a couple: one-time invite codes, each refusal beside the case it permits."""

import re
from datetime import timedelta

import pytest

from attunement.domain.errors import InvalidInput
from attunement.services import couples
from tests.conftest import sign_up


@pytest.fixture
def jamie(uow, hasher, clock):
    return sign_up(uow, hasher, clock, "Jamie")


@pytest.fixture
def kit(uow, hasher, clock):
    return sign_up(uow, hasher, clock, "Kit")


def invalid(uow, clock, person, code) -> str:
    with pytest.raises(InvalidInput) as refused:
        couples.join_couple(uow, by=person.id, code=code, clock=clock)
    return refused.value.message_key


def test_an_invite_code_is_easy_to_type(uow, clock, jamie):
    code = couples.invite_partner(uow, by=jamie.id, clock=clock)

    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)


def test_inviting_starts_a_couple_waiting_for_a_partner(uow, clock, jamie):
    couples.invite_partner(uow, by=jamie.id, clock=clock)

    view = couples.couple_view(uow, viewer=jamie.id, clock=clock)

    assert view is not None
    assert (view.me, view.partner, view.invite_pending) == (jamie, None, True)
    assert not view.couple.complete


def test_the_code_joins_the_partner(uow, clock, jamie, kit):
    code = couples.invite_partner(uow, by=jamie.id, clock=clock)

    couple = couples.join_couple(
        uow, by=kit.id, code=f"  {code.lower().replace('-', ' ')} ", clock=clock
    )

    assert couple.members() == (jamie.id, kit.id)
    assert couples.couple_of(uow, person=jamie.id) == couple
    view = couples.couple_view(uow, viewer=kit.id, clock=clock)
    assert view is not None
    assert (view.me, view.partner, view.invite_pending) == (kit, jamie, False)


def test_a_used_code_is_refused(uow, hasher, clock, jamie, kit):
    code = couples.invite_partner(uow, by=jamie.id, clock=clock)
    couples.join_couple(uow, by=kit.id, code=code, clock=clock)
    latecomer = sign_up(uow, hasher, clock, "Lee")

    assert invalid(uow, clock, latecomer, code) == "invite.invalid"
    assert couples.couple_of(uow, person=latecomer.id) is None


def test_ones_own_code_is_refused(uow, clock, jamie):
    code = couples.invite_partner(uow, by=jamie.id, clock=clock)

    assert invalid(uow, clock, jamie, code) == "invite.invalid"


def test_an_expired_code_is_refused(uow, clock, jamie, kit):
    code = couples.invite_partner(uow, by=jamie.id, clock=clock)
    clock.advance(couples.INVITE_LIFETIME)

    assert invalid(uow, clock, kit, code) == "invite.invalid"


def test_a_code_works_until_it_expires(uow, clock, jamie, kit):
    code = couples.invite_partner(uow, by=jamie.id, clock=clock)
    clock.advance(couples.INVITE_LIFETIME - timedelta(seconds=1))

    assert couples.join_couple(uow, by=kit.id, code=code, clock=clock).complete


def test_an_unknown_code_is_refused(uow, clock, kit):
    assert invalid(uow, clock, kit, "ABCD-EFGH-JKMN") == "invite.invalid"


def test_a_new_code_replaces_the_old_one(uow, clock, jamie, kit):
    old = couples.invite_partner(uow, by=jamie.id, clock=clock)
    new = couples.invite_partner(uow, by=jamie.id, clock=clock)

    assert invalid(uow, clock, kit, old) == "invite.invalid"
    assert couples.join_couple(uow, by=kit.id, code=new, clock=clock).complete


def test_a_full_couple_cannot_invite(uow, clock, sam):
    with pytest.raises(InvalidInput) as refused:
        couples.invite_partner(uow, by=sam.id, clock=clock)

    assert refused.value.message_key == "invite.couple_full"


def test_someone_with_a_partner_cannot_join_another(uow, clock, jamie, casey):
    code = couples.invite_partner(uow, by=jamie.id, clock=clock)

    assert invalid(uow, clock, casey, code) == "invite.already_in_couple"


def test_someone_who_invited_may_join_another_instead(uow, clock, jamie, kit):
    couples.invite_partner(uow, by=kit.id, clock=clock)
    code = couples.invite_partner(uow, by=jamie.id, clock=clock)

    couple = couples.join_couple(uow, by=kit.id, code=code, clock=clock)

    assert couple.partner_b == kit.id
    assert couples.couple_of(uow, person=kit.id) == couple


def test_a_person_alone_has_no_couple(uow, clock, morgan):
    assert couples.couple_of(uow, person=morgan.id) is None
    assert couples.couple_view(uow, viewer=morgan.id, clock=clock) is None


def test_sam_and_alex_are_a_couple(sam, alex, couple):
    assert couple.members() == (sam.id, alex.id)


def test_casey_and_robin_are_another_couple(casey, robin, other_couple, couple):
    assert other_couple.members() == (casey.id, robin.id)
    assert other_couple.id != couple.id
