"""The demo couple: made through the real services, once."""

from collections.abc import Iterator

import pytest

from attunement.cli.demo_couple import DEMO_PASSWORD, ensure_demo_couple
from attunement.cli.runtime import Runtime
from attunement.domain.exercises.couples_dialogue import Step
from attunement.services import accounts, dialogue
from attunement.settings import Settings


@pytest.fixture
def demo_runtime(tmp_path) -> Iterator[Runtime]:
    settings = Settings(
        data_dir=tmp_path, analyzer="lexical", argon2_time_cost=1, argon2_memory_kib=8
    )
    with Runtime(settings) as runtime:
        runtime.prepare_embedded()
        yield runtime


def test_the_demo_couple_has_one_finished_dialogue_with_feedback(demo_runtime, lifetime):
    runtime = demo_runtime

    ensure_demo_couple(runtime)

    sam = accounts.log_in(
        runtime.new_uow(),
        username="sam",
        password=DEMO_PASSWORD,
        hasher=runtime.hasher,
        clock=runtime.clock,
        lifetime=lifetime,
    ).person
    [summary] = dialogue.dialogues_of(runtime.new_uow(), viewer=sam.id)
    assert summary.step is Step.DONE
    view = dialogue.dialogue_view(runtime.new_uow(), summary.id, viewer=sam.id)
    mirror = next(turn for turn in view.turns if turn.step is Step.MIRROR)
    assert mirror.analysis is not None
    assert mirror.analysis.response is not None


def test_running_the_demo_again_changes_nothing(demo_runtime, lifetime):
    runtime = demo_runtime
    ensure_demo_couple(runtime)

    ensure_demo_couple(runtime)

    alex = accounts.log_in(
        runtime.new_uow(),
        username="alex",
        password=DEMO_PASSWORD,
        hasher=runtime.hasher,
        clock=runtime.clock,
        lifetime=lifetime,
    ).person
    assert len(dialogue.dialogues_of(runtime.new_uow(), viewer=alex.id)) == 1


def test_the_demo_leaves_a_real_account_with_the_same_name_alone(demo_runtime, hasher, lifetime):
    runtime = demo_runtime
    accounts.sign_up(
        runtime.new_uow(),
        username="sam",
        display_name="Someone",
        password="their own secret",
        hasher=hasher,
    )

    ensure_demo_couple(runtime)

    someone = accounts.log_in(
        runtime.new_uow(),
        username="sam",
        password="their own secret",
        hasher=hasher,
        clock=runtime.clock,
        lifetime=lifetime,
    ).person
    assert dialogue.dialogues_of(runtime.new_uow(), viewer=someone.id) == []
