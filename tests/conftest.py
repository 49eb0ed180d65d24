"""Shared fixtures: a fresh migrated database per test, a fast hasher, a fixed clock, personas.

The personas are security-reference.md's cast, made through the real services: Sam and Alex are
a couple (joined by a real invite code), Casey and Robin are another couple, Morgan is a
therapist attached to nobody. SQLite by default: Alembic migrates a template file once per run
and each test copies it. With ``ATTUNEMENT_TEST_POSTGRES_URL`` set, every test that uses the
database runs on PostgreSQL too (marked ``postgres``); its tables are emptied after each test,
so an app built from ``db_url`` sees the same rows as ``uow``.
"""

import importlib
import os
import secrets
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from attunement.domain.analysis import Analyzer
from attunement.domain.people import AccountKind, Couple, Person
from attunement.services import accounts, couples
from attunement.services.accounts import SessionLifetime
from attunement.services.passwords import PasswordHasher
from attunement.store.base import Base
from attunement.store.engine import make_engine, make_session_factory
from attunement.store.migrate import upgrade
from attunement.store.uow import SqlUnitOfWork
from tests.dialogues import Talk
from tests.fakes import FakeClock, QuietAnalyzer
from tests.queries import QueryLog, recording

POSTGRES_URL = os.environ.get("ATTUNEMENT_TEST_POSTGRES_URL", "")
PERSONA_PASSWORD = "correct horse battery staple"
START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "attunement.sqlite3"
    upgrade(f"sqlite:///{path}")  # its engine is disposed, so the WAL is folded into the file
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database of this test run's own on the server ``ATTUNEMENT_TEST_POSTGRES_URL`` names.

    Each run creates and finally drops its own database, so runs on one server (several
    developers, CI) never see each other's rows.
    """
    if not POSTGRES_URL:
        pytest.skip("set ATTUNEMENT_TEST_POSTGRES_URL to run on PostgreSQL")
    server = make_url(POSTGRES_URL)
    name = f"{server.database or 'attunement'}_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    upgrade(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a migrated, empty database that belongs to this test alone."""
    if request.param == "sqlite":
        path = tmp_path / "attunement.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    engine = cast(Engine, request.getfixturevalue("postgres_engine"))
    yield cast(str, request.getfixturevalue("postgres_url"))
    with engine.begin() as connection:  # DELETE beats TRUNCATE on a few rows: no new files
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def uow(session_factory: sessionmaker[Session]) -> SqlUnitOfWork:
    return SqlUnitOfWork(session_factory)


@pytest.fixture
def queries(engine: Engine) -> Iterator[QueryLog]:
    """Statements this test's engine executes; call ``reset()`` before the part to pin."""
    with recording(engine) as log:
        yield log


@pytest.fixture(scope="session")
def hasher() -> PasswordHasher:
    """Argon2id at the lowest cost: fast, and the check still runs."""
    return PasswordHasher(time_cost=1, memory_kib=8)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def lifetime() -> SessionLifetime:
    return SessionLifetime(idle=timedelta(minutes=60), absolute=timedelta(hours=12))


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The real lexical analyzer when the language package offers it, else a quiet fake."""
    language = importlib.import_module("attunement.language")
    get_analyzer = getattr(language, "get_analyzer", None)
    if get_analyzer is None:
        return QuietAnalyzer()
    return cast(Analyzer, get_analyzer("lexical"))


@pytest.fixture
def talk(uow, clock, analyzer) -> Talk:
    """Dialogue use cases on this test's database, clock and analyzer."""
    return Talk(uow, clock, analyzer)


@pytest.fixture
def persona_password() -> str:
    """Every persona's password, for logging in through a form."""
    return PERSONA_PASSWORD


def sign_up(uow, hasher, clock, name: str, kind: AccountKind = AccountKind.PARTNER) -> Person:
    """A persona made through the real sign-up: username is the lower-case name."""
    return accounts.sign_up(
        uow,
        username=name.lower(),
        display_name=name,
        password=PERSONA_PASSWORD,
        hasher=hasher,
        kind=kind,
        clock=clock,
    )


def _couple(uow, hasher, clock, inviter: str, joiner: str) -> Couple:
    first = sign_up(uow, hasher, clock, inviter)
    second = sign_up(uow, hasher, clock, joiner)
    code = couples.invite_partner(uow, by=first.id, clock=clock)
    return couples.join_couple(uow, by=second.id, code=code, clock=clock)


def _member(uow, couple: Couple, first: bool) -> Person:
    person = couple.partner_a if first else couple.partner_b
    assert person is not None
    view = couples.couple_view(uow, viewer=person)
    assert view is not None
    return view.me


@pytest.fixture
def couple(uow, hasher, clock) -> Couple:
    """Sam (who invited) and Alex (who joined with the code): partners A and B."""
    return _couple(uow, hasher, clock, "Sam", "Alex")


@pytest.fixture
def sam(uow, couple) -> Person:
    return _member(uow, couple, first=True)


@pytest.fixture
def alex(uow, couple) -> Person:
    return _member(uow, couple, first=False)


@pytest.fixture
def other_couple(uow, hasher, clock) -> Couple:
    """Casey and Robin: a couple with no claim on anything of Sam and Alex."""
    return _couple(uow, hasher, clock, "Casey", "Robin")


@pytest.fixture
def casey(uow, other_couple) -> Person:
    return _member(uow, other_couple, first=True)


@pytest.fixture
def robin(uow, other_couple) -> Person:
    return _member(uow, other_couple, first=False)


@pytest.fixture
def morgan(uow, hasher, clock) -> Person:
    """A therapist account attached to nobody."""
    return sign_up(uow, hasher, clock, "Morgan", AccountKind.THERAPIST)


@pytest.fixture
def jordan(uow, hasher, clock, sam) -> Person:
    """Sam and Alex's therapist, invited with a real one-time code (issue 5)."""
    from attunement.services import therapists

    jordan = sign_up(uow, hasher, clock, "Jordan", AccountKind.THERAPIST)
    code = therapists.invite_therapist(uow, by=sam.id, clock=clock)
    therapists.join_as_therapist(uow, by=jordan.id, code=code, clock=clock)
    return jordan


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the security figures the run measured (tests/figures.py, docs/security.md)."""
    from tests.figures import lines

    if lines():
        terminalreporter.section("security figures")
        for line in lines():
            terminalreporter.write_line(line)
