"""The Self-energy check-in and its private chart over time (issue 4; domain.md §2.11)."""

from typing import Annotated

from fastapi import APIRouter, Form
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.self_check_in import Gate, Moment
from attunement.domain.ids import PersonId
from attunement.domain.parts import RATING_MAX, SelfEnergy, SelfQuality
from attunement.services import check_ins
from attunement.web.deps import Viewer, Wiring
from attunement.web.pages import keep_form, render
from attunement.web.pictures.self_energy_chart import ChartPoint, self_energy_chart_svg

router = APIRouter()

ADVICE = {
    Gate.SETTLED: (
        "There seems to be a good amount of Self around right now. If you planned something "
        "harder, this looks like a reasonable moment."
    ),
    Gate.SUGGEST_PAUSE: (
        "Some parts seem close to the surface right now, which is normal. You might start "
        "with a U-turn or the 6 Fs, or leave harder work for another time."
    ),
}


def _page(
    wiring: Wiring, viewer: PersonId, moment: str, exercise: str
) -> tuple[str, dict[str, object]]:
    taken = check_ins.check_ins_of(wiring.new_uow(), viewer=viewer)
    points = [
        ChartPoint(t.at, t.check_in.energy, t.check_in.moment)
        for t in taken
        if t.check_in.energy is not None
    ]
    chart = Markup(self_energy_chart_svg(points, title="Your check-ins over time"))  # noqa: S704
    latest = taken[-1] if taken else None
    return "check_ins/page.html", {
        "chart": chart,
        "qualities": list(SelfQuality),
        "scale": range(RATING_MAX + 1),
        "advice": None if latest is None or latest.gate is None else ADVICE[latest.gate],
        "moment": moment if moment in {m.value for m in Moment} else Moment.ALONE.value,
        "exercise": exercise[: check_ins.MAX_EXERCISE],
    }


@router.get("/check-ins")
def page(
    request: Request, viewer: Viewer, wiring: Wiring, moment: str = "alone", exercise: str = ""
) -> Response:
    """The form, the advice from the last check-in, and the chart over time."""
    template, context = _page(wiring, viewer.id, moment, exercise)
    return render(request, template, context)


class CheckInForm(BaseModel):
    curiosity: int = Field(ge=0, le=RATING_MAX)
    calm: int = Field(ge=0, le=RATING_MAX)
    clarity: int = Field(ge=0, le=RATING_MAX)
    compassion: int = Field(ge=0, le=RATING_MAX)
    confidence: int = Field(ge=0, le=RATING_MAX)
    courage: int = Field(ge=0, le=RATING_MAX)
    creativity: int = Field(ge=0, le=RATING_MAX)
    connectedness: int = Field(ge=0, le=RATING_MAX)
    moment: Moment = Moment.ALONE
    exercise: str = Field(default="", max_length=100)
    part_present: str = Field(default="", max_length=500)


@router.post("/check-ins")
def take(
    request: Request, form: Annotated[CheckInForm, Form()], viewer: Viewer, wiring: Wiring
) -> Response:
    """Keep one check-in and show the chart with it."""
    keep_form(request, lambda: _page(wiring, viewer.id, form.moment.value, form.exercise))
    energy = SelfEnergy.rated({q: getattr(form, q.value) for q in SelfQuality})
    answers = check_ins.NewCheckIn(energy, form.moment, form.exercise, form.part_present)
    check_ins.take_check_in(wiring.new_uow(), by=viewer.id, answers=answers, clock=wiring.clock)
    return RedirectResponse("/check-ins#result", status_code=303)
