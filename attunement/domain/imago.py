"""A person's imago from their workup: the summary draft and the overlaps (domain.md §2.4, §3.3).

``draft_synthesis`` assembles one paragraph from the lists, in our own words: the kind of person
sought (the caregivers' good and hard traits, the most influential first), what the person hopes
finally to receive, and how their own reaction can get in the way. ``suggest_overlaps`` compares
the caregivers' traits with the traits the person listed for their partner, by shared word stems
and a small table of near-synonyms, so every suggestion can name the words that matched. It is a
map for understanding one's own reactions, never a label for the partner, so it is shown only
when both partners have said yes (``overlaps_shown``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class EntryKind(StrEnum):
    CAREGIVER = "caregiver"
    POSITIVE_TRAIT = "positive_trait"
    NEGATIVE_TRAIT = "negative_trait"
    WANTED = "wanted"
    FRUSTRATION = "frustration"
    FEELING = "feeling"
    REACTION = "reaction"
    PARTNER_POSITIVE = "partner_positive"
    PARTNER_NEGATIVE = "partner_negative"


@dataclass(frozen=True, slots=True)
class Entry:
    kind: EntryKind
    text: str
    influential: bool = False


@dataclass(frozen=True, slots=True)
class Overlap:
    """A caregiver trait that may echo in a partner trait, and the words that matched."""

    caregiver_trait: str
    partner_trait: str
    because: str


# Words that say the same thing about a person in everyday speech (our own small table).
NEAR_SYNONYMS: Final = (
    frozenset({"distant", "cold", "aloof", "withdrawn", "absent", "unavailable", "remote"}),
    frozenset({"warm", "affectionate", "loving", "tender", "caring", "kind"}),
    frozenset({"critical", "judgmental", "harsh", "demanding", "picky", "perfectionist"}),
    frozenset({"angry", "explosive", "volatile", "temper", "irritable", "moody"}),
    frozenset({"funny", "playful", "humorous", "silly", "fun"}),
    frozenset({"busy", "workaholic", "overworked", "preoccupied"}),
    frozenset({"anxious", "worried", "nervous", "fearful", "worrier"}),
    frozenset({"controlling", "strict", "rigid", "bossy", "domineering"}),
    frozenset({"generous", "giving", "openhanded"}),
    frozenset({"reliable", "dependable", "steady", "consistent"}),
    frozenset({"quiet", "reserved", "silent", "shy"}),
    frozenset({"smart", "clever", "intelligent", "bright"}),
)
_STOPWORDS: Final = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "with", "very",
        "quite", "really", "often", "sometimes", "always", "never", "was", "were", "is", "are",
        "be", "been", "me", "my", "i", "he", "she", "they", "them", "his", "her", "their", "not",
        "so", "too", "bit",
    }
)  # fmt: skip
_SUFFIXES: Final = ("ness", "ing", "ful", "ed", "ly", "s")
_WORD = re.compile(r"[a-z]+")
PAIRS: Final = (
    (EntryKind.POSITIVE_TRAIT, EntryKind.PARTNER_POSITIVE),
    (EntryKind.NEGATIVE_TRAIT, EntryKind.PARTNER_NEGATIVE),
)


def draft_synthesis(entries: Sequence[Entry]) -> str:
    """One paragraph the person can edit freely; it repeats only their own words."""
    sentences = []
    caregivers = _texts(entries, EntryKind.CAREGIVER)
    if caregivers:
        sentences.append(f"I was raised by {_join(caregivers)}.")
    good = _texts(entries, EntryKind.POSITIVE_TRAIT)
    hard = _texts(entries, EntryKind.NEGATIVE_TRAIT)
    if good or hard:
        sentences.append(
            "I may be drawn to someone who is "
            + " and also ".join(part for part in (_join(good), _join(hard)) if part)
            + "."
        )
    wanted = _texts(entries, EntryKind.WANTED)
    if wanted:
        sentences.append(f"What I hope finally to receive is {_join(wanted)}.")
    reactions = _texts(entries, EntryKind.REACTION)
    if reactions:
        sentences.append(
            f"When I don't get it, I tend to {_join(reactions)}, "
            "and that can make it harder to receive."
        )
    return " ".join(sentences)


def suggest_overlaps(entries: Sequence[Entry]) -> list[Overlap]:
    """Caregiver traits that share a stem or a near-synonym with a partner trait, same polarity."""
    found = []
    for caregiver_kind, partner_kind in PAIRS:
        for trait in _texts(entries, caregiver_kind, influential_first=False):
            for partner_trait in _texts(entries, partner_kind, influential_first=False):
                because = _shared(trait, partner_trait)
                if because:
                    found.append(Overlap(trait, partner_trait, because))
    return found


def overlaps_shown(entries: Sequence[Entry], *, mine: bool, partners: bool) -> list[Overlap]:
    """The overlaps to show the owner: none unless both partners consented (§2.4)."""
    return suggest_overlaps(entries) if mine and partners else []


def stems(text: str) -> set[str]:
    """The content words of ``text``, lower-cased and stripped of common endings."""
    return {_stem(word) for word in _WORD.findall(text.lower()) if word not in _STOPWORDS}


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _shared(first: str, second: str) -> str:
    """The words that make two traits alike, or "" when nothing does."""
    common = stems(first) & stems(second)
    if common:
        return ", ".join(sorted(common))
    words_a, words_b = set(_WORD.findall(first.lower())), set(_WORD.findall(second.lower()))
    for group in NEAR_SYNONYMS:
        if words_a & group and words_b & group:
            return ", ".join(sorted((words_a | words_b) & group))
    return ""


def _texts(
    entries: Iterable[Entry], kind: EntryKind, *, influential_first: bool = True
) -> list[str]:
    chosen = [entry for entry in entries if entry.kind is kind]
    if influential_first:
        chosen.sort(key=lambda entry: not entry.influential)
    return [entry.text for entry in chosen]


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
