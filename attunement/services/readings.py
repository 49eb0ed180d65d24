"""Asking the feedback engine about one utterance, for the IFS/IFIO exercises (§6.7).

The engine may decline some text (too short, not in a language it reads). In these exercises
its reading is advice and a safety net, never a gate on the person's own words, so a declined
reading counts as "nothing noticed" rather than refusing what the person wrote.
"""

from attunement.domain.analysis import Analyzer, UtteranceAnalysis
from attunement.domain.errors import InvalidInput


def reading(analyzer: Analyzer, text: str) -> UtteranceAnalysis:
    """The engine's reading of ``text``, or the neutral reading when it declines the text."""
    try:
        return analyzer.analyze(text).utterance
    except InvalidInput:
        return UtteranceAnalysis()
