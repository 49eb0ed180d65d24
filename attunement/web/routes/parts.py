"""The parts map and each part's card (issue 4: IFS parts map per person).

Handlers only translate: the services decide who may see or change a part, and a part that is
another person's and private reads exactly like a missing one (``VisiblePart``). The map is an
SVG the app draws itself, with Self at the centre; the person's own words in it are escaped.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.errors import NotFound
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import BurdenKind, BurdenOrigin, CardField, PartRole, RelationKind
from attunement.domain.visibility import Visibility
from attunement.services import parts
from attunement.services.parts import NewBurden, PartLabel, PartsMap
from attunement.web.deps import Uow, Viewer, VisiblePart, Wiring
from attunement.web.pages import keep_form, render
from attunement.web.pictures.parts_map import parts_map_svg

router = APIRouter()

CARD_LABELS = {
    CardField.BODY_LOCATION: "Where I notice it",
    CardField.DESCRIPTION: "What it is like",
    CardField.FELT_AGE: "How old it seems",
    CardField.DOES: "What it does for me",
    CardField.FEARS: "What it fears would happen if it stopped",
}
SHARE_LABELS = {
    Visibility.PRIVATE: "Only me",
    Visibility.SHARED_WITH_PARTNER: "Me and my partner",
    Visibility.SHARED_WITH_THERAPIST: "Me and my therapist",
}
RELATION_LABELS = {
    RelationKind.PROTECTS: "protects",
    RelationKind.POLARIZED_WITH: "is polarized with",
    RelationKind.CONCERNED_ABOUT: "is concerned about",
}


def picture(chart: PartsMap) -> Markup:
    """The drawn map, safe to place in the page: every label inside is escaped."""
    title = "Your parts map" if chart.mine else f"{chart.owner_name}'s shared parts"
    return Markup(parts_map_svg(chart.parts, chart.relations, title=title))  # noqa: S704


def _map_page(wiring: Wiring, viewer: PersonId) -> tuple[str, dict[str, object]]:
    chart = parts.parts_map(wiring.new_uow(), owner=viewer, viewer=viewer)
    partner = parts.partner_of(wiring.new_uow(), person=viewer)
    return "parts/map.html", {
        "chart": chart,
        "picture": picture(chart),
        "roles": list(PartRole),
        "has_partner": partner is not None,
        "share_labels": SHARE_LABELS,
    }


@router.get("/parts")
def my_map(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """The viewer's own map: the picture, the list, and a form to name a new part."""
    template, context = _map_page(wiring, viewer.id)
    return render(request, template, context)


