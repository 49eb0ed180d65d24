"""One couple's two-device dialogue under load: moves on a timer, each screen on its socket.

The couple plays a Couple's Dialogue round over and over ("is there more?" loops back to a new
chunk), one move every ``interval`` seconds, the mover on its own process and the partner on
another. A move is registered as pending *before* it is sent (versions go up by one per move),
so a notice that overtakes the mover's response is still counted. The partner's screen fetches
its own view on each notice, as the page does; the mover's screen refreshes after its move.
"""

import asyncio
import html
import itertools
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import WebSocketException

from attunement.cli.loadclient import Device, DeviceError
from attunement.cli.loadstats import Tally

SENDER, RECEIVER = "sender", "receiver"
OPENING = (
    (SENDER, "request_appointment", "Our plans for the weekend"),
    (RECEIVER, "accept_now", None),
)
ROUND = (
    (SENDER, "chunk_done", "I felt left out when the plans changed without me."),
    (RECEIVER, "mirror", "You felt left out when the plans changed without you."),
    (SENDER, "accurate", None),
    (SENDER, "more", None),
)
FAILURES = (DeviceError, httpx.HTTPError, WebSocketException, OSError, ValueError, KeyError)


def script() -> Iterator[tuple[str, str, str | None]]:
    """The moves of a couple, forever: the opening once, then the sending loop."""
    yield from OPENING
    yield from itertools.cycle(ROUND)


def kind(failure: Exception) -> str:
    """A short name for a failure in the report: the HTTP status when there was one."""
    status = getattr(failure, "status", 0)
    return f"{type(failure).__name__} {status}" if status else type(failure).__name__


def other(role: str) -> str:
    """The partner of ``role``."""
    return RECEIVER if role == SENDER else SENDER


@dataclass
class Turn:
    sent_at: float
    words: str | None
    partner: str


@dataclass
class CouplePlay:
    dialogue: str
    devices: dict[str, Device]
    tally: Tally
    version: int = 0
    pending: dict[int, Turn] = field(default_factory=dict)
    heard: dict[str, int] = field(default_factory=lambda: {SENDER: -1, RECEIVER: -1})
    listeners: list[asyncio.Task[None]] = field(default_factory=list)
    viewing: int = 0  # partner views still being fetched; the run waits for them before closing

    async def play(self, first_at: float, interval: float, until: float) -> None:
        """Make one move every ``interval`` seconds from ``first_at`` until ``until``."""
        for number, (role, move, words) in enumerate(script()):
            due = first_at + number * interval
            if due >= until:
                return
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            if not await self._move(role, move, words):
                return  # the couple's state is unknown now; its error is counted

    async def _move(self, role: str, move: str, words: str | None) -> bool:
        expected = self.version + 1
        self.pending[expected] = Turn(time.perf_counter(), words, other(role))
        try:
            reached = await self.devices[role].move(self.dialogue, move, self.version, words)
            await self.devices[role].panel(self.dialogue)  # the mover's own screen
        except FAILURES as failure:
            self.pending.pop(expected, None)
            self.tally.error(f"move {kind(failure)}")
            return False
        self.tally.turns += 1
        if reached != expected:
            self.tally.error("move reached an unexpected version")
        self.version = reached
        return True

    async def listen(self, role: str, socket: ClientConnection) -> None:
        """Handle every notice on ``role``'s socket until it closes."""
        try:
            async for message in socket:
                await self._heard(role, int(json.loads(message)["version"]))
        except FAILURES as failure:
            self.tally.error(f"socket {kind(failure)}")

    async def _heard(self, role: str, version: int) -> None:
        heard_at = time.perf_counter()
        if version == self.heard[role]:
            self.tally.duplicated += 1
            return
        if version < self.heard[role]:
            self.tally.out_of_order += 1
            return
        self.heard[role] = version
        arrived = [v for v, turn in self.pending.items() if v <= version and turn.partner == role]
        if not arrived:
            return
        turns = [self.pending.pop(v) for v in sorted(arrived)]
        self.tally.notice_ms += [(heard_at - turn.sent_at) * 1000 for turn in turns]
        self.viewing += 1
        try:
            _, view = await self.devices[role].panel(self.dialogue)
        except FAILURES as failure:
            self.tally.error(f"view {kind(failure)}")
            return
        finally:
            self.viewing -= 1
        viewed_at = time.perf_counter()
        for turn in turns:
            self.tally.view_ms.append((viewed_at - turn.sent_at) * 1000)
            if turn.words and html.escape(turn.words) not in view:
                self.tally.missing_words += 1
