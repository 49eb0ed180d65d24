"""A person's own data: export it (JSON, and CSV for scores), or delete the account (issue 5).

Export (security-reference.md, "Export"; GDPR art. 15/20), written to the audit log (who and
when, never what; issue 6): everything of the person's own — their
account, their check-in answers and sharing choices, their own words in dialogues, homework of
their couple, and for a therapist their own notes and self-checks — and nothing of anyone else's.
Deletion asks for the password again, removes the person's own rows, blanks their words in
shared dialogues and never touches the partner's data (``store/erasure.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput, NotFound
from attunement.domain.ids import PersonId
from attunement.services.passwords import Hasher
from attunement.services.privacy import shred
from attunement.services.uow import UnitOfWork
from attunement.store.audit import AuditEntry

EXPORT_FORMAT = "attunement-export/1"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Erasure:
    """What deleting an account needs: the person and their password, asked for again."""

    person: PersonId
    password: str


def export_person(uow: UnitOfWork, *, person: PersonId, clock: Clock) -> dict[str, object]:
    """Everything of ``person``'s own, as JSON-ready data; the export is audited.

    Raises:
        NotFound: no such account.
    """
    with uow:
        me = uow.people.get(person)
        if me is None:
            raise NotFound
        couple = uow.couples.of_member(person)
        homework = [] if couple is None else uow.practice.homework(couple.id, viewer=person)
        exported: dict[str, object] = {
            "format": EXPORT_FORMAT,
            "account": {"username": me.username, "display_name": me.display_name, "kind": me.kind},
            "check_ins": [
                {
                    "instrument": given.instrument,
                    "at": given.at.isoformat(),
                    "answers": dict(given.answers),
                    "total": given.score.total,
                    "subscales": dict(given.score.subscales),
                    "shared_with_partner": sharing.with_partner,
                    "shared_with_therapist": sharing.with_therapist,
                }
                for given, sharing in uow.administrations.own_with_sharing(person)
            ],
            "safety_check_ins": [  # the private check-in before joint work (issue 6)
                {"taken_at": s.taken_at.isoformat(), "level": s.level.value, **s.answers.to_json()}
                for s in uow.safety.screens_of(person)
            ],
            "dialogue_turns": _own_turns(uow, person),
            "homework": [
                {
                    "exercise": item.homework.kind.value,
                    "due": item.homework.due.isoformat(),
                    "note": item.homework.note,
                    "done_at": None
                    if item.homework.done_at is None
                    else item.homework.done_at.isoformat(),
                }
                for item in homework
            ],
            "therapist_writing": [
                {
                    "couple": couple_id,
                    "at": written.at.isoformat(),
                    "note": written.note,
                    "self_check": None
                    if written.check is None
                    else {
                        "parts_stirred": written.check.parts_stirred,
                        "felt_with": written.check.felt_with,
                        "back_to_self": written.check.back_to_self,
                    },
                }
                for couple_id, written in uow.practice.all_writing(person)
            ],
        }
        uow.audit.append(AuditEntry(clock.now(), person, "export", "person", person))
        uow.commit()
    return exported


def scores_csv(uow: UnitOfWork, *, person: PersonId, clock: Clock) -> str:
    """``person``'s own totals and subscale scores, one row each, as CSV text; audited."""
    with uow:
        given = uow.administrations.own(person)
        uow.audit.append(AuditEntry(clock.now(), person, "export", "scores", person))
        uow.commit()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["instrument", "answered_at", "score", "value"])
    for one in given:
        rows = [("total", one.score.total), *one.score.subscales]
        for name, value in rows:
            writer.writerow(_cells([one.instrument, one.at.isoformat(), name, _number(value)]))
    return out.getvalue()


def delete_account(uow: UnitOfWork, erasure: Erasure, *, hasher: Hasher, clock: Clock) -> None:
    """Delete ``erasure.person``'s account and own data; their partner's data stays whole.

    Also destroys the person's data key (issue 6), so whatever they wrote that is sealed, in
    this database or in any backup, can no longer be read, and first rewrites the states they
    shared for the other member without their words.

    Raises:
        InvalidInput: ``account.password`` when the password does not match.
    """
    with uow:
        me = uow.people.get(erasure.person)
        found = None if me is None else uow.people.credentials(me.username)
        if found is None or not hasher.verify(found[1], erasure.password):
            raise InvalidInput("account.password")
        uow.administrations.remove_all(erasure.person)
        uow.practice.forget_author(erasure.person)
        uow.therapists.forget_therapist(erasure.person)
        shred(uow, person=erasure.person, now=clock.now())  # while still in the couple
        uow.erasure.leave_couple(erasure.person)
        uow.erasure.redact_turns(erasure.person)
        uow.erasure.retire(erasure.person)
        uow.commit()


def csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection; ASVS 1.2.10)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cells(values: Iterable[str]) -> list[str]:
    return [csv_cell(value) for value in values]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _own_turns(uow: UnitOfWork, person: PersonId) -> list[dict[str, str]]:
    turns = []
    for stored in uow.dialogues.of_viewer(person):
        for turn in uow.dialogues.turns(stored.id, viewer=person):
            if turn.speaker == person:
                turns.append(
                    {
                        "dialogue": stored.id,
                        "at": turn.created_at.isoformat(),
                        "step": turn.step.value,
                        "move": turn.move.value,
                        "text": turn.text,
                    }
                )
    return turns
