"""Blended speech vs. speaking for a part, and the speak-for-a-part rewrite (domain.md §6.7, §2.9).

Signals follow §6.7: "a part of me" and naming the part's feeling or need mark speaking *for* a
part; absolutes, second-person accusations, identity statements and high arousal mark speaking
*from* one (blended). Parts language used as a wrapper for contempt ("a part of me thinks you're
selfish") is a forbidden shape (§2.9): it counts as blended, not as speaking for a part.
"""

import re

from attunement.domain.analysis import PRESENT_AT, Horsemen, PartsSignal
from attunement.language.feelings import NEGATIVE
from attunement.language.text_units import normalize, sentences

_FOR_PART = re.compile(
    r"\b(?:a|one|some|little|younger|scared|angry|hurt|protective) part of me\b|"
    r"\bpart of me\b|\bsome of me\b|\bthere(?:'s| is) a part\b|\ba (?:younger |little )?part "
    r"(?:that|which|in me)\b|\bthis part\b"
)
_WRAPPED_ATTACK = re.compile(r"\bpart of me (?:thinks|knows|says) (?:that )?you(?:'re| are)\b")
_BLENDED = re.compile(
    r"\byou (?:always|never)\b|\bi(?:'m| am) (?:so )?(?:done|furious|sick of|fed up)\b|"
    r"\bwhy do i even\b|\bi can't take\b|\bi hate\b|\beveryone always\b|\bnobody ever\b|"
    r"\byou(?:'re| are) just like\b|^(?:fine|whatever)\b"
)

_ABSOLUTE = re.compile(r"\b(?:always|never|constantly|every time|every single time)\b\s*")
_YOU_CLAUSE = re.compile(r"\byou (?:always |never |constantly |keep )?([a-z' ]{3,60})")
_CHARACTER = re.compile(r"\byou(?:'re| are)\b|\bwhat(?:'s| is) wrong\b|\bwhy can't you\b")


def signal(text: str, horsemen: Horsemen) -> PartsSignal:
    """Whether ``text`` speaks for a part and whether it is blended with one."""
    lowered = normalize(text)
    wrapped_attack = bool(_WRAPPED_ATTACK.search(lowered))
    attacking = max(horsemen.criticism, horsemen.contempt) >= PRESENT_AT
    speaks_for = bool(_FOR_PART.search(lowered)) and not wrapped_attack and not attacking
    blended = (wrapped_attack or attacking or horsemen.stonewalling >= PRESENT_AT) or bool(
        _BLENDED.search(lowered.strip())
    )
    return PartsSignal(speaks_for_part=speaks_for, blended=blended and not speaks_for)


def _behavior(text: str) -> str | None:
    """The observable behaviour in a complaint, with absolutes and character words left out."""
    for sentence in sentences(normalize(text)):
        if _CHARACTER.search(sentence) and not re.search(r"\byou (?:always|never)\b", sentence):
            continue  # a character judgement, not an observable behaviour
        match = _YOU_CLAUSE.search(sentence)
        if match is None:
            continue
        never = re.search(r"\byou never\b", sentence) is not None
        phrase = _ABSOLUTE.sub("", match.group(1)).strip(" ,.!?")
        if phrase:
            return f"you don't {phrase}" if never else f"you {phrase}"
    return None


def rewrite(text: str, horsemen: Horsemen, feelings: tuple[str, ...]) -> str | None:
    """A speak-for-a-part version of a criticism or contempt, from a deterministic template.

    Follows the recipe of domain.md §2.9: name a part, its feeling, the trigger in observable
    terms (absolutes and character words dropped), the need underneath, and a request.
    """
    if max(horsemen.criticism, horsemen.contempt) < PRESENT_AT:
        return None
    felt = [feeling for feeling in feelings if feeling in NEGATIVE] or ["hurt"]
    feeling = " and ".join(felt[:2])
    behavior = _behavior(text)
    trigger = f"when {behavior}" if behavior else "when this happens between us"
    return (
        f"A part of me feels {feeling} {trigger}. "
        "Underneath, it wants to know that I matter to you and that we're in this together. "
        "Could we talk about what would help next time?"
    )
