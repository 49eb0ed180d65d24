"""``attunement check-in``: the Self-energy check-in over the 8 Cs, and its history as text.

``take`` asks for the eight ratings (0 to 4), one at a time, and an optional name for the part
most present, then keeps them through the same service as the browser's form and gives the same
advice. A check-in is kept whole or not at all, so an interrupted one leaves nothing half-saved
(it takes under a minute to start again). ``history`` draws the person's own check-ins as rows
of bars, the mean of each and then each C over time; like the web chart, it is private and says
"0 to 4", never a score.
"""

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from attunement.cli.app import app, fail
from attunement.cli.guided import log_in, refusals_in_words
from attunement.cli.runtime import Runtime
from attunement.domain.errors import InvalidInput
from attunement.domain.exercises.self_check_in import Moment
from attunement.domain.ids import PersonId
from attunement.domain.parts import RATING_MAX, SelfEnergy, SelfQuality
from attunement.services import check_ins
from attunement.services.check_ins import TakenCheckIn
from attunement.settings import Settings
from attunement.web.messages import words
from attunement.web.routes.check_ins import ADVICE

check_in_app = typer.Typer(
    help="The Self-energy check-in: rate the 8 Cs, see your check-ins over time.",
    no_args_is_help=True,
)
app.add_typer(check_in_app, name="check-in")

USERNAME = typer.Option(..., "--username", prompt="Your username", help="Your username.")
PASSWORD = typer.Option(..., "--password", prompt=True, hide_input=True, help="Your password.")
MARKS = {Moment.BEFORE: "o", Moment.AFTER: "*", Moment.ALONE: "#"}
BAR = 16  # characters for a full 4


@check_in_app.command("take")
def take(
    moment: Annotated[Moment, typer.Option(help="alone, or before/after an exercise.")] = (
        Moment.ALONE
    ),
    exercise: Annotated[str, typer.Option(help="The exercise it sits beside, e.g. six_fs.")] = "",
    username: str = USERNAME,
    password: str = PASSWORD,
) -> None:
    """Rate each of the 8 Cs from 0 to 4 as you notice it right now."""
    with Runtime(Settings()) as runtime, refusals_in_words():
        person = log_in(runtime, username, password).id
        ask_check_in(runtime, Console(), person, moment, exercise)


@check_in_app.command("history")
def history(username: str = USERNAME, password: str = PASSWORD) -> None:
    """Your check-ins over time, drawn as text (only you can see them)."""
    with Runtime(Settings()) as runtime, refusals_in_words():
        person = log_in(runtime, username, password).id
        taken = check_ins.check_ins_of(runtime.new_uow(), viewer=person)
    if not taken:
        fail("no check-ins yet; take one with `attunement check-in take`.")
    typer.echo("\n".join(plot(taken)))


def ask_check_in(
    runtime: Runtime, console: Console, person: PersonId, moment: Moment, exercise: str
) -> TakenCheckIn:
    """Ask the eight ratings and the part, keep them, and give the advice (never a verdict)."""
    console.print(f"How much of each do you notice right now? 0 is none, {RATING_MAX} is a lot.")
    ratings = {quality: _rating(console, quality) for quality in SelfQuality}
    energy = SelfEnergy.rated(ratings)
    label = "A part that seems most present (optional)"
    taken = None
    while taken is None:
        part = typer.prompt(label, default="", show_default=False)
        answers = check_ins.NewCheckIn(energy, moment, exercise, part)
        try:
            taken = check_ins.take_check_in(
                runtime.new_uow(), by=person, answers=answers, clock=runtime.clock
            )
        except InvalidInput as refusal:  # the ratings are kept; only the name is asked again
            console.print(f"[yellow]{escape(words(refusal.message_key, refusal.params))}[/yellow]")
    if taken.gate is not None:
        console.print(escape(ADVICE[taken.gate]))
    return taken


def _rating(console: Console, quality: SelfQuality) -> int:
    """One rating, asked again until it is a whole number on the scale."""
    while True:
        answer = typer.prompt(f"{quality.value.capitalize()} (0-{RATING_MAX})").strip()
        if answer.isdigit() and 0 <= int(answer) <= RATING_MAX:
            return int(answer)
        message = words("check_in.rating_range", {"limit": RATING_MAX})
        console.print(f"[yellow]{escape(message)}[/yellow]")


def plot(taken: Sequence[TakenCheckIn]) -> list[str]:
    """Rows of bars: the mean of each check-in, oldest first, then each C as digits."""
    rows = [f"Your check-ins, 0 to {RATING_MAX} ({_legend()}):", ""]
    for one in taken:
        energy = one.check_in.energy
        if energy is None:
            continue
        mean = energy.mean()
        filled = round(BAR * mean / RATING_MAX)
        when = one.at.strftime("%Y-%m-%d %H:%M")
        beside = f" {one.check_in.exercise}" if one.check_in.exercise else ""
        bar = "\u2588" * filled + "\u00b7" * (BAR - filled)
        rows.append(f"{when} {MARKS[one.check_in.moment]} {bar} {mean:.1f}{beside}")
    rows += ["", "Each C, oldest to newest:"]
    for quality in SelfQuality:
        series = "".join(
            str(t.check_in.energy.of(quality)) for t in taken if t.check_in.energy is not None
        )
        rows.append(f"{quality.value:>14} {series}")
    return rows


def _legend() -> str:
    return ", ".join(f"{mark} {moment.value}" for moment, mark in MARKS.items())
