"""Check-ins are kept for their person alone, in order, with their advice."""

from datetime import timedelta

import pytest

from attunement.domain.errors import InvalidInput
from attunement.domain.exercises.self_check_in import Gate, Moment
from attunement.domain.parts import MAX_NAME, SelfEnergy
from attunement.services import check_ins
from attunement.services.check_ins import NewCheckIn

LOW = SelfEnergy((1,) * 8)
HIGH = SelfEnergy((3,) * 8)


def test_check_ins_come_back_in_order_with_their_advice(uow, sam, clock):
    check_ins.take_check_in(
        uow, by=sam.id, answers=NewCheckIn(LOW, Moment.BEFORE, "six_fs"), clock=clock
    )
    clock.advance(timedelta(minutes=30))
    check_ins.take_check_in(
        uow, by=sam.id, answers=NewCheckIn(HIGH, Moment.AFTER, "six_fs", "the critic"), clock=clock
    )

    taken = check_ins.check_ins_of(uow, viewer=sam.id)

    assert [t.check_in.moment for t in taken] == [Moment.BEFORE, Moment.AFTER]
    assert [t.gate for t in taken] == [Gate.SUGGEST_PAUSE, Gate.SETTLED]
    assert taken[1].check_in.part_present == "the critic"


def test_nobody_else_reads_a_check_in(uow, sam, alex, clock):
    check_ins.take_check_in(uow, by=sam.id, answers=NewCheckIn(LOW), clock=clock)
    assert check_ins.check_ins_of(uow, viewer=alex.id) == []
    assert len(check_ins.check_ins_of(uow, viewer=sam.id)) == 1


def test_a_too_long_part_name_keeps_nothing(uow, sam, clock):
    with pytest.raises(InvalidInput):
        check_ins.take_check_in(
            uow, by=sam.id, answers=NewCheckIn(LOW, part_present="x" * (MAX_NAME + 1)), clock=clock
        )
    assert check_ins.check_ins_of(uow, viewer=sam.id) == []
