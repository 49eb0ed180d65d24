"""Check-ins, session ratings and the progress page with its charts (issue 5, items 1-2).

Each person answers alone; the form asks, per check-in, whether the totals may be seen by the
partner and by the couple's therapist, both unticked until the person ticks them (private by
default). The progress page draws pictures, not tables: the app makes the SVG itself
(``web/charts.py``), with words for screen readers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated

from fastapi import APIRouter, Depends
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.errors import InvalidInput
from attunement.domain.measures import Instrument
from attunement.domain.progress import SkillWeek, partner_gaps
from attunement.services import measures
from attunement.services.measures import CheckIn, PersonProgress, ProgressView
from attunement.store.measures import Sharing
from attunement.web.charts import Frame, Series, bar_chart, line_chart
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.pages import keep_form, render

router = APIRouter()
TICKED = "yes"


async def posted_fields(request: Request) -> dict[str, str]:
    """The posted form as plain text fields (the check-in's item names vary by instrument)."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


Fields = Annotated[dict[str, str], Depends(posted_fields)]


@router.get("/check-in/{code}")
def check_in_page(request: Request, code: str, _viewer: Viewer) -> Response:
    """The questions of one instrument, each answered on its scale, nothing ticked."""
    return render(request, "progress/check_in.html", _form(measures.instrument(code), {}))


@router.post("/check-in/{code}")
def check_in(
    request: Request, code: str, fields: Fields, viewer: Viewer, wiring: Wiring
) -> Response:
    """Keep the answers, then show the progress page."""
    instrument = measures.instrument(code)
    keep_form(request, lambda: ("progress/check_in.html", _form(instrument, fields)))
    sharing = Sharing(
        with_partner=fields.get("share_partner") == TICKED,
        with_therapist=fields.get("share_therapist") == TICKED,
    )
    given = CheckIn(instrument.code, _answers(instrument, fields), sharing)
    measures.check_in(wiring.new_uow(), given, by=viewer.id, clock=wiring.clock)
    return RedirectResponse("/progress", status_code=303)


@router.get("/progress")
def progress(request: Request, viewer: Viewer, uow: Uow) -> Response:
    """Scores over the weeks, side by side with the partner's shared ones, and skill curves."""
    view = measures.progress_view(uow, viewer=viewer.id)
    return render(request, "progress/page.html", {"view": view, "charts": progress_charts(view)})


def progress_charts(view: ProgressView) -> dict[str, Markup]:
    """The pictures of the progress page, keyed by where they go."""
    charts = {
        "outcomes": outcome_chart("outcomes", view.check_in, view.outcomes),
        "ratings": outcome_chart("ratings", view.rating, view.ratings),
        "skills": skill_chart("skills", view.skills),
    }
    gap = gap_chart("gap", view.check_in, view.outcomes)
    if gap is not None:
        charts["gap"] = gap
    return charts


def outcome_chart(key: str, instrument: Instrument, people: Sequence[PersonProgress]) -> Markup:
    """Each person's weekly totals as a line, side by side (never averaged, domain.md §5.2)."""
    frame = Frame(
        key=key,
        title=f"{instrument.name}: totals by week",
        low=instrument.lowest(),
        high=instrument.highest(),
        guide=instrument.concern_below,
        guide_label="" if instrument.concern_below is None else "worth talking about below here",
    )
    series = [Series(p.person.display_name, tuple(p.weeks)) for p in people]
    return Markup(line_chart(series, frame))  # noqa: S704 - our own SVG; every label is escaped


def gap_chart(key: str, instrument: Instrument, people: Sequence[PersonProgress]) -> Markup | None:
    """The distance between two partners' totals in the weeks both shared; None for one."""
    if len(people) != 2:  # a couple is two people
        return None
    gaps = partner_gaps(people[0].weeks, people[1].weeks)
    span = instrument.highest() - instrument.lowest()
    frame = Frame(key=key, title="How far apart your totals were", low=0, high=span / 2)
    return Markup(bar_chart(Series("Distance", tuple(gaps)), frame))  # noqa: S704 - as above


def skill_chart(key: str, weeks: Sequence[SkillWeek]) -> Markup:
    """Listening skills by week (0 to 1) and how often a turn carried a horseman."""
    picks = (
        ("Mirror", "mirror"),
        ("Validation", "validation"),
        ("Empathy", "empathy"),
        ("Horsemen", "horsemen_rate"),
    )
    series = [
        Series(label, tuple((w.week, v) for w in weeks if (v := getattr(w, name)) is not None))
        for label, name in picks
    ]
    frame = Frame(key=key, title="Your listening skills by week", low=0, high=1)
    return Markup(line_chart(series, frame))  # noqa: S704 - as above


def _answers(instrument: Instrument, fields: Mapping[str, str]) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for item in instrument.items:
        raw = fields.get(f"item-{item.key}", "").strip()
        if raw and not raw.lstrip("-").isdigit():
            raise InvalidInput("measures.out_of_range", item=item.key)
        answers[item.key] = int(raw) if raw else None
    return answers


def _form(instrument: Instrument, fields: Mapping[str, str]) -> dict[str, object]:
    return {"instrument": instrument, "fields": fields, "ticked": TICKED}
