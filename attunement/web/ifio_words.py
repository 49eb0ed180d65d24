"""What the IFIO screens say: stages, readiness signs, U-turn and cycle-map steps (our words)."""

from typing import Final

from attunement.domain.exercises import cycle_map, u_turn
from attunement.domain.stages import Sign, Stage

STAGES: Final[dict[Stage, str]] = {
    Stage.SAFE_SPACE: "Creating a safe space",
    Stage.IDENTIFYING_PARTS: "Identifying parts",
    Stage.UNBLENDING: "Unblending",
    Stage.ACCESSING_SELF: "Accessing the Self",
    Stage.PARTS_IN_RELATIONSHIP: "Working with parts in the relationship",
}
SIGNS: Final[dict[Sign, str]] = {
    Sign.SCREENED: "has done the private safety check, with nothing urgent",
    Sign.CONTRACT_ACCEPTED: "agrees the guide may slow things down, interrupt and name parts",
    Sign.TIME_OUT_WORD: "knows the time-out word and how you come back",
    Sign.HOPE_AND_FEAR: "can name one hope and one fear about this work",
    Sign.OWN_PROTECTOR: "can describe their own protector's move without blame",
    Sign.CYCLE_CONFIRMED: "has confirmed their side of the cycle map",
    Sign.SEES_CYCLE_START: "can notice the cycle starting",
    Sign.U_TURN_ONE_PROMPT: "can make a U-turn with at most one reminder",
    Sign.SPEAKS_FOR_PARTS: 'turns most "you" accusations into part language',
    Sign.EARLY_TIME_OUTS: "calls time-outs early and comes back on time",
    Sign.SELF_TOWARD_PARTS: "mostly feels curious or warm toward their own and the other's parts",
    Sign.REFLECTS_PARTNERS_PART: "can reflect the other's part without reacting",
    Sign.COMPASSION_RISING: "shows more care and compassion in dialogues",
    Sign.GOALS_MET: "sees your goals met or holding",
    Sign.RELIABLE_IMPROVEMENT: "shows a reliable improvement on the measures",
    Sign.MAINTENANCE_PLAN: "has a plan for keeping it up",
}
U_TURN_PROMPTS: Final[dict[u_turn.Step, str]] = {
    u_turn.Step.TRIGGER_NOTICED: "What did you say, or were about to say? Write it as it came.",
    u_turn.Step.PAUSE: "Take one slow breath before anything else.",
    u_turn.Step.TURN_INWARD: (
        "Turn your attention inside. What do you notice in your body? What's the urge?"
    ),
    u_turn.Step.FIND_PART: (
        'Which part of you reacted? Give it a name, like "a part that wants to be right".'
    ),
    u_turn.Step.LISTEN: "Briefly, what is it afraid of, or what does it need?",
    u_turn.Step.UNBLEND: "Ask it for a little room. How do you feel toward it now?",
    u_turn.Step.RETURN: (
        'Now say it again, for the part: "A part of me…", what it feels or fears, what '
        "happened in plain words, and what it needs. Own any impact."
    ),
    u_turn.Step.PARTNER_RECEIVES: "Your partner can say back what they heard.",
    u_turn.Step.TIMEOUT: "Time-out. Come back when you're ready; you'll be at the same step.",
    u_turn.Step.DONE: "Done. Well turned.",
    u_turn.Step.ABANDONED: "Stopped here.",
}
U_TURN_BUTTONS: Final[dict[u_turn.Move, str]] = {
    u_turn.Move.NOTICE: "That's what came out",
    u_turn.Move.BREATHE: "I've taken a breath",
    u_turn.Move.NOTICE_INSIDE: "That's what I notice",
    u_turn.Move.NAME_PART: "That's the part",
    u_turn.Move.NAME_NEED: "That's what it needs",
    u_turn.Move.FEEL_TOWARD: "That's how I feel toward it",
    u_turn.Move.SPEAK_FOR: "Say it for the part",
    u_turn.Move.MIRROR: "Say back what I heard",
    u_turn.Move.SKIP_MIRROR: "Not now",
    u_turn.Move.PAUSE: "Time-out",
    u_turn.Move.RESUME: "Come back",
    u_turn.Move.ABANDON: "Stop here",
}
#: Said to the person once their first words read as blended, at the steps that follow them.
U_TURN_STARTED_BLENDED: Final = (
    "The coach read those first words as coming from a part. That's exactly what a U-turn is for."
)
#: Said to the partner who waits while the person turns inward (their words stay private).
U_TURN_PARTNER_WAITS: Final = (
    "Your partner is turning inward. Their words will show here when they speak for the part."
)
CYCLE_PROMPTS: Final[dict[cycle_map.Step, str]] = {
    cycle_map.Step.OPENING: "Think of a typical moment. What does your partner do, in plain words?",
    cycle_map.Step.FEELING: "{who}: when that happens, what happens inside you?",
    cycle_map.Step.PROTECTOR_MOVE: "{who}: and what do you do then? What does your protector do?",
    cycle_map.Step.LOOP_CHECK: (
        "Does that lead back to the start, or does the other partner react to it?"
    ),
    cycle_map.Step.REFLECT: "Here is the whole loop. Each of you checks only your own steps.",
    cycle_map.Step.EXILES: (
        "For your own steps: what vulnerable part might your move protect? "
        "(Fear of being left, of being controlled, of not being enough…) A guess is fine."
    ),
    cycle_map.Step.NAME: "Give the cycle a neutral name of your own.",
    cycle_map.Step.NAME_CHECK: "Does this name work for both of you?",
    cycle_map.Step.INVITE: "Would you like help changing this pattern?",
    cycle_map.Step.MAPPED: "Mapped. When you catch it happening, note where you caught it.",
    cycle_map.Step.PAUSED: "Paused. You'll come back to the same step.",
    cycle_map.Step.SAFETY_HOLD: "This map is paused. Take care of yourselves.",
    cycle_map.Step.ABANDONED: "This map was stopped.",
}
CYCLE_BUTTONS: Final[dict[cycle_map.Move, str]] = {
    cycle_map.Move.DESCRIBE_TRIGGER: "That's what happens",
    cycle_map.Move.DESCRIBE_FEELING: "That's what happens inside me",
    cycle_map.Move.DESCRIBE_MOVE: "That's what I do",
    cycle_map.Move.HAND_OVER: "My partner reacts to that",
    cycle_map.Move.LOOP_CLOSES: "That leads back to the start",
    cycle_map.Move.REWORD_FEELING: "Reword my feeling",
    cycle_map.Move.CONFIRM_MINE: "My steps are right",
    cycle_map.Move.GUESS_EXILE: "Note my guess",
    cycle_map.Move.EXILES_DONE: "We've guessed enough",
    cycle_map.Move.PROPOSE_NAME: "Propose this name",
    cycle_map.Move.AGREE_NAME: "That name works for me",
    cycle_map.Move.WANT_HELP: "Yes, we'd like help",
    cycle_map.Move.NOT_NOW: "Not now",
    cycle_map.Move.SIGHTED: "We caught it here",
    cycle_map.Move.PAUSE: "Pause",
    cycle_map.Move.RESUME: "Carry on",
    cycle_map.Move.ABANDON: "Stop this map",
}
