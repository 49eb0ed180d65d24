"""The private safety check-in, its result, and where to find help (domain.md §4).

The questions are our own words (never a published instrument's items, §4.3). Each person
answers alone; a "yes" to any of them pauses joint exercises for the couple (§4.4), shows help
to the person who answered, and tells nobody else why (§4.6). The check-in first asks whether
it is safe to answer now, and saying no stores nothing (§4.2).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ScreenLevel(StrEnum):
    NONE = "none"
    CONCERN = "concern"
    URGENT = "urgent"


class FlagSource(StrEnum):
    SCREEN = "screen"
    DIALOGUE = "dialogue"


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    kind: str  # the analyzer's safety kind this question is about
    words: str
    level: ScreenLevel  # what a "yes" means


#: Our own wording, reviewed for plain language; the same for every person, every time.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "hurt",
        "partner_violence",
        "In the past year, has your partner pushed, hit, choked or physically hurt you, "
        "or made you do something sexual you did not want?",
        ScreenLevel.URGENT,
    ),
    Question(
        "afraid",
        "partner_violence",
        "Are you ever afraid of what your partner might do, including if they saw your answers "
        "or what you say in an exercise?",
        ScreenLevel.URGENT,
    ),
    Question(
        "control",
        "coercive_control",
        "Does your partner decide for you about money, your phone, who you see or where you "
        "go, or check up on you in ways you do not want?",
        ScreenLevel.CONCERN,
    ),
    Question(
        "self_harm",
        "self_harm",
        "Lately, have you thought about hurting yourself or ending your life?",
        ScreenLevel.URGENT,
    ),
)

QUESTION_KEYS = tuple(question.key for question in QUESTIONS)


@dataclass(frozen=True, slots=True)
class ScreenAnswers:
    """Yes/no per question key; ``note`` is anything the person chose to add (free text)."""

    yes: frozenset[str]
    note: str = ""

    def __post_init__(self) -> None:
        unknown = self.yes - set(QUESTION_KEYS)
        if unknown:
            raise ValueError(f"no such question: {sorted(unknown)}")

    def to_json(self) -> dict[str, object]:
        return {"yes": sorted(self.yes), "note": self.note}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> "ScreenAnswers":
        yes = data.get("yes", [])
        note = data.get("note", "")
        return cls(
            yes=frozenset(str(key) for key in yes) if isinstance(yes, list) else frozenset(),
            note=note if isinstance(note, str) else "",
        )


def level_of(answers: ScreenAnswers) -> ScreenLevel:
    """The most serious level any "yes" carries; NONE when every answer is no."""
    levels = {q.level for q in QUESTIONS if q.key in answers.yes}
    if ScreenLevel.URGENT in levels:
        return ScreenLevel.URGENT
    return ScreenLevel.CONCERN if levels else ScreenLevel.NONE


def kinds_of(answers: ScreenAnswers) -> tuple[str, ...]:
    """The analyzer kinds the "yes" answers are about, for the therapist's alert."""
    return tuple(sorted({q.kind for q in QUESTIONS if q.key in answers.yes}))


@dataclass(frozen=True, slots=True)
class Resource:
    name: str
    contact: str
    last_checked: date


@dataclass(frozen=True, slots=True)
class ResourceSet:
    locale: str
    label: str
    entries: tuple[Resource, ...]


CHECKED = date(2026, 11, 25)  # from domain.md §4.7; MUST be verified again before release

RESOURCES: Mapping[str, ResourceSet] = {
    "US": ResourceSet(
        "US",
        "United States",
        (
            Resource("Emergency", "Call 911", CHECKED),
            Resource(
                "National Domestic Violence Hotline",
                "Call 1-800-799-7233, text START to 88788, or chat at thehotline.org",
                CHECKED,
            ),
            Resource("988 Suicide & Crisis Lifeline", "Call or text 988", CHECKED),
        ),
    ),
    "UK": ResourceSet(
        "UK",
        "United Kingdom",
        (
            Resource("Emergency", "Call 999 (if you cannot speak, stay on the line)", CHECKED),
            Resource("National Domestic Abuse Helpline", "0808 2000 247, free, 24 hours", CHECKED),
            Resource("Men's Advice Line", "0808 801 0327", CHECKED),
            Resource("Samaritans", "Call 116 123", CHECKED),
        ),
    ),
    "INTL": ResourceSet(
        "INTL",
        "Elsewhere",
        (
            Resource("Emergency", "Your local emergency number (112 in much of Europe)", CHECKED),
            Resource(
                "Find a helpline",
                "Ask your therapist or a local health service for the domestic abuse and "
                "crisis lines where you live",
                CHECKED,
            ),
        ),
    ),
}


def resources_for(locale: str) -> tuple[ResourceSet, ...]:
    """The set for ``locale`` first, then the others (people travel and move)."""
    first = RESOURCES.get(locale.upper(), RESOURCES["INTL"])
    return (first, *(s for s in RESOURCES.values() if s is not first))
