"""Compassion vs. over-identification in a reply: how much it centres the listener (domain.md §6.4).

A reply that turns to the listener's own story ("that happened to me too") or own distress ("I
feel so awful I can't stand it") leaves the sender comforting the listener. Pronouns alone are
not evidence: a faithful mirror says "I was on my phone" about the listener's own part in the
sender's story, so only own-story and own-feeling cues count.
"""

import re

from attunement.language.feelings import NEGATIVE, feelings_in
from attunement.language.text_units import normalize, sentences

_OWN_STORY = re.compile(
    r"\bme too\b|\b(?:that|this|the same(?: thing)?) (?:happened|happens) to me\b|"
    r"\bi know exactly how (?:you feel|that feels)\b|\bwhen i was\b|\bthat reminds me\b|"
    r"\bi(?:'ve| have) been there\b|\bsame (?:thing )?(?:with|for) me\b|\bmy (?:own )?(?:dad|mom|"
    r"mother|father|ex|childhood)\b|\bi went through\b|\bi feel like that whenever\b"
)
_OWN_DISTRESS = re.compile(
    r"\bi can't (?:stand|bear|take|handle) (?:it|this|that)\b|\bi(?:'m| am) the worst\b|"
    r"\bi(?:'m| am) (?:a |such a )?(?:terrible|horrible|awful) (?:person|partner)\b|"
    r"\bmakes me (?:feel )?(?:so |really )?(?:awful|sick|terrible|devastated|sad|upset)\b|"
    r"\bi(?:'m| am) (?:falling apart|a mess|devastated|crushed|shaking)\b"
)
_OWN_FEELING = re.compile(r"\bi (?:feel|felt|am|was|'m)\b|\bi'm\b|\bmakes me\b")


def self_focus(reply: str) -> float:
    """0 = centred on the sender, 1 = all about the listener (empathic distress, §6.4)."""
    lowered = normalize(reply)
    evidence: list[float] = []
    evidence += [0.5] * len(_OWN_STORY.findall(lowered))
    evidence += [0.45] * len(_OWN_DISTRESS.findall(lowered))
    for sentence in sentences(lowered):
        own = _OWN_FEELING.search(sentence) and not re.search(r"\byou (?:feel|felt)\b", sentence)
        if own and any(feeling in NEGATIVE for feeling in feelings_in(sentence)):
            evidence.append(0.35)
    remaining = 1.0
    for weight in evidence:
        remaining *= 1.0 - weight
    return 1.0 - remaining
