"""The Imago exercise pages show their machines' current tables (style.md §7)."""

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

import pytest

from attunement.domain.exercises import (
    appreciation,
    behavior_change,
    parent_child,
    time_out,
    workup,
)
from attunement.domain.requests import Criterion
from attunement.domain.steps import Transition

DOCS = Path(__file__).resolve().parent.parent / "docs"

PAGES = {
    "parent-child.md": parent_child.TRANSITIONS,
    "behavior-change.md": behavior_change.TRANSITIONS,
    "workup.md": workup.TRANSITIONS,
    "appreciation.md": appreciation.TRANSITIONS,
    "time-out.md": time_out.TRANSITIONS,
}


def step_table(transitions: Mapping[tuple[StrEnum, StrEnum], Transition[StrEnum]]) -> str:
    """A page's step table, generated from its machine's ``TRANSITIONS``."""
    lines = ["| step | move | who | words | next step |", "|---|---|---|---|---|"]
    for (step, move), transition in transitions.items():
        lines.append(
            f"| `{step}` | `{move}` | {transition.by} | {transition.text} | `{transition.to}` |"
        )
    return "\n".join(lines)


@pytest.mark.parametrize(("page", "transitions"), PAGES.items())
def test_each_imago_page_shows_the_current_transition_table(page, transitions):
    text = (DOCS / "exercises" / page).read_text(encoding="utf-8")
    assert step_table(transitions) in text, "regenerate with tests.test_docs_imago.step_table"


def test_the_request_page_names_every_criterion():
    text = (DOCS / "exercises" / "behavior-change.md").read_text(encoding="utf-8")
    assert all(f"`{criterion}`" in text for criterion in Criterion)
