"""Live dialogue across two app processes sharing PostgreSQL and Redis (issue 7, item 2).

Two real uvicorn processes, as ``attunement serve --workers 2`` would run them. Sam's device
talks only to process 1 and Alex's only to process 2 (but for "log out everywhere", where Sam has
a device on each), both logged in through the real forms, so
every nudge between them crosses Redis. They need ``ATTUNEMENT_TEST_POSTGRES_URL`` (CI sets it)
and Redis on loopback (``.ci/run`` starts it); the servers get a database of their own, made and
dropped by this module, so the other PostgreSQL tests never empty tables under them.
"""

import asyncio
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from attunement.cli.loadclient import TOKEN, Device
from attunement.cli.loadseed import PASSWORD, SeededCouple, seed_couple
from attunement.cli.processes import ServerProcess, app_server
from attunement.services.passwords import PasswordHasher
from attunement.store.crypto import KeyRing
from attunement.store.engine import make_engine, make_session_factory
from attunement.store.migrate import upgrade
from attunement.store.uow import SqlUnitOfWork
from attunement.web.security import load_secret_key
from tests.conftest import POSTGRES_URL
from tests.web.running import run

pytestmark = pytest.mark.postgres

REDIS_URL = os.environ.get("ATTUNEMENT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
WAIT_SECONDS = 10.0  # a bound on waiting for a message, not a pause: messages come in ms


@pytest.fixture(scope="module")
def scale_url() -> Iterator[str]:
    """A migrated database of its own for the two servers, dropped after the module."""
    if not POSTGRES_URL:
        pytest.skip("set ATTUNEMENT_TEST_POSTGRES_URL to run on PostgreSQL and Redis")
    server = make_url(POSTGRES_URL)
    name = f"{server.database or 'attunement'}_scale_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = server.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The servers' data folder, whose key file the seeding uses too."""
    return tmp_path_factory.mktemp("scale")


@pytest.fixture(scope="module")
def processes(scale_url: str, data_dir: Path) -> Iterator[list[str]]:
    """Two app processes on one database and one Redis, sharing one secret key."""
    load_secret_key(data_dir / "secret.key")  # made once, before both processes read it
    env = {
        "ATTUNEMENT_DATA_DIR": str(data_dir),
        "ATTUNEMENT_DATABASE_URL": scale_url,
        "ATTUNEMENT_REDIS_URL": REDIS_URL,
        "ATTUNEMENT_ANALYZER": "lexical",
        "ATTUNEMENT_ARGON2_TIME_COST": "1",
        "ATTUNEMENT_ARGON2_MEMORY_KIB": "8",
        "ATTUNEMENT_RATE_LIMIT_PER_MINUTE": "1000",
    }
    with ExitStack() as stack:
        servers: list[ServerProcess] = [stack.enter_context(app_server(env)) for _ in range(2)]
        yield [server.url for server in servers]


@pytest.fixture
def couple(scale_url: str, data_dir: Path) -> Iterator[SeededCouple]:
    keys = KeyRing.from_file(data_dir / "data.key")  # the same key-encryption key as the servers
    engine = make_engine(scale_url)
    factory = make_session_factory(engine)
    hasher = PasswordHasher(time_cost=1, memory_kib=8)
    yield seed_couple(lambda: SqlUnitOfWork(factory, keys), hasher, f"x{os.urandom(4).hex()}")
    engine.dispose()


async def devices(processes: list[str], couple: SeededCouple) -> tuple[Device, Device]:
    """Sam (the sender) on process 1 and Alex (the receiver) on process 2, logged in."""
    sam = Device(processes[0], couple.sender, PASSWORD)
    alex = Device(processes[1], couple.receiver, PASSWORD)
    for device in (sam, alex):
        await device.log_in()
        await device.open_dialogue(couple.dialogue)
    return sam, alex


async def next_version(socket: ClientConnection) -> int:
    message = json.loads(await asyncio.wait_for(socket.recv(), WAIT_SECONDS))
    assert set(message) == {"dialogue", "version"}  # never any words
    version: int = message["version"]
    return version


FIRST_ROUND = [
    ("sam", "request_appointment", "Dinner last night"),
    ("alex", "accept_now", None),
    ("sam", "chunk_done", "I felt alone at dinner."),
    ("alex", "mirror", "You felt alone at dinner."),
]


def test_each_partner_sees_the_others_moves_in_order_across_processes(processes, couple):
    async def scenario() -> None:
        sam, alex = await devices(processes, couple)
        by = {"sam": sam, "alex": alex}
        heard: dict[str, list[int]] = {"sam": [], "alex": []}
        async with sam.live(couple.dialogue) as to_sam, alex.live(couple.dialogue) as to_alex:
            assert await next_version(to_sam) == await next_version(to_alex) == 0
            version = 0
            for who, move, words in FIRST_ROUND:
                version = await by[who].move(couple.dialogue, move, version, words)
                heard["sam"].append(await next_version(to_sam))
                heard["alex"].append(await next_version(to_alex))
        _, alex_view = await alex.panel(couple.dialogue)
        _, sam_view = await sam.panel(couple.dialogue)
        await sam.close()
        await alex.close()

        assert heard == {"sam": [1, 2, 3, 4], "alex": [1, 2, 3, 4]}
        assert "I felt alone at dinner." in alex_view
        assert "You felt alone at dinner." in sam_view

    run(scenario())


def test_a_partner_who_reconnects_catches_up_in_order(processes, couple):
    async def scenario() -> None:
        sam, alex = await devices(processes, couple)
        by = {"sam": sam, "alex": alex}
        async with sam.live(couple.dialogue) as to_sam:
            await next_version(to_sam)
            version = 0
            async with alex.live(couple.dialogue) as to_alex:
                await next_version(to_alex)
                for who, move, words in FIRST_ROUND:
                    version = await by[who].move(couple.dialogue, move, version, words)
                    await next_version(to_alex)
                acknowledged = version
            # Alex's phone is offline while Sam goes on: "more", then a second chunk.
            for move, words in [("accurate", None), ("more", None), ("chunk_done", "And later.")]:
                version = await sam.move(couple.dialogue, move, version, words)
            async with alex.live(couple.dialogue, since=acknowledged) as to_alex:
                caught_up = await next_version(to_alex)
                shown_version, alex_view = await alex.panel(couple.dialogue)
                version = await alex.move(couple.dialogue, "mirror", version, "And later, too.")
                after = await next_version(to_alex)
            heard_by_sam = [await next_version(to_sam) for _ in range(8)]
        await sam.close()
        await alex.close()

        assert (acknowledged, caught_up, shown_version, after) == (4, 7, 7, 8)
        assert alex_view.index("I felt alone at dinner.") < alex_view.index("And later.")
        assert heard_by_sam == [1, 2, 3, 4, 5, 6, 7, 8]

    run(scenario())


async def end_all(device: Device) -> None:
    """Press "Log out everywhere" on ``device``'s sessions page."""
    page = (await device.http.get("/account/sessions")).text
    token = TOKEN.search(page)
    assert token is not None
    response = await device.http.post("/account/sessions/end-all", data={"csrf_token": token[1]})
    assert response.status_code == 303


def test_logging_out_everywhere_on_one_process_closes_screens_on_the_other(processes, couple):
    async def scenario() -> tuple[int | None, int]:
        laptop = Device(processes[0], couple.sender, PASSWORD)  # Sam's, on process 1
        phone = Device(processes[1], couple.sender, PASSWORD)  # Sam's, on process 2
        alex = Device(processes[1], couple.receiver, PASSWORD)
        for device in (laptop, phone, alex):
            await device.log_in()
            await device.open_dialogue(couple.dialogue)
        async with phone.live(couple.dialogue) as to_phone, alex.live(couple.dialogue) as to_alex:
            await next_version(to_phone)
            await next_version(to_alex)
            await end_all(laptop)
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(to_phone.recv(), WAIT_SECONDS)
            again = Device(processes[0], couple.sender, PASSWORD)  # Sam logs in anew
            await again.log_in()
            await again.open_dialogue(couple.dialogue)
            await again.move(couple.dialogue, "request_appointment", 0, "Dinner last night")
            alex_heard = await next_version(to_alex)
        for device in (laptop, phone, alex, again):
            await device.close()
        return closed.value.rcvd.code if closed.value.rcvd else None, alex_heard

    code, alex_heard = run(scenario())
    assert code == 1008  # closed by the server of process 2, told through Redis
    assert alex_heard == 1  # the partner's screen on the same process lives on
