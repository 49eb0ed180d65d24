"""``attunement parts``: add, list and share parts in a terminal, with the same privacy."""

import pytest

from attunement.cli.app import app
from attunement.domain.parts import PartRole
from attunement.domain.visibility import Visibility
from attunement.services import parts

PASSWORD = "correct horse battery staple"


@pytest.fixture
def pleaser(uow, sam, clock):
    return parts.name_part(
        uow, owner=sam.id, name="the pleaser", role=PartRole.MANAGER, clock=clock
    )


def login(name: str) -> list[str]:
    return ["--username", name, "--password", PASSWORD]


def test_a_part_added_in_the_terminal_is_private_and_listed(cli_env, runner, sam, alex, uow):
    added = runner.invoke(app, ["parts", "add", "the critic", "--role", "manager", *login("sam")])
    mine = runner.invoke(app, ["parts", "list", *login("sam")])
    theirs = runner.invoke(app, ["parts", "list", *login("alex")])

    assert added.exit_code == 0, added.output
    assert "private to you" in added.output
    assert "the critic" in mine.output
    assert "only me" in mine.output
    assert "the critic" not in theirs.output
    assert [p.name for p in parts.parts_map(uow, owner=sam.id, viewer=sam.id).parts] == [
        "the critic"
    ]


def test_sharing_in_the_terminal_shows_the_part_to_the_partner(cli_env, runner, alex, uow, pleaser):
    shared = runner.invoke(app, ["parts", "share", pleaser.id, "--with", "partner", *login("sam")])
    theirs = runner.invoke(app, ["parts", "list", *login("alex")])

    assert shared.exit_code == 0, shared.output
    assert "Shared with you by Sam" in theirs.output
    assert "the pleaser" in theirs.output
    stored = parts.visible_part(uow, pleaser.id, viewer=pleaser.owner)
    assert stored.visibility is Visibility.SHARED_WITH_PARTNER


def test_someone_elses_part_cannot_be_shared_from_the_terminal(cli_env, runner, alex, uow, pleaser):
    refused = runner.invoke(
        app, ["parts", "share", pleaser.id, "--with", "partner", *login("alex")]
    )
    assert refused.exit_code != 0
    stored = parts.visible_part(uow, pleaser.id, viewer=pleaser.owner)
    assert stored.visibility is Visibility.PRIVATE


def test_a_wrong_password_is_refused_in_one_line(cli_env, runner, sam):
    result = runner.invoke(
        app, ["parts", "list", "--username", "sam", "--password", "wrong password!"]
    )
    assert result.exit_code == 1
    assert "do not match" in result.output
