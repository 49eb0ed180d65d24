"""The protective cycle drawn as a loop: each protector move sets off the partner's exile (§2.10).

A column of boxes that suits a phone, alternating left and right by partner, each saying what
that partner felt inside and what their protector then did, with the exile they guess at; an
arrow from each protector move to the next partner's feeling, and, once the loop has closed,
one arrow back to the start ("and round again"). Colour is never the only cue: names are written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from attunement.domain.exercises.cycle_map import CycleMap, CycleStep, Step
from attunement.domain.ids import PersonId
from attunement.web.pictures.svg import frame, label, lines

WIDTH: Final = 420
BOX_W: Final = 290
GUTTER: Final = 44  # room on the right for the arrow back to the start
BOX_H: Final = 132
GAP: Final = 44
TOP: Final = 56
FILLS: Final = ("#cfe3f7", "#fbd9c4")
OPEN: Final = frozenset({Step.OPENING, Step.FEELING, Step.PROTECTOR_MOVE, Step.LOOP_CHECK})
DEFS: Final = (
    '<defs><marker id="tip" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
    'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#445"/></marker></defs>'
)


def box(step: CycleStep, index: int, *, who: str, first: bool) -> str:
    """One partner's turn of the dance."""
    x = 10 if first else WIDTH - GUTTER - BOX_W
    y = TOP + index * (BOX_H + GAP)
    rows = [(f"{who}, inside:", True)]
    rows += [(line, False) for line in lines(step.inner_feeling or "\u2026", width=36, most=2)]
    rows += [("then the protector:", True)]
    rows += [(line, False) for line in lines(step.protector_move or "\u2026", width=36, most=1)]
    if step.exile_guess:
        rows.append(("guards: " + lines(step.exile_guess, width=28, most=1)[0], True))
    text_rows = [
        label(x + 14, y + 22 + 18 * n, words, size=13 if bold else 14, anchor="start")
        for n, (words, bold) in enumerate(rows)
    ]
    return (
        f'<g class="cycle-step" data-owner="{"first" if first else "second"}">'
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="12" '
        f'fill="{FILLS[0 if first else 1]}" stroke="#556"/>{"".join(text_rows)}</g>'
    )


def arrow(index: int) -> str:
    """From one protector move down to the feeling it sets off in the other partner."""
    y1 = TOP + index * (BOX_H + GAP) + BOX_H
    return (
        f'<line x1="{WIDTH / 2}" y1="{y1 + 2}" x2="{WIDTH / 2}" y2="{y1 + GAP - 4}" '
        f'stroke="#445" stroke-width="2.5" marker-end="url(#tip)"/>'
        f"{label(WIDTH / 2 + 8, y1 + GAP / 2 + 5, 'sets off', size=12, anchor='start')}"
    )


def round_again(count: int, *, last_first: bool) -> str:
    """The arrow from the last move back to the first trigger: the loop restarts."""
    bottom = TOP + (count - 1) * (BOX_H + GAP) + BOX_H / 2
    top = TOP + BOX_H / 2
    start = 10 + BOX_W if last_first else WIDTH - GUTTER
    edge = WIDTH - GUTTER / 2
    return (
        f'<path class="loop" d="M{start} {bottom} H{edge} V{top} H{10 + BOX_W + 4}" fill="none" '
        f'stroke="#a33" stroke-width="2.5" stroke-dasharray="6 4" marker-end="url(#tip)"/>'
        f"{label(edge - 6, top - 8, 'and round again', size=12, anchor='end')}"
    )


def cycle_map_svg(cycle: CycleMap, names: Mapping[PersonId, str]) -> str:
    """The couple's cycle as SVG text; ``names`` gives each partner's display name."""
    count = len(cycle.steps)
    height = TOP + max(count, 1) * (BOX_H + GAP)
    heading = cycle.name or "Our cycle"
    body = [DEFS, label(WIDTH / 2, 32, heading, size=18)]
    if cycle.steps:
        opener = cycle.steps[0].observed_trigger
        body.append(
            label(WIDTH / 2, 50, "It starts: " + lines(opener, width=44, most=1)[0], size=12)
        )
    for index, step in enumerate(cycle.steps):
        first = step.owner == cycle.first
        body.append(box(step, index, who=names.get(step.owner, "Partner"), first=first))
        if index < count - 1:
            body.append(arrow(index))
    if count >= 2 and cycle.step not in OPEN:
        body.append(round_again(count, last_first=cycle.steps[-1].owner == cycle.first))
    if not cycle.steps:
        body.append(label(WIDTH / 2, TOP + 40, "Nothing mapped yet", size=15))
    return frame(WIDTH, int(height), f"Cycle map: {heading}", body)
