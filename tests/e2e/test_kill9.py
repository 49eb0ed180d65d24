"""kill -9 during a stream of turns: no acknowledged turn lost, none twice (issue 6 item 7).

The real server runs as a subprocess on SQLite (WAL, synchronous=FULL). Two clients, each a
couple on one shared device, stream the moves of full dialogue rounds over HTTP with a fresh
``move_key`` per move, retrying the same key until they get an answer. Meanwhile the server is
killed with SIGKILL at uneven moments and started again, K times. Afterwards every move a client
saw acknowledged must be in the database exactly once (security-reference.md §4.2 D1).
"""

import itertools
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from attunement.domain.people import AccountKind
from attunement.services import accounts, couples, dialogue
from attunement.services.passwords import PasswordHasher
from attunement.settings import Settings
from attunement.store.crypto import KeyRing
from attunement.store.engine import make_engine, make_session_factory
from attunement.store.uow import SqlUnitOfWork
from tests.dialogues import ROUND
from tests.e2e.processes import PASSWORD, Server
from tests.fakes import FakeClock
from tests.figures import record

pytestmark = pytest.mark.slow

KILLS = 6
CLOCK = FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))


class Player:
    """One shared device playing whole rounds, retrying each move under its key."""

    def __init__(self, url: str, username: str, dialogues: list[str], people: dict[str, str]):
        self.client = httpx.Client(base_url=url, timeout=5)
        self.username, self.dialogues, self.people = username, dialogues, people
        self.acked: list[tuple[str, str, str | None]] = []  # (dialogue, move_key, words)
        self.retries = 0
        self.error: Exception | None = None
        self.stop = threading.Event()
        self.pause = threading.Event()

    def send(
        self, path: str, data: dict[str, str] | None, headers: dict[str, str]
    ) -> httpx.Response:
        """POST ``data`` (GET when None) until the server answers at all."""
        while True:
            try:
                if data is None:
                    return self.client.get(path, headers=headers)
                return self.client.post(path, data=data, headers=headers)
            except httpx.TransportError:
                self.retries += 1  # the server is down: same request, same key, again
                self.pause.wait(0.05)  # back off while it restarts (never set: a timed wait)

    def log_in(self) -> None:
        token = self.token("/login")
        form = {"username": self.username, "password": PASSWORD, "csrf_token": token}
        response = self.send("/login", form, {})
        assert response.status_code in {200, 303}

    def play(self) -> None:
        """Play until told to stop; a failure is kept for the test to report."""
        try:
            self._play()
        except Exception as error:  # re-raised by the test thread
            self.error = error

    def _play(self) -> None:
        counter = itertools.count()
        csrf = {"accept": "application/json", "x-csrf-token": self.token()}
        for dialogue_id in self.dialogues:
            version = 0
            for who, move, words in ROUND:
                if self.stop.is_set():
                    return
                text = None if words is None else f"{words} #{self.username}-{next(counter)}"
                key = uuid.uuid4().hex
                data = {"move": move.value, "version": str(version), "move_key": key,
                        "acting_as": self.people[who], "text": text or ""}  # fmt: skip
                response = self.send(f"/dialogues/{dialogue_id}/moves", data, csrf)
                assert response.status_code == 200, response.text
                version = response.json()["version"]
                self.acked.append((dialogue_id, key, text))

    def token(self, path: str = "/") -> str:
        page = self.send(path, None, {})
        marker = 'name="csrf_token" value="'
        start = page.text.index(marker) + len(marker)
        return page.text[start : page.text.index('"', start)]


Couple = tuple[str, list[str], dict[str, str]]  # (who logs in, dialogue ids, role -> person id)


def make_couples(data_dir: Path, rounds: int) -> list[Couple]:
    """Two couples, each with ``rounds`` one-device dialogues, made through the services."""
    settings = Settings(data_dir=data_dir)
    engine = make_engine(settings.resolved_database_url())
    factory = make_session_factory(engine)
    keys = KeyRing.from_file(settings.resolved_key_file())
    hasher = PasswordHasher(time_cost=1, memory_kib=8)
    made: list[Couple] = []
    for first, second in (("sam", "alex"), ("casey", "robin")):
        people = [
            accounts.sign_up(SqlUnitOfWork(factory, keys), username=name, display_name=name,
                             password=PASSWORD, hasher=hasher, kind=AccountKind.PARTNER)
            for name in (first, second)
        ]  # fmt: skip
        code = couples.invite_partner(SqlUnitOfWork(factory, keys), by=people[0].id, clock=CLOCK)
        couples.join_couple(SqlUnitOfWork(factory, keys), by=people[1].id, code=code, clock=CLOCK)
        dialogues: list[str] = [
            dialogue.start_dialogue(SqlUnitOfWork(factory, keys), by=people[0].id,
                                    mode=dialogue.DialogueMode.ONE_DEVICE, clock=CLOCK)
            for _ in range(rounds)
        ]  # fmt: skip
        made.append((first, dialogues, {"sam": str(people[0].id), "alex": str(people[1].id)}))
    engine.dispose()
    return made


def stored_turns(data_dir: Path) -> dict[str, tuple[str, str]]:
    """Every stored turn with a move key: key -> (dialogue, words), read with the key file."""
    settings = Settings(data_dir=data_dir)
    engine = make_engine(settings.resolved_database_url())
    factory = make_session_factory(engine)
    uow = SqlUnitOfWork(factory, KeyRing.from_file(settings.resolved_key_file()))
    with uow, uow.dialogues._session.begin_nested():
        rows = uow.dialogues._session.execute(
            text("SELECT move_key, dialogue_id, id, speaker_id, text FROM turns")
        ).all()
        found = {
            key: (dialogue_id, uow.sealer.open(speaker, ("turns", row_id), sealed))
            for key, dialogue_id, row_id, speaker, sealed in rows
        }
    engine.dispose()
    return found


def wait_for_acks(players: list[Player], more: int) -> None:
    """Until the players have ``more`` new acknowledgements (at most a few seconds)."""
    tick = threading.Event()
    target = sum(len(p.acked) for p in players) + more
    for _ in range(250):
        if sum(len(p.acked) for p in players) >= target:
            return
        tick.wait(0.02)


def test_no_acknowledged_turn_is_lost_or_doubled_across_kills(tmp_path):
    server = Server(tmp_path)
    server.start()
    players = [Player(server.url, *couple) for couple in make_couples(tmp_path, rounds=40)]
    for player in players:
        player.log_in()
    threads = [threading.Thread(target=player.play) for player in players]
    for thread in threads:
        thread.start()
    for cycle in range(KILLS):
        wait_for_acks(players, more=3 + cycle % 4)  # kill mid-stream, at uneven moments
        server.kill()
        server.start()
    for player in players:
        player.stop.set()
    for thread in threads:
        thread.join(timeout=60)
    for player in players:
        player.client.close()
    server.kill()

    assert [p.error for p in players] == [None, None]
    stored = stored_turns(tmp_path)
    acked = [move for player in players for move in player.acked]
    lost = [key for _, key, _ in acked if key not in stored]
    wrong = [key for d, key, words in acked if key in stored and stored[key] != (d, words or "")]
    doubled = len(stored) - len({key for _, key, _ in acked})
    record(
        "D1 kill -9 during turns", kills=KILLS, acknowledged_turns=len(acked),
        retries=sum(p.retries for p in players), lost=len(lost), duplicates=doubled,
        altered=len(wrong),
    )  # fmt: skip
    assert len(acked) > KILLS
    assert (len(lost), doubled, len(wrong)) == (0, 0, 0)
