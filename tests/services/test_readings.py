"""A declined reading never blocks the person's own words in the IFS/IFIO exercises."""

from attunement.domain.analysis import PartsSignal, TurnAnalysis, UtteranceAnalysis
from attunement.domain.errors import InvalidInput
from attunement.services.readings import reading


class Declines:
    def analyze(self, text: str) -> TurnAnalysis:  # noqa: ARG002 (the Analyzer signature)
        raise InvalidInput("analysis.not_english")

    def respond(self, said: str, reply: str) -> TurnAnalysis:  # noqa: ARG002
        raise InvalidInput("analysis.not_english")


class Reads:
    def analyze(self, text: str) -> TurnAnalysis:  # noqa: ARG002 (the Analyzer signature)
        return TurnAnalysis(UtteranceAnalysis(parts=PartsSignal(speaks_for_part=True)))

    def respond(self, said: str, reply: str) -> TurnAnalysis:  # noqa: ARG002
        return self.analyze(reply)


def test_a_declined_text_reads_as_nothing_noticed():
    assert reading(Declines(), "ok") == UtteranceAnalysis()


def test_a_read_text_keeps_the_engines_reading():
    assert reading(Reads(), "a part of me").parts.speaks_for_part
