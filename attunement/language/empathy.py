"""Validation and empathy in a listener's reply (domain.md §6.2, §6.3).

Validation needs an explicit "you make sense" *and* a reason from the sender's situation; a "but"
after it or a self-attack undoes it. Empathy is scored on the three EPITOME mechanisms
(Sharma et al. 2020), each 0 none / 1 weak / 2 strong, from cue lexicons written by us.
"""

import re

from attunement.domain.analysis import EmpathyCheck, ValidationCheck
from attunement.language.feelings import feelings_in
from attunement.language.text_units import normalize, sentences

VALIDATES = re.compile(
    r"\bmakes? (?:total |complete |so much |perfect )?sense\b|\badds up\b|\bno wonder\b|"
    r"\bi (?:can |totally |really )?(?:see|understand|get) why\b|\bunderstandable\b|"
    r"\bof course you (?:felt|feel|were|would)\b|\banyone would\b|\byou have every right\b|"
    r"\bit's (?:natural|normal|okay|ok|fair) (?:to|that you)\b|\byou(?:'re| are) right\b"
)
_REASON = re.compile(r"\bbecause\b|\bsince\b|\bgiven\b|\bafter\b|\bwhen you\b|:|\byou'd\b|\bso\b")
_UNDONE = re.compile(r"\bbut\b|\bhowever\b|\balthough\b")
_SELF_ATTACK = re.compile(r"\bi(?:'m| am) (?:a |an |the )?(?:terrible|awful|horrible|worst|bad)\b")
_HEDGE = re.compile(r"\bi guess\b|\bi suppose\b|\bsort of\b|\bkind of\b")

ER_STRONG = re.compile(
    r"\bsounds (?:so |really |very )?(?:painful|hard|awful|lonely|difficult|heartbreaking|"
    r"scary|exhausting|upsetting)\b|\bi(?:'m| am) (?:so |really )?sorry (?:you|that)\b|"
    r"\bmy heart\b|\bi care (?:about|for)\b|\bi(?:'m| am) here\b|\bi feel for you\b|"
    r"\bthat must (?:have been|be|hurt)\b|\bi wish i had\b"
)
ER_WEAK = re.compile(r"\bsorry\b|\bthat's (?:sad|hard|rough|tough)\b|\boh no\b|\baw+\b|\bugh\b")
IP_STRONG = re.compile(
    r"\byou (?:must |might |may )?(?:have )?(?:felt|feel|were feeling|are feeling)\b|"
    r"\bit sounds like you\b|\bmy guess is\b|\bi (?:can )?(?:imagine|see|understand) (?:how|that|"
    r"why) you\b|\bi hear (?:that )?you\b|\bwhat (?:i heard|reached me|i'm hearing)\b|"
    r"\bso you(?:'re| are)?\b"
)
IP_WEAK = re.compile(
    r"\bi understand\b|\bi get (?:it|that)\b|\bi see\b|\bi know how\b|\bi hear you\b|"
    r"\bi can relate\b|\bsounds like\b"
)
EX_STRONG = re.compile(
    r"\bis there more\b|\btell me more\b|\bwhat else\b|\b(?:what|how) (?:was|did|does|do|is) "
    r"(?:that|it|you)\b[^?]*\?|\bwhat (?:do|did|would) you (?:need|want|mean|feel)\b"
)


def validation(reply: str) -> ValidationCheck:
    """Whether ``reply`` says the sender makes sense, and gives a reason (§6.2)."""
    lowered = normalize(reply)
    match = VALIDATES.search(lowered)
    if match is None or _SELF_ATTACK.search(lowered):
        return ValidationCheck(present=False, score=0.1 if match else 0.0)
    after = lowered[match.end() :]
    score = 0.6 + (0.35 if _REASON.search(after) else 0.0)
    if _UNDONE.search(after):
        score *= 0.3  # "I see why you'd think that, but…" is a defence (§6.2, poor)
    if _HEDGE.search(lowered):
        score *= 0.75
    score = min(score, 1.0)
    return ValidationCheck(present=score >= 0.5, score=score)


def feelings_named(reply: str) -> tuple[str, ...]:
    """Feelings the reply attributes to the sender (not the listener's own)."""
    named: list[str] = []
    for sentence in sentences(normalize(reply)):
        if not re.search(r"\byou\b|\byour\b|\bthat (?:sounds|must)\b|\bsounds\b", sentence):
            continue
        if re.search(r"\bi (?:feel|felt|am|'m|was)\b", sentence) and "you" not in sentence:
            continue
        named.extend(feeling for feeling in feelings_in(sentence) if feeling not in named)
    return tuple(named)


def _level(text: str, strong: re.Pattern[str], weak: re.Pattern[str] | None) -> int:
    if strong.search(text):
        return 2
    return 1 if weak is not None and weak.search(text) else 0


def empathy(reply: str, learned: tuple[int, int, int] | None = None) -> EmpathyCheck:
    """EPITOME mechanisms and the feelings named in ``reply`` (§6.3).

    ``learned`` are the trained heads' levels (heads.py); where given they replace the cue
    levels, except that a strong cue of ours (written for couple dialogue) still counts as 2.
    """
    lowered = normalize(reply)
    named = feelings_named(reply)
    reactions = _level(lowered, ER_STRONG, ER_WEAK)
    interpretations = _level(lowered, IP_STRONG, IP_WEAK)
    explored = _level(lowered, EX_STRONG, None)
    if learned is not None:
        reactions = 2 if reactions == 2 else learned[0]
        interpretations = 2 if interpretations == 2 else learned[1]
        explored = 2 if explored == 2 else learned[2]
    if named and interpretations < 2:
        interpretations = 2 if re.search(r"\byou\b", lowered) else 1
    explorations = explored or (1 if "?" in reply and learned is None else 0)
    score = 0.3 * reactions / 2 + 0.45 * interpretations / 2 + 0.15 * explorations / 2
    score = min(1.0, score + (0.1 if named else 0.0) + (0.1 if len(named) > 1 else 0.0))
    return EmpathyCheck(
        present=score >= 0.5,
        score=score,
        feelings_named=named,
        emotional_reactions=reactions,
        interpretations=interpretations,
        explorations=explorations,
    )
