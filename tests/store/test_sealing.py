"""Upgrading seals the rows written in plaintext, and the few columns sealed outside the table.

The plaintext rows are made the way an older release left them: written, then set back to their
words with SQL, the database taken down to 0007 (no ``topic_by`` yet) and upgraded again, and the
sealing pass run as ``attunement db upgrade`` runs it.
"""

from datetime import date
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import text, update

from attunement.domain.exercises import u_turn
from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.domain.parts import Part, PartRole
from attunement.domain.therapist import Homework, HomeworkKind
from attunement.domain.visibility import Viewer
from attunement.services import privacy, time_outs
from attunement.store.crypto import PREFIX, SHREDDED
from attunement.store.dialogue import DialogueRow, TurnRow
from attunement.store.inner_runs import RunRow
from attunement.store.migrate import downgrade, upgrade
from attunement.store.parts import PartRow
from attunement.store.practice import SessionNoteRow
from attunement.store.sealing import seal_plaintext

CANARY = "canary-" + "01d9a1n7"
WORD = "marmalade"  # a code word must be a plain word


def raw(engine, query: str) -> list[str]:
    with engine.connect() as connection:
        return [str(value) for (value,) in connection.execute(text(query))]


@pytest.fixture
def old_rows(uow, talk, sam, alex, jordan, clock, session_factory):  # noqa: PLR0913, PLR0917
    """Rows of every kind, then turned back into the plaintext an older release wrote."""
    with uow:
        part = uow.parts.add(
            Part.named(PartId(""), alex.id, "x", PartRole.MANAGER), now=clock.now()
        )
        run = uow.runs.add(
            "u_turn", (alex.id, sam.id), u_turn.UTurn(alex.id, sam.id), now=clock.now()
        )
        uow.practice.add_note(talk_couple(uow, sam), "x", author=jordan.id, now=clock.now())
        uow.commit()
    dialogue = talk.start(alex)
    talk.play(dialogue, alex, Move.REQUEST_APPOINTMENT, "x")
    time_outs.agree_time_out_plan(
        uow, by=sam.id, code_word="pineapple", min_minutes=20, clock=clock
    )
    state = u_turn.UTurn(alex.id, sam.id).apply(u_turn.Move.NOTICE, alex.id, f"U {CANARY}")
    with session_factory() as session:
        values = {"name": f"Part {CANARY}", "triggers": [f"trigger {CANARY}"]}
        session.execute(update(PartRow).where(PartRow.id == part.id).values(values))
        session.execute(update(RunRow).where(RunRow.id == run).values(state=_json(state)))
        topic = {"topic": f"Topic {CANARY}", "topic_by": None}
        session.execute(update(DialogueRow).where(DialogueRow.id == dialogue).values(topic))
        words = {"text": f"Turn {CANARY}", "analysis": None}
        session.execute(update(TurnRow).where(TurnRow.speaker_id == alex.id).values(words))
        session.execute(update(SessionNoteRow).values(text=f"Note {CANARY}"))
        session.execute(text("UPDATE time_out_plans SET code_word = 'pineapple'"))
        session.commit()
    return part.id, run, dialogue


def talk_couple(uow: Any, sam: Any) -> str:
    return str(uow.couples.of_member(sam.id).id)


def _json(state: object) -> Any:
    from attunement.store.states import to_json

    return to_json(state)


def _word(uow: Any, viewer: PersonId) -> str:
    plan = time_outs.time_out_plan_of(uow, viewer=viewer)
    assert plan is not None
    return plan.code_word


def _plaintext_left(engine) -> list[str]:
    queries = (
        "SELECT name FROM parts",
        "SELECT triggers FROM parts",
        "SELECT state FROM inner_runs",
        "SELECT topic FROM dialogues",
        "SELECT text FROM turns",
        "SELECT text FROM session_notes",
        "SELECT code_word FROM time_out_plans",
    )
    found = [value for query in queries for value in raw(engine, query)]
    return [value for value in found if CANARY in value or "pineapple" in value]


def test_an_old_plaintext_row_is_sealed_by_the_upgrade_and_still_reads(  # noqa: PLR0913, PLR0917
    old_rows, db_url, engine, uow, session_factory, talk, sam, alex, jordan
):
    part, run, dialogue = old_rows
    assert len(_plaintext_left(engine)) == 7  # the twin: plaintext is there before the upgrade
    downgrade(db_url, "0007_methods2")

    upgrade(db_url)
    sealed = seal_plaintext(session_factory, uow._keys)

    assert _plaintext_left(engine) == []
    assert [sealed[c] for c in ("parts.name", "dialogues.topic", "turns.text")] == [1, 1, 1]
    assert raw(engine, "SELECT name FROM parts")[0].startswith(PREFIX)
    assert not any(seal_plaintext(session_factory, uow._keys).values())  # idempotent
    with uow:
        opened = uow.parts.get(PartId(part), viewer=Viewer(alex.id))
        state = uow.runs.get(RunId(run), "u_turn", viewer=sam.id)
        couple = uow.couples.of_member(sam.id).id
        notes = uow.practice.writing(couple, author=jordan.id)
    assert opened is not None
    assert opened.name == f"Part {CANARY}"
    assert opened.triggers == (f"trigger {CANARY}",)
    assert state is not None
    assert CANARY in str(state.state)
    assert notes[0].note == f"Note {CANARY}"
    assert talk.view(dialogue, sam).topic == f"Topic {CANARY}"
    assert talk.view(dialogue, alex).turns[0].text == f"Turn {CANARY}"
    assert _word(uow, alex.id) == "pineapple"


