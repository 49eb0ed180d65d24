"""Safety flags: partner violence, coercive control, self-harm and threats (domain.md §4).

Recall on urgent disclosures matters more than precision (§4.9: a false alarm costs a pause, a
miss costs far more), so the patterns are broad; but everyday idioms ("this deadline is killing
me", "I could murder a pizza") are removed before matching, because false alarms on ordinary
speech would pause couples for nothing. A flag is a concern for a person to review, never a
finding about anyone (§4.9).
"""

import re

from attunement.domain.analysis import Safety, SafetyKind, SafetyLevel
from attunement.language.text_units import normalize

_PARTNER = r"(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|ex|fianc[eé]e?|spouse))"
_HARM_VERB = (
    r"hit|hits|hitting|punch(?:ed|es)?|slap(?:ped|s)?|kick(?:ed|s)?|chok(?:ed|es|ing)|"
    r"strangl(?:ed|es|ing)|shov(?:ed|es)|push(?:ed|es)|beat(?:s|en)?|grab(?:bed|s)?|"
    r"threw (?:something|things|a \w+) at|pinned|raped|assault(?:ed|s)|attack(?:ed|s)"
)

# A named person ("Sam hit me") is found in the text as written, before lower-casing: a capitalised
# word that is not a sentence-opening pronoun or thing ("It hit me", "Reality hit me").
_NAMED = re.compile(
    r"\b(?!(?:It|That|This|What|Which|There|Life|Reality|Nothing|Everything|Something|The|A|"
    r"An|My|Our|Your|I)\b)[A-Z][a-z]+(?:'s [a-z]+)? (?:has |had |just |always |even |then |)"
    rf"(?:{_HARM_VERB}) me\b"
)
_OTHER = (
    r"(?:you|him|her|them|my (?:partner|husband|wife|boyfriend|girlfriend|ex|kids?|children|"
    r"son|daughter|mum|mom|dad|sister|brother))"
)

Pattern = tuple[SafetyKind, SafetyLevel, re.Pattern[str]]


def _p(kind: SafetyKind, level: SafetyLevel, pattern: str) -> Pattern:
    return kind, level, re.compile(pattern)


_U, _C = SafetyLevel.URGENT, SafetyLevel.CONCERN
_PV, _CC = SafetyKind.PARTNER_VIOLENCE, SafetyKind.COERCIVE_CONTROL
_SH, _TH = SafetyKind.SELF_HARM, SafetyKind.THREAT

