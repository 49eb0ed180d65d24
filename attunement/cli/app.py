"""The Typer application and the one place where the CLI turns refusals into words."""

import typer

app = typer.Typer(
    name="attunement",
    help="Couples exercises with live, explainable feedback.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    """Import the command modules so their decorators attach them to ``app``."""
    import importlib

    for name in ("language", "server", "dialogue", "database"):
        try:
            importlib.import_module(f"attunement.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"attunement.cli.{name}":
                raise


def main() -> None:
    """Entry point of the ``attunement`` script."""
    _register()
    app()
