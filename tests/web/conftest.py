"""Web fixtures: a fresh migrated database per test, the app, personas and logged-in clients.

The personas are security-reference.md's A, B and outsiders: Sam and Alex are a couple; Casey is
a partner in another couple (with Drew); Morgan is a therapist nobody invited. They are made
through the real services, and ``client_for`` logs in through the real form.
"""

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from attunement.domain.ids import DialogueId
from attunement.domain.people import AccountKind, Person
from attunement.domain.sessions import DialogueMode
from attunement.language import get_analyzer
from attunement.services import accounts, couples
from attunement.services import dialogue as dialogues
from attunement.settings import Settings
from attunement.store.migrate import upgrade
from attunement.web.app import create_app
from attunement.web.deps import Components
from tests.fakes import SafetyMarkerAnalyzer
from tests.web.forms import csrf_of

PASSWORD = "a long enough password"


@dataclass(frozen=True)
class Persona:
    person: Person
    password: str = PASSWORD

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def username(self) -> str:
        return self.person.username


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "attunement.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def settings(tmp_path: Path, migrated_template: Path) -> Settings:
    shutil.copy(migrated_template, tmp_path / "attunement.sqlite3")
    return Settings(
        data_dir=tmp_path,
        analyzer="lexical",
        argon2_time_cost=1,
        argon2_memory_kib=8,
        require_check_in=False,  # the check-in gate has its own tests (tests/web/test_safety.py)
        rate_limit_per_minute=1000,  # rate limits have their own tests
    )


@pytest.fixture
def analyzer() -> SafetyMarkerAnalyzer:
    return SafetyMarkerAnalyzer(inner=get_analyzer("lexical"))


@pytest.fixture
def app(settings: Settings, analyzer: SafetyMarkerAnalyzer) -> FastAPI:
    return create_app(settings, analyzer=analyzer)


@pytest.fixture
def wiring(app: FastAPI) -> Components:
    components: Components = app.state.components
    return components


def _sign_up(wiring: Components, username: str, kind: AccountKind = AccountKind.PARTNER) -> Persona:
    person = accounts.sign_up(
        wiring.new_uow(),
        username=username,
        display_name=username.title(),
        password=PASSWORD,
        hasher=wiring.hasher,
        kind=kind,
    )
    return Persona(person)


def _pair(wiring: Components, first: Persona, second: Persona) -> None:
    code = couples.invite_partner(wiring.new_uow(), by=first.person.id, clock=wiring.clock)
    couples.join_couple(wiring.new_uow(), by=second.person.id, code=code, clock=wiring.clock)


@pytest.fixture
def sam(wiring: Components) -> Persona:  # partner A
    return _sign_up(wiring, "sam")


@pytest.fixture
def alex(wiring: Components, sam: Persona) -> Persona:  # partner B, joined Sam's couple
    alex = _sign_up(wiring, "alex")
    _pair(wiring, sam, alex)
    return alex


@pytest.fixture
def casey(wiring: Components) -> Persona:  # a partner in another couple, with Drew
    casey = _sign_up(wiring, "casey")
    _pair(wiring, casey, _sign_up(wiring, "drew"))
    return casey


@pytest.fixture
def morgan(wiring: Components) -> Persona:  # a therapist nobody invited
    return _sign_up(wiring, "morgan", AccountKind.THERAPIST)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as anonymous:
        yield anonymous


@pytest.fixture
def client_for(app: FastAPI) -> Iterator[Callable[[Persona], TestClient]]:
    opened: list[TestClient] = []

    def log_in(persona: Persona) -> TestClient:
        client = TestClient(app)
        opened.append(client)
        form = client.get("/login")
        response = client.post(
            "/login",
            data={
                "csrf_token": csrf_of(form),
                "username": persona.username,
                "password": persona.password,
            },
        )
        assert response.status_code == 200, response.text
        return client

    yield log_in
    for client in opened:
        client.close()


@pytest.fixture
def dialogue(wiring: Components, sam: Persona, alex: Persona) -> DialogueId:
    """A two-devices dialogue Sam started with Alex."""
    return dialogues.start_dialogue(
        wiring.new_uow(), by=sam.person.id, mode=DialogueMode.TWO_DEVICES, clock=wiring.clock
    )


@pytest.fixture
def shared_screen(wiring: Components, sam: Persona, alex: Persona) -> DialogueId:
    """A one-device (pass-and-play) dialogue Sam started with Alex."""
    return dialogues.start_dialogue(
        wiring.new_uow(), by=sam.person.id, mode=DialogueMode.ONE_DEVICE, clock=wiring.clock
    )


@pytest.fixture
def jordan(wiring: Components, sam: Persona, alex: Persona) -> Persona:
    """The therapist Sam and Alex invited with a real one-time code (issue 5)."""
    from attunement.services import therapists

    jordan = _sign_up(wiring, "jordan", AccountKind.THERAPIST)
    code = therapists.invite_therapist(wiring.new_uow(), by=sam.person.id, clock=wiring.clock)
    therapists.join_as_therapist(
        wiring.new_uow(), by=jordan.person.id, code=code, clock=wiring.clock
    )
    return jordan


@pytest.fixture
def couple_id(wiring: Components, sam: Persona, alex: Persona) -> str:
    """The id of Sam and Alex's couple."""
    found = couples.couple_of(wiring.new_uow(), person=sam.person.id)
    assert found is not None
    return found.id
