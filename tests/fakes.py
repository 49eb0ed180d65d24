"""Small working fakes of the outside world: a clock a test can move, analyzers that behave.

The language engine is someone else's module; these stand in for it where a test needs a
reaction the real engine would give only to real distress, which no test should have to type.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from attunement.domain.analysis import (
    Analyzer,
    ResponseAnalysis,
    Safety,
    SafetyKind,
    SafetyLevel,
    TurnAnalysis,
)
from attunement.domain.errors import InvalidInput

#: Words that make ``SafetyMarkerAnalyzer`` report an urgent risk, or a concern.
URGENT_MARKER = "[urgent safety marker]"
CONCERN_MARKER = "[concern safety marker]"


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a FakeClock needs an aware UTC start")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta


class QuietAnalyzer:
    """Finds nothing in any text: the neutral analysis of the contract."""

    def analyze(self, text: str) -> TurnAnalysis:  # noqa: ARG002 (the Analyzer signature)
        return TurnAnalysis()

    def respond(self, said: str, reply: str) -> TurnAnalysis:  # noqa: ARG002
        return TurnAnalysis(response=ResponseAnalysis())


@dataclass
class SafetyMarkerAnalyzer:
    """Reports a risk for text holding ``URGENT_MARKER`` or ``CONCERN_MARKER``; else asks ``inner``.

    It also records what each reply was judged against, so a test can check what was "said".
    """

    inner: Analyzer = field(default_factory=QuietAnalyzer)
    responded: list[tuple[str, str]] = field(default_factory=list)

    def analyze(self, text: str) -> TurnAnalysis:
        return self._mark(text, self.inner.analyze(text))

    def respond(self, said: str, reply: str) -> TurnAnalysis:
        self.responded.append((said, reply))
        return self._mark(reply, self.inner.respond(said, reply))

    @staticmethod
    def _mark(text: str, analysis: TurnAnalysis) -> TurnAnalysis:
        if URGENT_MARKER in text:
            safety = Safety(level=SafetyLevel.URGENT, kinds=(SafetyKind.THREAT,))
        elif CONCERN_MARKER in text:
            safety = Safety(level=SafetyLevel.CONCERN, kinds=(SafetyKind.COERCIVE_CONTROL,))
        else:
            return analysis
        return replace(analysis, utterance=replace(analysis.utterance, safety=safety))


class DecliningAnalyzer:
    """Declines every text, as the engine does with words it cannot read."""

    def analyze(self, text: str) -> TurnAnalysis:  # noqa: ARG002 (the Analyzer signature)
        raise InvalidInput("analysis.not_english")

    def respond(self, said: str, reply: str) -> TurnAnalysis:  # noqa: ARG002
        raise InvalidInput("analysis.not_english")
