"""Charts as SVG drawn by the app itself: progress lines and partner gaps (issue 5).

Pure functions from numbers to markup, so they are tested without a browser and need no
JavaScript or outside library. Each chart scales to the width of a phone (``viewBox`` with
``width: 100%``), tells series apart by line pattern and marker as well as by colour, and carries a
``<title>`` and a ``<desc>`` that say in words what the picture shows, for screen readers.
Every piece of text is escaped: labels are display names that people chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 46, 28
PAD = 18  # keeps the first and last week's markers, bars and date labels inside the picture
LEGEND_COLUMNS = 3
TICKS = 4
MAX_DATE_LABELS = 5
COLOURS = ("#1b6ca8", "#b5531a", "#2e7d32", "#6a1b9a")
DASHES = ("", "7 4", "2 3", "9 3 2 3")

Point = tuple[date, float]


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Frame:
    """What every chart needs besides its data: a unique id on the page, words, the y range."""

    key: str
    title: str
    low: float
    high: float
    guide: float | None = None  # a horizontal line worth seeing, e.g. an alert threshold
    guide_label: str = ""

    def __post_init__(self) -> None:
        if self.high <= self.low:
            raise ValueError("a chart's high must be above its low")


class _Plot:
    """Maps weeks and values onto the drawing area."""

    def __init__(self, frame: Frame, days: Sequence[date]) -> None:
        self.frame = frame
        self.first = min(days) if days else date.min
        self.span = (max(days) - self.first).days if days else 0

    def x(self, day: date) -> float:
        inner = WIDTH - LEFT - RIGHT - 2 * PAD
        if self.span == 0:
            return LEFT + PAD + inner / 2
        return LEFT + PAD + inner * (day - self.first).days / self.span

    def y(self, value: float) -> float:
        low, high = self.frame.low, self.frame.high
        share = (min(max(value, low), high) - low) / (high - low)
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - share)


def line_chart(series: Sequence[Series], frame: Frame) -> str:
    """Lines over the weeks, one per series (e.g. each partner's check-in total)."""
    days = sorted({day for one in series for day, _ in one.points})
    plot = _Plot(frame, days)
    parts = [_axes(plot, days), _guide(plot), _legend(series)]
    for n, one in enumerate(series):
        parts.append(_line(plot, one, n))
    if not days:
        parts.append(_empty())
    return _svg(frame, _describe(series), parts)


def bar_chart(series: Series, frame: Frame) -> str:
    """One bar per week (e.g. the distance between two partners' scores)."""
    days = [day for day, _ in series.points]
    plot = _Plot(frame, days)
    half = min(PAD - 2.0, (WIDTH - LEFT - RIGHT) / (2 * max(len(days), 1)) - 1)
    bars = [
        f'<rect x="{_n(plot.x(day) - half)}" y="{_n(plot.y(value))}" width="{_n(2 * half)}" '
        f'height="{_n(plot.y(frame.low) - plot.y(value))}" fill="{COLOURS[2]}">'
        f"<title>{escape(_day(day))}: {_n(value)}</title></rect>"
        for day, value in series.points
    ]
    parts = [_axes(plot, days), _guide(plot), *bars]
    if not days:
        parts.append(_empty())
    return _svg(frame, _describe([series]), parts)


def _svg(frame: Frame, description: str, parts: Sequence[str]) -> str:
    key = escape(frame.key)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{key}-title {key}-desc" font-family="sans-serif" '
        f'font-size="11">'
        f'<title id="{key}-title">{escape(frame.title)}</title>'
        f'<desc id="{key}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )


def _axes(plot: _Plot, days: Sequence[date]) -> str:
    frame, parts = plot.frame, []
    for n in range(TICKS + 1):
        value = frame.low + (frame.high - frame.low) * n / TICKS
        y = _n(plot.y(value))
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#ddd"/>'
            f'<text x="{LEFT - 4}" y="{y}" text-anchor="end" dominant-baseline="middle" '
            f'fill="#444">{_n(value)}</text>'
        )
    for day in _spread(days):
        parts.append(
            f'<text x="{_n(plot.x(day))}" y="{HEIGHT - 8}" text-anchor="middle" '
            f'fill="#444">{escape(_day(day))}</text>'
        )
    return "".join(parts)


def _guide(plot: _Plot) -> str:
    if plot.frame.guide is None:
        return ""
    y = _n(plot.y(plot.frame.guide))
    return (
        f'<line class="guide" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
        f'stroke="#888" stroke-dasharray="3 3"/>'
        f'<text x="{WIDTH - RIGHT}" y="{_n(float(y) - 3)}" text-anchor="end" '
        f'fill="#555">{escape(plot.frame.guide_label)}</text>'
    )


def _legend(series: Sequence[Series]) -> str:
    parts = []
    for n, one in enumerate(series):
        x = 8 + (n % LEGEND_COLUMNS) * 116
        y = 12 + (n // LEGEND_COLUMNS) * 16
        parts.append(
            f'<line x1="{x}" x2="{x + 22}" y1="{y}" y2="{y}" stroke="{COLOURS[n % 4]}" '
            f'stroke-width="2.5" stroke-dasharray="{DASHES[n % 4]}"/>'
            f'<text x="{x + 26}" y="{y + 4}" fill="#222">{escape(_clip(one.label))}</text>'
        )
    return "".join(parts)


def _line(plot: _Plot, series: Series, n: int) -> str:
    colour = COLOURS[n % 4]
    coords = [(plot.x(day), plot.y(value), day, value) for day, value in sorted(series.points)]
    parts = []
    if len(coords) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _, _ in coords)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'stroke-dasharray="{DASHES[n % 4]}"/>'
        )
    for x, y, day, value in coords:
        shape = (
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4"'
            if n % 2 == 0
            else f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8"'
        )
        label = f"{_clip(series.label)}, {_day(day)}: {_n(value)}"
        parts.append(f'{shape} fill="{colour}"><title>{escape(label)}</title>{_end(shape)}')
    return "".join(parts)


def _end(shape: str) -> str:
    return "</circle>" if shape.startswith("<circle") else "</rect>"


def _empty() -> str:
    middle = (HEIGHT - BOTTOM + TOP) / 2
    return (
        f'<text x="{WIDTH / 2}" y="{_n(middle)}" text-anchor="middle" fill="#555">'
        "Nothing to show yet</text>"
    )


def _describe(series: Sequence[Series]) -> str:
    said = []
    for one in series:
        values = ", ".join(f"{_n(v)} in the week of {_day(d)}" for d, v in sorted(one.points))
        said.append(f"{_clip(one.label)}: {values or 'no points yet'}.")
    return " ".join(said)


def _spread(days: Sequence[date]) -> list[date]:
    """At most ``MAX_DATE_LABELS`` dates, evenly picked, first and last included."""
    if len(days) <= MAX_DATE_LABELS:
        return list(days)
    step = (len(days) - 1) / (MAX_DATE_LABELS - 1)
    return [days[round(n * step)] for n in range(MAX_DATE_LABELS)]


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def _clip(label: str) -> str:
    return label if len(label) <= 16 else label[:15] + "…"


def _n(value: float) -> str:
    """A number as short as it can be written: 30, 30.5, 30.25."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
