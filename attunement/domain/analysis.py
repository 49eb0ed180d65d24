"""What the feedback engine says about a turn, and the ``Analyzer`` port (architecture.md).

The shapes mirror the stable JSON contract of ``attunement analyze`` exactly; ``to_json`` gives
that contract's dictionary. Exercises and services depend only on the ``Analyzer`` protocol, so
a test can run the real analyzer or the lexical one and the web never touches a model.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

HORSEMEN = ("criticism", "contempt", "defensiveness", "stonewalling")
PRESENT_AT = 0.5  # a horseman counts as present at p >= 0.5 (architecture.md)


class SafetyLevel(StrEnum):
    NONE = "none"
    CONCERN = "concern"
    URGENT = "urgent"


class SafetyKind(StrEnum):
    PARTNER_VIOLENCE = "partner_violence"
    COERCIVE_CONTROL = "coercive_control"
    SELF_HARM = "self_harm"
    THREAT = "threat"


@dataclass(frozen=True, slots=True)
class Horsemen:
    criticism: float = 0.0
    contempt: float = 0.0
    defensiveness: float = 0.0
    stonewalling: float = 0.0

    def present(self) -> list[str]:
        """Names of the horsemen at or above the contract's threshold, strongest first."""
        scores = {name: getattr(self, name) for name in HORSEMEN}
        found = [name for name, p in scores.items() if p >= PRESENT_AT]
        return sorted(found, key=lambda name: -scores[name])


@dataclass(frozen=True, slots=True)
class PartsSignal:
    speaks_for_part: bool = False
    blended: bool = False


@dataclass(frozen=True, slots=True)
class Safety:
    level: SafetyLevel = SafetyLevel.NONE
    kinds: tuple[SafetyKind, ...] = ()


@dataclass(frozen=True, slots=True)
class UtteranceAnalysis:
    """What one utterance shows on its own: horsemen, parts language, feelings, safety."""

    horsemen: Horsemen = field(default_factory=Horsemen)
    parts: PartsSignal = field(default_factory=PartsSignal)
    feelings: tuple[str, ...] = ()
    safety: Safety = field(default_factory=Safety)
    rewrite: str | None = None  # a speak-for-a-part suggestion when criticism is present

    def to_json(self) -> dict[str, object]:
        """The contract's ``utterance`` object."""
        out: dict[str, object] = {
            "horsemen": {name: round(getattr(self.horsemen, name), 4) for name in HORSEMEN},
            "parts": {
                "speaks_for_part": self.parts.speaks_for_part,
                "blended": self.parts.blended,
            },
            "feelings": list(self.feelings),
            "safety": {
                "level": self.safety.level.value,
                "kinds": [kind.value for kind in self.safety.kinds],
            },
        }
        if self.rewrite is not None:
            out["rewrite"] = self.rewrite
        return out


@dataclass(frozen=True, slots=True)
class MirrorCheck:
    score: float = 0.0
    missed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    feelings_missed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ValidationCheck:
    present: bool = False
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class EmpathyCheck:
    present: bool = False
    score: float = 0.0
    feelings_named: tuple[str, ...] = ()
    emotional_reactions: int = 0
    interpretations: int = 0
    explorations: int = 0


@dataclass(frozen=True, slots=True)
class ResponseAnalysis:
    """How a listener's reply answers what was said: mirror, validation, empathy."""

    mirror: MirrorCheck = field(default_factory=MirrorCheck)
    validation: ValidationCheck = field(default_factory=ValidationCheck)
    empathy: EmpathyCheck = field(default_factory=EmpathyCheck)
    self_focus: float = 0.0  # compassion vs. over-identification (domain.md §6.4); 1 = all about me

    def to_json(self) -> dict[str, object]:
        """The contract's ``response`` object (plus ``self_focus``)."""
        return {
            "mirror": {
                "score": round(self.mirror.score, 4),
                "missed": list(self.mirror.missed),
                "added": list(self.mirror.added),
                "feelings_missed": list(self.mirror.feelings_missed),
            },
            "validation": {
                "present": self.validation.present,
                "score": round(self.validation.score, 4),
            },
            "empathy": {
                "present": self.empathy.present,
                "score": round(self.empathy.score, 4),
                "feelings_named": list(self.empathy.feelings_named),
                "emotional_reactions": self.empathy.emotional_reactions,
                "interpretations": self.empathy.interpretations,
                "explorations": self.empathy.explorations,
            },
            "self_focus": round(self.self_focus, 4),
        }


@dataclass(frozen=True, slots=True)
class TurnAnalysis:
    """One line of the contract: the utterance, and the response when it answers someone."""

    utterance: UtteranceAnalysis = field(default_factory=UtteranceAnalysis)
    response: ResponseAnalysis | None = None

    def to_json(self) -> dict[str, object]:
        """The contract's line, without ``id``."""
        return {
            "utterance": self.utterance.to_json(),
            "response": None if self.response is None else self.response.to_json(),
        }


class Analyzer(Protocol):
    """The feedback engine as the exercises see it."""

    def analyze(self, text: str) -> TurnAnalysis:
        """Judge one utterance on its own (``response`` is None)."""
        ...

    def respond(self, said: str, reply: str) -> TurnAnalysis:
        """Judge ``reply`` as an utterance and as a response to ``said``."""
        ...
