"""The feedback engine: one ``Analyzer`` that joins the explainable parts (architecture.md).

``FeedbackEngine`` judges an utterance with lexicons (horsemen, parts, feelings, safety) and a
reply with the mirror alignment, validation, empathy and self-focus checks. The only thing the
backends change is how two idea units are compared: word overlap alone (``lexical``), or word
overlap blended with sentence-encoder similarity (``encoder``), which recognises paraphrases
("ignored at dinner" for "on your phone while we ate") that share no words.
"""

from collections.abc import Iterable, Sequence

import numpy as np

from attunement.domain.analysis import PRESENT_AT, ResponseAnalysis, TurnAnalysis, UtteranceAnalysis
from attunement.domain.errors import InvalidInput
from attunement.language import compassion, empathy, heads, horsemen, mirror, parts, safety
from attunement.language.encoder import SentenceEncoder
from attunement.language.feelings import feelings_in
from attunement.language.text_units import check_text, idea_units

# all-MiniLM cosine for unrelated short clauses sits near 0.1-0.3, for paraphrases 0.6-0.9.
_COSINE_FLOOR = 0.3
_COSINE_SPAN = 0.45
_ENCODER_SHARE = 0.5


def _settled(lexical: list[list[float]]) -> bool:
    """Whether word overlap alone already decides every outcome of the mirror check.

    The blend is never below 0.9 x the word overlap, and ``mirror.check`` reads similarities
    only through two thresholds: a said unit is fully covered at ``COVERED_AT`` and a reply
    unit is not "added" at ``ADDED_BELOW``. When every said unit's best overlap and every reply
    unit's best overlap clear those thresholds by that margin, the encoder cannot change the
    result, so the pass is skipped (a faithful mirror in the same words costs no encoding).
    """
    rows = np.asarray(lexical) * 0.9
    return bool(
        (rows.max(axis=1) >= mirror.COVERED_AT).all()
        and (rows.max(axis=0) >= mirror.ADDED_BELOW).all()
    )


class FeedbackEngine:
    """The ``Analyzer`` of architecture.md; pass an encoder for the ``encoder`` backend."""

    def __init__(self, encoder: SentenceEncoder | None = None) -> None:
        self.encoder = encoder
        self.backend = "lexical" if encoder is None else "encoder"
        self.heads = heads.shipped()

    def analyze(self, text: str) -> TurnAnalysis:
        """Judge one utterance on its own.

        Raises:
            InvalidInput: the text is empty, too long, not English or not a string.
        """
        return TurnAnalysis(utterance=self._utterance(check_text(text)))

    def respond(self, said: str, reply: str) -> TurnAnalysis:
        """Judge ``reply`` as an utterance and as a response to ``said``.

        Raises:
            InvalidInput: either text is empty, too long, not English or not a string.
        """
        said, reply = check_text(said), check_text(reply)
        utterance = self._utterance(reply)
        focus = compassion.self_focus(reply)
        response = ResponseAnalysis(
            mirror=mirror.check(said, reply, utterance.horsemen, self.similarity),
            validation=empathy.validation(reply),
            empathy=empathy.empathy(reply, self._learned_levels(said, reply, focus)),
            self_focus=focus,
        )
        return TurnAnalysis(utterance=utterance, response=response)

    def prepare(self, turns: Iterable[tuple[str, str | None]]) -> None:
        """Encode the idea units of many ``(said, reply)`` turns in one pass, before judging them.

        Exactly the units that ``respond`` will compare are encoded (the said units, and the reply
        units turned into the sender's perspective), sorted by length in large batches, so the
        turns that follow find every vector in the cache. Utterances (``reply`` None) never use
        the encoder, and text that ``respond`` would refuse is skipped here.
        """
        if self.encoder is None:
            return
        units: list[str] = []
        for said, reply in turns:
            if reply is None:
                continue
            try:
                said_text, reply_text = check_text(said), check_text(reply)
            except InvalidInput:
                continue
            said_units, content = idea_units(said_text), mirror.reply_units(reply_text)[0]
            if content and not _settled(mirror.lexical_similarity(said_units, content)):
                units.extend(said_units)
                units.extend(content)
        self.encoder.encode(units)

    def similarity(self, said: Sequence[str], reply: Sequence[str]) -> list[list[float]]:
        """Similarity of each said unit to each reply unit, 0..1."""
        lexical = mirror.lexical_similarity(said, reply)
        if self.encoder is None or not said or not reply or _settled(lexical):
            return lexical
        vectors = self.encoder.encode([*said, *reply])  # one batch per turn
        cosine = vectors[: len(said)] @ vectors[len(said) :].T
        semantic = np.clip((cosine - _COSINE_FLOOR) / _COSINE_SPAN, 0.0, 1.0)
        blended = _ENCODER_SHARE * semantic + (1.0 - _ENCODER_SHARE) * np.asarray(lexical)
        # Word overlap is strong evidence on its own; the encoder may only raise it.
        return np.maximum(blended, np.asarray(lexical) * 0.9).tolist()  # type: ignore[no-any-return]

    def _learned_levels(self, said: str, reply: str, focus: float) -> tuple[int, int, int] | None:
        """The trained heads' EPITOME levels; None without heads or for the listener's own story.

        Reddit replies that tell one's own similar story were often rated as reactions; in a
        couple's dialogue that is over-identification (§6.4), so only our cues judge it.
        """
        if self.heads is None or focus >= PRESENT_AT:
            return None
        row = heads.features(said, reply)
        return self.heads.level("ER", row), self.heads.level("IP", row), self.heads.level("EX", row)

    def _utterance(self, text: str) -> UtteranceAnalysis:
        found = horsemen.score(text)
        feelings = feelings_in(text)
        return UtteranceAnalysis(
            horsemen=found,
            parts=parts.signal(text, found),
            feelings=feelings,
            safety=safety.assess(text),
            rewrite=parts.rewrite(text, found, feelings),
        )
