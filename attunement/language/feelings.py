"""Feeling words, written by us, each mapped to one canonical name (domain.md §6.1, §6.3).

A mirror keeps "the sender's feeling words, unchanged", so the canonical name is the word a
sender most often uses; variants ("loneliness", "alone") map onto it. Thoughts dressed as
feelings ("I feel that you don't care") are not feelings and are not in the lexicon.
"""

import re
from functools import lru_cache

from attunement.language.text_units import normalize

FEELINGS: dict[str, tuple[str, ...]] = {
    "lonely": ("lonely", "loneliness", "alone", "isolated"),
    "scared": ("scared", "afraid", "frightened", "terrified", "fear", "fearful"),
    "angry": ("angry", "furious", "mad", "enraged", "rage", "livid"),
    "hurt": ("hurt", "wounded", "stung"),
    "sad": ("sad", "sadness", "unhappy", "down", "low", "miserable", "blue"),
    "disappointed": ("disappointed", "disappointment", "let down"),
    "ignored": ("ignored", "dismissed", "overlooked"),
    "unimportant": ("unimportant", "invisible", "unseen", "don't matter", "didn't matter"),
    "frustrated": ("frustrated", "frustration", "fed up", "annoyed", "irritated"),
    "anxious": ("anxious", "anxiety", "worried", "nervous", "uneasy", "on edge", "panicky"),
    "overwhelmed": ("overwhelmed", "swamped", "flooded"),
    "ashamed": ("ashamed", "shame", "embarrassed", "humiliated"),
    "guilty": ("guilty", "guilt"),
    "jealous": ("jealous", "envious"),
    "exhausted": ("exhausted", "tired", "worn out", "drained", "depleted"),
    "rejected": ("rejected", "unwanted", "pushed away"),
    "abandoned": ("abandoned", "left out", "deserted"),
    "betrayed": ("betrayed",),
    "confused": ("confused", "lost"),
    "helpless": ("helpless", "powerless", "stuck"),
    "hopeless": ("hopeless", "despair", "desperate"),
    "stressed": ("stressed", "under pressure", "tense"),
    "upset": ("upset", "distressed"),
    "resentful": ("resentful", "resentment", "bitter"),
    "devastated": ("devastated", "heartbroken", "crushed", "gutted"),
    "unloved": ("unloved", "uncared for", "not loved"),
    "unappreciated": ("unappreciated", "taken for granted"),
    "awful": ("awful", "terrible", "horrible"),
    "happy": ("happy", "glad", "joyful", "delighted"),
    "grateful": ("grateful", "thankful"),
    "relieved": ("relieved", "relief"),
    "hopeful": ("hopeful",),
    "excited": ("excited", "thrilled"),
    "loved": ("loved", "cared for", "cherished"),
    "safe": ("safe", "secure"),
    "proud": ("proud",),
    "close": ("close", "connected"),
}

_VARIANT_TO_FEELING = {
    variant: feeling for feeling, variants in FEELINGS.items() for variant in variants
}
# Longest variants first, so "let down" wins over "down".
_PATTERN = re.compile(
    r"\b("
    + "|".join(re.escape(v) for v in sorted(_VARIANT_TO_FEELING, key=len, reverse=True))
    + r")\b"
)
# Words that make a variant something other than a feeling ("down the street", "lost my keys").
_NOT_A_FEELING = re.compile(
    r"\b(?:down (?:the|to|at|here|there|on|in)|lost (?:my|the|his|her|our|your|it)|"
    r"close (?:the|to the|it|that)|safe (?:to|place)|low (?:battery|on)|stuck (?:in|at|on) "
    r"(?:traffic|work|the))\b"
)


@lru_cache(maxsize=4096)
def feelings_in(text: str) -> tuple[str, ...]:
    """Canonical feelings named in ``text``, in order of first mention, without repeats."""
    lowered = _NOT_A_FEELING.sub(" ", normalize(text))
    found: list[str] = []
    for match in _PATTERN.finditer(lowered):
        feeling = _VARIANT_TO_FEELING[match.group(1)]
        if feeling not in found:
            found.append(feeling)
    return tuple(found)


NEGATIVE = frozenset(FEELINGS) - {
    "happy",
    "grateful",
    "relieved",
    "hopeful",
    "excited",
    "loved",
    "safe",
    "proud",
    "close",
}
