"""``attunement loadtest``: N couples in two-device dialogues against real app processes (issue 7).

It seeds the couples through the services, starts the app processes on loopback (the same
factory ``serve --workers`` runs), logs every partner in through the real forms, puts each
couple's sender on process 1 and receiver on process 2 (so every nudge crosses Redis), plays for
a bounded time and prints turns/s, delivery latency, errors, lost or duplicated turns and the
servers' CPU and memory. Bounded in count (``MAX_COUPLES``) and time (``MAX_SECONDS``); loopback
only. docs/performance.md records its runs.
"""

import asyncio
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import AsyncExitStack, ExitStack
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console

from attunement.cli.app import app, fail
from attunement.cli.loadclient import Device
from attunement.cli.loadcouple import FAILURES, RECEIVER, SENDER, CouplePlay, kind
from attunement.cli.loadseed import PASSWORD, SeededCouple, run_prefix, seed_couple
from attunement.cli.loadstats import Stopwatch, Tally, Window, report
from attunement.cli.processes import app_server
from attunement.services.passwords import PasswordHasher
from attunement.store.crypto import KeyRing
from attunement.store.engine import make_engine, make_session_factory
from attunement.store.migrate import upgrade
from attunement.store.uow import SqlUnitOfWork
from attunement.web.security import load_secret_key

MAX_COUPLES = 500
MAX_SECONDS = 180
CONNECTING = 16  # partners logging in at once while setting up
SEEDING = 4  # couples made at once
DRAIN_SECONDS = 5.0  # how long in-flight turns may take to arrive after the last move


@dataclass(frozen=True, slots=True)
class Plan:
    couples: int
    interval: float
    seconds: float
    processes: int
    database_url: str
    redis_url: str
    analyzer: str


@app.command()
def loadtest(  # noqa: PLR0913, PLR0917 (one option per knob of the run)
    couples: int = typer.Option(200, min=1, max=MAX_COUPLES, help="Concurrent couples."),
    interval: float = typer.Option(5.0, min=0.5, max=60, help="Seconds between a couple's turns."),
    seconds: float = typer.Option(60, min=2, max=MAX_SECONDS, help="Length of the measured run."),
    processes: int = typer.Option(2, min=1, max=4, help="App processes (more than 1: Redis)."),
    database_url: str = typer.Option(
        "", help="Database to add the couples to; default: a fresh SQLite file."
    ),
    redis_url: str = typer.Option("", help="Redis for live updates across processes."),
    analyzer: str = typer.Option("encoder", help="The feedback engine backend the servers use."),
) -> None:
    """Measure live two-device dialogues under load (loopback only; bounded in count and time)."""
    if processes > 1 and not redis_url:
        fail("more than one process needs --redis-url, so live updates reach every process")
    plan = Plan(couples, interval, seconds, processes, database_url, redis_url, analyzer)
    # A stopped run (Ctrl+C, timeout's TERM) still unwinds, so no app process is left behind.
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        _measure(plan, Console())
    finally:
        signal.signal(signal.SIGTERM, previous)


def _measure(plan: Plan, console: Console) -> None:
    """Seed, start the servers, play, and print the report."""
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="attunement-load-") as folder:
        data_dir = Path(folder)
        url = plan.database_url or f"sqlite:///{data_dir / 'attunement.sqlite3'}"
        upgrade(url)
        console.print(f"seeding {plan.couples} couples…")
        seeded = _seed(url, plan.couples, data_dir / "data.key")
        console.print(f"seeded in {time.perf_counter() - began:.0f} s")
        load_secret_key(data_dir / "secret.key")
        with ExitStack() as stack:
            env = _server_env(plan, url, data_dir)
            servers = [stack.enter_context(app_server(env)) for _ in range(plan.processes)]
            console.print(
                f"{plan.processes} app processes up; connecting {2 * plan.couples} devices…"
            )
            tally, window = asyncio.run(
                _run(plan, seeded, [s.url for s in servers], [s.pid for s in servers])
            )
    for line in report(tally, window, _describe(plan, url)):
        console.print(line)
    console.print(f"whole run, set-up included: {time.perf_counter() - began:.0f} s")


def _describe(plan: Plan, url: str) -> str:
    """The set-up in one line, at the head of the report."""
    hub = "Redis" if plan.redis_url else "in-process"
    backend = url.split(":", 1)[0]
    return (
        f"{plan.couples} couples, a turn every {plan.interval:g} s each, "
        f"{plan.processes} process(es), {backend}, {hub} fan-out, analyzer {plan.analyzer}"
    )


