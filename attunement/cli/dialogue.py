"""``attunement dialogue``: the Couple's Dialogue in a terminal, two people at one keyboard.

One partner logs in; the screen then says whose turn it is, what to do and a stem to start from,
exactly like pass-and-play in the browser, and runs the same services. Coaching after a turn is
shown right after it, addressed to the person who wrote it (domain.md §6.8).
"""

import uuid
from dataclasses import dataclass

import typer
from rich.console import Console
from rich.panel import Panel

from attunement.cli.app import app, fail
from attunement.cli.guided import log_in
from attunement.cli.runtime import Runtime
from attunement.domain.errors import AttunementError
from attunement.domain.exercises.couples_dialogue import FINISHED, Move, Step, Text
from attunement.domain.ids import DialogueId, PersonId, RunId
from attunement.services import couples, dialogue, time_out_runs
from attunement.services.dialogue import DialogueMode, DialogueView, MoveRequest
from attunement.services.runs import RunRef
from attunement.settings import load_settings
from attunement.web.coaching import Feedback, feedback_for
from attunement.web.messages import words
from attunement.web.stems import GUIDES, MOVES, fill

STOPS = FINISHED | {Step.SAFETY_HOLD}


@dataclass
class Table:
    """The terminal's shared screen: who is logged in and which dialogue runs."""

    runtime: Runtime
    console: Console
    viewer: PersonId
    run: DialogueId


@app.command("dialogue")
def dialogue_command(
    username: str = typer.Option(..., prompt="Your username", help="One partner's username."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, help="That partner's password."
    ),
    resume: str = typer.Option("", help="Continue this dialogue id instead of starting one."),
) -> None:
    """Have a Couple's Dialogue in this terminal, taking turns at one keyboard."""
    with Runtime(load_settings()) as runtime:
        runtime.prepare_embedded()
        viewer = log_in(runtime, username, password).id
        if couples.couple_of(runtime.new_uow(), person=viewer) is None:
            fail("you are not in a couple yet; invite your partner in the browser first.")
        run = DialogueId(resume) if resume else _start(runtime, viewer)
        play(Table(runtime, Console(), viewer, run))


def play(table: Table) -> None:
    """Show the step, ask the person whose turn it is for a move, repeat until the end."""
    view = dialogue.dialogue_view(table.runtime.new_uow(), table.run, viewer=table.viewer)
    while view.state.step not in STOPS:
        _show_step(table.console, view)
        view = _one_move(table, view)
    _show_step(table.console, view)


def _start(runtime: Runtime, viewer: PersonId) -> DialogueId:
    return dialogue.start_dialogue(
        runtime.new_uow(), by=viewer, mode=DialogueMode.ONE_DEVICE, clock=runtime.clock
    )


def _names(view: DialogueView) -> tuple[str, str]:
    state = view.state
    return view.names[state.sender], view.names[state.receiver]


def _show_step(console: Console, view: DialogueView) -> None:
    sender, receiver = _names(view)
    guide = GUIDES[view.state.step]
    actor = view.state.whose_turn()
    title = f"Round {view.state.round} · {sender} speaks, {receiver} listens"
    body = fill(guide.task, sender=sender, receiver=receiver)
    if guide.stem:
        body += f"\n\n[italic]{fill(guide.stem, sender=sender, receiver=receiver)}[/italic]"
    if actor is not None:
        title = f"{view.names[actor]}'s turn · {title}"
    console.print(Panel(body, title=title, expand=False))


def _one_move(table: Table, view: DialogueView) -> DialogueView:
    actor = view.state.whose_turn() or view.state.sender
    moves = view.state.legal_moves(actor)
    for number, move in enumerate(moves, start=1):
        table.console.print(f"  [bold]{number}[/bold]. {MOVES[move].button}")
    move = _choose(f"{view.names[actor]}, choose", moves)
    text = None
    if view.state.needs_text(move) is not Text.NONE:
        text = typer.prompt(MOVES[move].label or "Your words")
    request = MoveRequest(
        dialogue=view.id,
        viewer=table.viewer,
        acting_as=actor,
        move=move,
        text=text,
        expected_version=view.state.version,
        move_key=uuid.uuid4().hex,
    )
    try:
        result = dialogue.make_move(
            table.runtime.new_uow(),
            request,
            analyzer=table.runtime.analyzer,
            clock=table.runtime.clock,
        )
    except AttunementError as refusal:
        table.console.print(f"[yellow]{words(refusal.message_key, refusal.params)}[/yellow]")
        return view
    if result.turn is not None:
        _show_feedback(table.console, feedback_for(move, result.turn.analysis))
    if result.time_out is not None:
        _show_break(table, result.time_out)
    return result.view


def _show_break(table: Table, run: RunId) -> None:
    """The couple's break, called by the button or the code word: how long, and how to return.

    The terminal cannot follow the partner's phone to the break page, so it says in words what
    that page shows: the time left, and that the dialogue waits at the step it left.
    """
    ref = RunRef(run, time_out_runs.KIND, table.viewer)
    left = time_out_runs.time_out_view(
        table.runtime.new_uow(), ref, clock=table.runtime.clock
    ).minutes_left
    table.console.print(
        Panel(
            f"Your break has begun: about {left} minutes. Step away from the screen and do"
            " something calming on your own.\n\nThe dialogue waits at the step you left. When"
            " the time is up, choose to come back here, or close this terminal and later run:"
            f"\n\n[bold]attunement dialogue --resume {table.run}[/bold]",
            title="Time-out",
            expand=False,
        )
    )


def _choose(question: str, moves: list[Move]) -> Move:
    """Ask for a number until it names one of ``moves``."""
    while True:
        choice: int = typer.prompt(question, type=int)
        if 1 <= choice <= len(moves):
            return moves[choice - 1]
        typer.echo(f"Please type a number from 1 to {len(moves)}.")


def _show_feedback(console: Console, feedback: Feedback | None) -> None:
    if feedback is None:
        return
    lines = [f"[green]{feedback.went_well}[/green]"]
    if feedback.score_words:
        lines.append(f"{feedback.score_words} ({feedback.score}%)")
    lines += [f"Missed: {idea}" for idea in feedback.missed]
    lines += [f"Added: {extra}" for extra in feedback.added]
    if feedback.feelings_missed:
        lines.append("Feelings not yet reflected: " + ", ".join(feedback.feelings_missed))
    if feedback.suggestion:
        lines.append(f"[cyan]{feedback.suggestion}[/cyan]")
    if feedback.rewrite:
        lines.append(f"Another way to say it: [italic]{feedback.rewrite}[/italic]")
    console.print(Panel("\n".join(lines), title=feedback.heading, expand=False))
