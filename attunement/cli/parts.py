"""``attunement parts``: a person's parts map in the terminal — list, add, share (issue 4).

Runs the same services as the browser: the list shows one's own parts and only the parts the
partner chose to share; adding a part makes it private; sharing is one part at a time.
"""

import typer
from rich.console import Console
from rich.table import Table

from attunement.cli.app import app, fail
from attunement.cli.guided import log_in
from attunement.cli.runtime import Runtime
from attunement.domain.ids import PartId
from attunement.domain.parts import PartRole
from attunement.domain.visibility import Visibility
from attunement.services import parts
from attunement.services.parts import PartsMap
from attunement.settings import Settings

parts_app = typer.Typer(help="Your parts map: list, add and share parts.", no_args_is_help=True)
app.add_typer(parts_app, name="parts")

AUDIENCES = {
    "nobody": Visibility.PRIVATE,
    "partner": Visibility.SHARED_WITH_PARTNER,
    "therapist": Visibility.SHARED_WITH_THERAPIST,
}
USERNAME = typer.Option(..., "--username", prompt="Your username", help="Your username.")
ROLE = typer.Option(PartRole.UNKNOWN, help="What kind of part it seems to be; a guess is fine.")
PASSWORD = typer.Option(..., "--password", prompt=True, hide_input=True, help="Your password.")


def _table(chart: PartsMap, title: str) -> Table:
    table = Table(title=title)
    for column in ("name", "kind", "who can see it", "id"):
        table.add_column(column)
    labels = {value: key for key, value in AUDIENCES.items()}
    for part in chart.parts:
        seen_by = "only me" if part.visibility is Visibility.PRIVATE else labels[part.visibility]
        table.add_row(part.name, part.role.value, seen_by if chart.mine else "shared", part.id)
    return table


@parts_app.command("list")
def list_parts(username: str = USERNAME, password: str = PASSWORD) -> None:
    """Show your parts, and the parts your partner shared with you."""
    console = Console()
    with Runtime(Settings()) as runtime:
        person = log_in(runtime, username, password).id
        mine = parts.parts_map(runtime.new_uow(), owner=person, viewer=person)
        partner = parts.partner_of(runtime.new_uow(), person=person)
        theirs = (
            None
            if partner is None
            else parts.parts_map(runtime.new_uow(), owner=partner, viewer=person)
        )
    console.print(_table(mine, "Your parts") if mine.parts else "No parts on your map yet.")
    if theirs is not None and theirs.parts:
        console.print(_table(theirs, f"Shared with you by {theirs.owner_name}"))


@parts_app.command("add")
def add_part(
    name: str = typer.Argument(..., help="The part's name, in your words."),
    role: PartRole = ROLE,
    username: str = USERNAME,
    password: str = PASSWORD,
) -> None:
    """Put a new, private part on your map."""
    with Runtime(Settings()) as runtime:
        person = log_in(runtime, username, password).id
        part = parts.name_part(
            runtime.new_uow(), owner=person, name=name, role=role, clock=runtime.clock
        )
    typer.echo(f"Added {part.name} ({part.role.value}), private to you. Its id: {part.id}")


@parts_app.command("share")
def share_part(
    part: str = typer.Argument(..., help="The part's id, from `attunement parts list`."),
    audience: str = typer.Option(..., "--with", help="partner, therapist or nobody."),
    username: str = USERNAME,
    password: str = PASSWORD,
) -> None:
    """Share one part with your partner or therapist, or make it private again."""
    if audience not in AUDIENCES:
        fail("say --with partner, --with therapist or --with nobody.")
    with Runtime(Settings()) as runtime:
        person = log_in(runtime, username, password).id
        shared = parts.share(
            runtime.new_uow(),
            PartId(part),
            by=person,
            visibility=AUDIENCES[audience],
            clock=runtime.clock,
        )
    who = "only you" if audience == "nobody" else f"you and your {audience}"
    typer.echo(f"{shared.name} can now be seen by: {who}.")
