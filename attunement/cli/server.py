"""``attunement serve`` and ``attunement demo``: the web app on the embedded default.

``demo`` makes a sample couple, Sam and Alex, with one finished Couple's Dialogue, then serves the
app and prints the address and the logins, so a first look needs no sign-up.
"""

import webbrowser

import typer
import uvicorn
from rich.console import Console

from attunement.cli.app import app
from attunement.cli.demo_couple import DEMO_PASSWORD, DEMO_USERS, ensure_demo_couple
from attunement.cli.runtime import Runtime
from attunement.settings import Settings
from attunement.web.app import create_app

HOST = typer.Option("127.0.0.1", help="Address to listen on (loopback by default).")
PORT = typer.Option(8000, help="Port to listen on; 0 picks a free one.")


@app.command()
def serve(host: str = HOST, port: int = PORT) -> None:
    """Serve the web app (migrates the embedded SQLite database first)."""
    runtime = Runtime(Settings(host=host, port=port))
    runtime.prepare_embedded()
    _run(runtime, open_browser=False)


@app.command()
def demo(
    host: str = HOST,
    port: int = PORT,
    browser: bool = typer.Option(False, "--open/--no-open", help="Open a browser tab."),
) -> None:
    """Create the demo couple (Sam and Alex) with a finished dialogue, then serve the app."""
    runtime = Runtime(Settings(host=host, port=port))
    runtime.prepare_embedded()
    ensure_demo_couple(runtime)
    console = Console()
    console.print("[bold]Attunement demo[/bold] — data in", str(runtime.settings.data_dir))
    for username in DEMO_USERS:
        console.print(f"  log in as [bold]{username}[/bold] with password [bold]{DEMO_PASSWORD}[/]")
    _run(runtime, open_browser=browser)


def _run(runtime: Runtime, *, open_browser: bool) -> None:
    settings = runtime.settings
    web = create_app(settings, analyzer=runtime.analyzer)
    address = f"http://{settings.host}:{settings.port}/"
    Console().print(f"Serving on [bold]{address}[/bold] (Ctrl+C to stop)")
    if open_browser:
        webbrowser.open(address)
    uvicorn.run(web, host=settings.host, port=settings.port, log_level="info")
