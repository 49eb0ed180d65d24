"""Topics on the live hub for the guided runs, beside the dialogues' own (issue 4).

The hub keys its subscribers by a string; a run's topic is ``"<kind>:<id>"`` so a run can never
share a topic with a dialogue (whose ids carry no colon) or with a run of another kind. As for
the dialogue, only "moved to version n" is ever published; each screen fetches its own view.
"""

from attunement.domain.ids import CoupleId, DialogueId


def run_topic(kind: str, run: str) -> DialogueId:
    """The hub topic of one run, e.g. ``"imago:3f2a…"``."""
    return DialogueId(f"{kind}:{run}")


def sharing_topic(couple: CoupleId) -> DialogueId:
    """The hub topic of a couple's overlap sharing in their workups (issue 4)."""
    return run_topic("workup", couple)
