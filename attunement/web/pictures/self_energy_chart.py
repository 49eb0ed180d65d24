"""The 8 Cs over time: the mean of each check-in, before and after exercises (domain.md §2.11).

A private chart for the person: one line of the mean rating with hollow dots for check-ins taken
before an exercise, filled dots for after, and squares for ones taken on their own; under it,
one small line per C. The axis says "0 to 4", never a score or a norm: this is a
self-observation aid, not a measure (§7, open question 10).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from attunement.domain.exercises.self_check_in import Moment
from attunement.domain.parts import RATING_MAX, SelfEnergy, SelfQuality
from attunement.web.pictures.svg import frame, label

WIDTH: Final = 480
LEFT: Final = 112
RIGHT: Final = 16
MAIN_TOP: Final = 40
MAIN_H: Final = 160
ROW_H: Final = 34


@dataclass(frozen=True, slots=True)
class ChartPoint:
    at: datetime
    energy: SelfEnergy
    moment: Moment


def x_of(index: int, count: int) -> float:
    """Check-ins are evenly spaced, so a busy week and a quiet month read alike."""
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def y_of(value: float, top: float, height: float) -> float:
    """Higher ratings sit higher."""
    return top + height - height * value / RATING_MAX


def marker(x: float, y: float, moment: Moment) -> str:
    """Before: hollow dot; after: filled dot; on its own: a square."""
    if moment is Moment.ALONE:
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="#2a6"/>'
    fill = "#2a6" if moment is Moment.AFTER else "#fff"
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{fill}" stroke="#2a6" stroke-width="2"/>'


def polyline(values: Sequence[float], top: float, height: float, width: float) -> str:
    """A line through one value per check-in."""
    points = " ".join(
        f"{x_of(i, len(values)):.1f},{y_of(v, top, height):.1f}" for i, v in enumerate(values)
    )
    return f'<polyline points="{points}" fill="none" stroke="#2a6" stroke-width="{width}"/>'


def main_chart(points: Sequence[ChartPoint]) -> list[str]:
    """The mean of the eight ratings, on its 0 to 4 axis, with dated ends."""
    means = [p.energy.mean() for p in points]
    body = [
        label(LEFT - 10, MAIN_TOP + 5, "4", size=12, anchor="end"),
        label(LEFT - 10, MAIN_TOP + MAIN_H, "0", size=12, anchor="end"),
        label(LEFT - 10, MAIN_TOP + MAIN_H / 2 + 4, "mean", size=12, anchor="end"),
        f'<line x1="{LEFT}" y1="{MAIN_TOP + MAIN_H}" x2="{WIDTH - RIGHT}" '
        f'y2="{MAIN_TOP + MAIN_H}" stroke="#bbb"/>',
        polyline(means, MAIN_TOP, MAIN_H, 3),
        *(
            marker(x_of(i, len(points)), y_of(m, MAIN_TOP, MAIN_H), p.moment)
            for i, (m, p) in enumerate(zip(means, points, strict=True))
        ),
        label(
            LEFT, MAIN_TOP + MAIN_H + 18, points[0].at.strftime("%d %b"), size=12, anchor="start"
        ),
        label(
            WIDTH - RIGHT,
            MAIN_TOP + MAIN_H + 18,
            points[-1].at.strftime("%d %b"),
            size=12,
            anchor="end",
        ),
    ]
    return body


def quality_rows(points: Sequence[ChartPoint]) -> list[str]:
    """One small line per C, so a person can see which quality moved."""
    body: list[str] = []
    for row, quality in enumerate(SelfQuality):
        top = MAIN_TOP + MAIN_H + 40 + row * ROW_H
        body.append(label(LEFT - 10, top + ROW_H / 2 + 4, quality.value, size=12, anchor="end"))
        body.append(polyline([p.energy.of(quality) for p in points], top + 4, ROW_H - 10, 1.5))
    return body


def self_energy_chart_svg(points: Sequence[ChartPoint], *, title: str) -> str:
    """The chart as SVG text; oldest check-in on the left."""
    height = MAIN_TOP + MAIN_H + 40 + len(SelfQuality) * ROW_H + 40
    ordered = sorted(points, key=lambda p: p.at)
    body = [label(WIDTH / 2, 24, "Self-energy, 0 to 4, in your own words", size=14)]
    if not ordered:
        body.append(label(WIDTH / 2, MAIN_TOP + 60, "No check-ins yet", size=15))
        return frame(WIDTH, MAIN_TOP + 120, title, body)
    body += main_chart(ordered) + quality_rows(ordered)
    legend_y = height - 16
    body += [
        marker(LEFT, legend_y - 4, Moment.BEFORE),
        label(LEFT + 12, legend_y, "before", size=12, anchor="start"),
        marker(LEFT + 90, legend_y - 4, Moment.AFTER),
        label(LEFT + 102, legend_y, "after", size=12, anchor="start"),
        marker(LEFT + 170, legend_y - 4, Moment.ALONE),
        label(LEFT + 182, legend_y, "on its own", size=12, anchor="start"),
    ]
    return frame(WIDTH, height, title, body)