def _stop(signum: int, _frame: object) -> None:
    """Turn a TERM into an ordinary exit, so every ``with`` block unwinds."""
    raise SystemExit(128 + signum)


def _seed(url: str, couples: int, key_file: Path) -> list[SeededCouple]:
    """The couples, made a few at a time, sealed with the key file the servers will read."""
    keys = KeyRing.from_file(key_file)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    hasher = PasswordHasher(time_cost=1, memory_kib=8)
    prefix = run_prefix()

    def one(number: int) -> SeededCouple:
        return seed_couple(lambda: SqlUnitOfWork(factory, keys), hasher, f"{prefix}c{number}")

    try:
        # SQLite takes one writer at a time: threads would only queue on its lock.
        workers = 1 if url.startswith("sqlite") else SEEDING
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, range(couples)))
    finally:
        engine.dispose()


def _server_env(plan: Plan, url: str, data_dir: Path) -> dict[str, str]:
    """The servers' settings: log-ins cost little, so the run measures dialogues, not Argon2.

    Every simulated person logs in from this one address, so the log-in rate limit is lifted.
    """
    return {
        "ATTUNEMENT_DATA_DIR": str(data_dir),
        "ATTUNEMENT_DATABASE_URL": url,
        "ATTUNEMENT_REDIS_URL": plan.redis_url,
        "ATTUNEMENT_ANALYZER": plan.analyzer,
        "ATTUNEMENT_ARGON2_TIME_COST": "1",
        "ATTUNEMENT_ARGON2_MEMORY_KIB": "8",
        "ATTUNEMENT_RATE_LIMIT_PER_MINUTE": "1000",
    }


async def _run(
    plan: Plan, seeded: list[SeededCouple], urls: list[str], pids: list[int]
) -> tuple[Tally, Window]:
    """Connect every couple, play for the planned time, wait for stragglers, measure."""
    tally = Tally()
    async with AsyncExitStack() as stack:
        gate = asyncio.Semaphore(CONNECTING)
        connecting = (_connect(stack, gate, couple, urls, tally) for couple in seeded)
        began = time.perf_counter()
        connected = await asyncio.wait_for(asyncio.gather(*connecting), timeout=MAX_SECONDS)
        plays = [play for play in connected if play is not None]
        tally.playing = len(plays)
        print(f"connected in {time.perf_counter() - began:.0f} s; playing…", flush=True)
        watch = Stopwatch(pids)
        start = time.perf_counter()
        until = start + plan.seconds
        await asyncio.gather(
            *(
                play.play(start + plan.interval * number / len(plays), plan.interval, until)
                for number, play in enumerate(plays)
            )
        )
        await _drain(plays)
        window = watch.stop()
        tally.lost = sum(len(play.pending) for play in plays)
        tally.retried = sum(d.retried for play in plays for d in play.devices.values())
    # The sockets are closed now, so every listener has returned.
    await asyncio.gather(*(task for play in plays for task in play.listeners))
    return tally, window


async def _connect(
    stack: AsyncExitStack,
    gate: asyncio.Semaphore,
    couple: SeededCouple,
    urls: list[str],
    tally: Tally,
) -> CouplePlay | None:
    """Log both partners in (sender on the first process, receiver on the last) and listen.

    A couple that cannot connect is counted as an error and sits the run out (None).
    """
    devices = {
        SENDER: Device(urls[0], couple.sender, PASSWORD),
        RECEIVER: Device(urls[-1], couple.receiver, PASSWORD),
    }
    play = CouplePlay(couple.dialogue, devices, tally)
    async with gate:
        for role, device in devices.items():
            stack.push_async_callback(device.close)
            try:
                await device.log_in()
                await device.open_dialogue(couple.dialogue)
                socket = await stack.enter_async_context(device.live(couple.dialogue))
            except FAILURES as failure:
                tally.error(f"connect {kind(failure)}")
                return None
            play.listeners.append(asyncio.create_task(play.listen(role, socket)))
    return play


async def _drain(plays: list[CouplePlay]) -> None:
    """Give moves still in flight a moment to reach the partner before counting losses.

    A partner's view fetched after its notice counts too: closing the devices under it would
    report a read error that the server never caused.
    """
    deadline = time.perf_counter() + DRAIN_SECONDS
    while any(p.pending or p.viewing for p in plays) and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
