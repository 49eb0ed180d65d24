"""Every column of words sealed in issue 6's second half, one by one (docs/security.md).

For each column: the raw value holds no plaintext and starts with the sealer's prefix, its owner
reads the words back, a ciphertext copied to another person's row fails to open, and deleting
the owner makes it unreadable while the other person's own words stay.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import text

from attunement.domain.commitments import CheckIn, Commitment, FollowUp
from attunement.domain.exercises import six_fs, u_turn
from attunement.domain.ids import CoupleId, PartId, PersonId, RunId
from attunement.domain.imago_runs import CommitmentId, ImagoKind, new_run
from attunement.domain.imago_runs import RunId as ImagoRunId
from attunement.domain.parts import Burden, BurdenKind, BurdenOrigin, Part, PartRole
from attunement.domain.sessions import DialogueMode
from attunement.domain.therapist import SelfCheck
from attunement.domain.visibility import Viewer
from attunement.services import privacy
from attunement.store.crypto import PREFIX, SHREDDED, KeyDestroyed

CANARY = "canary-" + "5eal0c01"


@dataclass(frozen=True)
class Ctx:
    uow: Any
    engine: Any
    clock: Any
    analyzer: Any
    couple: CoupleId


@dataclass(frozen=True)
class Case:
    """Where one column's value lives, how its owner writes it and how its owner reads it."""

    table: str
    column: str
    write: Callable[[Ctx, PersonId, PersonId, str], str]  # (ctx, owner, other, words) -> row id
    read: Callable[[Ctx, PersonId, str], str]  # (ctx, owner, row id) -> what the owner sees
    therapist: bool = False  # written by the therapist (Jordan), the other is Morgan
    key: str = "id"
    partner_reads: bool = False  # the other partner reads the owner's row too
    joint: bool = False  # one sealed copy per member, rewritten when one of them leaves


def _part(column: str) -> Case:
    def write(ctx, owner, _other, words):
        part = Part.named(PartId(""), owner, "a part", PartRole.MANAGER)
        if column == "triggers":
            part = part.with_trigger(words)
        elif column == "burdens":
            burden = Burden.carried(BurdenKind.BELIEF, words, BurdenOrigin.LEGACY)
            part = replace(part, burdens=(burden,))
        else:
            part = replace(part, **{column: words})
        with ctx.uow:
            part = ctx.uow.parts.add(part, now=ctx.clock.now())
            ctx.uow.commit()
        return part.id

    def read(ctx, owner, row):
        with ctx.uow:
            return str(ctx.uow.parts.get(PartId(row), viewer=Viewer(owner)))

    return Case("parts", column, write, read)


def _inner_run(kind: str, state: Callable[[PersonId, PersonId, str], object], shared: bool) -> Case:
    def write(ctx, owner, other, words):
        members = (owner, other) if shared else (owner,)
        with ctx.uow:
            run = ctx.uow.runs.add(kind, members, state(owner, other, words), now=ctx.clock.now())
            ctx.uow.commit()
        return run

    def read(ctx, owner, row):
        with ctx.uow:
            found = ctx.uow.runs.get(RunId(row), kind, viewer=owner)
        return str(found.state)

    return Case("inner_runs", "state", write, read, joint=shared)


def _imago(ctx: Ctx, owner: PersonId, other: PersonId, words: str = "") -> Any:
    state: Any = new_run(ImagoKind.BEHAVIOR_CHANGE, sender=owner, receiver=other)
    state = replace(state, requests=(words,) if words else ())
    return ctx.uow.imago_runs.add(
        ctx.couple, state, mode=DialogueMode.ONE_DEVICE, now=ctx.clock.now()
    )


def _write_imago(ctx, owner, other, words):
    with ctx.uow:
        run = _imago(ctx, owner, other, words)
        ctx.uow.commit()
    return run


