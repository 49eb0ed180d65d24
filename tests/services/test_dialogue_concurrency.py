"""Two screens racing for one step: exactly one move wins, the rest are refused and save nothing."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from attunement.domain.errors import MoveNotAllowed, StaleView
from attunement.domain.exercises.couples_dialogue import Move, Step
from attunement.store.uow import SqlUnitOfWork

RACERS = 6


def test_racing_moves_let_exactly_one_through(talk, session_factory, sam, alex):
    started = talk.start(sam)
    talk.play(started, sam, Move.REQUEST_APPOINTMENT, "Money")

    def race(index: int) -> str:
        own = replace(talk, uow=SqlUnitOfWork(session_factory))  # a unit of work per screen
        person = sam if index % 2 else alex
        try:
            own.play(started, person, Move.TIME_OUT, expected_version=1)
        except (StaleView, MoveNotAllowed) as refused:
            return refused.message_key
        return "moved"

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        outcomes = list(pool.map(race, range(RACERS)))

    assert outcomes.count("moved") == 1
    view = talk.view(started, sam)
    assert (view.state.step, view.state.version) == (Step.TIMEOUT, 2)
