"""``attunement db``: bring the database schema up to date (Alembic, inside the package)."""

import typer
from rich.console import Console

from attunement.cli.app import app, fail
from attunement.cli.runtime import Runtime
from attunement.settings import load_settings
from attunement.store.sealing import upgrade_and_seal

db = typer.Typer(help="Database schema commands.", no_args_is_help=True)
app.add_typer(db, name="db")


@db.command("upgrade")
def db_upgrade(
    database_url: str = typer.Option(
        "", help="Database URL; default: ATTUNEMENT_DATABASE_URL or the embedded SQLite file."
    ),
) -> None:
    """Migrate the database to the latest schema and seal any text still in plaintext.

    Safe to run again: a second run finds nothing left to seal.
    """
    settings = load_settings(database_url=database_url) if database_url else load_settings()
    runtime = Runtime(settings)
    if runtime.is_embedded():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        sealed = upgrade_and_seal(runtime.database_url, settings.resolved_key_file())
    except Exception as error:
        fail(
            f"could not migrate the database ({type(error).__name__}); check the URL, that "
            "the server is running and that the key file is the database's own."
        )
    console = Console()
    console.print(f"Database is up to date: [bold]{_safe(runtime.database_url)}[/bold]")
    if any(sealed.values()):
        console.print(f"Sealed {sum(sealed.values())} values written before sealing existed.")


def _safe(url: str) -> str:
    """The URL without its password, fit to print."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db.command("drill")
def db_drill(
    database_url: str = typer.Option(
        "", help="PostgreSQL URL to back up; default: ATTUNEMENT_DATABASE_URL."
    ),
) -> None:
    """Back up with pg_dump, restore into a fresh database, and compare every table's rows."""
    from attunement.store.backup_drill import run_drill

    url = database_url or load_settings().database_url
    if not url.startswith("postgresql"):
        fail("the drill needs a PostgreSQL URL (--database-url or ATTUNEMENT_DATABASE_URL)")
    report = run_drill(url)
    console = Console()
    for table, fingerprint in sorted(report.source.items()):
        restored = report.restored.get(table)
        mark = "ok" if restored == fingerprint else "DIFFERENT"
        console.print(f"{table}: {fingerprint.rows} rows, md5 {fingerprint.md5} — {mark}")
    differences = report.differences()
    if differences:
        fail("the restored copy differs: " + "; ".join(differences))
    console.print(f"Restore drill passed for [bold]{_safe(url)}[/bold]: every table matches.")
