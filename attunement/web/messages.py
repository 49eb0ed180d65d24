"""Words for every message key (style.md §5), in the coaching tone of domain.md §6.8.

Refusals travel as keys; this is the one place that turns them into sentences a person reads:
what happened, what they can do now, no blame and no codes. ``tests/web/test_messages.py``
checks every key raised anywhere in the package has words here.
"""

import logging
from collections.abc import Mapping
from typing import Final

log = logging.getLogger(__name__)

MESSAGES: Final[Mapping[str, str]] = {
    # The refusal family's defaults (domain/errors.py).
    "error.refused": "That didn't go through. Please try again.",
    "error.not_found": "We couldn't find that page. It may have moved, or the link may be old.",
    "error.invalid_input": "Something in the form needs another look. Your words are still here.",
    "error.paused": (
        "This conversation is paused. Take care of yourself; you can come back to it later."
    ),
    "error.stale": (
        "Things moved on while you were writing. Here is where you both are now; "
        "your words are kept below."
    ),
    "error.server": (
        "Something went wrong on our side. Nothing you did caused it. Please try again in a moment."
    ),
    "error.csrf": (
        "This form has expired or came from somewhere else, so we didn't send it. "
        "Please go back, reload the page and try again."
    ),
    "error.method": "That page can't be used this way. Please go back and try again.",
    # The Couple's Dialogue (domain/exercises/couples_dialogue.py, services/dialogue.py).
    "dialogue.not_found": (
        "We couldn't find that page. It may have moved, or the link may be old."
    ),
    "dialogue.move_not_allowed": (
        "That step has already moved on. Here is where the conversation is now."
    ),
    "dialogue.not_your_move": (
        "This step is your partner's to answer. Your screen moves on when they do."
    ),
    "dialogue.stale": (
        "Things moved on while you were writing. Here is where you both are now; "
        "your words are kept below."
    ),
    "dialogue.paused": (
        "This conversation is paused. Take care of yourself; you can come back to it later."
    ),
    "dialogue.no_partner": (
        "A dialogue needs both of you. Invite your partner first, then start together."
    ),
    "turn.empty": "Write a few words first, then send them.",
    "turn.too_long": (
        "That's a lot to carry at once ({length} characters; the limit is {limit}). "
        "Try sending a smaller piece now and the rest next time."
    ),
    # The Imago exercises (domain/exercises/*.py, domain/requests.py, issue 4).
    "bcr.request_not_ready": (
        "That request isn't quite ready yet. The notes below say what to change; your words "
        "are kept."
    ),
    "bcr.request_repeated": "You've offered that request already. Try a different one.",
    "bcr.pick_missing": "Choose one of the requests first, then say it back in your own words.",
    "bcr.gift_not_trade": (
        "A gift comes without conditions. Your own wishes can have their own turn another day."
    ),
    "parent_child.questions": "That list of questions can't be used. Please choose from the list.",
    "workup.list_empty": "Add at least one entry here before you go on. A word or two is enough.",
    "workup.list_full": "This list is full ({limit} entries). Remove one to add another.",
    "workup.no_such_entry": "That entry is no longer in this list. Here is the list as it is now.",
    "time_out.code_word": (
        "Choose a code word of letters only, up to 40 characters, that you'd rarely say otherwise."
    ),
    "time_out.minutes": "A break needs to be at least 5 minutes, and no longer than a day.",
    "time_out.hours": "A break can last at most a day before you come back or set a new time.",
    "time_out.too_soon": (
        "Your break has a little longer to run. Come back at the time shown; take care meanwhile."
    ),
    "time_out.break_length": "Choose a break between your agreed shortest break and one day.",
    "commitment.day_outside": "Check-ins can be recorded from the first day to the last day.",
    "commitment.already_recorded": "You've already checked in today. Your partner can add theirs.",
    "request.positive.pass": "Asks for something to do.",
    "request.positive.fail": "Turn it around: say what you'd like to happen, not what should stop.",
    "request.specific.pass": "Names something a video would show.",
    "request.specific.fail": "Say what you'd see your partner do, rather than how they should be.",
    "request.measurable.pass": "Says how often or how much.",
    "request.measurable.fail": "Say how often or how much: twice a week, for ten minutes.",
    "request.time_limited.pass": "Says for how long.",
    "request.time_limited.fail": "Say for how long: for the next two weeks, this month.",
    "request.small.pass": "Small enough to start this week.",
    "request.small.fail": "Make it smaller: no always or never, and a time you can see the end of.",
    "request.not_a_feeling.pass": "Asks for an act, not a feeling.",
    "request.not_a_feeling.fail": (
        "Ask for something your partner can do; feelings can't be asked for."
    ),
    # Accounts (services/accounts.py).
    "signup.username_invalid": (
        "Choose a username of 3 to 40 characters: letters, digits, dots, dashes or underscores."
    ),
    "signup.username_taken": "That username is already in use. Please pick another one.",
    "signup.password_short": "Please choose a password of at least 10 characters.",
    "signup.password_long": "Please choose a password of at most 200 characters.",
    "signup.name_invalid": "Please give a name of 1 to 60 characters for your partner to see.",
    "login.failed": "That username and password don't match. Please try again.",
    "login.required": "Please log in to continue.",
    # Couples and invitations (services/couples.py).
    "invite.invalid": (
        "That code didn't work. Codes work once and for a week; ask your partner for a new one."
    ),
    "invite.couple_full": "You and your partner are already connected, so no code is needed.",
    "invite.already_in_couple": "You are already connected with a partner.",
    # Safety and privacy (issue 6: services/privacy.py, services/safety.py, web/limits.py).
    "error.too_many": "That's a lot of tries in a short time. Please wait a minute and try again.",
    "login.confirm": "Please enter your password again to continue.",
    "safety.check_in_first": "Before the first joint exercise, please take the private check-in.",
    "joint.paused": "Joint exercises are paused for now. Please talk to your therapist.",
}

FALLBACK: Final = MESSAGES["error.refused"]


def words(key: str, params: Mapping[str, str | int] | None = None) -> str:
    """The sentence for ``key``, with its parameters filled in."""
    template = MESSAGES.get(key)
    if template is None:
        log.warning("no words for message key %s", key)
        return FALLBACK
    try:
        return template.format_map(dict(params or {}))
    except (KeyError, IndexError):
        log.warning("missing parameters for message key %s", key)
        return FALLBACK
