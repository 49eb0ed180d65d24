"""``attunement u-turn``: notice the reaction, turn inward, find the part, speak for it (issue 4).

The same service as the browser: the feedback engine reads the first words (were they said from
a part?) and the words the person comes back with (for the part, or still from it), and its
notes go to the person alone. With ``--with-partner`` the partner may say back what they heard,
taking the keyboard with their own password, or later from their own terminal or browser. The
command carries on the latest unfinished U-turn; ``--new`` starts another.
"""

from dataclasses import dataclass

import typer
from rich.console import Console

from attunement.cli.app import app
from attunement.cli.check_ins import ask_check_in
from attunement.cli.guided import Choice, Offer, Page, log_in, next_up, refusals_in_words, walk
from attunement.cli.runtime import Runtime
from attunement.domain.exercises.self_check_in import Moment
from attunement.domain.exercises.u_turn import FINISHED, Move, Step, UTurn
from attunement.domain.ids import PersonId, RunId
from attunement.services import couples, u_turn
from attunement.services.runs import RunRef
from attunement.services.u_turn import UTurnView
from attunement.settings import Settings
from attunement.web.ifio_words import (
    U_TURN_BUTTONS,
    U_TURN_PARTNER_WAITS,
    U_TURN_PROMPTS,
    U_TURN_STARTED_BLENDED,
)
from attunement.web.messages import words

QUIET = (Move.PAUSE, Move.ABANDON, Move.SKIP_MIRROR)


@dataclass(frozen=True, slots=True)
class UTurnFlow:
    runtime: Runtime
    run: RunId

    def page(self, viewer: PersonId) -> Page:
        ref = RunRef(self.run, u_turn.KIND, viewer)
        view = u_turn.u_turn_view(self.runtime.new_uow(), ref, analyzer=self.runtime.analyzer)
        state = view.state
        moves = state.legal_moves(viewer)
        ordered = [m for m in moves if m not in QUIET] + [m for m in moves if m in QUIET]
        mine = viewer == state.person
        return Page(
            title=f"U-turn · {state.step.value.replace('_', ' ').lower()}",
            prompt=U_TURN_PROMPTS[state.step]
            if mine or state.step in FINISHED
            else U_TURN_PARTNER_WAITS,
            version=state.version,
            offers=tuple(_offer(state, m) for m in ordered),
            finished=state.step in FINISHED,
            lines=_lines(view, mine),
            next_up=_next_up(state, viewer),
        )

    def move(self, viewer: PersonId, choice: Choice, version: int) -> None:
        ref = RunRef(self.run, u_turn.KIND, viewer, version)
        u_turn.move_on_u_turn(
            self.runtime.new_uow(), ref, Move(choice.move), choice.text, clock=self.runtime.clock
        )


def _offer(state: UTurn, move: Move) -> Offer:
    return Offer(move.value, U_TURN_BUTTONS[move], state.needs_words(move))


def _lines(view: UTurnView, mine: bool) -> tuple[str, ...]:
    """What the person's own screen shows beside the prompt; the partner sees only what was said."""
    state, lines = view.state, []
    if mine and view.started_blended and state.step in (Step.PAUSE, Step.TURN_INWARD):
        lines.append(U_TURN_STARTED_BLENDED)
    if mine and state.part_name:
        need = f" · it needs: {state.need}" if state.need else ""
        lines.append(f"The part: {state.part_name}{need}")
    if state.rewrite:
        lines.append(f'"{state.rewrite}"')
    lines += [words(note) for note in view.notes]
    if state.mirror:
        lines.append(f"Heard: {state.mirror}")
    return tuple(lines)


def _next_up(state: UTurn, viewer: PersonId) -> PersonId | None:
    """The other member, when they have a move of their own to make now."""
    members = (state.person,) if state.partner is None else (state.person, state.partner)
    return next_up(members, viewer, state.legal_moves)


@app.command("u-turn")
def u_turn_command(
    with_partner: bool = typer.Option(False, help="Your partner is there to hear it."),
    new: bool = typer.Option(False, "--new", help="Start a new U-turn even if one is open."),
    check_in: bool = typer.Option(False, "--check-in", help="Rate the 8 Cs before and after."),
    username: str = typer.Option(..., prompt="Your username", help="Your username."),
    password: str = typer.Option(..., prompt=True, hide_input=True, help="Your password."),
) -> None:
    """Make a U-turn in this terminal; run again to carry on where you left off."""
    console = Console()
    with Runtime(Settings()) as runtime, refusals_in_words():
        person = log_in(runtime, username, password)
        view = couples.couple_view(runtime.new_uow(), viewer=person.id)
        names = {person.id: person.display_name}
        if view is not None and view.partner is not None:
            names[view.partner.id] = view.partner.display_name
        run = None if new else _unfinished(runtime, person.id)
        if run is None:
            if check_in:
                ask_check_in(runtime, console, person.id, Moment.BEFORE, u_turn.KIND)
            partner = view.partner.id if with_partner and view and view.partner else None
            run = u_turn.start_u_turn(
                runtime.new_uow(), by=person.id, partner=partner, clock=runtime.clock
            )
        else:
            console.print("Carrying on where you left off.")
        last = walk(runtime, console, UTurnFlow(runtime, run), person.id, names)
        if last.finished and check_in:
            ask_check_in(runtime, console, person.id, Moment.AFTER, u_turn.KIND)


def _unfinished(runtime: Runtime, person: PersonId) -> RunId | None:
    """The latest U-turn ``person`` is in that has not ended, if any."""
    runs = u_turn.u_turns_of(runtime.new_uow(), viewer=person)
    open_runs = [run for run, state in runs if state.step not in FINISHED]
    return open_runs[-1] if open_runs else None
