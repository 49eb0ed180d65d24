"""Whether a behaviour change request is one a partner can give (domain.md §2.3, §3.3).

A request passes when it asks for something to *do* (not to stop), names an act a video would
show, says how often or how much, says for how long, is small enough for this week, and asks for
an act rather than a feeling. Each criterion is a short list of plain text rules, so the verdict
can always say which words decided it: the person sees the rule and can disagree with it. Two
criteria of the table are left to people, because no text rule can judge them: whether the
request fits the giver's real week (*achievable* beyond "small") and whether it serves the desire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

MAX_REQUEST = 300
LONGEST_HORIZON_DAYS = 90  # "small enough to do this week", renewed in a new run (§2.3)

NUMBER_WORDS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
UNIT_DAYS: Final = {
    "day": 1, "night": 1, "evening": 1, "week": 7, "weekend": 7, "month": 30, "year": 365,
}  # fmt: skip

# What is said before the request itself: "Could you please…", "I'd like you to…".
_FRAME = re.compile(
    r"^(?:(?:please|kindly|could you|would you|will you|can you|i(?:'d| would) like (?:you )?to|"
    r"i(?:'d| would) love (?:it )?if you(?: would)?|i ask (?:you )?to|"
    r"my request is (?:that you|to))[\s,]*)+",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"\b(stop|quit|don'?t|do not|never|no more|no longer|not|won'?t|avoid|refrain|cease|"
    r"less|give up|cut (?:out|down)|without)\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"\b(considerate|attentive|thoughtful|supportive|respectful|respect me|nicer|kinder|better|"
    r"more present|more available|caring|loving|understanding|responsible|helpful|romantic|"
    r"affectionate|make (?:an|more) effort|try harder|pay (?:more )?attention|show (?:me )?"
    r"(?:that )?you care|be there for me|help (?:out )?more|be more|be less|change)\b",
    re.IGNORECASE,
)
_NUMBER = "|".join([r"\d+", *NUMBER_WORDS, "once", "twice", "a couple of"])
_UNIT = r"(?:minute|hour|day|night|evening|morning|week|weekend|month|time)s?"
_MEASURE = re.compile(
    rf"\b((?:{_NUMBER})\s+(?:\w+\s+)?{_UNIT}|once|twice|daily|nightly|weekly|every (?:day|"
    rf"morning|evening|night|week|weekday|other day|monday|tuesday|wednesday|thursday|friday|"
    rf"saturday|sunday)|"
    rf"each (?:day|morning|evening|night|week)|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)"
    rf"days?|tonight|tomorrow|(?:\d+|{_NUMBER})\s+(?:questions?|things?|times?))\b",
    re.IGNORECASE,
)
_VAGUE_AMOUNT = re.compile(
    r"\b(more often|sometimes|regularly|occasionally|now and then|from time to time|"
    r"as much as (?:you|possible)|when you can)\b",
    re.IGNORECASE,
)
_HORIZON = re.compile(
    rf"\b(?:for|over|during) (?:the )?(?:next |coming )?(?:(?P<n>{_NUMBER})\s+)?"
    r"(?P<unit>day|night|evening|week|weekend|month|year)s?\b",
    re.IGNORECASE,
)
_HORIZON_FIXED: Final = {
    "tonight": 1, "tomorrow": 1, "this weekend": 3, "this week": 7, "next week": 14,
    "this month": 30, "until the end of the month": 30,
}  # fmt: skip
_OPEN_ENDED = re.compile(
    r"\b(always|never|ever again|every time|whenever|all the time|forever|at all times|constantly|"
    r"every single|from now on|anymore|for good|(?:for|over) (?:the next |a )?years?)\b",
    re.IGNORECASE,
)
_FEELING_HEAD = re.compile(
    r"^(?:feel|love|enjoy|want|like|care|mean it|be (?:happy|happier|glad|excited|calm|calmer|"
    r"grateful|relaxed|in love))\b",
    re.IGNORECASE,
)


class Criterion(StrEnum):
    POSITIVE = "positive"
    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    TIME_LIMITED = "time_limited"
    SMALL = "small"
    NOT_A_FEELING = "not_a_feeling"


@dataclass(frozen=True, slots=True)
class Verdict:
    """One criterion's answer, its message key, and the words that decided it."""

    criterion: Criterion
    passed: bool
    evidence: str = ""

    @property
    def message_key(self) -> str:
        return f"request.{self.criterion.value}.{'pass' if self.passed else 'fail'}"


@dataclass(frozen=True, slots=True)
class RequestCheck:
    text: str
    verdicts: tuple[Verdict, ...]
    horizon_days: int | None  # for how long the request asks, when it says so

    @property
    def passed(self) -> bool:
        return all(v.passed for v in self.verdicts)

    def failed(self) -> list[Verdict]:
        """The criteria the request does not meet yet, in the table's order."""
        return [v for v in self.verdicts if not v.passed]


def check_request(text: str) -> RequestCheck:
    """Judge ``text`` against every criterion; the same text always gets the same answer."""
    words = " ".join(text.split())
    core = _FRAME.sub("", words)
    horizon = horizon_days(words)
    verdicts = (
        _absent(Criterion.POSITIVE, _NEGATIVE, words),
        _absent(Criterion.SPECIFIC, _VAGUE, words),
        _measurable(words),
        Verdict(Criterion.TIME_LIMITED, horizon is not None, _horizon_words(words)),
        _small(words, horizon),
        _absent(Criterion.NOT_A_FEELING, _FEELING_HEAD, core),
    )
    return RequestCheck(text=words, verdicts=verdicts, horizon_days=horizon)


def horizon_days(text: str) -> int | None:
    """For how many days the request runs ("for the next four weeks" is 28), if it says."""
    match = _HORIZON.search(text)
    if match is not None:
        count = (match.group("n") or "1").lower()
        number = int(count) if count.isdigit() else NUMBER_WORDS.get(count, 2)
        return number * UNIT_DAYS[match.group("unit").lower()]
    lowered = text.lower()
    for phrase, days in _HORIZON_FIXED.items():
        if phrase in lowered:
            return days
    return None


def _horizon_words(text: str) -> str:
    match = _HORIZON.search(text)
    if match is not None:
        return match.group(0)
    lowered = text.lower()
    return next((phrase for phrase in _HORIZON_FIXED if phrase in lowered), "")


def _absent(criterion: Criterion, rule: re.Pattern[str], text: str) -> Verdict:
    match = rule.search(text)
    return Verdict(criterion, match is None, "" if match is None else match.group(0))


def _measurable(text: str) -> Verdict:
    """How often or how much, said apart from for how long ("for two weeks" is not a count)."""
    vague = _VAGUE_AMOUNT.search(text)
    if vague is not None:
        return Verdict(Criterion.MEASURABLE, passed=False, evidence=vague.group(0))
    match = _MEASURE.search(_HORIZON.sub(" ", text))
    return Verdict(Criterion.MEASURABLE, match is not None, "" if match is None else match.group(0))


def _small(text: str, horizon: int | None) -> Verdict:
    """Small: no open-ended absolutes, and a horizon a couple can see the end of."""
    match = _OPEN_ENDED.search(text)
    if match is not None:
        return Verdict(Criterion.SMALL, passed=False, evidence=match.group(0))
    if horizon is not None and horizon > LONGEST_HORIZON_DAYS:
        return Verdict(Criterion.SMALL, passed=False, evidence=_horizon_words(text))
    return Verdict(Criterion.SMALL, passed=True)
