"""What a receiver's reply is judged against (domain.md §2.1, §6.1)."""

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from attunement.domain.analysis import (
    Horsemen,
    MirrorCheck,
    ResponseAnalysis,
    Safety,
    SafetyKind,
    SafetyLevel,
    TurnAnalysis,
    UtteranceAnalysis,
)
from attunement.domain.exercises.couples_dialogue import CouplesDialogue, Move, Role, Step
from attunement.domain.ids import PersonId, TurnId
from attunement.domain.sessions import Turn, as_the_partner_sees_it, role_of, what_was_said

SAM, ALEX = PersonId("sam"), PersonId("alex")
AT = datetime(2025, 1, 6, tzinfo=UTC)


def turn(index: int, speaker: PersonId, move: Move, text: str, **changes: Any) -> Turn:
    role = Role.SENDER if speaker == SAM else Role.RECEIVER
    plain = Turn(
        TurnId(str(index)), index, 1, speaker, role, Step.SEND, move, text, None, False, AT
    )
    return replace(plain, **changes)


STATE = CouplesDialogue(sender=SAM, receiver=ALEX, step=Step.MIRROR)
TURNS = [
    turn(0, SAM, Move.REQUEST_APPOINTMENT, "Money", step=Step.REQUEST_APPOINTMENT),
    turn(1, SAM, Move.CHUNK_DONE, "Old chunk from round one.", round=0),
    turn(2, SAM, Move.CHUNK_DONE, "First chunk."),
    turn(3, ALEX, Move.MIRROR, "You said first.", step=Step.MIRROR),
    turn(4, SAM, Move.PARTLY, "Close, but no.", step=Step.VALIDATE_CHECK),
    turn(5, SAM, Move.CHUNK_DONE, "Second chunk."),
    turn(6, SAM, Move.CHUNK_DONE, "Withheld chunk.", withheld=True),
    turn(7, SAM, Move.PARTLY, "Not quite.", step=Step.MIRROR_CHECK),
    turn(8, SAM, Move.APPRECIATE, "Thanks.", step=Step.CLOSE),
]


@pytest.mark.parametrize(
    ("move", "said"),
    [
        (Move.MIRROR, "Second chunk. Not quite."),
        (Move.SUMMARIZE, "First chunk. Second chunk."),
        (Move.VALIDATE, "First chunk. Second chunk."),
        (Move.ASK_CLARIFY, "First chunk. Second chunk."),
        (Move.EMPATHIZE, "First chunk. Second chunk."),
        (Move.APPRECIATE, "Thanks."),
        (Move.SCHEDULE, None),
        (Move.ACCEPT_NOW, None),
    ],
)
def test_a_receivers_reply_answers_what_the_sender_said(move, said):
    assert what_was_said(STATE, move, ALEX, TURNS) == said


def test_the_senders_words_answer_nobody():
    assert what_was_said(STATE, Move.APPRECIATE, SAM, TURNS) is None


def test_nothing_said_yet_is_no_reference():
    assert what_was_said(STATE, Move.MIRROR, ALEX, TURNS[:1]) is None


def test_roles_follow_the_round():
    assert (role_of(STATE, SAM), role_of(STATE, ALEX)) == (Role.SENDER, Role.RECEIVER)


def test_the_partner_sees_the_feedback_without_the_speakers_own_parts():
    own = TurnAnalysis(
        utterance=UtteranceAnalysis(
            horsemen=Horsemen(criticism=0.8),
            safety=Safety(SafetyLevel.CONCERN, (SafetyKind.COERCIVE_CONTROL,)),
            rewrite="I felt alone.",
        ),
        response=ResponseAnalysis(mirror=MirrorCheck(score=0.7)),
    )

    shared = as_the_partner_sees_it(own)

    assert shared.utterance.safety == Safety()
    assert shared.utterance.rewrite is None
    assert shared.utterance.horsemen == own.utterance.horsemen
    assert shared.response == own.response