PATTERNS: tuple[Pattern, ...] = (
    _p(
        _PV,
        _U,
        rf"\b{_PARTNER} (?:has |had |have |just |always |even |keeps |then |)(?:{_HARM_VERB})"
        r" me\b",
    ),
    _p(_PV, _C, rf"\b{_PARTNER} (?:has |had )?hurt me\b(?! (?:feelings|when|by (?:saying|not)))"),
    _p(_PV, _U, r"\b(?:hands|hand) (?:around|on) my (?:throat|neck)\b|\bstrangl|\bchoked me\b"),
    _p(
        _PV,
        _U,
        r"\b(?:afraid|scared|terrified) (?:of (?:him|her|them|my partner|what (?:he|she|they)"
        r"(?:'ll| will| might| would) do)|to go home)\b",
    ),
    _p(_PV, _U, r"\b(?:bruises?|black eye|broke my|sent me to (?:the )?hospital)\b"),
    _p(_PV, _U, r"\bforced (?:me )?(?:to have sex|into sex)|\bmade me have sex\b"),
    _p(
        _CC,
        _U,
        r"\b(?:threatens?|threatened) to (?:take the (?:kids|children)|leave me "
        r"with nothing)\b",
    ),
    _p(
        _CC,
        _C,
        r"\b(?:checks|reads|goes through|monitors|tracks) my (?:phone|messages|texts|email|"
        r"location|car)\b|\btracking app\b",
    ),
    _p(
        _CC,
        _C,
        r"\b(?:won't|doesn't|does not|will not) (?:let|allow) me (?:to )?(?:see|go|talk|have|"
        r"work|leave|use)\b|\bnot allowed to (?:see|go|talk|work|leave)\b",
    ),
    _p(
        _CC,
        _C,
        r"\b(?:controls|takes|keeps) (?:all )?(?:the |my )?(?:money|paycheck|pay|bank card|"
        r"cards|car keys)\b|\b(?:permission|ask (?:him|her|them)) (?:to|before) (?:spend|go|"
        r"see)\b",
    ),
    _p(_CC, _C, r"\bcut me off from (?:my )?(?:friends|family)\b|\bisolat(?:es|ed|ing) me\b"),
    _p(
        _CC,
        _C,
        r"\b(?:took|takes|taken|hides|hid|smashed|broke) (?:away )?my (?:phone|keys|car keys|"
        r"passport|wallet|bank card|medication)\b|\blocked me (?:in|out)\b",
    ),
    _p(_SH, _U, r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting) myself\b"),
    _p(
        _SH,
        _U,
        r"\bsuicid|\bend(?:ing)? (?:my life|it all|things|myself)\b|\btake my (?:own )?life\b|"
        r"\boverdose\b",
    ),
    _p(
        _SH,
        _U,
        r"\b(?:want|wanted|wish) (?:to|i could|i was|i were) (?:die|dead|disappear)\b|"
        r"\bbetter off (?:dead|without me)\b|\bno (?:reason|point) (?:to|in) (?:live|living)\b",
    ),
    _p(_SH, _U, r"\bdon't want to (?:be here|live|wake up) anymore\b|\bcan't go on\b"),
    _p(_SH, _C, r"\bwhat's the point of (?:anything|it all|living)\b|\bhopeless\b.*\bgive up\b"),
    _p(
        _TH,
        _U,
        rf"\bi(?:'ll| will|'m going to| am going to|'m gonna|want to) (?:kill|hurt|destroy|end|"
        rf"ruin|get|beat|strangle|stab|shoot) {_OTHER}\b|"
        r"\byou(?:'ll| will) (?:regret|pay for) (?:it|this|that)\b",
    ),
    _p(
        _TH,
        _U,
        r"\b(?:threatens?|threatened) to (?:kill|hurt|stab|shoot|strangle) (?:me|us|the kids|"
        r"the children|my|himself|herself|themselves)\b|\b(?:says?|said) (?:he|she|they)"
        r"(?:'ll|'d| will| would) (?:kill|hurt|stab|shoot) (?:me|us|the kids|my)\b",
    ),
    _p(
        _TH,
        _U,
        r"\bwatch your back\b|\bi know where you (?:live|work|are)\b|\byou(?:'ll| will) "
        r"never see (?:the|your) (?:kids|children) again\b",
    ),
    _p(
        _TH,
        _U,
        r"\b(?:gun|knife|weapon)\b.*\b(?:you|me|him|her)\b|"
        r"\bif you (?:leave|go),? i(?:'ll| will)\b|"
        r"\bi(?:'ll| will) make sure you never\b",
    ),
)

# Idioms removed before matching: a subject that is a thing (deadline, job, back) "killing me",
# appetite ("murder a pizza"), eagerness ("dying to"), and success ("killed it").
IDIOMS = re.compile(
    r"\b(?:this|that|it|the [a-z]+|my (?:job|work|back|feet|head|commute|boss|deadline|knees))"
    r"(?: [a-z]+)? (?:is|'s|are|was) killing me\b|"
    r"\bkilling me softly\b|\byou(?:'re| are) killing me\b(?=[^.!?]*(?:lol|haha|ha\b|😂))|"
    r"\b(?:could|would) (?:murder|kill for|kill) (?:a|an|some|for) [a-z]+\b|"
    r"\bdying (?:to|for|of laughter)\b|\bto die for\b|\b(?:killed|killing|kill) it\b|"
    r"\bkill(?:ing)? time\b|\bkill two birds\b|\b(?:bored|scared|worried|tired) to death\b|"
    r"\bdead (?:tired|serious|on|end)\b|\bdrop dead gorgeous\b|"
    r"\bi(?:'m| am) dead\b(?= ?(?:lol|😂))|"
    r"\bmy (?:phone|battery|laptop|car) (?:is |was )?(?:dead|died)\b|\bdeadline\b|"
    r"\bbeat (?:the|my) "
    r"(?:traffic|record|deadline)\b|\bbeat (?:you|me|us) (?:at|to|in)\b|"
    r"\bkicked me out of (?:the |our )?(?:group|chat|game|team|band|meeting)\b|"
    r"\bhit (?:the|a|my) [a-z]+\b",
    re.IGNORECASE,
)


def assess(text: str) -> Safety:
    """Safety level and kinds for one utterance; urgent wins over concern."""
    cased = text.replace("\u2019", "'")
    cleaned = IDIOMS.sub(" ", normalize(text))
    hits = [(kind, level) for kind, level, pattern in PATTERNS if pattern.search(cleaned)]
    if _NAMED.search(IDIOMS.sub(" ", cased)) and not any(k is _PV for k, _ in hits):
        hits.append((_PV, _U))
    if not hits:
        return Safety()
    kinds = tuple(dict.fromkeys(kind for kind, _ in hits))
    urgent = any(level is SafetyLevel.URGENT for _, level in hits)
    return Safety(level=SafetyLevel.URGENT if urgent else SafetyLevel.CONCERN, kinds=kinds)
