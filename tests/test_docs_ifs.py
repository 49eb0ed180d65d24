"""The IFS and IFIO exercise pages show their machines' current tables (style.md §7)."""

from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from attunement.domain.exercises import cycle_map, self_check_in, six_fs, u_turn, unburdening
from attunement.domain.stages import SIGNS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "exercises"
PAGES = {
    "six-fs.md": six_fs,
    "unburdening.md": unburdening,
    "u-turn.md": u_turn,
    "cycle-map.md": cycle_map,
    "self-check-in.md": self_check_in,
}


def step_table(machine: ModuleType) -> str:
    """The step table of one exercise page, generated from its ``TRANSITIONS``."""
    transitions: Mapping[Any, Any] = machine.TRANSITIONS
    lines = ["| step | move | who | words | next step |", "|---|---|---|---|---|"]
    for (step, move), arrow in transitions.items():
        who = getattr(arrow, "by", "the person")
        words = getattr(arrow, "words", "none")
        otherwise = getattr(arrow, "if_blended", None) or getattr(arrow, "otherwise", None)
        to = f"`{arrow.to}`" + (f" (else `{otherwise}`)" if otherwise else "")
        lines.append(f"| `{step}` | `{move}` | {who} | {words} | {to} |")
    return "\n".join(lines)


def signs_table() -> str:
    """The readiness signs of the IFIO programme page, generated from ``SIGNS``."""
    lines = ["| stage | readiness signs (each partner) |", "|---|---|"]
    for stage, signs in SIGNS.items():
        lines.append(f"| {int(stage)}. `{stage.name}` | {', '.join(f'`{s}`' for s in signs)} |")
    return "\n".join(lines)


@pytest.mark.parametrize(("page", "machine"), list(PAGES.items()))
def test_each_exercise_page_shows_the_current_table(page, machine):
    text = (DOCS / page).read_text(encoding="utf-8")
    assert step_table(machine) in text, f"regenerate with tests.test_docs_ifs.step_table({page})"


def test_the_programme_page_shows_the_current_signs():
    text = (DOCS / "ifio-programme.md").read_text(encoding="utf-8")
    assert signs_table() in text
