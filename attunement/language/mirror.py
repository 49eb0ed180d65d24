"""Mirror fidelity: align the sender's idea units with the reply's (domain.md §6.1).

Each idea unit of what was said is matched with its best unit of the reply (after the reply is
turned back into the sender's perspective, so "you felt lonely" matches "I felt lonely"). Units of
the sender with no good match are *missed*; units of the reply with no match, other than the
check-and-invite moves, are *added*. A defensive reply is a poor mirror even when it repeats
words, so defensiveness, criticism and contempt in the reply scale the score down.
"""

import re
from collections.abc import Callable, Sequence

from attunement.domain.analysis import Horsemen, MirrorCheck
from attunement.language.feelings import feelings_in
from attunement.language.text_units import (
    content_stems,
    flip_perspective,
    idea_units,
    normalize,
    sentences,
    short_phrase,
)

# Rows: units of what was said; columns: units of the reply in the sender's perspective.
Similarity = Callable[[Sequence[str], Sequence[str]], list[list[float]]]

COVERED_AT = 0.5  # a sender's unit counts as mirrored at this similarity
ADDED_BELOW = 0.3  # a reply unit this far from everything said is the listener's own content

_FRAMING = re.compile(
    r"^(?:so,? )?(?:what (?:reached me|i heard|i'm hearing|i hear)(?: is| was)?|let me see if i "
    r"(?:got|get) (?:it|that|this)|if i got (?:it|that)(?: right)?|i heard you say|"
    r"you're saying|so you(?:'re| are) saying|what you said is)(?: that)?[:,]?\s*"
)
# Checking and inviting (domain.md §6.1) are good mirror practice, credited and never "added":
# "Did I get it?", "Is that right?", "Does that sound right?", "Is there more?", "Tell me more".
_CHECK_WORDS = (
    r"(?:did i (?:get|catch|miss|understand|hear|capture)|did i\b|"
    r"(?:is|was) (?:there|that|this|it) (?:more|right|it|close|accurate|correct|all|anything)|"
    r"have i (?:got|understood|missed|heard)|am i (?:getting|close|right|on track|missing)|"
    r"does (?:that|this|it) (?:sound|seem|feel) (?:right|accurate|close|about right|true)|"
    r"anything (?:i (?:missed|left out|got wrong)|i've missed|else|more)|"
    r"(?:please )?(?:let me know|tell me|correct me) (?:if|where|what)|tell me more|what else|"
    r"(?:can|could|would) you (?:tell me|say) more|say more|how (?:close|did i do))"
)
_CHECK = re.compile(rf"^(?:and |so |ok |okay |now )?{_CHECK_WORDS}")
# A check at the end of a sentence: "you felt lonely, did I get that right?"
_CHECK_TAIL = re.compile(rf"[,;\u2014\u2013-]\s*(?={_CHECK_WORDS}[^.!?]*\?\s*$)", re.IGNORECASE)
_REBUTTAL = re.compile(r"\bbut\b|\bagain\b|\bnot true\b|\bthat's not\b|\bactually\b")


def lexical_similarity(said: Sequence[str], reply: Sequence[str]) -> list[list[float]]:
    """How much of each said unit's content reappears in each reply unit (0..1)."""
    reply_stems = [content_stems(unit) for unit in reply]
    matrix: list[list[float]] = []
    for unit in said:
        stems = content_stems(unit) | frozenset(feelings_in(unit))
        row = [
            len(stems & (other | frozenset(feelings_in(text)))) / len(stems) if stems else 0.0
            for other, text in zip(reply_stems, reply, strict=True)
        ]
        matrix.append(row)
    return matrix


def reply_units(reply: str) -> tuple[list[str], list[str], list[str]]:
    """The reply's content units in the sender's perspective, as written, and its check units."""
    content: list[str] = []
    written: list[str] = []
    checks: list[str] = []
    for sentence in sentences(reply):
        head, *tail = _CHECK_TAIL.split(sentence, maxsplit=1)
        checks.extend(tail)
        if _CHECK.search(normalize(head).strip(" \"'")):
            checks.append(head)
            continue
        for unit in idea_units(head):
            lowered = normalize(unit)
            stripped = _FRAMING.sub("", lowered).strip()
            if stripped:
                content.append(flip_perspective(stripped))
                written.append(_FRAMING.sub("", unit.strip()) if _FRAMING.search(lowered) else unit)
    return content, written, checks


def check(said: str, reply: str, horsemen: Horsemen, similarity: Similarity) -> MirrorCheck:
    """Mirror fidelity of ``reply`` to ``said``, with what was missed and what was added."""
    said_units = list(idea_units(said))
    content, written, checks = reply_units(reply)
    matrix = similarity(said_units, content) if content else [[0.0] for _ in said_units]
    coverage = [max(row, default=0.0) for row in matrix]
    weights = [max(1, len(content_stems(unit))) for unit in said_units]
    covered = sum(w * min(1.0, c / COVERED_AT) for w, c in zip(weights, coverage, strict=True))
    score = covered / sum(weights)

    missed = [short_phrase(u) for u, c in zip(said_units, coverage, strict=True) if c < COVERED_AT]
    added = _added(said_units, content, written, matrix)
    feelings_missed = tuple(f for f in feelings_in(said) if f not in feelings_in(reply))

    said_feelings = feelings_in(said)
    if said_feelings:
        score *= 1.0 - 0.3 * len(feelings_missed) / len(said_feelings)
    score *= 1.0 - 0.4 * len(added) / max(1, len(content))
    defensive = max(horsemen.defensiveness, horsemen.criticism, horsemen.contempt)
    if _REBUTTAL.search(normalize(reply)):
        defensive = max(defensive, 0.5)
    score *= 1.0 - 0.8 * defensive
    if checks:
        score = min(1.0, score + 0.05)
    return MirrorCheck(
        score=max(0.0, min(1.0, score)),
        missed=tuple(missed),
        added=tuple(added),
        feelings_missed=feelings_missed,
    )


def _added(
    said_units: list[str], content: list[str], written: list[str], matrix: list[list[float]]
) -> list[str]:
    """Reply units that match nothing said, as the listener wrote them."""
    added: list[str] = []
    for column, (unit, original) in enumerate(zip(content, written, strict=True)):
        best = max((row[column] for row in matrix), default=0.0)
        reverse = lexical_similarity([unit], said_units)[0] if said_units else [0.0]
        if best < ADDED_BELOW and max(reverse, default=0.0) < COVERED_AT:
            added.append(short_phrase(original))
    return added
