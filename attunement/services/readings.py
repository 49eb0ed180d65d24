"""Asking the feedback engine about a turn, for every exercise (domain.md §6).

The engine may decline some text (too short, not in a language it reads). Its reading is advice
and a safety net, never a gate on a person's own words, so a declined reading counts as "nothing
noticed" and the words are kept as written.
"""

from attunement.domain.analysis import Analyzer, TurnAnalysis, UtteranceAnalysis
from attunement.domain.errors import InvalidInput


def reading(analyzer: Analyzer, text: str) -> UtteranceAnalysis:
    """The engine's reading of ``text``, or the neutral reading when it declines the text."""
    try:
        return analyzer.analyze(text).utterance
    except InvalidInput:
        return UtteranceAnalysis()


def turn_reading(analyzer: Analyzer, text: str, *, said: str | None = None) -> TurnAnalysis | None:
    """The engine's reading of a turn (as a reply to ``said`` when given); None when declined."""
    try:
        return analyzer.analyze(text) if said is None else analyzer.respond(said, text)
    except InvalidInput:
        return None
