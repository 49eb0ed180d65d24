"""A couple's members, completeness and partners."""

from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.people import Couple

SAM, ALEX, CASEY = PersonId("sam"), PersonId("alex"), PersonId("casey")


def test_a_couple_waiting_for_a_partner_is_not_complete():
    waiting = Couple(CoupleId("c"), SAM, None)

    assert waiting.members() == (SAM,)
    assert not waiting.complete
    assert waiting.partner_of(SAM) is None


def test_a_complete_couple_names_each_partner():
    couple = Couple(CoupleId("c"), SAM, ALEX)

    assert couple.members() == (SAM, ALEX)
    assert couple.complete
    assert (couple.partner_of(SAM), couple.partner_of(ALEX)) == (ALEX, SAM)


def test_an_outsider_has_no_partner_in_the_couple():
    assert Couple(CoupleId("c"), SAM, ALEX).partner_of(CASEY) is None
