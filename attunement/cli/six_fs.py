"""``attunement six-fs``: getting to know a protector with the 6 Fs in a terminal (issue 4).

Find, focus, flesh out, feel toward, befriend, fears, one question at a time in the browser's
words, through the same service: each answer is written onto the part's card as it is given.
When the feel-toward answer carries no Self quality, the machine asks the part that answered to
step back before going on, exactly as on the web. Running the command again for the same part
carries on the unfinished session; ``--check-in`` rates the 8 Cs before a new session and after
it ends.
"""

from dataclasses import dataclass

import typer
from rich.console import Console

from attunement.cli.app import app
from attunement.cli.check_ins import ask_check_in
from attunement.cli.guided import Choice, Offer, Page, log_in, refusals_in_words, walk
from attunement.cli.runtime import Runtime
from attunement.domain.exercises.self_check_in import Moment
from attunement.domain.exercises.six_fs import FINISHED, Move, SixFs, Step
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.services import six_fs
from attunement.services.runs import runs_of
from attunement.settings import Settings
from attunement.web.messages import words
from attunement.web.six_fs_words import BUTTONS, FIELDS, PROMPTS, QUIET

READ_AT = frozenset({Step.UNBLEND, Step.BEFRIEND})  # where the web shows the feel-toward reading


@dataclass(frozen=True, slots=True)
class SixFsFlow:
    runtime: Runtime
    run: RunId

    def page(self, viewer: PersonId) -> Page:
        state = six_fs.six_fs_of(self.runtime.new_uow(), self.run, viewer=viewer)
        moves = state.legal_moves(viewer)
        ordered = [m for m in moves if m not in QUIET] + [m for m in moves if m in QUIET]
        return Page(
            title=f"The 6 Fs with {state.target.name} · {state.step.value.replace('_', ' ')}",
            prompt=PROMPTS[state.step].format(name=state.target.name),
            version=state.version,
            offers=tuple(_offer(state, m) for m in ordered),
            finished=state.step in FINISHED,
            lines=_reading(state),
        )

    def move(self, viewer: PersonId, choice: Choice, version: int) -> None:
        request = six_fs.SixFsMove(self.run, viewer, Move(choice.move), choice.text, version)
        six_fs.make_six_fs_move(self.runtime.new_uow(), request, clock=self.runtime.clock)


def _offer(state: SixFs, move: Move) -> Offer:
    rule = state.needs_words(move)
    return Offer(move.value, BUTTONS[move], rule, FIELDS.get(move, "Your words"))


def _reading(state: SixFs) -> tuple[str, ...]:
    """Why the last feel-toward answer led where it did, in the web's words."""
    if not state.feel_toward or state.step not in READ_AT:
        return ()
    reading = state.feel_toward[-1][1]
    line = words(reading.reason)
    if reading.self_words:
        line += f" Self words: {', '.join(reading.self_words)}."
    if reading.blended_words:
        line += f" Words that sound like another part: {', '.join(reading.blended_words)}."
    return (line,)


@app.command("six-fs")
def six_fs_command(
    part: str = typer.Argument(..., help="The part's id, from `attunement parts list`."),
    check_in: bool = typer.Option(False, "--check-in", help="Rate the 8 Cs before and after."),
    username: str = typer.Option(..., prompt="Your username", help="Your username."),
    password: str = typer.Option(..., prompt=True, hide_input=True, help="Your password."),
) -> None:
    """Get to know one of your parts with the 6 Fs; run again to carry on where you left off."""
    console = Console()
    with Runtime(Settings()) as runtime, refusals_in_words():
        person = log_in(runtime, username, password)
        run = _unfinished(runtime, person.id, PartId(part))
        if run is None:
            if check_in:
                ask_check_in(runtime, console, person.id, Moment.BEFORE, six_fs.KIND)
            run = six_fs.start_six_fs(
                runtime.new_uow(), part=PartId(part), by=person.id, clock=runtime.clock
            )
        else:
            console.print("Carrying on where you left off.")
        flow = SixFsFlow(runtime, run)
        last = walk(runtime, console, flow, person.id, {person.id: person.display_name})
        if last.finished and check_in:
            ask_check_in(runtime, console, person.id, Moment.AFTER, six_fs.KIND)


def _unfinished(runtime: Runtime, person: PersonId, part: PartId) -> RunId | None:
    """The latest session with ``part`` that has not ended, if any."""
    runs = runs_of(runtime.new_uow(), six_fs.KIND, SixFs, viewer=person)
    open_runs = [
        run for run, state in runs if state.targets[0].part == part and state.step not in FINISHED
    ]
    return open_runs[-1] if open_runs else None