def _read_imago(ctx, owner, row):
    with ctx.uow:
        found = ctx.uow.imago_runs.get(ImagoRunId(row), viewer=owner)
    return "" if found is None else str(found.state)


def _commitment(requester, giver, request, restatement) -> Commitment:
    start = date(2026, 11, 25)
    return Commitment(requester, giver, request, restatement, start, start + timedelta(days=14))


def _write_request(ctx: Ctx, owner: PersonId, other: PersonId, words: str) -> Any:
    with ctx.uow:
        run = _imago(ctx, owner, other)
        made = ctx.uow.commitments.add(
            ctx.couple, run, _commitment(owner, other, words, "-"), now=ctx.clock.now()
        )
        ctx.uow.commit()
    return made


def _write_restatement(ctx, owner, other, words):
    with ctx.uow:
        run = _imago(ctx, other, owner)
        made = ctx.uow.commitments.add(
            ctx.couple, run, _commitment(other, owner, "-", words), now=ctx.clock.now()
        )
        ctx.uow.commit()
    return made


def _read_commitment(ctx: Ctx, owner: PersonId, row: str) -> str:
    with ctx.uow:
        found = ctx.uow.commitments.get(CommitmentId(row), viewer=owner)
    return "" if found is None else str(found.commitment)


def _write_follow_up(ctx, owner, other, words):
    made = _write_request(ctx, owner, other, "-")
    with ctx.uow:
        follow_up = FollowUp(date(2026, 11, 26), CheckIn.PARTLY, owner, words)
        ctx.uow.commitments.add_follow_up(made, follow_up, now=ctx.clock.now())
        ctx.uow.commit()
    return _one(ctx, f"SELECT id FROM follow_ups WHERE commitment_id = '{made}'")  # noqa: S608


def _read_follow_up(ctx, owner, row):
    made = _one(ctx, f"SELECT commitment_id FROM follow_ups WHERE id = '{row}'")  # noqa: S608
    return _read_commitment(ctx, owner, made)


def _write_topic(ctx, owner, _other, words):
    from attunement.domain.exercises.couples_dialogue import Move
    from attunement.services import dialogue

    made = dialogue.start_dialogue(ctx.uow, by=owner, mode=DialogueMode.ONE_DEVICE, clock=ctx.clock)
    request = dialogue.MoveRequest(
        dialogue=made, viewer=owner, acting_as=owner, move=Move.REQUEST_APPOINTMENT, text=words
    )
    dialogue.make_move(ctx.uow, request, analyzer=ctx.analyzer, clock=ctx.clock)
    return made


def _read_topic(ctx, owner, row):
    with ctx.uow:
        found = ctx.uow.dialogues.get(row, viewer=owner)
    return "" if found is None else str(found.topic)


def _write_note(ctx, owner, _other, words):
    with ctx.uow:
        ctx.uow.practice.add_note(ctx.couple, words, author=owner, now=ctx.clock.now())
        ctx.uow.commit()
    return _one(ctx, f"SELECT id FROM session_notes WHERE author_id = '{owner}'")  # noqa: S608


def _self_check(column: str) -> Case:
    def write(ctx, owner, _other, words):
        check = replace(SelfCheck("-", "-", "-"), **{column: words})
        with ctx.uow:
            ctx.uow.practice.add_self_check(ctx.couple, check, author=owner, now=ctx.clock.now())
            ctx.uow.commit()
        return _one(ctx, f"SELECT id FROM self_checks WHERE author_id = '{owner}'")  # noqa: S608

    return Case("self_checks", column, write, _read_writing, therapist=True)


def _read_writing(ctx, owner, _row):
    with ctx.uow:
        return str(ctx.uow.practice.writing(ctx.couple, author=owner))


def _one(ctx: Ctx, query: str) -> str:
    with ctx.engine.connect() as connection:
        return str(connection.execute(text(query)).scalar_one())