@router.post("/parts")
def add_part(
    request: Request,
    name: Annotated[str, Form(max_length=200)],
    role: Annotated[PartRole, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Put a new, private part on the map."""
    keep_form(request, lambda: _with_draft(_map_page(wiring, viewer.id), name=name))
    part = parts.name_part(
        wiring.new_uow(), owner=viewer.id, name=name, role=role, clock=wiring.clock
    )
    return RedirectResponse(f"/parts/{part.id}", status_code=303)


@router.get("/parts/partner")
def partner_map(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """The parts the viewer's partner chose to share, and nothing else."""
    partner = parts.partner_of(wiring.new_uow(), person=viewer.id)
    if partner is None:
        raise NotFound("part.not_found")
    chart = parts.parts_map(wiring.new_uow(), owner=partner, viewer=viewer.id)
    return render(request, "parts/shared.html", {"chart": chart, "picture": picture(chart)})


def _card_page(wiring: Wiring, part: PartId, viewer: PersonId) -> tuple[str, dict[str, object]]:
    found = parts.visible_part(wiring.new_uow(), part, viewer=viewer)
    others: list[object] = []
    if found.owner == viewer:
        chart = parts.parts_map(wiring.new_uow(), owner=viewer, viewer=viewer)
        others = [p for p in chart.parts if p.id != found.id]
    return "parts/card.html", {
        "part": found,
        "mine": found.owner == viewer,
        "card_labels": CARD_LABELS,
        "share_labels": SHARE_LABELS,
        "relation_labels": RELATION_LABELS,
        "roles": list(PartRole),
        "burden_kinds": list(BurdenKind),
        "others": others,
    }


@router.get("/parts/{part_id}")
def card(request: Request, part: VisiblePart, viewer: Viewer, wiring: Wiring) -> Response:
    """A part's card: editable by its owner, read-only for whoever it was shared with."""
    template, context = _card_page(wiring, part.id, viewer.id)
    return render(request, template, context)


class CardForm(BaseModel):
    """The card's edit form: name, role guess and the free-text lines."""

    name: str = Field(max_length=200)
    role: PartRole
    body_location: str = Field(default="", max_length=5000)
    description: str = Field(default="", max_length=5000)
    felt_age: str = Field(default="", max_length=5000)
    does: str = Field(default="", max_length=5000)
    fears: str = Field(default="", max_length=5000)


@router.post("/parts/{part_id}/card")
def save_card(
    request: Request,
    part_id: str,
    form: Annotated[CardForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Rewrite the name, role guess and card lines."""
    part = PartId(part_id)
    keep_form(request, lambda: _card_page(wiring, part, viewer.id))
    answers = {field: getattr(form, field.value) for field in CardField}
    label = PartLabel(form.name, form.role)
    parts.rename(wiring.new_uow(), part, by=viewer.id, label=label, clock=wiring.clock)
    parts.answer(wiring.new_uow(), part, by=viewer.id, answers=answers, clock=wiring.clock)
    return RedirectResponse(f"/parts/{part}", status_code=303)


@router.post("/parts/{part_id}/triggers")
def add_trigger(
    request: Request,
    part_id: str,
    text: Annotated[str, Form(max_length=5000)],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Note something that sets the part off."""
    part = PartId(part_id)
    keep_form(request, lambda: _card_page(wiring, part, viewer.id))
    parts.add_trigger(wiring.new_uow(), part, by=viewer.id, text=text, clock=wiring.clock)
    return RedirectResponse(f"/parts/{part}", status_code=303)


class BurdenForm(BaseModel):
    description: str = Field(max_length=5000)
    kind: BurdenKind
    origin: BurdenOrigin = BurdenOrigin.PERSONAL


@router.post("/parts/{part_id}/burdens")
def add_burden(
    request: Request,
    part_id: str,
    form: Annotated[BurdenForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Note a burden the part carries."""
    part = PartId(part_id)
    keep_form(request, lambda: _card_page(wiring, part, viewer.id))
    burden = NewBurden(form.kind, form.description, form.origin)
    parts.add_burden(wiring.new_uow(), part, by=viewer.id, burden=burden, clock=wiring.clock)
    return RedirectResponse(f"/parts/{part}", status_code=303)


class RelationForm(BaseModel):
    to_part: str = Field(max_length=100)
    kind: RelationKind


@router.post("/parts/{part_id}/relations")
def relate(
    request: Request,
    part_id: str,
    form: Annotated[RelationForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Draw a line from this part to another of the viewer's parts."""
    part = PartId(part_id)
    keep_form(request, lambda: _card_page(wiring, part, viewer.id))
    link = (part, PartId(form.to_part))
    parts.relate(wiring.new_uow(), by=viewer.id, link=link, kind=form.kind, clock=wiring.clock)
    return RedirectResponse(f"/parts/{part}", status_code=303)


@router.post("/parts/{part_id}/share")
def share(
    part_id: str,
    visibility: Annotated[Visibility, Form()],
    viewer: Viewer,
    uow: Uow,
    wiring: Wiring,
) -> Response:
    """Share this one part with one audience, or make it private again."""
    part = PartId(part_id)
    parts.share(uow, part, by=viewer.id, visibility=visibility, clock=wiring.clock)
    return RedirectResponse(f"/parts/{part}", status_code=303)


def _with_draft(page: tuple[str, dict[str, object]], **draft: str) -> tuple[str, dict[str, object]]:
    template, context = page
    return template, {**context, "draft": draft}
