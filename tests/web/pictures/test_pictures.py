"""The app's own pictures: well-formed SVG, escaped labels, what a glance should show."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest

from attunement.domain.exercises.cycle_map import CycleMap, Move
from attunement.domain.exercises.self_check_in import Moment
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import Part, PartRole, Relation, RelationKind, SelfEnergy
from attunement.web.pictures.cycle_map import cycle_map_svg
from attunement.web.pictures.parts_map import parts_map_svg
from attunement.web.pictures.self_energy_chart import ChartPoint, self_energy_chart_svg
from attunement.web.pictures.svg import lines, short

SAM = PersonId("sam")
ALEX = PersonId("alex")
NS = {"svg": "http://www.w3.org/2000/svg"}
SCRIPT = "<script>alert(1)</script>"


def part(part_id: str, name: str, role: PartRole) -> Part:
    return Part.named(PartId(part_id), SAM, name, role)


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well formed


def test_the_parts_map_has_self_at_the_centre_and_every_part():
    critic = part("p1", "the critic", PartRole.MANAGER)
    little = part("p2", "little one", PartRole.EXILE)
    svg = parts_map_svg(
        [critic, little],
        [Relation.between(critic, little, RelationKind.PROTECTS)],
        title="Sam's parts",
    )

    root = parse(svg)
    self_circle = root.find(".//svg:g[@class='self']/svg:circle", NS)
    assert self_circle is not None
    assert (self_circle.get("cx"), self_circle.get("cy")) == ("300.0", "300.0")
    assert [g.get("data-role") for g in root.findall(".//svg:g[@class='part']", NS)] == [
        "manager",
        "exile",
    ]
    assert root.find(".//svg:line[@data-kind='protects']", NS) is not None
    assert 'width="100%"' in svg


def test_exiles_sit_closer_to_self_than_protectors():
    parts = [part("p1", "critic", PartRole.MANAGER), part("p2", "little", PartRole.EXILE)]
    root = parse(parts_map_svg(parts, [], title="t"))
    exile = root.find(".//svg:g[@data-role='exile']/svg:circle", NS)
    manager = root.find(".//svg:g[@data-role='manager']/svg:rect", NS)
    assert exile is not None
    assert manager is not None
    exile_distance = abs(float(exile.get("cy", 0)) - 300)
    manager_distance = abs(float(manager.get("y", 0)) + 30 - 300)
    assert exile_distance < manager_distance


def test_a_part_name_with_a_script_tag_is_escaped():
    svg = parts_map_svg([part("p1", SCRIPT, PartRole.FIREFIGHTER)], [], title=SCRIPT)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    parse(svg)


def test_a_relation_to_a_part_not_on_the_map_is_left_out():
    shown = part("p1", "critic", PartRole.MANAGER)
    hidden = part("p2", "hidden", PartRole.EXILE)
    svg = parts_map_svg(
        [shown], [Relation.between(shown, hidden, RelationKind.PROTECTS)], title="t"
    )
    assert "data-kind" not in svg


def test_an_empty_map_says_so():
    assert "No parts on the map yet" in parts_map_svg([], [], title="t")


def closed_cycle() -> CycleMap:
    cycle = CycleMap(first=SAM, second=ALEX)
    for move, by, text in [
        (Move.DESCRIBE_TRIGGER, SAM, "Alex comes home late"),
        (Move.DESCRIBE_FEELING, SAM, SCRIPT),
        (Move.DESCRIBE_MOVE, SAM, "pointed messages"),
        (Move.HAND_OVER, SAM, None),
        (Move.DESCRIBE_FEELING, ALEX, "cornered"),
        (Move.DESCRIBE_MOVE, ALEX, "goes quiet"),
        (Move.LOOP_CLOSES, SAM, None),
    ]:
        cycle = cycle.apply(move, by, text)
    return cycle


def test_the_cycle_map_draws_each_step_and_closes_the_loop():
    svg = cycle_map_svg(closed_cycle(), {SAM: "Sam", ALEX: "Alex"})
    root = parse(svg)
    assert [g.get("data-owner") for g in root.findall(".//svg:g[@class='cycle-step']", NS)] == [
        "first",
        "second",
    ]
    assert root.find(".//svg:path[@class='loop']", NS) is not None
    assert "sets off" in svg
    assert "&lt;script&gt;" in svg
    assert "<script>" not in svg


def test_an_open_cycle_has_no_loop_yet():
    cycle = CycleMap(first=SAM, second=ALEX).apply(Move.DESCRIBE_TRIGGER, SAM, "late")
    svg = cycle_map_svg(cycle, {SAM: "Sam"})
    assert 'class="loop"' not in svg
    assert "Nothing mapped yet" in cycle_map_svg(CycleMap(SAM, ALEX), {})


def test_the_chart_marks_before_and_after_and_draws_each_c():
    start = datetime(2026, 11, 1, tzinfo=UTC)
    points = [
        ChartPoint(start, SelfEnergy((1,) * 8), Moment.BEFORE),
        ChartPoint(start + timedelta(hours=1), SelfEnergy((3,) * 8), Moment.AFTER),
        ChartPoint(start + timedelta(days=3), SelfEnergy((2,) * 8), Moment.ALONE),
    ]
    root = parse(self_energy_chart_svg(list(reversed(points)), title="Sam's check-ins"))
    lines_drawn = root.findall(".//svg:polyline", NS)
    assert len(lines_drawn) == 1 + 8
    assert "01 Nov" in ElementTree.tostring(root, encoding="unicode")


def test_an_empty_chart_says_so():
    assert "No check-ins yet" in self_energy_chart_svg([], title="t")


def test_a_single_check_in_is_centred():
    point = ChartPoint(datetime(2026, 11, 1, tzinfo=UTC), SelfEnergy((2,) * 8), Moment.ALONE)
    parse(self_energy_chart_svg([point], title="t"))


@pytest.mark.parametrize(
    ("words", "width", "expected"), [("short", 10, "short"), ("a" * 12, 5, "aaaa\u2026")]
)
def test_short_cuts_with_an_ellipsis(words, width, expected):
    assert short(words, width) == expected


def test_lines_wrap_and_cut_the_last():
    assert lines("one two three four five", width=9, most=2) == ["one two", "three fo\u2026"]
    assert lines("", width=5, most=2) == [""]
