"""SVG charts: well-formed, scaled correctly, readable without colour, escaped, described."""

from datetime import date
from xml.etree import ElementTree as ET

import pytest

from attunement.web.charts import (
    BOTTOM,
    HEIGHT,
    LEFT,
    PAD,
    RIGHT,
    TOP,
    WIDTH,
    Frame,
    Series,
    bar_chart,
    line_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
WEEK_1, WEEK_2, WEEK_3 = date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)
FRAME = Frame(key="check-in", title="Weekly check-in", low=0, high=48)
SAM = Series("Sam", ((WEEK_1, 24.0), (WEEK_2, 30.0), (WEEK_3, 36.0)))
ALEX = Series("Alex", ((WEEK_1, 48.0), (WEEK_3, 0.0)))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own markup, parsed to check it is well-formed


def test_a_line_chart_is_well_formed_svg_with_a_title_and_description():
    root = parse(line_chart([SAM, ALEX], FRAME))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    assert root.findtext(f"{SVG}title") == "Weekly check-in"
    description = root.findtext(f"{SVG}desc")
    assert description is not None
    assert "Sam: 24 in the week of 2 Nov, 30 in the week of 9 Nov, 36 in the week of 16 Nov." in (
        description
    )
    assert "Alex: 48 in the week of 2 Nov, 0 in the week of 16 Nov." in description


def test_each_partner_gets_a_line_told_apart_by_pattern_not_only_colour():
    root = parse(line_chart([SAM, ALEX], FRAME))

    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")
    assert len(root.findall(f"{SVG}circle")) == 3  # Sam's markers
    assert len(root.findall(f"{SVG}rect")) == 2  # Alex's markers are squares


def test_values_map_from_the_bottom_to_the_top_of_the_plot():
    root = parse(line_chart([ALEX], FRAME))

    points = root.findall(f"{SVG}polyline")[0].get("points", "").split()
    (x1, y1), (x2, y2) = (tuple(map(float, p.split(","))) for p in points)
    assert (x1, y1) == (LEFT + PAD, TOP)  # 48 of 48, first week
    assert (x2, y2) == (WIDTH - RIGHT - PAD, HEIGHT - BOTTOM)  # 0, last week


def test_the_middle_week_sits_in_proportion_to_its_date():
    root = parse(line_chart([SAM], FRAME))

    circles = root.findall(f"{SVG}circle")
    assert float(circles[1].get("cx", "")) == pytest.approx((LEFT + WIDTH - RIGHT) / 2)
    assert float(circles[1].get("cy", "")) == pytest.approx(
        TOP + (HEIGHT - TOP - BOTTOM) * (1 - 30 / 48), abs=0.01
    )


def test_every_point_has_a_tooltip_with_its_value():
    root = parse(line_chart([SAM], FRAME))

    tips = [c.findtext(f"{SVG}title") for c in root.findall(f"{SVG}circle")]
    assert tips == ["Sam, 2 Nov: 24", "Sam, 9 Nov: 30", "Sam, 16 Nov: 36"]


def test_a_single_point_is_drawn_as_a_marker_without_a_line():
    root = parse(line_chart([Series("Sam", ((WEEK_1, 20.0),))], FRAME))

    assert root.findall(f"{SVG}polyline") == []
    assert len(root.findall(f"{SVG}circle")) == 1


def test_no_points_say_so_in_words():
    svg = line_chart([Series("Sam", ())], FRAME)

    assert "Nothing to show yet" in svg
    assert "Sam: no points yet." in svg
    assert parse(svg).findall(f"{SVG}circle") == []


def test_names_people_chose_are_escaped():
    svg = line_chart([Series("<script>x</script>", ((WEEK_1, 1.0),))], FRAME)

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    parse(svg)


def test_a_guide_line_marks_a_threshold_with_its_label():
    frame = Frame(key="rating", title="Session rating", low=0, high=16, guide=12,
                  guide_label="talk about it below 12")  # fmt: skip

    root = parse(line_chart([SAM], frame))

    guide = next(line for line in root.iter(f"{SVG}line") if line.get("class") == "guide")
    assert float(guide.get("y1", "")) == pytest.approx(TOP + (HEIGHT - TOP - BOTTOM) * 0.25)
    assert "talk about it below 12" in line_chart([SAM], frame)


def test_values_beyond_the_range_are_kept_inside_the_plot():
    root = parse(line_chart([Series("Sam", ((WEEK_1, 99.0), (WEEK_2, -5.0)))], FRAME))

    ys = [float(c.get("cy", "")) for c in root.findall(f"{SVG}circle")]
    assert ys == [TOP, HEIGHT - BOTTOM]


def test_long_runs_label_at_most_five_dates_including_the_first_and_last():
    weeks = tuple((date.fromordinal(WEEK_1.toordinal() + 7 * n), float(n)) for n in range(12))

    root = parse(line_chart([Series("Sam", weeks)], FRAME))

    dates = [t.text for t in root.findall(f"{SVG}text") if t.get("y") == str(HEIGHT - 8)]
    assert len(dates) == 5
    assert dates[0] == "2 Nov"
    assert dates[-1] == "18 Jan"


def test_a_bar_chart_draws_one_bar_per_week_from_the_floor():
    gaps = Series("Gap", ((WEEK_1, 6.0), (WEEK_3, 0.0)))
    frame = Frame(key="gap", title="Distance between you", low=0, high=24)

    root = parse(bar_chart(gaps, frame))

    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 2
    floor = HEIGHT - BOTTOM
    first = bars[0]
    assert float(first.get("y", "")) + float(first.get("height", "")) == pytest.approx(floor)
    assert float(first.get("height", "")) == pytest.approx((HEIGHT - TOP - BOTTOM) * 6 / 24)
    assert float(bars[1].get("height", "")) == 0
    assert first.findtext(f"{SVG}title") == "2 Nov: 6"


def test_an_empty_bar_chart_says_so():
    assert "Nothing to show yet" in bar_chart(Series("Gap", ()), FRAME)


def test_a_frame_without_height_is_a_bug():
    with pytest.raises(ValueError, match="above its low"):
        Frame(key="k", title="t", low=5, high=5)