CASES = [
    *[
        _part(column)
        for column in (
            "name",
            "body_location",
            "description",
            "felt_age",
            "does",
            "fears",
            "triggers",
            "burdens",
        )
    ],
    _inner_run("six_fs", lambda owner, _o, words: six_fs.SixFs.start(owner, words), shared=False),
    _inner_run(
        "u_turn",
        lambda owner, other, words: u_turn.UTurn(owner, other).apply(
            u_turn.Move.NOTICE, owner, words
        ),
        shared=True,
    ),
    Case("imago_runs", "state", _write_imago, _read_imago, joint=True),
    Case("commitments", "request", _write_request, _read_commitment, partner_reads=True),
    Case("commitments", "restatement", _write_restatement, _read_commitment, partner_reads=True),
    Case("follow_ups", "note", _write_follow_up, _read_follow_up, partner_reads=True),
    Case("dialogues", "topic", _write_topic, _read_topic, partner_reads=True),
    Case("session_notes", "text", _write_note, _read_writing, therapist=True),
    *[_self_check(column) for column in ("parts_stirred", "felt_with", "back_to_self")],
]


@pytest.fixture
def ctx(uow, engine, clock, couple, analyzer):
    return Ctx(uow, engine, clock, analyzer, couple.id)


def _people(case: Case, request) -> tuple[PersonId, PersonId]:
    if case.therapist:
        return request.getfixturevalue("jordan").id, request.getfixturevalue("morgan").id
    return request.getfixturevalue("alex").id, request.getfixturevalue("sam").id


def _raw(ctx: Ctx, case: Case, row: str) -> str:
    query = f"SELECT {case.column} FROM {case.table} WHERE {case.key} = '{row}'"  # noqa: S608
    return _one(ctx, query)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.table}.{c.column}" for c in CASES])
def test_the_column_is_ciphertext_and_its_owner_reads_the_words(case, ctx, request):
    owner, other = _people(case, request)

    row = case.write(ctx, owner, other, f"Alex wrote {CANARY}")

    stored = _raw(ctx, case, row)
    assert CANARY not in stored
    assert re.search(rf"(^|['\"]){PREFIX}", stored)  # a token, or tokens inside JSON
    assert CANARY in case.read(ctx, owner, row)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.table}.{c.column}" for c in CASES])
def test_a_ciphertext_copied_to_another_persons_row_does_not_open(case, ctx, request):
    owner, other = _people(case, request)
    mine = case.write(ctx, owner, other, f"Alex wrote {CANARY}")
    theirs = case.write(ctx, other, owner, "the other's own words")
    assert "the other's own words" in case.read(ctx, other, theirs)  # the permitted twin

    copy = (
        f"UPDATE {case.table} SET {case.column} = "  # noqa: S608 (names from the cases above)
        f"(SELECT {case.column} FROM {case.table} WHERE {case.key} = :mine) WHERE {case.key} = :k"
    )
    with ctx.engine.begin() as connection:
        connection.execute(text(copy), {"mine": mine, "k": theirs})

    with pytest.raises(InvalidTag):
        case.read(ctx, other, theirs)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.table}.{c.column}" for c in CASES])
def test_deleting_the_owner_shreds_the_words_and_keeps_the_others(case, ctx, request):
    owner, other = _people(case, request)
    mine = case.write(ctx, owner, other, f"Alex wrote {CANARY}")
    theirs = case.write(ctx, other, owner, "the other's own words")

    privacy.delete_account(ctx.uow, person=owner, clock=ctx.clock)

    reader = other if case.partner_reads or case.joint else owner
    try:
        seen = case.read(ctx, reader, mine)
    except KeyDestroyed:
        seen = SHREDDED  # the departed person's own copy
    assert CANARY not in seen
    assert "the other's own words" in case.read(ctx, other, theirs)
    assert CANARY not in _raw(ctx, case, mine)
    if case.partner_reads or case.joint:
        assert SHREDDED in seen
