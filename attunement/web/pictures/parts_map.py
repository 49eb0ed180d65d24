"""The parts map: Self at the centre, exiles close in, protectors around them (domain.md §3.4).

Readable at a glance on a phone: each part is a labelled shape whose colour and outline say its
role (also written under the name, so colour is never the only cue); protectors sit on the
outer ring, exiles on the inner ring they guard, parts of unknown role on the outer ring too.
Lines show relations: an arrow for "protects", a dashed line for "polarized with", a dotted one
for "concerned about". Self is drawn, not stored: it is not a part.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from attunement.domain.ids import PartId
from attunement.domain.parts import Part, PartRole, Relation, RelationKind
from attunement.web.pictures.svg import frame, label, short, text

SIZE: Final = 600
CENTRE: Final = SIZE / 2
INNER: Final = 118
OUTER: Final = 212
NAME_WIDTH: Final = 14
COLOURS: Final = {
    PartRole.MANAGER: "#cfe3f7",
    PartRole.FIREFIGHTER: "#fbd9c4",
    PartRole.EXILE: "#e8dcf5",
    PartRole.UNKNOWN: "#e6e6e6",
}
STROKES: Final = {
    RelationKind.PROTECTS: 'stroke="#445" marker-end="url(#arrow)"',
    RelationKind.POLARIZED_WITH: 'stroke="#a33" stroke-dasharray="8 5"',
    RelationKind.CONCERNED_ABOUT: 'stroke="#667" stroke-dasharray="2 4"',
    RelationKind.TRIGGERS_PARTNER_PART: 'stroke="#a33" marker-end="url(#arrow)"',
}
DEFS: Final = (
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
    'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#445"/>'
    "</marker></defs>"
)


def positions(parts: Sequence[Part]) -> dict[PartId, tuple[float, float]]:
    """Where each part sits: exiles on the inner ring, everyone else on the outer one."""
    rings = {
        INNER: [p for p in parts if p.role is PartRole.EXILE],
        OUTER: [p for p in parts if p.role is not PartRole.EXILE],
    }
    placed: dict[PartId, tuple[float, float]] = {}
    for radius, ring in rings.items():
        turn = math.pi / 4 if radius == INNER else 0.0  # keep exiles off the protectors' spokes
        for index, part in enumerate(ring):
            angle = -math.pi / 2 + turn + 2 * math.pi * index / len(ring)
            placed[part.id] = (CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle))
    return placed


def part_shape(part: Part, x: float, y: float) -> str:
    """A part's token: a rounded box for protectors and unknowns, a circle for exiles."""
    fill = COLOURS[part.role]
    if part.role is PartRole.EXILE:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="50" fill="{fill}" stroke="#756"/>'
    else:
        shape = (
            f'<rect x="{x - 76:.1f}" y="{y - 32:.1f}" width="152" height="64" rx="14" '
            f'fill="{fill}" stroke="#556"/>'
        )
    return (
        f'<g class="part" data-role="{part.role.value}"><title>{text(part.name)}</title>{shape}'
        f"{label(x, y - 1, short(part.name, NAME_WIDTH), size=18)}"
        f"{label(x, y + 19, part.role.value, size=14)}</g>"
    )


def relation_line(relation: Relation, placed: dict[PartId, tuple[float, float]]) -> str:
    """A line between two drawn parts; relations to parts not on this map are left out."""
    if relation.from_part not in placed or relation.to_part not in placed:
        return ""
    (x1, y1), (x2, y2) = placed[relation.from_part], placed[relation.to_part]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    trim = 50 / length  # stop at the edge of the shapes, so arrowheads stay visible
    ax, ay = x1 + (x2 - x1) * trim, y1 + (y2 - y1) * trim
    bx, by = x2 - (x2 - x1) * trim, y2 - (y2 - y1) * trim
    return (
        f'<line class="relation" data-kind="{relation.kind.value}" x1="{ax:.1f}" y1="{ay:.1f}" '
        f'x2="{bx:.1f}" y2="{by:.1f}" stroke-width="2.5" {STROKES[relation.kind]}/>'
    )


def parts_map_svg(parts: Sequence[Part], relations: Sequence[Relation], *, title: str) -> str:
    """The whole map as SVG text; ``title`` is read out by screen readers."""
    placed = positions(parts)
    body = [
        DEFS,
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{CENTRE - 4}" fill="#fbfaf7" stroke="#ddd"/>',
        *(relation_line(r, placed) for r in relations),
        f'<g class="self"><circle cx="{CENTRE}" cy="{CENTRE}" r="52" fill="#fff3b8" '
        f'stroke="#c9a400" stroke-width="3"/>{label(CENTRE, CENTRE + 8, "Self", size=24)}</g>',
        *(part_shape(p, *placed[p.id]) for p in parts),
    ]
    if not parts:
        body.append(label(CENTRE, CENTRE + 90, "No parts on the map yet", size=16))
    return frame(SIZE, SIZE, title, [line for line in body if line])
