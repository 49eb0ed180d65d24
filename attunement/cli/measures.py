"""``attunement instrument check FILE``: check a clinic's instrument file before loading it.

A licensed questionnaire is described in the JSON format of docs/measures.md; this reads it the
way the app will and names the first field that is wrong, so a clinic can fix it line by line.
"""

from pathlib import Path

import typer

from attunement.cli.app import app, fail
from attunement.domain.instrument_files import InstrumentFileError
from attunement.services.instruments import load_instrument_file

instrument = typer.Typer(help="Questionnaire (instrument) files.", no_args_is_help=True)
app.add_typer(instrument, name="instrument")


@instrument.command("check")
def check(path: Path) -> None:
    """Read an instrument file and say whether the app can use it."""
    try:
        found = load_instrument_file(path)
    except InstrumentFileError as error:
        fail(str(error))
    status = "validated" if found.validated else "not validated"
    typer.echo(
        f"{path.name}: {found.name} ({found.code}) can be used: "
        f"{len(found.items)} items, {len(found.subscales)} subscales, {status}."
    )
