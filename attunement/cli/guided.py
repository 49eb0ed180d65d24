"""The terminal walk every guided exercise shares: show the step, take a move, repeat (issue 4).

A flow (the 6 Fs, a U-turn, a cycle map, an unburdening run) reads its run through its own
service and makes each move through it, so every answer is committed the moment it is given:
closing the terminal loses nothing, and running the same command again carries on at the step
reached. When the next move belongs to someone else (the partner, the therapist), the keyboard
can be handed over with that person's own password (once per command: after that the turn just
passes); otherwise the walk stops, kept, and the other person continues from their own terminal
or browser.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from attunement.cli.app import fail
from attunement.cli.runtime import Runtime
from attunement.domain.errors import AttunementError, InvalidInput, StaleView
from attunement.domain.guided import Words
from attunement.domain.ids import PersonId
from attunement.domain.people import Person
from attunement.services import accounts
from attunement.web.messages import words

_LOGIN = accounts.SessionLifetime(idle=timedelta(minutes=5), absolute=timedelta(minutes=5))
LEAVE = "0"
KEPT = "Everything so far is kept. Run the same command again to carry on from this step."
STAY_MOVES = frozenset({"pause", "abandon"})


@dataclass(frozen=True, slots=True)
class Offer:
    """One move the person at the keyboard may make, in the web's words."""

    move: str
    button: str
    words: Words = Words.NONE
    field: str = "Your words"
    steps: tuple[int, ...] = ()  # the cycle-map steps a move may be about (0-based)


@dataclass(frozen=True, slots=True)
class Page:
    """One step as the terminal shows it to ``viewer``."""

    title: str
    prompt: str
    version: int
    offers: tuple[Offer, ...]
    finished: bool
    lines: tuple[str, ...] = ()
    next_up: PersonId | None = None  # someone else who has a move to make now


@dataclass(frozen=True, slots=True)
class Choice:
    move: str
    text: str | None = None
    at: int | None = None


class Flow(Protocol):
    """One run, read and moved through its service as whoever is at the keyboard."""

    def page(self, viewer: PersonId) -> Page: ...

    def move(self, viewer: PersonId, choice: Choice, version: int) -> None: ...


HAND_OVER = Offer("hand_over", "Pass the keyboard")


def log_in(runtime: Runtime, username: str, password: str) -> Person:
    """The person whose password this is; a wrong one stops the command in one line."""
    runtime.prepare_embedded()
    try:
        login = accounts.log_in(
            runtime.new_uow(),
            username=username,
            password=password,
            hasher=runtime.hasher,
            clock=runtime.clock,
            lifetime=_LOGIN,
        )
    except InvalidInput:
        fail("that username and password do not match an account; check both and try again.")
    accounts.log_out(runtime.new_uow(), login.token, clock=runtime.clock)
    return login.person


@dataclass
class Keyboard:
    """Who is at this keyboard: each person logs in once per command, then the turn just passes."""

    runtime: Runtime
    console: Console
    names: Mapping[PersonId, str]
    seated: set[PersonId] = field(default_factory=set)

    def pass_to(self, person: PersonId) -> PersonId | None:
        """``person`` at the keyboard (their password the first time); None leaves, kept."""
        who = self.names.get(person, "the other person")
        self.console.print(f"The next move is {escape(who)}'s.")
        if person in self.seated:
            answer = typer.prompt(
                f"Pass the keyboard to {who} and press Enter, or {LEAVE} to leave for now",
                default="",
                show_default=False,
            )
            if answer.strip() == LEAVE:
                self.console.print(KEPT)
                return None
            return person
        self.console.print("Pass them the keyboard, or press Enter to leave it for them.")
        username = typer.prompt(f"{who}'s username", default="", show_default=False).strip()
        if not username:
            self.console.print(KEPT)
            return None
        password = typer.prompt(f"{who}'s password", hide_input=True)
        if log_in(self.runtime, username, password).id != person:
            fail(f"that account is not {who}'s; nothing was changed.")
        self.seated.add(person)
        return person


def walk(
    runtime: Runtime, console: Console, flow: Flow, viewer: PersonId, names: Mapping[PersonId, str]
) -> Page:
    """Step through the run until it finishes or the people at the keyboard leave it."""
    keyboard = Keyboard(runtime, console, names, {viewer})
    while True:
        page = flow.page(viewer)
        show(console, page)
        if page.finished:
            return page
        own = [offer for offer in page.offers if offer.move not in STAY_MOVES]
        if not own and page.next_up is None:
            console.print(KEPT)
            return page
        picked = choose(console, page, names) if own else HAND_OVER
        if picked is None:
            console.print(KEPT)
            return page
        if picked is HAND_OVER and page.next_up is not None:
            taken = keyboard.pass_to(page.next_up)
            if taken is None:
                return page
            viewer = taken
            continue
        attempt(console, flow, viewer, page, picked)


def show(console: Console, page: Page) -> None:
    """The step in a box: the prompt, then what the person's own screen shows beside it."""
    body = escape(page.prompt)
    for line in page.lines:
        body += f"\n\n{escape(line)}"
    console.print(Panel(body, title=escape(page.title), expand=False))


def choose(console: Console, page: Page, names: Mapping[PersonId, str]) -> Offer | None:
    """A numbered list of the moves; None to leave, ``HAND_OVER`` to pass the keyboard."""
    for number, offer in enumerate(page.offers, start=1):
        console.print(f"  [bold]{number}[/bold]. {escape(offer.button)}")
    if page.next_up is not None:
        who = names.get(page.next_up, "your partner")
        console.print(f"  [bold]h[/bold]. Pass the keyboard to {escape(who)}")
    console.print(f"  [bold]{LEAVE}[/bold]. Leave for now")
    while True:
        answer = typer.prompt("Choose").strip().lower()
        if answer == LEAVE:
            return None
        if answer == "h" and page.next_up is not None:
            return HAND_OVER
        if answer.isdigit() and 1 <= int(answer) <= len(page.offers):
            return page.offers[int(answer) - 1]
        console.print("[yellow]Please choose one of the numbers shown.[/yellow]")


def attempt(console: Console, flow: Flow, viewer: PersonId, page: Page, offer: Offer) -> None:
    """Ask for the move's words (and step), make it; a refusal is said and the step shown again."""
    text = None
    if offer.words is not Words.NONE:
        text = typer.prompt(offer.field, default="", show_default=False) or None
    at = None
    if offer.steps:
        numbers = ", ".join(str(i + 1) for i in offer.steps)
        at = typer.prompt(f"Which step ({numbers})", type=int) - 1
    try:
        flow.move(viewer, Choice(offer.move, text, at), page.version)
    except AttunementError as refusal:
        console.print(f"[yellow]{escape(words(refusal.message_key, refusal.params))}[/yellow]")
        if isinstance(refusal, StaleView) and text:
            console.print(f"Your words: {escape(text)}")  # "kept below", as the web page says


@contextmanager
def refusals_in_words() -> Iterator[None]:
    """A refusal that ends a command (a part not found, no therapist) is one line, not a trace."""
    try:
        yield
    except AttunementError as refusal:
        said = words(refusal.message_key, refusal.params)
        fail(said[:1].lower() + said[1:])


def next_up(
    members: Sequence[PersonId], viewer: PersonId, legal_moves: Callable[[PersonId], Sequence[str]]
) -> PersonId | None:
    """Another member who has a move of their own now (not only a pause or a stop)."""
    for member in members:
        if member != viewer and any(m not in STAY_MOVES for m in legal_moves(member)):
            return member
    return None
