"""Where instruments come from: the files we ship, and files a clinic loads (domain.md §5.1).

The two instruments Attunement ships are our own words, labelled as not validated; a clinic
that holds a licence for a validated questionnaire writes it in the same format
(``domain/instrument_files.py``) and loads it from a file. Parsing is the domain's; this module
only reads, and adds the file's name to any complaint.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from attunement.domain.errors import NotFound
from attunement.domain.instrument_files import InstrumentFileError, parse_instrument
from attunement.domain.measures import Instrument

WEEKLY_CHECK_IN: Final = "attunement-weekly-check-in"
SESSION_RATING: Final = "attunement-session-rating"
_SHIPPED: Final = {WEEKLY_CHECK_IN: "weekly-check-in.json", SESSION_RATING: "session-rating.json"}


def load_instrument_file(path: Path) -> Instrument:
    """Read and check the instrument file at ``path``.

    Raises:
        InstrumentFileError: the file cannot be read or is malformed; its text names the file
            and the field.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InstrumentFileError(
            path.name, f"cannot be read ({error.__class__.__name__})"
        ) from None
    try:
        return parse_instrument(text)
    except InstrumentFileError as error:
        raise InstrumentFileError(f"{path.name}: {error.field}", error.problem) from None


@cache
def shipped(code: str) -> Instrument:
    """One of the instruments that ship with Attunement, by code.

    Raises:
        NotFound: no shipped instrument has that code.
    """
    name = _SHIPPED.get(code)
    if name is None:
        raise NotFound("measures.no_such_instrument")
    text = resources.files("attunement.domain").joinpath("instruments", name).read_text("utf-8")
    return parse_instrument(text)
