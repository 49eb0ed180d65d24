"""``attunement unburdening``: the therapist leads; the client pauses, the therapist resumes."""

import pytest

from attunement.cli.app import app
from attunement.domain.exercises.unburdening import Step
from attunement.domain.parts import BurdenKind, BurdenOrigin, BurdenStatus, PartRole, Permission
from attunement.services import parts, unburdening
from attunement.services.parts import NewBurden

PASSWORD = "correct horse battery staple"
SAM = ["--username", "sam", "--password", PASSWORD]
JORDAN = ["--username", "jordan", "--password", PASSWORD]


@pytest.fixture
def exile(uow, sam, clock):
    part = parts.name_part(
        uow, owner=sam.id, name="the little one", role=PartRole.EXILE, clock=clock
    )
    burden = NewBurden(BurdenKind.BELIEF, "not good enough", BurdenOrigin.PERSONAL)
    part = parts.add_burden(uow, part.id, by=sam.id, burden=burden, clock=clock)
    with uow:  # the protectors' yes, as the 6 Fs NEXT step records it
        uow.parts.save(part.with_permission(Permission.GRANTED), now=clock.now())
        uow.commit()
    return part


def typed(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


THERAPIST_BEGINS = ["jordan", PASSWORD, "1"]  # Sam hands over at READY; Jordan begins
SEQUENCE = [
    "",  # back to Sam, who logged in at the start
    "1",
    "I feel warm and curious toward it",  # Sam, meeting the exile
    "",  # to Jordan, logged in already
    "1",  # witnessed
    "2",  # skip the do-over
    "1",  # retrieved
    "1",
    "into the river",  # released
    "1",
    "playfulness",  # invited
    "1",  # protectors checked
    "",
    "1",
    "Tired, lighter",  # Sam's after-note
]


@pytest.mark.usefixtures("cli_env", "jordan")
def test_a_whole_run_releases_the_burden(runner, sam, uow, exile):
    keys = typed(THERAPIST_BEGINS + SEQUENCE)
    result = runner.invoke(app, ["unburdening", exile.id, *SAM], input=keys)

    assert result.exit_code == 0, result.output
    assert "Let it show or tell what it wants you to know" in result.output
    [(_, state)] = unburdening.runs_for(uow, viewer=sam.id)
    assert state.step is Step.DONE
    assert state.after_note == "Tired, lighter"
    card = parts.visible_part(uow, exile.id, viewer=sam.id)
    assert all(b.status is BurdenStatus.RELEASED for b in card.burdens)


@pytest.mark.usefixtures("cli_env", "jordan")
def test_the_client_pauses_and_only_the_therapist_resumes(runner, sam, uow, exile):
    paused = runner.invoke(
        app,
        ["unburdening", exile.id, *SAM],
        input=typed([*THERAPIST_BEGINS, "", "2", "0"]),
    )
    [(run, held)] = unburdening.runs_for(uow, viewer=sam.id)
    client_again = runner.invoke(app, ["unburdening", *SAM], input=typed([""]))
    therapist = runner.invoke(app, ["unburdening", *JORDAN], input=typed(["1", ""]))

    assert paused.exit_code == 0, paused.output
    assert held.step is Step.PAUSED
    assert "Carrying on where you left off." in client_again.output
    assert "Your therapist will pick this up" in client_again.output
    assert "Carry on" not in client_again.output
    assert therapist.exit_code == 0, therapist.output
    assert "The next move is Sam's." in therapist.output
    assert unburdening.unburdening_of(uow, run, viewer=sam.id).step is Step.MEET_EXILE


@pytest.mark.usefixtures("cli_env")
def test_without_a_therapist_it_is_refused_and_with_one_it_opens(runner, sam, uow, exile, request):
    refused = runner.invoke(app, ["unburdening", exile.id, *SAM], input="\n")
    request.getfixturevalue("jordan")
    opened = runner.invoke(app, ["unburdening", exile.id, *SAM], input="\n")

    assert refused.exit_code == 1
    assert isinstance(refused.exception, SystemExit)  # one line from the CLI, not a crash
    assert "therapist" in refused.output
    assert opened.exit_code == 0, opened.output
    assert len(unburdening.runs_for(uow, viewer=sam.id)) == 1
