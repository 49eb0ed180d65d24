"""What the one-person guided flows share on screen: the 6 Fs and unburdening (§2.6, §2.7).

Both show one step at a time: a prompt, the moves that are the viewer's to make (a text box
where a move carries words), and quieter moves to pause or stop. A move's form carries the
version it was made from; a refused move shows the step again with the person's words kept.
The flows differ only in their words and their use case, which each route passes in.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.guided import Words
from attunement.web.pages import keep_form

M = TypeVar("M", bound=StrEnum)
Page = tuple[str, dict[str, object]]


@dataclass(frozen=True, slots=True)
class FlowWords(Generic[M]):
    """A flow's button and field words, and which of its moves are the quiet ones."""

    buttons: Mapping[M, str]
    fields: Mapping[M, str]
    quiet: frozenset[M]


class StepForm(BaseModel):
    """The fields every guided-flow move sends; each route adds its own ``move``."""

    version: int
    text: str = Field(default="", max_length=20_000)


def move_forms(
    flow: FlowWords[M], moves: Iterable[M], words_of: Callable[[M], Words]
) -> dict[str, object]:
    """The main and quiet moves' forms for one screen (``_guided_moves.html`` draws them)."""
    forms = [(move, _form(flow, move, words_of(move))) for move in moves]
    return {
        "main_moves": [form for move, form in forms if move not in flow.quiet],
        "quiet_moves": [form for move, form in forms if move in flow.quiet],
    }


def _form(flow: FlowWords[M], move: M, words: Words) -> dict[str, object]:
    return {
        "move": move.value,
        "button": flow.buttons[move],
        "field": flow.fields.get(move, "") if words is not Words.NONE else "",
        "required": words is Words.REQUIRED,
    }


def make_step(
    request: Request, *, again: Callable[[], Page], make: Callable[[], object], to: str
) -> Response:
    """Make one move and show the step; on refusal ``again`` shows it with the words kept."""
    keep_form(request, again)
    make()
    return RedirectResponse(to, status_code=303)
