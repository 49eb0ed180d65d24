"""The four horsemen as explainable cue lexicons (domain.md §1.4, §6.6).

Each cue is a pattern with a weight, our own wording; cues combine as independent evidence,
``p = 1 - prod(1 - w)``, so one strong cue crosses the contract's 0.5 and weak cues need company.
``cues`` returns which patterns fired, so feedback can say *why*.
"""

import re
from dataclasses import dataclass

from attunement.domain.analysis import Horsemen
from attunement.language.text_units import normalize, words


@dataclass(frozen=True, slots=True)
class Cue:
    horseman: str
    pattern: re.Pattern[str]
    weight: float


def _cues(horseman: str, *pairs: tuple[str, float]) -> tuple[Cue, ...]:
    return tuple(
        Cue(horseman, re.compile(rf"(?<![a-z'])(?:{pattern})(?![a-z'])"), weight)
        for pattern, weight in pairs
    )


_TRAIT = (
    r"selfish|lazy|thoughtless|careless|useless|hopeless|inconsiderate|irresponsible|"
    r"immature|cold|heartless|impossible|unbelievable|so difficult|controlling|a slob|a mess|"
    r"clueless|negligent|rude|mean|cruel|self-centered|self-centred|paranoid|crazy"
)
_INSULT = (
    r"idiot|moron|stupid|pathetic|loser|dumb|ridiculous|joke|clown|genius|princess|"
    r"drama queen|baby|child|psycho|worthless|disgusting"
)

CUES: tuple[Cue, ...] = (
    *_cues(
        "criticism",
        (r"you (?:always|never|constantly|keep)", 0.55),
        (rf"you(?:'re| are) (?:so |such an? |just |always |really |being )?(?:{_TRAIT})", 0.6),
        (r"what(?:'s| is) wrong with you", 0.7),
        (r"why (?:can't|can not|don't|won't) you (?:ever|just)?", 0.45),
        (r"you (?:don't|do not|never) (?:care|listen|think|help|notice)", 0.55),
        (r"you only (?:care|think) about yourself", 0.7),
        (r"typical|every single time|as usual", 0.3),
        (r"you made me|it's (?:all )?your fault|because of you", 0.45),
    ),
    *_cues(
        "contempt",
        (
            rf"(?:you(?:'re| are)|what an?|such an?|you) "
            rf"(?:a |an |total |complete |such a )?(?:{_INSULT})",
            0.8,
        ),
        (r"oh (?:wow|great|brilliant|perfect|sure|please)|nice going|well done, genius", 0.55),
        (r"give me a break|grow up|get a grip|are you serious|who even|as if", 0.5),
        (r"whatever you say|yeah,? right|big surprise|shocking|of course you did", 0.55),
        (r"rolls? (?:my|her|his) eyes|eye ?roll|\*sigh\*|pfft|ugh", 0.5),
        (r"the (?:genius|princess|expert|saint)|mr\.? perfect|miss perfect", 0.5),
        (r"i can't believe i married|no wonder nobody|you disgust me|beneath me", 0.8),
    ),
    *_cues(
        "defensiveness",
        (r"but you|but what about you|what about (?:you|when you)", 0.55),
        (r"but i(?:'m| am| was| did| had| paid| do|'ve been)", 0.55),
        (r"that(?:'s| is) not fair|what do you want me to do|i(?:'ve| have) been working", 0.5),
        (r"that(?:'s| is) not (?:true|fair|what happened)|that never happened", 0.6),
        (r"(?:it's|it is|that's) not my fault|i didn't do anything|not my problem", 0.6),
        (r"i (?:was|am) (?:just|only)|i had (?:no|to)|i couldn't help", 0.3),
        (r"you(?:'re| are) the one who|you do it too|you started", 0.6),
        (r"i wouldn't (?:have to|need to|forget)[^.]* if you|if you (?:ever|just) helped", 0.6),
        (r"(?:well|yeah),? (?:i|but)|excuse me for|sorry for (?:breathing|existing)", 0.35),
        (r"you(?:'re| are) (?:overreacting|too sensitive|exaggerating)", 0.6),
    ),
    *_cues(
        "stonewalling",
        (r"^(?:whatever|fine|sure|ok|okay|forget it|nothing|no comment)\W*$", 0.75),
        (r"^(?:fine|whatever)\W+(?:whatever|fine|do what you want)\W*$", 0.85),
        (r"i(?:'m| am) done(?: talking)?|i(?:'m| am) not (?:talking|discussing|doing this)", 0.6),
        (r"i don't want to talk|leave me alone|talk to the hand|i have nothing to say", 0.65),
        (r"(?:walks?|walked|storms?|stormed) (?:out|off|away)|slam(?:s|med)? the door", 0.55),
        (r"do what(?:ever)? you want|i don't care anymore|this is pointless", 0.5),
    ),
)


def fired(text: str) -> list[Cue]:
    """The cues whose pattern occurs in ``text``."""
    lowered = normalize(text).strip()
    return [cue for cue in CUES if cue.pattern.search(lowered)]


def _combine(weights: list[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return 1.0 - remaining


def score(text: str) -> Horsemen:
    """Horsemen probabilities for one utterance."""
    cues = fired(text)
    by_name: dict[str, list[float]] = {}
    for cue in cues:
        by_name.setdefault(cue.horseman, []).append(cue.weight)
    shouting = _shouting(text)
    criticism = by_name.get("criticism", [])
    if shouting and criticism:
        criticism = [*criticism, 0.2]
    return Horsemen(
        criticism=_combine(criticism),
        contempt=_combine(by_name.get("contempt", [])),
        defensiveness=_combine(by_name.get("defensiveness", [])),
        stonewalling=_combine(by_name.get("stonewalling", [])),
    )


def _shouting(text: str) -> bool:
    capitals = [word for word in text.split() if len(word) > 2 and word.isupper()]
    return "!!" in text or len(capitals) >= 2 or (bool(words(text)) and text.count("!") >= 2)
