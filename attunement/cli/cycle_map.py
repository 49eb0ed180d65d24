"""``attunement cycle-map``: map the couple's protective cycle at one keyboard (issue 4).

The partners take turns as on the web: when the other does X, what happens inside me, what my
protector then does; each protector move is drawn landing on the other partner's feeling (the
exile it sets off), and the loop goes round again. Each partner's turn is theirs alone, so the
keyboard passes with the other partner's own password, or they carry on later from their own
terminal or browser. ``--draw`` only draws the latest map as text; ``--svg FILE`` also writes
the picture the app shows.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from attunement.cli.app import app, fail
from attunement.cli.guided import Choice, Offer, Page, log_in, next_up, refusals_in_words, walk
from attunement.cli.runtime import Runtime
from attunement.domain.exercises.cycle_map import (
    NEEDS_AT,
    STOPPED,
    TRANSITIONS,
    CycleMap,
    Move,
    Step,
)
from attunement.domain.guided import Words
from attunement.domain.ids import PersonId, RunId
from attunement.services import couples, ifio
from attunement.services.ifio import CycleMove
from attunement.services.runs import RunRef
from attunement.settings import Settings
from attunement.web.ifio_words import CYCLE_BUTTONS, CYCLE_PROMPTS
from attunement.web.pictures.cycle_map import OPEN, cycle_map_svg


@dataclass(frozen=True, slots=True)
class CycleFlow:
    runtime: Runtime
    run: RunId
    names: Mapping[PersonId, str]

    def page(self, viewer: PersonId) -> Page:
        cycle = ifio.cycle_map_of(self.runtime.new_uow(), RunRef(self.run, ifio.CYCLE, viewer))
        who = self.names.get(cycle.owner_of_current(), "")
        return Page(
            title=f"Cycle map · {cycle.step.value.replace('_', ' ').lower()}",
            prompt=CYCLE_PROMPTS[cycle.step].format(who=who),
            version=cycle.version,
            offers=tuple(_offer(cycle, m, viewer) for m in cycle.legal_moves(viewer)),
            finished=cycle.step in STOPPED,
            lines=("\n".join(draw(cycle, self.names)),) if cycle.steps else (),
            next_up=next_up((cycle.first, cycle.second), viewer, cycle.legal_moves),
        )

    def move(self, viewer: PersonId, choice: Choice, version: int) -> None:
        ifio.move_on_cycle_map(
            self.runtime.new_uow(),
            RunRef(self.run, ifio.CYCLE, viewer, version),
            CycleMove(Move(choice.move), choice.text, choice.at),
            analyzer=self.runtime.analyzer,
            clock=self.runtime.clock,
        )


def _offer(cycle: CycleMap, move: Move, viewer: PersonId) -> Offer:
    """The web's form for one move: words when it takes them, and which steps it may be about."""
    arrow = TRANSITIONS.get((cycle.step, move))
    rule = Words.NONE if arrow is None else arrow.words
    steps: tuple[int, ...] = ()
    if move in NEEDS_AT:
        steps = tuple(
            i for i, step in enumerate(cycle.steps) if move is Move.SIGHTED or step.owner == viewer
        )
    return Offer(move.value, CYCLE_BUTTONS[move], rule, steps=steps)


def draw(cycle: CycleMap, names: Mapping[PersonId, str]) -> list[str]:
    """The loop as text: each partner's turn, and an arrow from each protector move onward."""
    rows = [cycle.name or "Our cycle", f"It starts: {cycle.steps[0].observed_trigger}", ""]
    for index, step in enumerate(cycle.steps):
        indent = "" if step.owner == cycle.first else " " * 8
        rows.append(
            f"{indent}{index + 1}. {names.get(step.owner, 'Partner')}, inside: "
            f"{step.inner_feeling or '...'}"
        )
        rows.append(f"{indent}   then the protector: {step.protector_move or '...'}")
        if step.exile_guess:
            rows.append(f"{indent}   guards: {step.exile_guess}")
        if index < len(cycle.steps) - 1:
            then = names.get(cycle.steps[index + 1].owner, "the other partner")
            rows += [f"       |  sets off {then}", "       v"]
    if len(cycle.steps) >= 2 and cycle.step not in OPEN:
        rows += ["       |", "       +--> and round again, back to 1"]
    return rows


