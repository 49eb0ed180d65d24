"""The Typer application and the one place where the CLI turns refusals into words."""

import importlib
import sys
from typing import NoReturn

import typer

from attunement.domain.errors import AttunementError

app = typer.Typer(
    name="attunement",
    help="Couples exercises with live, explainable feedback.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = (
    "language",
    "server",
    "dialogue",
    "database",
    "imago",
    "parts",
    "measures",
    "check_ins",
    "six_fs",
    "u_turn",
    "cycle_map",
    "unburdening",
    "loadtest",
    "keys",
)


def fail(message: str) -> NoReturn:
    """Stop with one line on stderr and exit status 1 (refused input)."""
    typer.echo(f"attunement: {message}", err=True)
    raise typer.Exit(1)


def register() -> None:
    """Import the command modules so their decorators attach them to ``app``."""
    for name in COMMAND_MODULES:
        importlib.import_module(f"attunement.cli.{name}")


def main() -> None:
    """Entry point of the ``attunement`` script: refusals become one line, never a traceback."""
    register()
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except AttunementError as refusal:
        from attunement.web.messages import words

        typer.echo(f"attunement: {words(refusal.message_key, refusal.params)}", err=True)
        sys.exit(1)
    except Exception as error:
        if debug:
            raise
        typer.echo(
            f"attunement: something went wrong ({type(error).__name__}); run again with --debug "
            "for details.",
            err=True,
        )
        sys.exit(1)
