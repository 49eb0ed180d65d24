"""Words, sentences and idea units of a turn, and the checks that refuse unusable text.

An *idea unit* is a clause that carries one idea of the sender (domain.md §6.1: "the sender's
main ideas"); the mirror check aligns them. Perspective flipping maps the listener's "you felt"
onto the sender's "I felt", so a faithful pronoun flip is never counted as a change.
"""

import re
from functools import lru_cache

from attunement.domain.errors import InvalidInput

MAX_CHARS = 5_000  # a spoken turn; far longer text is a document, not a dialogue turn

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
# Clause boundaries inside a sentence: a comma or dash before a connective, a semicolon, or a
# connective that starts a reason or a contrast.
_CLAUSE = re.compile(
    r"\s*(?:;|\u2014|\u2013| - |,\s*(?=(?:and|but|so|because|since|when|while|then|which|as)\b)"
    r"|\s(?=(?:because|but|since|although|though)\b)"
    r"|(?<=[a-z]{3})\s(?=i (?:felt|feel|get|got|was feeling|start|started)\b))\s*",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:and|so|then|also|because|since|but|well|oh|um|ok|okay)\b[\s,]*")

STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """a an the and or but so of to in on at for with from by as is are was were be been being
        am do does did done have has had having it its it's this that these those there here
        i me my mine myself you your yours yourself we us our he him his she her they them their
        i'm you're i've you've i'd you'd i'll you'll we're they're he's she's
        what when where which who whom why how if then than too very just really also
        not no can could would should will shall may might must about into over after before
        up down out off again all any some more most such only own same s t don't didn't
        that's what's there's it'd let's get got gets like feel felt feeling feels
        yeah yes ok okay oh um well""",
    )
)
ENGLISH_MARKERS = frozenset(
    re.findall(
        r"\S+",
        "the and a an to of i you is it that in my me we for was not on with be this he she they "
        "him her them his their our your are were been have has had do does did don't can't "
        "won't i'm it's at by from or but so if when what who why how all just about up out "
        "no yes very really feel felt like want need know think said get got go home time day",
    )
)
# Frequent words of other languages written in Latin letters; a text is refused as not English
# only when these clearly outnumber English ones, because refusing a person's English words is
# worse than analysing a foreign sentence poorly.
OTHER_MARKERS = frozenset(
    re.findall(
        r"\S+",
        "le la les est je et pas que une des du il elle nous vous ce qui suis très "
        "el los las es y por para con una pero muy yo tengo estoy "
        "der die das und ist nicht ich du sie wir ein eine mit auf sehr bin "
        "il che non di sono ho ma anche molto "
        "um uma não com eu muito estou ele ela",
    )
)
# What the sender said in the first person is what the listener says in the second (and back).
_FLIP = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "am": "are",
    "you": "i",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "i'm",
    "you've": "i've",
    "you'd": "i'd",
    "you'll": "i'll",
}


def check_text(text: object) -> str:
    """Return ``text`` stripped, or refuse it with a message key that says why.

    Raises:
        InvalidInput: not a string, empty, longer than ``MAX_CHARS``, or not English.
    """
    if not isinstance(text, str):
        raise InvalidInput("analysis.not_text")
    stripped = text.strip()
    if not stripped:
        raise InvalidInput("analysis.empty")
    if len(stripped) > MAX_CHARS:
        raise InvalidInput("analysis.too_long", limit=MAX_CHARS, length=len(stripped))
    if not _looks_english(stripped):
        raise InvalidInput("analysis.not_english")
    return stripped


def _looks_english(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if ch.isascii())
    if latin / len(letters) < 0.8:
        return False
    tokens = words(text)
    english = sum(1 for token in tokens if token in ENGLISH_MARKERS)
    other = sum(1 for token in tokens if token in OTHER_MARKERS and token not in ENGLISH_MARKERS)
    return not (other >= 2 and other > english)


def normalize(text: str) -> str:
    """Lower-case, with typographic apostrophes made plain."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def words(text: str) -> list[str]:
    """The lower-case word tokens of ``text`` (apostrophes kept inside words)."""
    return _WORD.findall(normalize(text))


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences on end punctuation and line breaks."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


@lru_cache(maxsize=4096)
def idea_units(text: str) -> tuple[str, ...]:
    """Split ``text`` into clauses that each carry one idea, in the sender's order."""
    units: list[str] = []
    for sentence in sentences(text):
        for clause in _CLAUSE.split(sentence):
            cleaned = clause.strip(" ,.;:!?-\u2014\u2013\"'")
            if len(words(cleaned)) >= 2 or (units == [] and cleaned):
                units.append(cleaned)
            elif units and cleaned:
                units[-1] = f"{units[-1]} {cleaned}"
    return tuple(units) or (text.strip(),)


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "waiting" with "waited" and "interview"."""
    for suffix in ("ing", "ed", "ly", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> frozenset[str]:
    """The stems of the words in ``text`` that carry meaning (stopwords dropped)."""
    return frozenset(stem(word) for word in words(text) if word not in STOPWORDS)


def flip_perspective(text: str) -> str:
    """Swap first and second person, so a listener's "you felt" reads as the sender's "I felt"."""
    return " ".join(_FLIP.get(word, word) for word in words(text))


def short_phrase(unit: str, limit: int = 12) -> str:
    """The unit without a leading connective, cut to ``limit`` words for display."""
    phrase = _LEADING.sub("", unit.strip())
    tokens = phrase.split()
    return " ".join(tokens[:limit]) + (" …" if len(tokens) > limit else "")
