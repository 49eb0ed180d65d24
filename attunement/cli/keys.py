"""``attunement keys rotate``: a fresh key-encryption key, every data key re-wrapped under it."""

import typer
from rich.console import Console

from attunement.cli.app import app
from attunement.cli.runtime import Runtime
from attunement.settings import Settings
from attunement.store.crypto import rotate_key_file
from attunement.store.engine import make_engine, make_session_factory

keys = typer.Typer(help="Encryption key commands.", no_args_is_help=True)
app.add_typer(keys, name="keys")


@keys.command("rotate")
def rotate() -> None:
    """Replace ATTUNEMENT_KEY_FILE with a new key; the old one is kept as <file>.retired."""
    runtime = Runtime(Settings())
    runtime.prepare_embedded()
    path = runtime.settings.resolved_key_file()
    engine = make_engine(runtime.database_url)
    try:
        count = rotate_key_file(make_session_factory(engine), path)
    finally:
        engine.dispose()
    Console().print(
        f"Re-wrapped {count} data keys under a new key in [bold]{path}[/bold]. Destroy "
        f"{path.name}.retired once no backup needs it."
    )