@app.command("cycle-map")
def cycle_map_command(  # noqa: PLR0913, PLR0917 (one option per way in; the body dispatches)
    new: bool = typer.Option(False, "--new", help="Start a new map even if one is open."),
    draw_only: bool = typer.Option(False, "--draw", help="Only draw your latest map."),
    caught_at: Annotated[int | None, typer.Option(help="Note the step you caught it at.")] = None,
    svg: Annotated[Path | None, typer.Option(help="Also write the map as SVG here.")] = None,
    username: str = typer.Option(..., prompt="Your username", help="Your username."),
    password: str = typer.Option(..., prompt=True, hide_input=True, help="Your password."),
) -> None:
    """Map your couple's cycle together; run again to carry on where you left off."""
    with Runtime(Settings()) as runtime, refusals_in_words():
        person = log_in(runtime, username, password)
        view = couples.couple_view(runtime.new_uow(), viewer=person.id)
        if view is None or view.partner is None:
            fail("a cycle map is made by a couple; invite your partner in the browser first.")
        names = {person.id: person.display_name, view.partner.id: view.partner.display_name}
        maps = ifio.cycle_maps_of(runtime.new_uow(), viewer=person.id)
        if draw_only or caught_at is not None:
            run = _latest(maps)
            if caught_at is not None:
                _sighted(runtime, RunRef(run, ifio.CYCLE, person.id), caught_at)
        else:
            run = _open_or_new(runtime, person.id, maps, new=new)
            walk(runtime, Console(), CycleFlow(runtime, run, names), person.id, names)
        cycle = ifio.cycle_map_of(runtime.new_uow(), RunRef(run, ifio.CYCLE, person.id))
    if draw_only or caught_at is not None:
        typer.echo("\n".join(draw(cycle, names)) if cycle.steps else "Nothing mapped yet.")
    if svg is not None:
        _write(svg, cycle_map_svg(cycle, names))


def _latest(maps: list[tuple[RunId, CycleMap]]) -> RunId:
    if not maps:
        fail("no cycle map yet; run `attunement cycle-map` to start one.")
    return maps[-1][0]


def _sighted(runtime: Runtime, ref: RunRef, step: int) -> None:
    """Note "we caught it here" on a finished map; the step is counted from 1, as drawn."""
    if ifio.cycle_map_of(runtime.new_uow(), ref).step is not Step.MAPPED:
        fail("your latest map is not finished yet; run `attunement cycle-map` to carry on.")
    ifio.move_on_cycle_map(
        runtime.new_uow(),
        ref,
        CycleMove(Move.SIGHTED, None, step - 1),
        analyzer=runtime.analyzer,
        clock=runtime.clock,
    )
    typer.echo(f"Noted: you caught it at step {step}.")


def _write(path: Path, picture: str) -> None:
    try:
        path.write_text(picture, encoding="utf-8")
    except OSError as error:
        fail(f"could not write {path} ({error.strerror}); the map itself is kept.")
    typer.echo(f"Wrote the picture to {path}.")


def _open_or_new(
    runtime: Runtime, person: PersonId, maps: list[tuple[RunId, CycleMap]], *, new: bool
) -> RunId:
    """The latest map still being made, or a new one."""
    open_maps = [run for run, cycle in maps if cycle.step not in STOPPED]
    if open_maps and not new:
        typer.echo("Carrying on where you left off.")
        return open_maps[-1]
    return ifio.start_cycle_map(runtime.new_uow(), by=person, clock=runtime.clock)
