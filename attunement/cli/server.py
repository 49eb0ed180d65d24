"""``attunement serve`` and ``attunement demo``: the web app on the embedded default.

``demo`` makes a sample couple, Sam and Alex, with one finished Couple's Dialogue, then serves the
app and prints the address and the logins, so a first look needs no sign-up.

``serve --workers N`` (issue 7) starts N stateless processes; each builds its app from the same
settings (environment and settings file) through the import string ``WORKER_APP``, which is why
a worker cannot take options that exist only on this command line. Live updates then need Redis.
"""

import webbrowser

import typer
import uvicorn
from rich.console import Console

from attunement.cli.app import app, fail
from attunement.cli.demo_couple import DEMO_PASSWORD, DEMO_USERS, ensure_demo_couple
from attunement.cli.runtime import Runtime
from attunement.settings import Settings, load_settings
from attunement.web.app import create_app

HOST = typer.Option(None, help="Address to listen on (default: ATTUNEMENT_HOST, else 127.0.0.1).")
PORT = typer.Option(None, help="Port to listen on, 0 for any free one (default: ATTUNEMENT_PORT).")
WORKERS = typer.Option(
    None, min=1, max=64, help="Worker processes (default: ATTUNEMENT_WORKERS, else 1)."
)
WORKER_APP = "attunement.web.app:app_from_env"
#: Longer than the reverse proxy keeps an idle upstream connection (docs/deploy.md).
KEEP_ALIVE_SECONDS = 75
#: The live socket only ever says "moved to version n": compressing a few bytes per message
#: costs CPU on every send and saves nothing (issue 7).
WS_DEFLATE = False


@app.command()
def serve(host: str | None = HOST, port: int | None = PORT, workers: int | None = WORKERS) -> None:
    """Serve the web app (migrates the embedded SQLite database first)."""
    runtime = Runtime(load_settings(**_given(host=host, port=port, workers=workers)))
    runtime.prepare_embedded()
    if runtime.settings.workers == 1:
        _run(runtime, open_browser=False)
        return
    if not runtime.settings.redis_url:
        fail("more than one worker needs ATTUNEMENT_REDIS_URL, so live updates reach every worker")
    _run_workers(runtime.settings)


@app.command()
def demo(
    host: str | None = HOST,
    port: int | None = PORT,
    browser: bool = typer.Option(False, "--open/--no-open", help="Open a browser tab."),
) -> None:
    """Create the demo couple (Sam and Alex) with a finished dialogue, then serve the app."""
    runtime = Runtime(load_settings(**_given(host=host, port=port)))
    runtime.prepare_embedded()
    ensure_demo_couple(runtime)
    console = Console()
    console.print("[bold]Attunement demo[/bold] — data in", str(runtime.settings.data_dir))
    for username in DEMO_USERS:
        console.print(f"  log in as [bold]{username}[/bold] with password [bold]{DEMO_PASSWORD}[/]")
    _run(runtime, open_browser=browser)


def _given(**options: object) -> dict[str, object]:
    """The options typed on the command line; the others come from the settings."""
    return {name: value for name, value in options.items() if value is not None}


def _run(runtime: Runtime, *, open_browser: bool) -> None:
    settings = runtime.settings
    web = create_app(settings, analyzer=runtime.analyzer)
    address = f"http://{settings.host}:{settings.port}/"
    Console().print(f"Serving on [bold]{address}[/bold] (Ctrl+C to stop)")
    if open_browser:
        webbrowser.open(address)
    uvicorn.run(
        web,
        host=settings.host,
        port=settings.port,
        ws_per_message_deflate=WS_DEFLATE,
        log_level="info",
    )


def _run_workers(settings: Settings) -> None:
    """Serve with several processes, each building its app from the environment."""
    Console().print(
        f"Serving on [bold]http://{settings.host}:{settings.port}/[/bold] with "
        f"{settings.workers} workers (Ctrl+C to stop)"
    )
    uvicorn.run(
        WORKER_APP,
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        ws_per_message_deflate=WS_DEFLATE,
        log_level="info",
    )
