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
    "error.busy": (
        "Many changes are arriving at once, so yours wasn't saved yet. Nothing saved before is "
        "lost, and your words are still here. Please send it again in a few seconds."
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
    "parent_child.soft_pause": (
        "You're quite stirred up right now. Let's pause here; this may be better continued "
        "with a therapist, or on a calmer day."
    ),
    "parent_child.therapist_only": (
        "Your therapist asked that this one wait for a session with them, when it touches "
        "something painful or you're not sure. You can do it together there."
    ),
    "parent_child.check_first": "Please answer the short private check before you start.",
    "parent_child.distress_range": "Please choose a number from 0 to {limit}.",
    "parent_child.with_therapist": (
        "Since this may touch something painful, it could be good to do it with a therapist. "
        "You can stop or pause at any moment."
    ),
    "parent_child.questions": "That list of questions can't be used. Please choose from the list.",
    "workup.list_empty": "Add at least one entry here before you go on. A word or two is enough.",
    "workup.list_full": "This list is full ({limit} entries). Remove one to add another.",
    "workup.no_such_entry": "That entry is no longer in this list. Here is the list as it is now.",
    "time_out.code_word": (
        "Choose a code word of letters only, up to 40 characters, that you'd rarely say otherwise."
    ),
    "time_out.no_plan": "Agree a time-out word and the shortest break together first.",
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
    # Parts and the IFS / IFIO exercises (issue 4: domain/parts.py, exercises/, stages.py).
    "part.not_found": "We couldn't find that page. It may have moved, or the link may be old.",
    "part.name_empty": "Give the part a name in your own words, even a rough one.",
    "part.name_too_long": (
        "A shorter name fits the map better ({length} characters; up to {limit} fit)."
    ),
    "part.field_too_long": (
        "That's a lot for one line of the card ({length} characters; the limit is {limit}). "
        "A journal may suit the rest."
    ),
    "part.trigger_empty": "Write a few words about what sets it off.",
    "part.trigger_too_long": "Please keep it to {limit} characters ({length} now).",
    "part.burden_empty": "Write a few words about the burden first.",
    "part.burden_too_long": "Please keep it to {limit} characters ({length} now).",
    "part.list_full": "This card holds up to {limit} of these. You could fold some together.",
    "part.trust_range": "Trust goes from 0 to {limit}.",
    "part.relation_to_itself": "Choose another part for this line; a part can't relate to itself.",
    "part.relation_kind": "That kind of line joins two of your own parts. Choose another kind.",
    "check_in.ratings_count": "Please rate each of the {limit} qualities.",
    "check_in.rating_range": "Each rating goes from 0 to {limit}.",
    "check_in.ratings_missing": "Please rate each quality first; 0 is fine.",
    "feel_toward.self_words": "Some Self is here, in the words you chose.",
    "feel_toward.blended_words": (
        "It sounds like another part is answering. That's common. "
        "Could it step back a little, just for now?"
    ),
    "feel_toward.no_self_words": (
        "We couldn't hear curiosity, calm or care in that yet. "
        "Could whatever is answering step back a little, just for now?"
    ),
    "u_turn.speaks_for_part": "You spoke for a part rather than from it. That's the U-turn.",
    "u_turn.still_blended": (
        'This may still be the part talking. Try starting with "a part of me…" and what it needs.'
    ),
    "u_turn.name_the_part": 'You could name the part: "a part of me feels…".',
    "u_turn.partner_parts": (
        "This speaks about your partner's parts. Try saying only what happens in you."
    ),
    "unburdening.needs_therapist": (
        "This part of the work happens only with your therapist present."
    ),
    "unburdening.needs_permission": (
        "The protecting parts haven't said yes to going further. That answer is respected."
    ),
    "unburdening.therapist_resumes": "Your therapist will pick this up with you when you're ready.",
    "stages.not_a_partner": "Signs are noted for one of the two partners.",
    "stages.not_observed": "That sign is noted by each of you, not taken from the records.",
    "stages.not_ready": (
        "Not all the signs for this stage are there yet. There's no rush; "
        "a stage can take as long as it needs."
    ),
    "stages.not_your_decision": "Your therapist confirms the move to the next stage.",
    "stages.not_your_sign": "Each of you notes your own signs; your therapist can note any.",
    "stages.other_stage": "That sign belongs to another stage than the one you are in.",
    "cycle_map.no_such_step": "Choose one of the steps on the map.",
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
    # Check-ins, progress and the therapist's side (issue 5).
    "error.empty": "Write a few words first, then save.",
    "error.too_long": "That's longer than we can keep here (the limit is {limit} characters).",
    "measures.unknown_item": "That question isn't part of this check-in. Please reload the page.",
    "measures.out_of_range": "Please choose one of the answers offered for each question.",
    "measures.bad_instrument_file": "That questionnaire file can't be used yet; check its fields.",
    "measures.no_such_instrument": (
        "We couldn't find that page. It may have moved, or the link may be old."
    ),
    "measures.partners_only": "Check-ins are for partners; your couples answer them themselves.",
    "track.too_early": "it's too early to see a trend; a few more weekly check-ins will tell.",
    "track.no_rule": "this questionnaire has no rule for judging change; here is the trend.",
    "track.steady": "no worrying change.",
    "track.fell_from_start": (
        "your total has fallen by more than the usual week-to-week wobble since you began. "
        "It may help to talk about what's been hard."
    ),
    "track.fell_since_last": (
        "your total fell by more than the usual wobble since last time. "
        "It may help to talk about what's been hard."
    ),
    "track.no_gain_yet": "after four check-ins things haven't clearly improved yet.",
    "track.low_rating": "the session didn't feel right, which is worth saying out loud.",
    "change.recovered": "a clear change for the better",
    "change.improved": "a clear improvement",
    "change.unchanged": "within the usual wobble",
    "change.deteriorated": "a clear change for the worse",
    "therapist.code_not_valid": (
        "That code didn't work. Codes work once and for a week; ask the couple for a new one."
    ),
    "therapist.accounts_only": "Only a therapist's account can use a therapist code.",
    "therapist.couple_needed": "Connect with your partner first; then you can invite a therapist.",
    "homework.unknown_kind": "Please pick one of the exercises listed.",
    "homework.due_in_past": "Please pick a date from today on.",
    "account.password": "That password doesn't match. Nothing was deleted.",
    "exercise.couples_dialogue": "A Couple's Dialogue",
    "alert.needs_attention": "Needs your attention",
    "alert.not_on_track": "Not on track",
    "alert.alliance_concern": "Session rating low",
    "alert.missed_homework": "Missed homework",
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
