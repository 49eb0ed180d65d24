"""What the Imago Workup says on screen, in our own words (domain.md §2.4)."""

from collections.abc import Mapping
from typing import Final

from attunement.domain.exercises.workup import Step
from attunement.domain.imago import EntryKind

#: (heading, what to do) for each step.
STEP_WORDS: Final[Mapping[Step, tuple[str, str]]] = {
    Step.INTRO_CONSENT: (
        "Your Imago Workup",
        "A quiet look back at the people who raised you. Memories may stir; you can stop at any "
        "time, and pick it up another day. Nobody else sees it.",
    ),
    Step.CAREGIVERS: ("Who raised you", "Parents, grandparents, older siblings, carers…"),
    Step.POSITIVE_TRAITS: (
        "Their good traits",
        "As you experienced them when you were small. Mark the ones that mattered most.",
    ),
    Step.NEGATIVE_TRAITS: (
        "Their hard traits",
        "As you experienced them when you were small. Mark the ones that mattered most.",
    ),
    Step.WANTED_MOST: ("What you wanted most", "What you longed for from them and didn't get."),
    Step.FRUSTRATIONS: ("Frustrations", "What frustrated you again and again as a child."),
    Step.FEELINGS: ("Feelings", "How those frustrations felt."),
    Step.REACTIONS: ("How you reacted", "Withdrew, went along, fought, performed, hid…"),
    Step.SYNTHESIS: (
        "Your imago, in a paragraph",
        "Here is a draft made from your own words. Change anything you like.",
    ),
    Step.PARTNER_POSITIVE: (
        "Your partner's good traits",
        "Optional. Used only for overlaps, and only if you both say yes.",
    ),
    Step.PARTNER_NEGATIVE: ("Your partner's hard traits", "Optional, like the list before."),
    Step.DONE: ("Done for now", "You can go back to any list and change it."),
}

LIST_TITLES: Final[Mapping[EntryKind, str]] = {
    EntryKind.CAREGIVER: "Who raised you",
    EntryKind.POSITIVE_TRAIT: "Their good traits",
    EntryKind.NEGATIVE_TRAIT: "Their hard traits",
    EntryKind.WANTED: "What you wanted most",
    EntryKind.FRUSTRATION: "Frustrations",
    EntryKind.FEELING: "Feelings",
    EntryKind.REACTION: "How you reacted",
    EntryKind.PARTNER_POSITIVE: "Your partner's good traits",
    EntryKind.PARTNER_NEGATIVE: "Your partner's hard traits",
}

BUTTONS: Final[Mapping[str, str]] = {
    "consent": "Begin",
    "add": "Add",
    "remove": "Remove",
    "mark": "Mark as most important",
    "next": "Next",
    "back": "Back",
    "accept": "Keep this summary",
    "skip": "Skip the partner lists",
}
