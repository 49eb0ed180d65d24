"""``attunement unburdening``: the therapist-led sequence, paced from a terminal (issue 4).

Witnessing, retrieval, releasing the burden, inviting qualities, checking the protectors: the
same service and machine as the browser, so a run opens only with the couple's invited
therapist and the protectors' recorded permission, the therapist moves it on, the client can
pause at any moment, and only the therapist resumes. The client opens a run from their part; the
therapist (here, at the same keyboard with their own password, or in their own terminal or
browser) leads. Running the command again carries on at the step reached.
"""

from dataclasses import dataclass

import typer
from rich.console import Console

from attunement.cli.app import app, fail
from attunement.cli.guided import Choice, Offer, Page, log_in, next_up, refusals_in_words, walk
from attunement.cli.runtime import Runtime
from attunement.domain.exercises.unburdening import FINISHED, TRANSITIONS, Move, Unburdening
from attunement.domain.guided import Words
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.domain.people import Person
from attunement.services import couples, therapists, unburdening
from attunement.settings import Settings
from attunement.web.unburdening_words import BUTTONS, FIELDS, PROMPTS, QUIET


@dataclass(frozen=True, slots=True)
class UnburdeningFlow:
    runtime: Runtime
    run: RunId

    def page(self, viewer: PersonId) -> Page:
        state = unburdening.unburdening_of(self.runtime.new_uow(), self.run, viewer=viewer)
        moves = state.legal_moves(viewer)
        ordered = [m for m in moves if m not in QUIET] + [m for m in moves if m in QUIET]
        lead = "you lead" if viewer == state.therapist else "your therapist leads"
        return Page(
            title=f"Unburdening · {state.step.value.replace('_', ' ').lower()} · {lead}",
            prompt=PROMPTS[state.step],
            version=state.version,
            offers=tuple(_offer(state, m) for m in ordered),
            finished=state.step in FINISHED,
            next_up=next_up((state.client, state.therapist), viewer, state.legal_moves),
        )

    def move(self, viewer: PersonId, choice: Choice, version: int) -> None:
        request = unburdening.UnburdeningMove(
            self.run, viewer, Move(choice.move), choice.text, version
        )
        unburdening.make_unburdening_move(self.runtime.new_uow(), request, clock=self.runtime.clock)


def _offer(state: Unburdening, move: Move) -> Offer:
    arrow = TRANSITIONS.get((state.step, move))
    rule = Words.NONE if arrow is None else arrow.words
    return Offer(move.value, BUTTONS[move], rule, FIELDS.get(move, "Your words"))


@app.command("unburdening")
def unburdening_command(
    part: str = typer.Argument("", help="Your part's id, to open a run; leave out to carry on."),
    username: str = typer.Option(..., prompt="Your username", help="Your username."),
    password: str = typer.Option(..., prompt=True, hide_input=True, help="Your password."),
) -> None:
    """Open or carry on an unburdening run with your therapist; run again to carry on."""
    console = Console()
    with Runtime(Settings()) as runtime, refusals_in_words():
        person = log_in(runtime, username, password)
        run = _open_run(runtime, person.id, PartId(part) if part else None)
        if run is None:
            run = unburdening.start_unburdening(
                runtime.new_uow(), part=PartId(part), by=person.id, clock=runtime.clock
            )
        else:
            console.print("Carrying on where you left off.")
        names = _names(runtime, run, person)
        walk(runtime, console, UnburdeningFlow(runtime, run), person.id, names)


def _names(runtime: Runtime, run: RunId, person: Person) -> dict[PersonId, str]:
    """The client's and the therapist's names, for passing the keyboard between them."""
    names = {person.id: person.display_name}
    state = unburdening.unburdening_of(runtime.new_uow(), run, viewer=person.id)
    if person.id == state.client:
        therapist = therapists.therapist_of(runtime.new_uow(), viewer=person.id)
        if therapist is not None:
            names[therapist.id] = therapist.display_name
        return names
    couple = couples.couple_of(runtime.new_uow(), person=state.client)
    if couple is not None:
        client = therapists.client_couple(runtime.new_uow(), couple.id, therapist=person.id)
        names.update({partner.id: partner.display_name for partner in client.partners})
    return names


def _open_run(runtime: Runtime, person: PersonId, part: PartId | None) -> RunId | None:
    """The latest unfinished run ``person`` is in (for ``part``, when named)."""
    runs = unburdening.runs_for(runtime.new_uow(), viewer=person)
    open_runs = [
        run
        for run, state in runs
        if state.step not in FINISHED and (part is None or state.part == part)
    ]
    if not open_runs and part is None:
        fail("no unburdening run is open; the client opens one from a part's id.")
    return open_runs[-1] if open_runs else None
