"""``attunement bcr-check`` and ``attunement imago``: the Imago exercises in a terminal.

``bcr-check`` judges one behaviour change request against each criterion and says, in words,
what passes and what to change (exit status 1 when something fails). ``imago`` runs a Parent-
Child Dialogue, a Behavior Change Request or an Appreciation Dialogue with two people at one
keyboard, through the same services as pass-and-play in the browser.
"""

import uuid
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel

from attunement.cli.app import app, fail
from attunement.cli.guided import log_in
from attunement.cli.runtime import Runtime
from attunement.domain.errors import AttunementError
from attunement.domain.ids import PersonId
from attunement.domain.imago_runs import FAMILIES, ImagoKind, RunId, legal_move_names, needs_text
from attunement.domain.requests import check_request
from attunement.domain.sessions import DialogueMode
from attunement.domain.steps import Text
from attunement.services import couples, imago
from attunement.services.imago import RunView
from attunement.settings import Settings
from attunement.web.imago_screen import build_screen
from attunement.web.imago_words import MOVES
from attunement.web.messages import words


@app.command("bcr-check")
def bcr_check(request: str = typer.Argument(..., help="The request, in quotes.")) -> None:
    """Check a behaviour change request: positive, specific, measurable, limited, small."""
    check = check_request(request)
    for verdict in check.verdicts:
        mark = "ok  " if verdict.passed else "FIX "
        evidence = f' ("{verdict.evidence}")' if verdict.evidence and not verdict.passed else ""
        typer.echo(f"{mark}{verdict.criterion.value}: {words(verdict.message_key)}{evidence}")
    if not check.passed:
        raise typer.Exit(1)


@app.command("imago")
def imago_command(
    kind: Annotated[ImagoKind, typer.Argument(help="parent_child, behavior_change, appreciation")],
    username: str = typer.Option(..., prompt="Your username", help="One partner's username."),
    password: str = typer.Option(..., prompt=True, hide_input=True, help="Their password."),
    resume: str = typer.Option("", help="Continue this run id instead of starting one."),
) -> None:
    """Do an Imago exercise in this terminal, taking turns at one keyboard."""
    with Runtime(Settings()) as runtime:
        runtime.prepare_embedded()
        viewer = log_in(runtime, username, password).id
        if couples.couple_of(runtime.new_uow(), person=viewer) is None:
            fail("you are not in a couple yet; invite your partner in the browser first.")
        run = RunId(resume) if resume else _start(runtime, viewer, kind)
        play(runtime, Console(), viewer, run)


def play(runtime: Runtime, console: Console, viewer: PersonId, run: RunId) -> None:
    """Show the step, ask whoever's turn it is for a move, repeat until the run ends."""
    view = imago.run_view(runtime.new_uow(), run, viewer=viewer)
    while not _over(view):
        _show(console, view, viewer)
        view = _one_move(runtime, console, view, viewer)
    _show(console, view, viewer)


def _over(view: RunView) -> bool:
    family = FAMILIES[view.kind]
    step = view.state.step.value
    return step in family.finished or step == family.held


def _start(runtime: Runtime, viewer: PersonId, kind: ImagoKind) -> RunId:
    return imago.start_run(
        runtime.new_uow(), kind=kind, by=viewer, mode=DialogueMode.ONE_DEVICE, clock=runtime.clock
    )


def _show(console: Console, view: RunView, viewer: PersonId) -> None:
    screen = build_screen(view, viewer)
    body = screen.task
    if screen.question:
        body += f"\n\n[italic]{screen.question}[/italic]"
    if screen.recap:
        body += f"\n\nThe last thing mirrored: {screen.recap}"
    for offered in screen.requests:
        body += f"\n  {offered.index + 1}. {offered.text}"
    console.print(Panel(body, title=f"{screen.title} · {screen.turn_title}", expand=False))


def _one_move(runtime: Runtime, console: Console, view: RunView, viewer: PersonId) -> RunView:
    state = view.state
    actor = state.whose_turn() or state.sender
    moves = legal_move_names(state, actor)
    for number, move in enumerate(moves, start=1):
        console.print(f"  [bold]{number}[/bold]. {MOVES.get(move, (move, ''))[0]}")
    choice = typer.prompt(f"{view.names[actor]}, choose", type=int)
    if not 1 <= choice <= len(moves):
        console.print("[yellow]Please choose one of the numbers shown.[/yellow]")
        return view
    move = moves[choice - 1]
    pick = typer.prompt("Which request (number)", type=int) - 1 if move == "choose" else None
    text = None
    if needs_text(state, move) is not Text.NONE:
        text = typer.prompt(MOVES.get(move, ("", "Your words"))[1] or "Your words", default="")
    request = imago.RunMove(
        run=view.id,
        viewer=viewer,
        acting_as=actor,
        move=move,
        text=text or None,
        pick=pick,
        expected_version=state.version,
        move_key=uuid.uuid4().hex,
    )
    try:
        return imago.make_run_move(
            runtime.new_uow(), request, analyzer=runtime.analyzer, clock=runtime.clock
        )
    except AttunementError as refusal:
        console.print(f"[yellow]{words(refusal.message_key, refusal.params)}[/yellow]")
        if move == "offer" and text:
            bcr_notes(console, text)
        return view


def bcr_notes(console: Console, text: str) -> None:
    """The failed criteria of a refused request, one line each."""
    for verdict in check_request(text).failed():
        console.print(f"  - {words(verdict.message_key)}")
