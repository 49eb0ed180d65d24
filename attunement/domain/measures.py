"""Instruments as data, and how one administration is scored (domain.md §5.1, §3.5).

An ``Instrument`` is whatever a file describes (``instrument_files.py``): our own weekly check-in
and session rating, or a validated instrument a clinic holds a licence for. Scoring is the same
for all of them:

- reverse-keyed items count as ``low + high - answer``, so a higher item score always points the
  same way as the instrument's ``direction``;
- the total (and each subscale) is the sum or the mean of its item scores;
- **missing answers**: a total or subscale is scored only when at least ``min_answered`` of its
  items (80 % unless the file says otherwise) were answered. A summed score is then *prorated*:
  the mean of the answered items times the number of items, so a skipped question neither drags
  the score down nor leaves a hole in the chart. Below the threshold there is no score (None),
  because a guess built on too few answers would be read as a real change.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PersonId

DEFAULT_MIN_ANSWERED = 0.8
Answers = Mapping[str, int | None]


class Purpose(StrEnum):
    """What an instrument is for: tracking outcomes, or rating a session (the alliance)."""

    OUTCOME = "outcome"
    SESSION_RATING = "session_rating"


class Scoring(StrEnum):
    SUM = "sum"
    MEAN = "mean"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


@dataclass(frozen=True, slots=True)
class ResponseScale:
    """The whole-number answers an item accepts, with words for some of the points."""

    low: int
    high: int
    anchors: tuple[tuple[int, str], ...] = ()

    def points(self) -> range:
        """Every answer the scale accepts, lowest first."""
        return range(self.low, self.high + 1)

    def anchor(self, point: int) -> str | None:
        """The words for ``point``, if the instrument gives any."""
        return dict(self.anchors).get(point)


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    text: str
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class Subscale:
    key: str
    name: str
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CutOff:
    """The score that separates the clinical from the functional range (§5.2), and its source."""

    value: float
    basis: str


@dataclass(frozen=True, slots=True)
class ReliableChange:
    """What a change must exceed to be more than measurement error (Jacobson & Truax 1991).

    Either the instrument's clinical-sample ``sd`` and test-retest ``reliability`` are known
    (the standard formula), or only a published or heuristic ``minimum_change`` is (e.g. RDAS
    11.58), from which the standard error of a difference is recovered as ``minimum / 1.96``.
    """

    basis: str
    sd: float | None = None
    reliability: float | None = None
    minimum_change: float | None = None

    def s_diff(self) -> float:
        """The standard error of a difference between two scores."""
        if self.minimum_change is not None:
            return self.minimum_change / 1.96
        if self.sd is None or self.reliability is None:
            raise ValueError("a reliable-change rule needs sd and reliability, or minimum_change")
        standard_error = self.sd * math.sqrt(1 - self.reliability)
        return math.sqrt(2 * standard_error**2)

    def smallest_reliable_change(self) -> float:
        """The least change that counts as reliable: 1.96 * S_diff."""
        return 1.96 * self.s_diff()


@dataclass(frozen=True, slots=True)
class Instrument:
    """A questionnaire as data (domain.md §3.5). ``notice`` is shown wherever it is used."""

    code: str
    name: str
    construct: str
    purpose: Purpose
    validated: bool
    notice: str
    licence: str
    scale: ResponseScale
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...] = ()
    scoring: Scoring = Scoring.SUM
    min_answered: float = DEFAULT_MIN_ANSWERED
    direction: Direction = Direction.HIGHER_IS_BETTER
    cutoff: CutOff | None = None
    reliable_change: ReliableChange | None = None
    concern_below: float | None = None  # session ratings: a total below this is an alert

    def item(self, key: str) -> Item:
        """The item called ``key``; an unknown key is refused as input."""
        for item in self.items:
            if item.key == key:
                return item
        raise InvalidInput("measures.unknown_item", item=key)

    def lowest(self) -> float:
        """The least total possible."""
        return self.scale.low * (len(self.items) if self.scoring is Scoring.SUM else 1)

    def highest(self) -> float:
        """The greatest total possible."""
        return self.scale.high * (len(self.items) if self.scoring is Scoring.SUM else 1)

    def better(self, change: float) -> float:
        """``change`` signed so that a positive number is always an improvement."""
        return change if self.direction is Direction.HIGHER_IS_BETTER else -change


@dataclass(frozen=True, slots=True)
class Score:
    """A scored administration: ``total`` and subscale scores are None when too few answered."""

    total: float | None
    subscales: tuple[tuple[str, float | None], ...]
    answered: int

    def subscale(self, key: str) -> float | None:
        """The score of subscale ``key``, or None when it could not be scored."""
        return dict(self.subscales).get(key)


@dataclass(frozen=True, slots=True)
class Administration:
    """One person's answers to one instrument at one moment (domain.md §3.5)."""

    person: PersonId
    instrument: str
    at: datetime
    answers: tuple[tuple[str, int], ...]
    score: Score


def item_score(instrument: Instrument, key: str, answer: int) -> int:
    """The scored value of ``answer`` to item ``key``: reversed when the item is reverse-keyed.

    Raises:
        InvalidInput: the item is unknown or the answer is off the response scale.
    """
    item = instrument.item(key)
    scale = instrument.scale
    if answer not in scale.points():
        raise InvalidInput("measures.out_of_range", item=key, low=scale.low, high=scale.high)
    return scale.low + scale.high - answer if item.reverse else answer


def score(instrument: Instrument, answers: Answers) -> Score:
    """Score ``answers`` (None or a missing key = not answered) by the rule in the module doc."""
    scored = {
        key: item_score(instrument, key, answer)
        for key, answer in answers.items()
        if answer is not None
    }
    every_item = tuple(item.key for item in instrument.items)
    return Score(
        total=_combine(instrument, every_item, scored),
        subscales=tuple(
            (sub.key, _combine(instrument, sub.items, scored)) for sub in instrument.subscales
        ),
        answered=len(scored),
    )


def administer(
    instrument: Instrument, person: PersonId, answers: Answers, *, at: datetime
) -> Administration:
    """Score ``answers`` and record them as ``person``'s administration at ``at``."""
    result = score(instrument, answers)
    kept = tuple((key, value) for key, value in answers.items() if value is not None)
    return Administration(
        person=person, instrument=instrument.code, at=at, answers=kept, score=result
    )


def _combine(
    instrument: Instrument, keys: tuple[str, ...], scored: Mapping[str, int]
) -> float | None:
    values = [scored[key] for key in keys if key in scored]
    if not keys or len(values) / len(keys) < instrument.min_answered:
        return None
    mean = sum(values) / len(values)
    return mean * len(keys) if instrument.scoring is Scoring.SUM else mean
