"""Free text is ciphertext in the database, bound to its row and owner (issue 6 item 4)."""

import base64
import secrets

import pytest
from cryptography.exceptions import InvalidTag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.exercises.workup import Move as WorkupMove
from attunement.domain.ids import PersonId
from attunement.domain.imago_runs import ImagoKind
from attunement.domain.safety import ScreenAnswers, ScreenLevel
from attunement.domain.sessions import DialogueMode
from attunement.services import imago, privacy, workup
from attunement.store.crypto import KeyDestroyed, KeyRing, Sealer, rewrap_all
from attunement.store.dialogue import SHREDDED
from attunement.store.uow import SqlUnitOfWork
from tests.dialogues import Talk
from tests.fakes import QuietAnalyzer

CANARY = "canary-" + "7f3c9e1a"


def raw(engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


@pytest.fixture
def ring() -> KeyRing:
    return KeyRing.of(secrets.token_bytes(32))


def test_a_turns_words_are_ciphertext_in_the_row(talk, couple, sam, alex, engine):
    dialogue = talk.start(sam)
    talk.play(dialogue, sam, Move.REQUEST_APPOINTMENT, f"About {CANARY}")

    stored = raw(engine, "SELECT text FROM turns WHERE text != ''")

    assert stored
    assert all(str(value).startswith("v1:") and CANARY not in str(value) for (value,) in stored)
    assert CANARY in talk.view(dialogue, alex).turns[0].text


def test_check_in_answers_are_ciphertext_in_the_row(uow, sam, clock, engine):
    with uow:
        uow.safety.add_screen(
            sam.id, ScreenAnswers(frozenset({"afraid"}), CANARY), ScreenLevel.URGENT, clock.now()
        )
        uow.commit()

    ((answers,),) = raw(engine, "SELECT answers FROM safety_screens")

    assert CANARY not in str(answers)
    assert "afraid" not in str(answers)


def test_a_ciphertext_moved_to_another_row_fails_to_open(session_factory, sam, ring):
    with session_factory() as session:
        sealer = Sealer(session, ring)
        sealed = sealer.seal(sam.id, ("turns", "row-1"), CANARY)

        with pytest.raises(InvalidTag):
            sealer.open(sam.id, ("turns", "row-2"), sealed)


def test_a_ciphertext_moved_to_another_owner_fails_to_open(session_factory, sam, alex, ring):
    with session_factory() as session:
        sealer = Sealer(session, ring)
        sealed = sealer.seal(sam.id, ("turns", "row-1"), CANARY)
        sealer.seal(alex.id, ("turns", "row-1"), "Alex's key exists too")

        with pytest.raises(InvalidTag):
            sealer.open(alex.id, ("turns", "row-1"), sealed)


def test_a_flipped_bit_fails_to_open(session_factory, sam, ring):
    with session_factory() as session:
        sealer = Sealer(session, ring)
        sealed = sealer.seal(sam.id, ("turns", "row-1"), CANARY)
        raw_bytes = bytearray(base64.b64decode(sealed[3:]))
        raw_bytes[20] ^= 0x01  # one bit of the ciphertext
        flipped = "v1:" + base64.b64encode(bytes(raw_bytes)).decode()

        with pytest.raises(InvalidTag):
            sealer.open(sam.id, ("turns", "row-1"), flipped)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.text(max_size=300))
def test_any_text_comes_back_as_it_went_in(session_factory, sam, ring, words):
    with session_factory() as session:
        sealer = Sealer(session, ring)

        assert sealer.open(sam.id, ("t", "r"), sealer.seal(sam.id, ("t", "r"), words)) == words


def test_the_same_words_never_seal_the_same_way(session_factory, sam, ring):
    with session_factory() as session:
        sealer = Sealer(session, ring)

        assert sealer.seal(sam.id, ("t", "r"), CANARY) != sealer.seal(sam.id, ("t", "r"), CANARY)


def test_rotation_rewraps_every_key_and_every_text_still_opens(session_factory, talk, sam, alex):
    dialogue = talk.start(sam)
    talk.play(dialogue, sam, Move.REQUEST_APPOINTMENT, CANARY)
    old = talk.uow._keys  # the process ring the fixtures' unit of work uses
    new = KeyRing.of(secrets.token_bytes(32))
    with session_factory() as session:
        assert rewrap_all(session, old, new) >= 1
        session.commit()

    after = Talk(SqlUnitOfWork(session_factory, new), talk.clock, talk.analyzer)

    assert CANARY in after.view(dialogue, alex).turns[0].text
    with pytest.raises(KeyError):
        talk.view(dialogue, alex)  # the retired key alone no longer opens anything


def test_deleting_an_account_shreds_its_words_and_keeps_the_partners(talk, uow, sam, alex, engine):
    dialogue = talk.start(sam)
    talk.play(dialogue, sam, Move.REQUEST_APPOINTMENT, f"Sam says {CANARY}")
    talk.play(dialogue, alex, Move.ACCEPT_NOW)
    talk.play(dialogue, sam, Move.CHUNK_DONE, "Sam's chunk")
    talk.play(dialogue, alex, Move.MIRROR, "Alex mirrors in Alex's words")

    privacy.delete_account(uow, person=sam.id, clock=talk.clock)

    words = [turn.text for turn in talk.view(dialogue, alex).turns]
    assert words.count(SHREDDED) == 2
    assert "Alex mirrors in Alex's words" in words
    tombstone = f"SELECT kek_id, length(wrapped) FROM data_keys WHERE person_id = '{sam.id}'"  # noqa: S608
    assert raw(engine, tombstone) == [("destroyed", 0)]  # no key is ever made for Sam again
    with uow, pytest.raises(KeyDestroyed):
        uow.sealer.seal(PersonId(sam.id), ("turns", "x"), "words")
    with uow, pytest.raises(KeyDestroyed):
        uow.sealer.open(PersonId(sam.id), ("turns", "x"), "v1:AAAA")


def test_imago_words_and_workups_are_ciphertext_in_their_rows(uow, sam, alex, clock, engine):
    run = imago.start_run(
        uow, kind=ImagoKind.BEHAVIOR_CHANGE, by=sam.id, mode=DialogueMode.ONE_DEVICE, clock=clock
    )
    imago.make_run_move(
        uow, imago.RunMove(run, sam.id, sam.id, "request_appointment", f"About {CANARY}"),
        analyzer=QuietAnalyzer(), clock=clock,
    )  # fmt: skip
    for move, words in ((WorkupMove.CONSENT, None), (WorkupMove.ADD, f"Mum, {CANARY}")):
        workup.workup_move(uow, workup.WorkupMove(alex.id, move, words), clock=clock)

    stored = raw(engine, "SELECT text FROM imago_turns") + raw(engine, "SELECT state FROM workups")

    assert stored
    assert not [value for (value,) in stored if CANARY in str(value)]
    assert CANARY in imago.run_view(uow, run, viewer=alex.id).turns[0].text
    assert CANARY in str(workup.workup_of(uow, owner=alex.id))
