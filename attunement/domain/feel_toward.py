"""Reading a "how do you feel toward this part?" answer (domain.md §2.6 step 4, §2.9 step 6).

A small word-list classifier, deterministic and explainable: the answer shows a Self quality when
it names one of the 8 Cs (or a near word such as "open" or "warm") and nothing that judges, fears
or wants to be rid of the part. Anything else — including an answer with no feeling word at all —
is read as blended, because the machine only moves on to befriending once Self is clearly
present; the person sees which words decided, and the next step is always a gentle unblending
question, never a verdict. The lists are our own; a clinician should review them (§7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

SELF_WORDS: Final = frozenset(
    str.split(
        "curious curiosity interested interest wonder wondering open openness calm calmer peaceful "
        "settled steady clear clarity compassion compassionate caring care warm warmth tender kind "
        "kindness confident confidence courage courageous brave creative creativity playful "
        "connected connection close patience present presence accepting acceptance "
        "appreciative appreciation grateful gratitude loving love gentle friendly respect "
        "respectful welcoming"
    )
)
BLENDED_WORDS: Final = frozenset(
    str.split(
        "annoyed annoying irritated irritating frustrated frustrating hate hatred disgusted "
        "disgusting stupid pathetic weak ridiculous useless ashamed embarrassed embarrassing "
        "afraid scared frightened worried anxious nervous dread overwhelmed terrified angry "
        "furious mad rage resent resentful contempt judgmental judging judge bored "
        "numb nothing hopeless tired"
    )
)
BLENDED_PHRASES: Final = (
    "get rid",
    "go away",
    "want it gone",
    "wish it would stop",
    "sick of",
    "fed up",
    "can't stand",
    "cannot stand",
    "shut up",
    "make it stop",
    "fix it",
)
NEGATIONS: Final = frozenset(str.split("not no never don't dont isn't wasn't can't cannot hardly"))
NEGATION_REACH: Final = 3  # "not very curious", "don't feel much compassion"


class Stance(StrEnum):
    SELF_QUALITY = "self_quality"
    BLENDED = "blended"


@dataclass(frozen=True, slots=True)
class FeelToward:
    """The reading of one answer and the words that decided it."""

    classified_as: Stance
    self_words: tuple[str, ...] = ()
    blended_words: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """A message key saying why, for the person's own screen."""
        if self.classified_as is Stance.SELF_QUALITY:
            return "feel_toward.self_words"
        if self.blended_words:
            return "feel_toward.blended_words"
        return "feel_toward.no_self_words"


def classify(answer: str) -> FeelToward:
    """Read ``answer`` as a Self quality or as a part that has blended (see module docstring)."""
    text = answer.lower().replace("\u2019", "'")
    self_found: list[str] = []
    blended_found: list[str] = []
    for clause in re.split(r"[.,;:!?\n]|\bbut\b", text):  # a "not" reaches to the clause's end
        tokens = re.findall(r"[a-z']+", clause)
        for index, token in enumerate(tokens):
            negated = any(t in NEGATIONS for t in tokens[max(0, index - NEGATION_REACH) : index])
            if token in SELF_WORDS:
                (blended_found if negated else self_found).append(
                    f"not {token}" if negated else token
                )
            elif token in BLENDED_WORDS and not negated:
                blended_found.append(token)
    joined = " ".join(re.findall(r"[a-z']+", text))
    blended_found.extend(phrase for phrase in BLENDED_PHRASES if phrase in joined)
    stance = Stance.SELF_QUALITY if self_found and not blended_found else Stance.BLENDED
    return FeelToward(stance, tuple(dict.fromkeys(self_found)), tuple(dict.fromkeys(blended_found)))
