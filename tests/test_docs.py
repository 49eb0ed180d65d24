"""Docs that must keep up with the code (style.md §7, after datasette's test_docs.py)."""

from pathlib import Path

from attunement.domain.exercises.couples_dialogue import TRANSITIONS
from attunement.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"


def dialogue_step_table() -> str:
    """The step table of docs/exercises/couples-dialogue.md, generated from ``TRANSITIONS``."""
    lines = ["| step | move | who | words | next step |", "|---|---|---|---|---|"]
    for (step, move), transition in TRANSITIONS.items():
        lines.append(
            f"| `{step}` | `{move}` | {transition.by} | {transition.text} | `{transition.to}` |"
        )
    return "\n".join(lines)


def test_the_dialogue_doc_shows_the_current_transition_table():
    page = (DOCS / "exercises" / "couples-dialogue.md").read_text(encoding="utf-8")
    assert dialogue_step_table() in page, "regenerate: python -c 'from tests.test_docs import *; "
    "print(dialogue_step_table())'"


def test_every_setting_has_a_heading_in_the_settings_doc():
    page = (DOCS / "settings.md").read_text(encoding="utf-8")
    headings = {line.strip("# ").strip("`") for line in page.splitlines() if line.startswith("## ")}
    fields = {f"ATTUNEMENT_{name.upper()}" for name in Settings.model_fields}
    assert fields <= headings, f"missing: {sorted(fields - headings)}"
    assert headings <= fields, f"no such setting: {sorted(headings - fields)}"