def test_words_of_an_account_deleted_before_sealing_are_sealed_unreadable(
    old_rows, engine, uow, session_factory, alex
):
    part, _run, _dialogue = old_rows
    with engine.begin() as connection:  # how deletion left a person before issue 6's tombstones
        connection.execute(text(f"DELETE FROM data_keys WHERE person_id = '{alex.id}'"))  # noqa: S608
        connection.execute(
            text(f"UPDATE people SET password_hash = '!' WHERE id = '{alex.id}'")  # noqa: S608
        )

    seal_plaintext(session_factory, uow._keys)

    assert _plaintext_left(engine) == []
    with uow:
        opened = uow.parts.get(PartId(part), viewer=Viewer(alex.id))
    assert opened is not None
    assert opened.name == SHREDDED


def test_the_code_word_is_sealed_for_each_partner_and_goes_when_one_leaves(  # noqa: PLR0913, PLR0917
    uow, engine, clock, sam, alex, casey
):
    time_outs.agree_time_out_plan(uow, by=sam.id, code_word=WORD, min_minutes=20, clock=clock)
    time_outs.agree_time_out_plan(uow, by=casey.id, code_word="theirs", min_minutes=20, clock=clock)
    with uow:
        couple = uow.couples.of_member(sam.id).id
    query = f"SELECT code_word FROM time_out_plans WHERE couple_id = '{couple}'"  # noqa: S608
    (stored,) = raw(engine, query)

    assert WORD not in stored
    assert f'"{PREFIX}' in stored
    assert _word(uow, alex.id) == WORD
    assert _word(uow, casey.id) == "theirs"  # the twin

    privacy.delete_account(uow, person=alex.id, clock=clock)

    # Either partner may have chosen the word, so it goes with the one who leaves (issue 6).
    assert time_outs.time_out_plan_of(uow, viewer=sam.id) is None
    assert raw(engine, query) == []
    assert _word(uow, casey.id) == "theirs"
    with engine.begin() as connection:  # Sam's couple's word copied onto Casey's couple
        connection.execute(text("UPDATE time_out_plans SET code_word = :v"), {"v": stored})
    with pytest.raises(InvalidTag):
        _word(uow, casey.id)


def test_a_homework_note_is_sealed_with_the_therapists_key(uow, engine, clock, sam, jordan):
    with uow:
        couple = uow.couples.of_member(sam.id).id
        homework = Homework(
            HomeworkKind.COUPLES_DIALOGUE, date(2026, 12, 1), CANARY, jordan.id, clock.now()
        )
        uow.practice.add_homework(couple, homework)
        uow.commit()

    (stored,) = raw(engine, "SELECT note FROM homework")
    with uow:
        seen = uow.practice.homework(couple, viewer=sam.id)

    assert stored.startswith(PREFIX)
    assert CANARY not in stored
    assert seen[0].homework.note == CANARY

    privacy.delete_account(uow, person=PersonId(jordan.id), clock=clock)
    with uow:
        assert [h.homework.note for h in uow.practice.homework(couple, viewer=sam.id)] == [SHREDDED]


def test_a_turns_analysis_is_sealed_with_the_speakers_key(talk, engine, sam, alex):
    dialogue = talk.start(sam)
    talk.play(dialogue, sam, Move.REQUEST_APPOINTMENT, "Can we talk about the dishes?")

    (stored,) = [v for v in raw(engine, "SELECT analysis FROM turns") if v != "None"]

    assert PREFIX in stored
    assert "safety" not in stored
    assert talk.view(dialogue, sam).turns[0].analysis is not None


def test_upgrading_an_old_sqlite_file_leaves_no_plaintext_in_its_bytes(tmp_path, hasher, clock):
    from attunement.services import accounts
    from attunement.store.crypto import KeyRing
    from attunement.store.engine import make_engine, make_session_factory
    from attunement.store.sealing import upgrade_and_seal
    from attunement.store.uow import SqlUnitOfWork

    path, key = tmp_path / "old.sqlite3", tmp_path / "data.key"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    uow = SqlUnitOfWork(make_session_factory(engine), KeyRing.from_file(key))
    alex = accounts.sign_up(
        uow, username="alex", display_name="Alex", password="a long password here",
        hasher=hasher, clock=clock,
    )  # fmt: skip
    with uow:
        uow.parts.add(Part.named(PartId(""), alex.id, "x", PartRole.MANAGER), now=clock.now())
        uow.commit()
    with engine.begin() as connection:
        connection.execute(text("UPDATE parts SET name = :name"), {"name": f"Part {CANARY}"})
    engine.dispose()
    assert CANARY.encode() in path.read_bytes() + _wal(path)  # the twin: it was there

    sealed = upgrade_and_seal(url, key)

    assert sealed["parts.name"] == 1
    assert CANARY.encode() not in path.read_bytes() + _wal(path)


def _wal(path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""
