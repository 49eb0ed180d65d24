"""The audit log is append-only and hash-chained, and never holds content (issue 6 item 5)."""

import pytest
from sqlalchemy import text

from attunement.domain.safety import ScreenAnswers
from attunement.services import accounts, safety
from tests.conftest import PERSONA_PASSWORD


def test_logins_and_check_ins_are_audited_in_a_valid_chain(uow, hasher, clock, lifetime, sam):
    accounts.log_in(
        uow, username="sam", password=PERSONA_PASSWORD, hasher=hasher, clock=clock,
        lifetime=lifetime,
    )  # fmt: skip
    safety.take_screen(uow, person=sam.id, answers=ScreenAnswers(frozenset(), "x"), clock=clock)
    safety.my_screens(uow, person=sam.id, clock=clock)

    with uow:
        entries = uow.audit.verify_chain()
        actions = [e.action for e in uow.audit.of_actor(sam.id, ("login", "write", "read"))]

    assert entries == 3
    assert actions == ["read", "write", "login"]


def test_an_edited_entry_breaks_the_chain(uow, clock, sam, engine):
    for _ in range(3):
        safety.take_screen(uow, person=sam.id, answers=ScreenAnswers(frozenset()), clock=clock)
    edit = "UPDATE audit_log SET action = 'logout' WHERE seq = (SELECT min(seq) + 1 FROM audit_log)"
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":  # the trigger refuses edits; an admin could not
            connection.exec_driver_sql(
                "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"
            )
        connection.execute(text(edit))
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")

    with uow, pytest.raises(ValueError, match="audit chain broken"):
        uow.audit.verify_chain()


def test_postgres_refuses_to_edit_the_log(uow, clock, sam, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("the trigger is PostgreSQL's")
    safety.take_screen(uow, person=sam.id, answers=ScreenAnswers(frozenset()), clock=clock)

    with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET action = 'x'"))
